"""A quotation resumed after its attribution clause is the same statement (own sentences)."""

from __future__ import annotations

import pytest

from attribution_helpers import rules_of
from claimtrace.evaluation.attribution import predicted_spans
from claimtrace.model import AttributionKind, AttributionResult


def contents_of(result: AttributionResult, cue: str) -> list[str]:
    return [a.content.text for a in result.attributions if a.cue and a.cue.span.text == cue]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "resumed"),
    [
        (
            '"The ferry will run again," the harbour master said. "We have two crews ready."',
            '"We have two crews ready."',
        ),
        (
            "“The ferry will run again,” said Ida Brenner, the harbour master, “once the storm"
            " passes.”",
            "“once the storm passes.”",
        ),
    ],
)
def test_resumed_quotation_shares_source_and_cue(nlp, text: str, resumed: str) -> None:  # type: ignore[no-untyped-def]
    result = rules_of(nlp, text)
    first, second = (a for a in result.attributions if a.cue and a.cue.span.text == "said")
    assert second.content.text == resumed and second.kind is AttributionKind.DIRECT
    assert first.content.end < second.content.start
    assert (first.source_id, first.source_span) == (second.source_id, second.source_span)


@pytest.mark.model
def test_quotation_after_another_cue_or_paragraph_is_not_resumed(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        '"The ferry will run again," the harbour master said.\n\n"Nobody told us," a driver said.'
    )
    assert contents_of(rules_of(nlp, text), "said") == [
        '"The ferry will run again,"',
        '"Nobody told us,"',
    ]
    unquoted = 'The ferry will run again, the harbour master said. "We have two crews ready."'
    assert '"We have two crews ready."' not in contents_of(rules_of(nlp, unquoted), "said")


@pytest.mark.model
def test_scorer_joins_the_pieces_of_one_cue(nlp) -> None:  # type: ignore[no-untyped-def]
    text = '"The ferry will run again," the harbour master said. "We have two crews ready."'
    spans = predicted_spans(rules_of(nlp, text))
    [content] = spans["Content"]
    assert [text[a:b] for a, b in content] == [
        '"The ferry will run again,"',
        '"We have two crews ready."',
    ]
    assert len(spans["Cue"]) == 1


@pytest.mark.model
def test_sentence_resumed_after_a_parenthetical_attribution(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The new pier, the engineers said, will need another two winters of work."
    result = rules_of(nlp, text)
    pieces = [a.content.text for a in result.attributions]
    assert pieces == ["The new pier", "will need another two winters of work"]
    assert len({a.cue for a in result.attributions}) == 1
