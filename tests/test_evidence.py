"""Evidence cited: kinds, statuses, providers, and merging of repeated mentions."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from claimtrace.extract.evidence import extract_evidence
from claimtrace.model import Evidence, Source, SourceType, TextSpan

VOCAB = spacy.blank("en").vocab


def parsed(spec: str) -> Doc:
    """A hand-parsed Doc from "word|TAG|POS|dep|head lemma?" items (head: absolute index)."""
    rows = [item.split("|") for item in spec.split()]
    return Doc(
        VOCAB,
        words=[row[0] for row in rows],
        tags=[row[1] for row in rows],
        pos=[row[2] for row in rows],
        deps=[row[3] for row in rows],
        heads=[int(row[4]) for row in rows],
        lemmas=[row[5] if len(row) > 5 else row[0].lower() for row in rows],
    )


def source(doc: Doc, source_id: str, name: str) -> Source:
    start = doc.text.index(name)
    return Source(source_id, name, SourceType.MEDIA, (TextSpan(start, start + len(name), name),))


LEAKED = (
    "Leaked|VBN|VERB|amod|1|leak footage|NN|NOUN|nsubj|2 shows|VBZ|VERB|ROOT|2 "
    "tanks|NNS|NOUN|dobj|2 .|.|PUNCT|punct|2"
)
RELEASED_BY = (
    "A|DT|DET|det|1 video|NN|NOUN|nsubj|6 released|VBN|VERB|acl|1|release by|IN|ADP|agent|2 "
    "Harbour|NNP|PROPN|compound|5 Voice|NNP|PROPN|pobj|3 shows|VBZ|VERB|ROOT|6 "
    "tanks|NNS|NOUN|dobj|6 .|.|PUNCT|punct|6"
)


def test_leaked_footage_from_a_modifier() -> None:
    (item,) = extract_evidence(parsed(LEAKED), ())
    assert (item.id, item.kind, item.span.text, item.status) == (
        "V1",
        "video",
        "footage",
        ("leaked",),
    )


def test_released_by_names_the_source() -> None:
    doc = parsed(RELEASED_BY)
    (item,) = extract_evidence(
        doc, (Source("S0", "Desk", SourceType.PUBLISHER), source(doc, "S3", "Harbour Voice"))
    )
    assert item.status == ("released",)
    assert item.source_id == "S3"


def test_a_source_outside_the_phrase_is_not_the_provider() -> None:
    doc = parsed(RELEASED_BY + " Harbour|NNP|PROPN|nsubj|10 Voice|NNP|PROPN|ROOT|10")
    far = Source(
        "S4",
        "Harbour Voice",
        SourceType.MEDIA,
        (TextSpan(len(doc.text) - 13, len(doc.text), "Harbour Voice"),),
    )
    (item,) = extract_evidence(doc, (far,))
    assert item.source_id is None


def test_unverified_sentence() -> None:
    doc = parsed(
        "The|DT|DET|det|1 footage|NN|NOUN|nsubjpass|6 could|MD|AUX|aux|6 not|RB|PART|neg|6 "
        "be|VB|AUX|auxpass|6 independently|RB|ADV|advmod|6 verified|VBN|VERB|ROOT|6|verify "
        ".|.|PUNCT|punct|6"
    )
    (item,) = extract_evidence(doc, ())
    assert item.status == ("unverified",)


def test_thermal_cameras_are_not_audio() -> None:
    doc = parsed(
        "Thermal|JJ|ADJ|amod|1 cameras|NNS|NOUN|nsubj|2 recorded|VBD|VERB|ROOT|2|record "
        "helicopters|NNS|NOUN|dobj|2 .|.|PUNCT|punct|2"
    )
    assert [(e.kind, e.span.text) for e in extract_evidence(doc, ())] == [
        ("thermal_imagery", "Thermal cameras")
    ]


def test_photo_credit_is_not_evidence() -> None:
    doc = parsed(
        "Photo|NN|NOUN|compound|1 credit|NN|NOUN|ROOT|1 :|:|PUNCT|punct|1 Reuters|NNP|PROPN|appos|1"
    )
    assert extract_evidence(doc, ()) == ()


def test_residents_who_saw() -> None:
    doc = parsed(
        "Residents|NNS|NOUN|nsubj|5 who|WP|PRON|nsubj|2 saw|VBD|VERB|relcl|0|see "
        "the|DT|DET|det|4 blast|NN|NOUN|dobj|2 fled|VBD|VERB|ROOT|5|flee .|.|PUNCT|punct|5"
    )
    (item,) = extract_evidence(doc, ())
    assert (item.kind, item.span.text) == ("eyewitness", "Residents who saw")


MODEL_TEXT = (
    "Leaked video shows a convoy at the border. "
    "A video released by the Harbour Voice channel on Monday allegedly shows trucks. "
    "Satellite images and another video surfaced later. "
    "Officials have not commented on the leaked video."
)


@pytest.mark.model
def test_repeated_mentions_merge(nlp: Language) -> None:
    doc = nlp(MODEL_TEXT)
    items = extract_evidence(doc, (source(doc, "S2", "Harbour Voice"),))
    kinds = [(e.id, e.kind) for e in items]
    assert kinds == [("V1", "video"), ("V2", "satellite_imagery"), ("V3", "video")]
    first: Evidence = items[0]
    assert first.status == ("leaked", "released")
    assert first.source_id == "S2"
    assert first.span == TextSpan(7, 12, "video")
    assert len(first.mentions) == 3
    assert items[2].span.text == "video" and items[2].mentions == (items[2].span,)


@pytest.mark.model
def test_different_providers_are_different_items(nlp: Language) -> None:
    doc = nlp("Delta TV published a video of the raid. Nile Today posted a video of the flood.")
    items = extract_evidence(doc, (source(doc, "S1", "Delta TV"), source(doc, "S2", "Nile Today")))
    assert [(e.kind, e.source_id, e.status) for e in items] == [
        ("video", "S1", ("published",)),
        ("video", "S2", ("posted",)),
    ]


@pytest.mark.model
def test_documents_and_unverified_with_the_model(nlp: Language) -> None:
    doc = nlp("Leaked documents list the names. The claims could not be independently verified.")
    (item,) = extract_evidence(doc, ())
    assert (item.kind, item.status) == ("document", ("leaked",))
    doc = nlp("Unverified footage shows the raid.")
    assert extract_evidence(doc, ())[0].status == ("unverified",)
