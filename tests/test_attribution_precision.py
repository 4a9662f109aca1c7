"""Constructions that are no cue of their own: a non-statement verb inside somebody's
quotation, and a clause-only verb ("found", "demonstrated") with a bare object and a
subject that is no document. Our own sentences through the installed pipeline (marked
`model`)."""

from __future__ import annotations

import pytest

from attribution_helpers import cues, rules_of
from claimtrace.extract.attribution_base import cue_lexicon


def test_statement_verbs_keep_their_link_in_a_quotation() -> None:
    links = cue_lexicon().quoted_links
    assert {"say", "tell", "announce"} <= links
    assert not links & {"pledge", "seek", "show", "think"}


@pytest.mark.model
def test_pledge_inside_a_quotation_is_quoted_words(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "“Senator Wexley has pledged to reopen the ferry pier by May, and nobody "
        "believes it,” said Orla Finch, a boat builder."
    )
    found = cues(rules_of(nlp, text))
    assert "said" in found
    assert not [c for c in found if "pledged" in c]


@pytest.mark.model
def test_named_speaker_said_inside_a_quotation_stays(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "“Mayor Quill said the ferry pier will reopen by May,” Orla Finch, a boat "
        "builder, told reporters."
    )
    assert "said" in cues(rules_of(nlp, text))


@pytest.mark.model
def test_found_a_way_is_no_cue(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The glassblowers of Pell Street have found a way to heat their kilns with sawdust."
    assert not [c for c in cues(rules_of(nlp, text)) if "found" in c]


@pytest.mark.model
def test_survey_found_an_object_is_evidence(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "A survey of ferry passengers found broad support for a later timetable."
    assert [c for c in cues(rules_of(nlp, text)) if "found" in c]


@pytest.mark.model
def test_found_that_clause_stays_a_cue(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The harbour inspectors found that the pier's pilings had rotted through."
    assert [c for c in cues(rules_of(nlp, text)) if "found" in c]
