"""Speaker labels of quote-marked and name-labelled transcripts, and verb phrases that end in
a colon before a quotation (own sentences)."""

from __future__ import annotations

import pytest

from attribution_helpers import rules_of
from claimtrace.evaluation.attribution import predicted_spans
from claimtrace.extract import quotes
from claimtrace.extract.attribution_base import paragraph_starts
from claimtrace.extract.attribution_labels import without_label_marks
from claimtrace.model import AttributionKind, AttributionResult


def triples(result: AttributionResult) -> list[tuple[str, str, str]]:
    return [
        (
            a.source_span.text if a.source_span else "",
            a.cue.span.text if a.cue else "",
            a.content.text,
        )
        for a in result.attributions
    ]


TRANSCRIPT = (
    "The host pressed the minister on the ferry budget.\n\n"
    '"HOST: Will the ferries run next winter?\n\n'
    '"MINISTER: They will. We have ordered two new hulls.\n\n'
    '"And the crews are already in training.\n\n'
    '"HOST: Thank you, minister."'
)


def test_label_marks_are_no_quotations() -> None:
    text = TRANSCRIPT
    found = quotes.find_quotes(text)
    kept = without_label_marks(text, found, paragraph_starts(text))
    label_starts = {text.index('"HOST'), text.index('"MINISTER')}
    assert any(q.start in label_starts for q in found)
    assert not any(q.start in label_starts for q in kept)


@pytest.mark.model
def test_quote_marked_transcript_turns(nlp) -> None:  # type: ignore[no-untyped-def]
    result = rules_of(nlp, TRANSCRIPT)
    found = triples(result)
    assert ("HOST", ":", "Will the ferries run next winter?") in found
    assert ("MINISTER", ":", "They will. We have ordered two new hulls.") in found
    # the turn runs on into the next quote-marked paragraph: one cue, two content pieces
    assert ("MINISTER", ":", "And the crews are already in training.") in found
    minister = text_offset(TRANSCRIPT, "MINISTER:") + len("MINISTER")
    contents = predicted_spans(result)["Content"]
    assert any(len(c) == 2 and c[0][0] > minister for c in contents)


def text_offset(text: str, needle: str) -> int:
    return text.index(needle)


@pytest.mark.model
def test_name_labels_need_a_panel(nlp) -> None:  # type: ignore[no-untyped-def]
    panel = (
        "Three reporters discussed the harbour plan.\n\n"
        "Ida Brenner: The plan is too expensive for a town this size.\n\n"
        "Tom Okafor: I disagree, the ferry pays for itself.\n\n"
        "Brenner: Only if the fares go up.\n\n"
        "Okafor: They went up last year already."
    )
    found = triples(rules_of(nlp, panel))
    assert ("Ida Brenner", ":", "The plan is too expensive for a town this size") in found
    assert ("Okafor", ":", "They went up last year already") in found
    headings = (
        "What each town needs this spring.\n\n"
        "Brenner: Fix the pier.\n\n"
        "The pier has been closed since March.\n\n"
        "Okafor: Hire more crews.\n\n"
        "The ferry service lost six pilots."
    )
    assert not any(cue == ":" for _, cue, _ in triples(rules_of(nlp, headings)))


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "source", "cue"),
    [
        (
            "The harbour master added warily: ''The pier may not hold.''",
            "The harbour master",
            "added warily:",
        ),
        ('Ida Brenner wrote back: "We will keep the ferry running."', "Ida Brenner", "wrote back:"),
        ('The skipper shot back: "Nobody asked the crews."', "The skipper", "shot back:"),
    ],
)
def test_verb_phrase_to_colon(nlp, text: str, source: str, cue: str) -> None:  # type: ignore[no-untyped-def]
    result = rules_of(nlp, text)
    quote = text[text.index(cue) + len(cue) + 1 :]
    assert (source, cue, quote) in triples(result)
    assert any(a.kind is AttributionKind.DIRECT for a in result.attributions)


@pytest.mark.model
def test_colon_after_an_addressee_keeps_the_bare_verb(nlp) -> None:  # type: ignore[no-untyped-def]
    text = 'The mayor told the crews: "Stay home tomorrow."'
    cues = [cue for _, cue, _ in triples(rules_of(nlp, text))]
    assert "told the crews:" not in cues
