"""Sentence starts at blank lines (headline, dateline and paragraphs never merge), and
closing quotation marks glued to the next word."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc
from spacy.vocab import Vocab

from claimtrace.nlp import (
    PARAGRAPH_BREAKS,
    load_pipeline,
    mark_paragraph_breaks,
    split_glued_quotes,
)


def test_token_after_blank_line_starts_a_sentence() -> None:
    words = ["Harbour", "fire", "\n\n", "Crews", "arrived", "\n", "late"]
    spaces = [True, False, False, True, False, False, False]
    doc = mark_paragraph_breaks(Doc(Vocab(), words=words, spaces=spaces))
    assert doc[3].is_sent_start is True
    assert doc[6].is_sent_start is not True  # a single line break is no paragraph


@pytest.mark.model
def test_loaded_pipeline_splits_headline_from_body() -> None:
    nlp = load_pipeline()
    assert nlp.pipe_names.index(PARAGRAPH_BREAKS) < nlp.pipe_names.index("parser")
    doc = nlp("Storm closes port: Official\n\nHARBOUR CITY - The port closed on Monday, he said.")
    assert next(sent.text.strip() for sent in doc.sents) == "Storm closes port: Official"


def test_glued_closing_quote_is_split_from_the_next_word() -> None:
    nlp = spacy.blank("en")
    text = "“The ferry was late,”Okafor said. She left.”Then"
    assert "late,”Okafor" in [token.text for token in nlp(text)]
    split_glued_quotes(nlp)
    words = [token.text for token in nlp(text)]
    assert words[4:9] == ["late", ",", "”", "Okafor", "said"]
    assert words[-4:] == ["left", ".", "”", "Then"]
    opened = [token.text for token in nlp("Okafor said,“We sail.” She added:“Soon.”")]
    assert opened[:6] == ["Okafor", "said", ",", "“", "We", "sail"]
    assert opened[-6:-2] == ["added", ":", "“", "Soon"]
    assert [token.text for token in nlp("U.S. well-known 3.5")] == [
        "U.S.",
        "well",
        "-",
        "known",
        "3.5",
    ]


@pytest.mark.model
def test_loaded_pipeline_finds_the_speaker_after_a_glued_quote() -> None:
    doc = load_pipeline()("“The ferry was late again,”Okafor said.")
    said = next(token for token in doc if token.text == "said")
    assert [child.text for child in said.children if child.dep_ == "nsubj"] == ["Okafor"]
