"""Cue boundaries: words at a reporting verb's edges that belong to the cue."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from attribution_helpers import rules_of
from claimtrace.extract.attribution_edges import cue_extent, edge_lexicon
from claimtrace.model import AttributionResult

VOCAB = spacy.blank("en").vocab
LEMMAS = {"began": "begin", "hated": "hate", "argued": "argue", "said": "say", "saying": "say"}


def hand_doc(words: list[str], heads: list[int], deps: list[str], pos: list[str]) -> Doc:
    lemmas = [LEMMAS.get(word, word.lower()) for word in words]
    return Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)


def extent_text(doc: Doc, start: int, end: int) -> str:
    a, b = cue_extent(doc, doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))
    return doc.text[a:b]


def test_lexicon_loads() -> None:
    lex = edge_lexicon()
    assert "both" in lex.between and "begin" in lex.matrix and "however" in lex.excluded


def test_manner_adverb_joins_the_cue() -> None:
    words = ["The", "clerk", "said", "dryly", "."]
    doc = hand_doc(
        words,
        [1, 2, 2, 2, 2],
        ["det", "nsubj", "ROOT", "advmod", "punct"],
        ["DET", "NOUN", "VERB", "ADV", "PUNCT"],
    )
    assert extent_text(doc, 2, 3) == "said dryly"


def test_linking_adverb_stays_out() -> None:
    words = ["The", "clerk", "said", "however", "."]
    doc = hand_doc(
        words,
        [1, 2, 2, 2, 2],
        ["det", "nsubj", "ROOT", "advmod", "punct"],
        ["DET", "NOUN", "VERB", "ADV", "PUNCT"],
    )
    assert extent_text(doc, 2, 3) == "said"


def test_split_auxiliary_joins_the_cue() -> None:
    words = ["They", "have", "both", "argued", "it", "."]
    doc = hand_doc(
        words,
        [3, 3, 0, 3, 3, 3],
        ["nsubj", "aux", "appos", "ROOT", "dobj", "punct"],
        ["PRON", "AUX", "PRON", "VERB", "PRON", "PUNCT"],
    )
    assert extent_text(doc, 3, 4) == "have both argued"


def test_governing_verb_joins_the_cue() -> None:
    words = ["She", "began", "by", "saying", "it", "."]
    doc = hand_doc(
        words,
        [1, 1, 1, 2, 3, 1],
        ["nsubj", "ROOT", "prep", "pcomp", "dobj", "punct"],
        ["PRON", "VERB", "ADP", "VERB", "PRON", "PUNCT"],
    )
    assert extent_text(doc, 3, 4) == "began by saying"


def test_other_governing_verb_stays_out() -> None:
    words = ["She", "hated", "saying", "it", "."]
    doc = hand_doc(
        words,
        [1, 1, 1, 2, 1],
        ["nsubj", "ROOT", "xcomp", "dobj", "punct"],
        ["PRON", "VERB", "VERB", "PRON", "PUNCT"],
    )
    assert extent_text(doc, 2, 3) == "saying"


def cues(result: AttributionResult) -> set[str]:
    return {a.cue.span.text for a in result.attributions if a.cue is not None}


@pytest.mark.model
def test_adverb_after_said_in_a_pipeline(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "“The ferry will run on time this winter,” the harbour master said cheerfully."
    result = rules_of(nlp, text)
    assert "said cheerfully" in cues(result)
    for attribution in result.attributions:
        cue, content = attribution.cue, attribution.content
        assert cue is not None and text[cue.span.start : cue.span.end] == cue.span.text
        assert cue.span.end <= content.start or content.end <= cue.span.start


@pytest.mark.model
def test_cue_never_takes_its_content(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The baker said the oven was broken again."
    result = rules_of(nlp, text)
    assert cues(result) == {"said"}
