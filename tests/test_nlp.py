"""Sentence starts at blank lines: headline, dateline and paragraphs never merge."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from claimtrace.nlp import PARAGRAPH_BREAKS, load_pipeline, mark_paragraph_breaks


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
