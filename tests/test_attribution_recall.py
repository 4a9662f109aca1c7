"""Attribution recall: refusals, a subject inside the quotation, sources the parser leaves
unattached, shouted words and lemma fixes. Our own sentences through the installed pipeline
(marked `model`), plus hand-built Docs for the subject fallback."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from attribution_helpers import by_cue, rules_of
from claimtrace.extract.attribution import extract_attributions
from claimtrace.extract.attribution_base import cue_lexicon
from claimtrace.extract.attribution_subjects import orphan_subject
from claimtrace.model import Document

VOCAB = spacy.blank("en").vocab


def test_lexicon_has_refusals_and_the_hopes_fix() -> None:
    lex = cue_lexicon()
    assert {"decline", "refuse"} <= lex.refusals
    assert lex.is_cue("decline") and lex.is_cue("chant")
    assert lex.lemma_fixes["hopes"] == "hope"


def _inverted_doc() -> Doc:
    """'"We are ready," said Ann Lee.' with "Lee" hung on nothing useful (as the parser
    sometimes does): the cue has no subject child."""
    words = ['"', "We", "are", "ready", ",", '"', "said", "Ann", "Lee", "."]
    return Doc(
        VOCAB,
        words=words,
        spaces=[False, True, True, False, False, True, True, True, False, False],
        heads=[6, 2, 6, 2, 6, 6, 6, 8, 2, 6],
        deps=[
            "punct",
            "nsubj",
            "ccomp",
            "acomp",
            "punct",
            "punct",
            "ROOT",
            "compound",
            "npadvmod",
            "punct",
        ],
        pos=["PUNCT", "PRON", "AUX", "ADJ", "PUNCT", "PUNCT", "VERB", "PROPN", "PROPN", "PUNCT"],
        tags=["``", "PRP", "VBP", "JJ", ",", "''", "VBD", "NNP", "NNP", "."],
        lemmas=['"', "we", "be", "ready", ",", '"', "say", "Ann", "Lee", "."],
        sent_starts=[True] + [False] * 9,
    )


def test_orphan_subject_after_an_inverted_cue() -> None:
    doc = _inverted_doc()
    found = orphan_subject(doc[6])
    assert found is not None and found.text == "Lee"


def test_orphan_subject_only_for_a_main_clause_cue() -> None:
    doc = _inverted_doc()
    assert orphan_subject(doc[2]) is None  # "are" is no main-clause cue


def test_inverted_cue_without_a_subject_child_is_attributed() -> None:
    doc = _inverted_doc()
    result = extract_attributions(doc, Document(text=doc.text), ())
    (attribution,) = result.attributions
    assert attribution.cue is not None and attribution.cue.span.text == "said"
    assert attribution.source_span is not None and attribution.source_span.text == "Ann Lee"
    assert attribution.content.text == '"We are ready,"'


def test_subject_inside_the_quotation_is_skipped() -> None:
    """'"Nobody wants it," said Lee.' parsed with "Nobody" as a second subject of "said"."""
    words = ['"', "Nobody", "wants", "it", ",", '"', "said", "Lee", "."]
    doc = Doc(
        VOCAB,
        words=words,
        spaces=[False, True, True, False, False, True, True, False, False],
        heads=[6, 6, 1, 2, 6, 6, 6, 6, 6],
        deps=["punct", "nsubj", "relcl", "dobj", "punct", "punct", "ROOT", "nsubj", "punct"],
        pos=["PUNCT", "PRON", "VERB", "PRON", "PUNCT", "PUNCT", "VERB", "PROPN", "PUNCT"],
        tags=["``", "NN", "VBZ", "PRP", ",", "''", "VBD", "NNP", "."],
        lemmas=['"', "nobody", "want", "it", ",", '"', "say", "Lee", "."],
        sent_starts=[True] + [False] * 8,
    )
    result = extract_attributions(doc, Document(text=doc.text), ())
    (attribution,) = result.attributions
    assert attribution.source_span is not None and attribution.source_span.text == "Lee"
    assert attribution.content.text == '"Nobody wants it,"'


# --- through the installed pipeline, with our own sentences ---------------------------------


@pytest.mark.model
def test_declined_to_comment(nlp) -> None:  # type: ignore[no-untyped-def]
    result = rules_of(
        nlp, "A spokeswoman for the harbour board declined to comment on the closure."
    )
    attribution = by_cue(result, "declined")
    assert attribution.content.text == "to comment on the closure"
    assert attribution.source_span is not None
    assert attribution.source_span.text == "A spokeswoman for the harbour board"


@pytest.mark.model
def test_refused_to_say_whether(nlp) -> None:  # type: ignore[no-untyped-def]
    result = rules_of(nlp, "The minister refused to say whether the ferry tickets would cost more.")
    attribution = by_cue(result, "refused")
    assert attribution.content.text.startswith("to say whether the ferry tickets")
    assert all(a.cue is None or a.cue.span.text != "say" for a in result.attributions)


@pytest.mark.model
def test_hopes_is_a_cue(nlp) -> None:  # type: ignore[no-untyped-def]
    result = rules_of(nlp, "The festival director hopes that the rain will stop before Saturday.")
    attribution = by_cue(result, "hopes")
    assert attribution.content.text == "that the rain will stop before Saturday"


@pytest.mark.model
def test_chanted_quotation(nlp) -> None:  # type: ignore[no-untyped-def]
    result = rules_of(
        nlp, "Outside the depot, the striking drivers chanted “Fair pay now!” for an hour."
    )
    attribution = by_cue(result, "chanted")
    assert attribution.content.text == "“Fair pay now!”"
    assert attribution.source_span is not None
    assert attribution.source_span.text == "the striking drivers"


@pytest.mark.model
def test_inverted_cue_after_a_quotation_with_a_long_source(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        '"Nobody who rides this line wants it cut, it is that simple," said Mara Quill, '
        "who has driven the night bus since the 1990s and trained most of its drivers."
    )
    attribution = by_cue(rules_of(nlp, text), "said")
    assert attribution.source_span is not None
    assert attribution.source_span.text.startswith("Mara Quill")
    assert attribution.content.text.startswith('"Nobody who rides this line')
