"""Hedge cues: lexicon phrases, tag-checked single words, certainty ranking."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from claimtrace.extract.hedges import CERTAINTY_RANK, certainty_of, find_hedges
from claimtrace.model import Certainty, Hedge, TextSpan

VOCAB = spacy.blank("en").vocab


def make_doc(text: str, tags: list[str] | None = None) -> Doc:
    """A Doc over the space-separated words of `text`, with optional fine tags."""
    return Doc(VOCAB, words=text.split(" "), tags=tags)


def found(doc: Doc) -> list[tuple[str, Certainty]]:
    return [(hedge.span.text, hedge.certainty) for hedge in find_hedges(doc)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The convoy allegedly crossed the border", [("allegedly", Certainty.REPORTED)]),
        ("Troops reportedly left", [("reportedly", Certainty.REPORTED)]),
        ("The mayor is said to have resigned", [("is said to", Certainty.REPORTED)]),
        ("It is believed that two died", [("It is believed", Certainty.REPORTED)]),
        ("The ferry was probably late", [("probably", Certainty.PROBABLE)]),
        ("The chief is believed to be abroad", [("believed to", Certainty.PROBABLE)]),
        ("The dam appears to be cracked", [("appears to", Certainty.POSSIBLE)]),
        ("This perhaps explains it", [("perhaps", Certainty.POSSIBLE)]),
        ("The bridge was closed on Monday", []),
    ],
)
def test_phrases(sentence: str, expected: list[tuple[str, Certainty]]) -> None:
    assert found(make_doc(sentence)) == expected


def test_longest_phrase_wins() -> None:
    doc = make_doc(
        "It is likely that the river floods", ["PRP", "VBZ", "JJ", "IN", "DT", "NN", "VBZ"]
    )
    assert found(doc) == [("It is likely that", Certainty.PROBABLE)]


def test_may_is_a_hedge_only_as_a_modal() -> None:
    words = "Fans may return in May"
    doc = make_doc(words, ["NNS", "MD", "VB", "IN", "NNP"])
    hedges = find_hedges(doc)
    assert [(h.span.start, h.certainty) for h in hedges] == [(5, Certainty.POSSIBLE)]


def test_ambiguous_words_need_tags() -> None:
    assert found(make_doc("Fans could return")) == []
    tagged = make_doc("Fans could return", ["NNS", "MD", "VB"])
    assert found(tagged) == [("could", Certainty.POSSIBLE)]


def test_likely_as_adjective() -> None:
    doc = make_doc("A likely outcome", ["DT", "JJ", "NN"])
    assert found(doc) == [("likely", Certainty.PROBABLE)]


def test_sorted_by_offset_and_offsets_point_into_text() -> None:
    words = "Rebels allegedly shelled the port and may have probably left"
    doc = make_doc(words, ["NNS", "RB", "VBD", "DT", "NN", "CC", "MD", "VB", "RB", "VBN"])
    hedges = find_hedges(doc)
    assert [h.span.text for h in hedges] == ["allegedly", "may", "probably"]
    assert all(doc.text[h.span.start : h.span.end] == h.span.text for h in hedges)


def hedge(certainty: Certainty) -> Hedge:
    return Hedge(TextSpan(0, 1, "x"), certainty)


@pytest.mark.parametrize(
    ("certainties", "expected"),
    [
        ([], Certainty.CERTAIN),
        ([Certainty.PROBABLE], Certainty.PROBABLE),
        ([Certainty.PROBABLE, Certainty.POSSIBLE], Certainty.POSSIBLE),
        ([Certainty.POSSIBLE, Certainty.REPORTED, Certainty.PROBABLE], Certainty.REPORTED),
    ],
)
def test_certainty_of(certainties: list[Certainty], expected: Certainty) -> None:
    assert certainty_of(hedge(c) for c in certainties) is expected


def test_rank_covers_every_certainty() -> None:
    assert set(CERTAINTY_RANK) == set(Certainty)


@pytest.mark.model
def test_with_the_model() -> None:
    from claimtrace.nlp import load_pipeline

    nlp = load_pipeline()
    doc = nlp("The minister allegedly fled in May, and he may return; rain is likely.")
    assert found(doc) == [
        ("allegedly", Certainty.REPORTED),
        ("may", Certainty.POSSIBLE),
        ("likely", Certainty.PROBABLE),
    ]
