"""Stance adjectives after "be" and linking verbs, "made it clear that", "was quick to point
out", "That's according to ...", and nominal cues such as "complaints that"."""

from __future__ import annotations

import pytest

from attribution_helpers import by_cue, rules_of
from claimtrace.extract.attribution_base import cue_lexicon


def test_lexicon_lists_links_and_new_adjectives() -> None:
    assert "remain" in cue_lexicon().adjective_links
    assert "say" not in cue_lexicon().adjective_links
    assert "enamored" in cue_lexicon().adjectives
    assert "complaint" in cue_lexicon().nouns


@pytest.mark.model
def test_a_linking_verb_carries_a_stance_adjective(nlp) -> None:  # type: ignore[no-untyped-def]
    found = by_cue(
        rules_of(nlp, "The ferry captains remained wary of the new timetable."), "remained wary of"
    )
    assert found.content.text == "the new timetable"
    assert found.source_span is not None and found.source_span.text == "The ferry captains"


@pytest.mark.model
def test_a_contracted_be_links_the_adjective(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The librarian is tidy. She’s also supportive of the longer opening hours."
    found = by_cue(rules_of(nlp, text), "’s also supportive of")
    assert found.content.text == "the longer opening hours"


@pytest.mark.model
def test_made_it_clear_that(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The harbour master has made it clear that the pier will close in winter."
    found = by_cue(rules_of(nlp, text), "has made it clear")
    assert found.content.text.endswith("the pier will close in winter")
    assert rules_of(nlp, "The storm made the sky clear.").attributions == ()


@pytest.mark.model
def test_quick_to_point_out(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The organisers were quick to point out that the festival made a profit."
    found = by_cue(rules_of(nlp, text), "were quick to point out")
    assert found.content.text.endswith("the festival made a profit")


@pytest.mark.model
def test_according_to_takes_the_copula_before_it(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The club raised four thousand dollars. That’s according to the treasurer’s ledger."
    found = by_cue(rules_of(nlp, text), "’s according to")
    assert found.cue is not None and found.cue.lemma == "according to"


@pytest.mark.model
def test_complaints_that_are_a_nominal_cue(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The council ignored complaints that the new bus lane slowed deliveries."
    found = by_cue(rules_of(nlp, text), "complaints")
    assert found.content.text.endswith("the new bus lane slowed deliveries")
