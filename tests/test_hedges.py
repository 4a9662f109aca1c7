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
        ("The mayor is said to have resigned", [("said", Certainty.REPORTED)]),
        ("It is believed that two died", [("believed", Certainty.REPORTED)]),
        ("The ferry was probably late", [("probably", Certainty.PROBABLE)]),
        ("The chief is believed to be abroad", [("believed", Certainty.PROBABLE)]),
        ("The dam appears to be cracked", [("appears", Certainty.POSSIBLE)]),
        ("It is not clear who won", [("not clear", Certainty.POSSIBLE)]),
        ("Voters asked whether or not taxes rise", [("whether or not", Certainty.POSSIBLE)]),
        ("This perhaps explains it", [("perhaps", Certainty.POSSIBLE)]),
        ("The bridge was closed on Monday", []),
    ],
)
def test_phrases(sentence: str, expected: list[tuple[str, Certainty]]) -> None:
    assert found(make_doc(sentence)) == expected


def test_bracketed_word_is_the_cue_and_the_rest_is_context() -> None:
    doc = make_doc(
        "It is likely that the river floods", ["PRP", "VBZ", "JJ", "IN", "DT", "NN", "VBZ"]
    )
    assert found(doc) == [("likely", Certainty.PROBABLE)]
    assert found(make_doc("The vote is expected to pass")) == [("expected", Certainty.PROBABLE)]
    assert found(make_doc("The vote passed as expected")) == []


def test_phrases_allow_stray_whitespace_between_words() -> None:
    doc = Doc(VOCAB, words=["Talks", "appear", "  ", "to", "stall"])
    assert found(doc) == [("appear", Certainty.POSSIBLE)]


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


def tagged(pairs: str) -> Doc:
    """A Doc from "word/TAG word/TAG ..." (whitespace tokens as "_/_SP")."""
    words, tags = zip(*(pair.rsplit("/", 1) for pair in pairs.split(" ")), strict=True)
    return Doc(VOCAB, words=[" " if w == "_" else w for w in words], tags=list(tags))


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        # conditions and investigations
        ("Talks/NNS resume/VBP if/IN rain/NN stops/VBZ", [("if", Certainty.POSSIBLE)]),
        ("Ferries/NNS sail/VBP unless/IN fog/NN returns/VBZ", [("unless", Certainty.POSSIBLE)]),
        ("He/PRP ran/VBD as/IN if/IN chased/VBN", []),
        ("Nobody/NN knows/VBZ whether/IN it/PRP held/VBD", [("whether", Certainty.POSSIBLE)]),
        # doxastic verbs: a belief or an expectation
        ("Officials/NNS think/VBP the/DT bridge/NN held/VBD", [("think", Certainty.PROBABLE)]),
        ("The/DT mayor/NN expects/VBZ a/DT deficit/NN", [("expects", Certainty.PROBABLE)]),
        ("Analysts/NNS predicted/VBD a/DT fall/NN", [("predicted", Certainty.PROBABLE)]),
        ("Sales/NNS rose/VBD as/IN predicted/VBN", []),
        ("The/DT pier/NN is/VBZ considered/VBN unsafe/JJ", [("considered", Certainty.PROBABLE)]),
        ("The/DT plan/NN was/VBD considered/VBN by/IN the/DT board/NN", []),
        ("She/PRP accused/VBD the/DT guard/NN", [("accused", Certainty.REPORTED)]),
        # the tag decides: "thought" the noun and "expected" the adjective are no cues
        ("A/DT thought/NN struck/VBD him/PRP", []),
        # "could not" is an inability, "could not be reached" a stock phrase
        ("Rescuers/NNS could/MD not/RB reach/VB them/PRP", []),
        ("The/DT owner/NN could/MD not/RB be/VB reached/VBN", []),
        ("The/DT roof/NN could/MD collapse/VB", [("could", Certainty.POSSIBLE)]),
        # "possible" after "as" or before "to" is about ability, not doubt
        ("Leave/VB as/RB soon/RB as/IN possible/JJ", []),
        ("It/PRP proved/VBD possible/JJ to/TO land/VB", []),
        ("A/DT possible/JJ leak/NN", [("possible", Certainty.POSSIBLE)]),
    ],
)
def test_context_rules(pairs: str, expected: list[tuple[str, Certainty]]) -> None:
    assert found(tagged(pairs)) == expected


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        ("That/DT would/MD be/VB a/DT disaster/NN", ["would"]),
        ("The/DT tax/NN would/MD surely/RB be/VB lower/JJR", ["would"]),
        ("I/PRP would/MD sell/VB", ["would"]),
        ("They/PRP would/MD have/VB to/TO leave/VB", ["would"]),
        ("Crews/NNS would/MD leave/VB if/IN asked/VBN", ["would", "if"]),
        # plain reported future and passives are no hedge
        ("He/PRP said/VBD flights/NNS would/MD resume/VB", []),
        ("Orders/NNS would/MD be/VB delayed/VBN", []),
        ("The/DT firm/NN would/MD not/RB comment/VB", []),
    ],
)
def test_would_only_when_hypothetical(pairs: str, expected: list[str]) -> None:
    assert [text for text, _ in found(tagged(pairs))] == expected


def test_will_only_in_a_conditional_sentence() -> None:
    conditional = tagged("If/IN talks/NNS fail/VBP ,/, prices/NNS will/MD rise/VB")
    plain = tagged("Prices/NNS will/MD rise/VB in/IN June/NNP")
    assert found(conditional) == [("If", Certainty.POSSIBLE), ("will", Certainty.POSSIBLE)]
    assert found(plain) == []


def test_whitespace_is_skipped_by_context_rules() -> None:
    doc = tagged("Rescuers/NNS could/MD _/_SP not/RB _/_SP reach/VB them/PRP")
    assert found(doc) == []


def test_unknown_condition_in_lexicon_is_an_error() -> None:
    from claimtrace.errors import InvalidSetting
    from claimtrace.extract.hedges import _rule

    with pytest.raises(InvalidSetting):
        _rule(Certainty.POSSIBLE, {"lower": "would", "when": "no-such-check"})


def test_phrase_needs_one_bracket_group() -> None:
    from claimtrace.errors import InvalidSetting
    from claimtrace.extract.hedges import _phrase_rule

    assert _phrase_rule(Certainty.POSSIBLE, "it [seems likely]").words == ("it", "seems", "likely")
    assert _phrase_rule(Certainty.POSSIBLE, "it [seems likely]").cue_first == 1
    with pytest.raises(InvalidSetting):
        _phrase_rule(Certainty.POSSIBLE, "[a] b [c]")


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
