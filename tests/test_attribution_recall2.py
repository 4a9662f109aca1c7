"""Linking "seem"/"appear": the writer's impression, with no source and a content in two
pieces (the subject and the complement). Our own sentences through the installed pipeline
(marked `model`)."""

from __future__ import annotations

import pytest

from attribution_helpers import pieces, rules_of


@pytest.mark.model
def test_seemed_ready_has_two_pieces_and_no_source(nlp) -> None:  # type: ignore[no-untyped-def]
    result = rules_of(nlp, "By Friday, the harbour board seemed ready to reopen the ferry pier.")
    assert pieces(result, "seemed") == ["ready to reopen the ferry pier", "the harbour board"]
    assert all(
        a.source_span is None for a in result.attributions if a.cue and a.cue.span.text == "seemed"
    )


@pytest.mark.model
def test_appears_to_with_modal(nlp) -> None:  # type: ignore[no-untyped-def]
    result = rules_of(
        nlp, "Seen from the hills, the old mill town can appear to be thriving again."
    )
    assert pieces(result, "can appear") == ["the old mill town", "to be thriving again"]


@pytest.mark.model
def test_appeared_on_television_is_no_cue(nlp) -> None:  # type: ignore[no-untyped-def]
    result = rules_of(nlp, "The glassblower appeared on television twice last winter.")
    assert not [a for a in result.attributions if a.cue and "appeared" in a.cue.span.text]


@pytest.mark.model
def test_made_to_seem_is_no_cue(nlp) -> None:  # type: ignore[no-untyped-def]
    result = rules_of(nlp, "The new lighting makes the narrow lane seem wider than it is.")
    assert not [a for a in result.attributions if a.cue and a.cue.span.text == "seem"]
