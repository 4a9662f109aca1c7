"""Question verbs in the passive ("Asked whether ..., X said"), the question after an
active one's object, and naming verbs whose object and name the parser split up."""

from __future__ import annotations

import pytest

from attribution_helpers import by_cue, rules_of
from claimtrace.extract.attribution_base import cue_lexicon


def test_lexicon_lists_question_verbs() -> None:
    assert "ask" in cue_lexicon().questions
    assert "say" not in cue_lexicon().questions


@pytest.mark.model
def test_asked_whether_has_the_question_and_no_source_span(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Asked whether the ferry service would resume in spring, the harbour master said "
        "the repairs were nearly finished."
    )
    attribution = by_cue(rules_of(nlp, text), "Asked")
    assert attribution.content.text == "whether the ferry service would resume in spring"
    assert attribution.source_span is None


@pytest.mark.model
def test_asked_by_names_the_asker(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The orchard owner was asked by a local reporter if the frost had ruined the harvest."
    attribution = by_cue(rules_of(nlp, text), "was asked")
    assert attribution.content.text == "if the frost had ruined the harvest"
    assert attribution.source_span is not None
    assert attribution.source_span.text == "a local reporter"


@pytest.mark.model
def test_when_asked_about_takes_the_preposition(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The baker only smiled when asked about the rising price of flour."
    attribution = by_cue(rules_of(nlp, text), "asked about")
    assert attribution.content.text == "the rising price of flour"


@pytest.mark.model
def test_active_ask_keeps_the_asker_and_skips_the_person_asked(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The librarian asked the visitors whether they had seen the missing atlas."
    attribution = by_cue(rules_of(nlp, text), "asked")
    assert attribution.content.text == "whether they had seen the missing atlas"
    assert attribution.source_span is not None
    assert attribution.source_span.text == "The librarian"


@pytest.mark.model
def test_naming_verb_with_object_and_quoted_name(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The author called the stadium deal last week “a bold mistake.”"
    attribution = by_cue(rules_of(nlp, text), "called")
    assert attribution.content.text == "the stadium deal last week “a bold mistake.”"


def test_naming_content_needs_a_name() -> None:
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import Doc

    from claimtrace.extract.attribution_naming import naming_content

    words = ["She", "called", "the", "office", "twice", "."]
    heads = [1, 1, 3, 1, 1, 1]
    deps = ["nsubj", "ROOT", "det", "dobj", "advmod", "punct"]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps)
    assert naming_content(doc[1]) is None
    deps[3], deps[4] = "dobj", "oprd"
    named = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps)
    assert naming_content(named[1]) == (2, 5)
