"""Content and source boundaries: a nominal content ends before the writer's own description
of it, no content ends on a hanging conjunction, and no source opens with "even"."""

from __future__ import annotations

import pytest
from spacy.language import Language

from attribution_helpers import by_cue, rules_of
from claimtrace.extract.attribution_trailing import content_lexicon, hanging_end, source_end


def test_lexicon_loads() -> None:
    lex = content_lexicon()
    assert "which" in lex.relatives and "a" in lex.determiners and "and" in lex.conjunctions


@pytest.mark.model
def test_relative_clause_after_a_nominal_content_is_cut(nlp: Language) -> None:
    text = "The mayor criticized the new parking plan, which the council approved in May."
    found = by_cue(rules_of(nlp, text), "criticized")
    assert found.content.text == "the new parking plan"


@pytest.mark.model
def test_apposition_after_a_nominal_content_is_cut(nlp: Language) -> None:
    text = "The senator praised Maria Lopez, a retired teacher from the valley."
    found = by_cue(rules_of(nlp, text), "praised")
    assert found.content.text == "Maria Lopez"


@pytest.mark.model
def test_clausal_content_keeps_its_relative_clause(nlp: Language) -> None:
    text = "The mayor said the town would repair the old bridge, which floods every spring."
    found = by_cue(rules_of(nlp, text), "said")
    assert found.content.text.endswith("which floods every spring")


@pytest.mark.model
def test_quoted_nominal_content_stays_whole(nlp: Language) -> None:
    text = 'The mayor criticized "the new parking plan, which nobody asked for."'
    found = by_cue(rules_of(nlp, text), "criticized")
    assert "which nobody asked for" in found.content.text


@pytest.mark.model
def test_description_holding_another_cue_stays(nlp: Language) -> None:
    text = "The mayor criticized the new parking plan, which the council said would cut traffic."
    result = rules_of(nlp, text)
    assert "which the council said" in by_cue(result, "criticized").content.text


@pytest.mark.model
def test_hanging_conjunction_is_cut(nlp: Language) -> None:
    doc = nlp("She said the plan was cheap and fast, and the board agreed.")
    content = "the plan was cheap and fast, and"
    start = doc.text.index(content)
    end = hanging_end(doc, start, start + len(content))
    assert end is not None and doc.text[start:end] == "the plan was cheap and fast"


@pytest.mark.model
def test_content_ending_on_a_word_stays(nlp: Language) -> None:
    doc = nlp("She said the plan was cheap and fast.")
    start = doc.text.index("the plan")
    assert hanging_end(doc, start, doc.text.index(".")) is None


@pytest.mark.model
def test_focusing_adverb_leaves_the_source(nlp: Language) -> None:
    text = "Even his closest friends say the plan will fail."
    found = by_cue(rules_of(nlp, text), "say")
    assert found.source_span is not None and found.source_span.text == "his closest friends"


def test_dash_closing_an_aside_joins_the_source() -> None:
    text = "Ann Roe — a teacher in town — says the school is full."
    end = text.index(" — says")
    assert source_end(text, 0, end) == end + len(" —")
    assert source_end(text, 0, text.index(" — a")) is None
