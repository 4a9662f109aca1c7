"""Canonical entities: aliases, acronyms, equivalences, surnames and label corrections."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from claimtrace.extract.entities import acronym_fits, extract_entities, initials, is_acronym
from claimtrace.model import Entity

VOCAB = spacy.blank("en").vocab


def make_doc(text: str, ents: list[tuple[str, str]], lemmas: dict[str, str] | None = None) -> Doc:
    """A Doc over the space-separated words of `text`; `ents` are (phrase, label) in order."""
    words = text.split(" ")
    lemma_of = lemmas or {}
    iob = ["O"] * len(words)
    position = 0
    for phrase, label in ents:
        parts = phrase.split(" ")
        while words[position : position + len(parts)] != parts:
            position += 1
        iob[position : position + len(parts)] = [f"B-{label}"] + [f"I-{label}"] * (len(parts) - 1)
        position += len(parts)
    return Doc(VOCAB, words=words, ents=iob, lemmas=[lemma_of.get(w, w.lower()) for w in words])


def by_name(entities: tuple[Entity, ...], name: str) -> Entity:
    matches = [entity for entity in entities if name in entity.names]
    assert len(matches) == 1, [e.names for e in entities]
    return matches[0]


def test_parenthesised_acronym_and_also_known_as() -> None:
    doc = make_doc(
        "Fighters of the Coastal Defence League ( CDL ) , also known as Jaysh al-Sahil , "
        "moved north . Later the CDL withdrew .",
        [("the Coastal Defence League", "ORG"), ("Jaysh al-Sahil", "PERSON"), ("CDL", "ORG")],
    )
    entities = extract_entities(doc)
    league = by_name(entities, "CDL")
    assert league.names == ("Coastal Defence League", "CDL", "Jaysh al-Sahil")
    assert league.canonical == "Coastal Defence League"
    assert league.label == "ORG"
    assert len(league.mentions) == 4
    assert len(entities) == 1
    assert all(doc.text[m.start : m.end] == m.text for m in league.mentions)


def test_acronym_that_does_not_fit_is_not_linked() -> None:
    doc = make_doc(
        "Staff of the Coastal Defence League ( XYZ ) left .",
        [("the Coastal Defence League", "ORG")],
    )
    assert [e.names for e in extract_entities(doc)] == [("Coastal Defence League",)]


def test_bracketed_bare_acronym_joins_its_entity() -> None:
    doc = make_doc(
        "The Valley Rights Monitor ( VRM ) said so . Witnesses told the [ VRM ] more .",
        [("Valley Rights Monitor", "ORG")],
    )
    monitor = by_name(extract_entities(doc), "VRM")
    assert [m.text for m in monitor.mentions] == ["Valley Rights Monitor", "VRM", "VRM"]


def test_acronym_from_initials_without_parentheses() -> None:
    doc = make_doc(
        "The Northern Relief Agency arrived . The NRA said it stayed .",
        [("The Northern Relief Agency", "ORG"), ("NRA", "ORG")],
    )
    entities = extract_entities(doc)
    assert len(entities) == 1
    assert entities[0].names == ("Northern Relief Agency", "NRA")


def test_well_known_equivalences() -> None:
    doc = make_doc(
        "Daesh fighters fled ; the Islamic State later returned , ISIL said .",
        [("Daesh", "ORG"), ("the Islamic State", "ORG"), ("ISIL", "ORG")],
    )
    entities = extract_entities(doc)
    assert len(entities) == 1
    assert entities[0].canonical == "Islamic State"
    assert entities[0].names == ("Daesh", "Islamic State", "ISIL")


def test_surnames_merge_for_people_only() -> None:
    doc = make_doc(
        "Amira Haddad met Omar Nasser . Haddad spoke first .",
        [("Amira Haddad", "PERSON"), ("Omar Nasser", "PERSON"), ("Haddad", "PERSON")],
    )
    entities = extract_entities(doc)
    assert [e.canonical for e in entities] == ["Amira Haddad", "Omar Nasser"]
    assert len(entities[0].mentions) == 2


@pytest.mark.parametrize(
    ("text", "ents", "name", "label", "original"),
    [
        (
            "Shells hit the village of Tel Zara .",
            [("Tel Zara", "PERSON")],
            "Tel Zara",
            "GPE",
            "PERSON",
        ),
        (
            "Troops left the northern province of Amran .",
            [("Amran", "PERSON")],
            "Amran",
            "GPE",
            "PERSON",
        ),
        (
            "Convoys crossed the Qarun Desert .",
            [("Qarun Desert", "PERSON")],
            "Qarun Desert",
            "LOC",
            "PERSON",
        ),
        (
            "Snow fell on the Zagros Mountains .",
            [("Zagros Mountains", "LOC")],
            "Zagros Mountains",
            "LOC",
            None,
        ),
        (
            "Telegram news channel Harbour Voice posted it .",
            [("Telegram", "ORG"), ("Harbour Voice", "PERSON")],
            "Harbour Voice",
            "ORG",
            "PERSON",
        ),
        (
            "The clip aired on Delta News .",
            [("Delta News", "WORK_OF_ART")],
            "Delta News",
            "ORG",
            "WORK_OF_ART",
        ),
        (
            "An aide revealed to Nile Today that talks failed .",
            [("Nile Today", "FAC")],
            "Nile Today",
            "ORG",
            "FAC",
        ),
        (
            "Crowds gathered at Liberty Bridge .",
            [("Liberty Bridge", "FAC")],
            "Liberty Bridge",
            "FAC",
            None,
        ),
    ],
)
def test_context_rules_fix_labels(
    text: str, ents: list[tuple[str, str]], name: str, label: str, original: str | None
) -> None:
    doc = make_doc(text, ents, {"revealed": "reveal"})
    entity = by_name(extract_entities(doc), name)
    assert (entity.label, entity.corrected_from) == (label, original)


def test_untagged_name_after_place_noun_is_a_place() -> None:
    doc = make_doc("They reached the town of Kafr Nabl at dawn .", [])
    entity = by_name(extract_entities(doc), "Kafr Nabl")
    assert entity.label == "GPE"


def test_untagged_well_known_name() -> None:
    doc = make_doc("Daesh lost ground , the Islamic State said .", [("the Islamic State", "ORG")])
    entities = extract_entities(doc)
    assert [(e.label, e.names) for e in entities] == [("ORG", ("Daesh", "Islamic State"))]


def test_skipped_and_unmatched_weak_labels() -> None:
    doc = make_doc(
        "On Monday Rana Said sang Song of Dawn twice .",
        [("Monday", "DATE"), ("Rana Said", "PERSON"), ("Song of Dawn", "WORK_OF_ART")],
    )
    assert [e.canonical for e in extract_entities(doc)] == ["Rana Said"]


def test_weak_label_joins_a_known_name() -> None:
    doc = make_doc(
        "The Harbour Trust spoke . The Harbour Trust agreed .",
        [("The Harbour Trust", "ORG"), ("The Harbour Trust", "WORK_OF_ART")],
    )
    entities = extract_entities(doc)
    assert len(entities) == 1 and entities[0].label == "ORG" and len(entities[0].mentions) == 2


def test_ids_follow_first_mention() -> None:
    doc = make_doc(
        "Lina Kassem visited Mosul and Lina Kassem left Erbil .",
        [("Lina Kassem", "PERSON"), ("Mosul", "GPE"), ("Lina Kassem", "PERSON"), ("Erbil", "GPE")],
    )
    entities = extract_entities(doc)
    assert [(e.id, e.canonical) for e in entities] == [
        ("E1", "Lina Kassem"),
        ("E2", "Mosul"),
        ("E3", "Erbil"),
    ]


@pytest.mark.parametrize(
    ("acronym", "name", "fits"),
    [
        ("SOHR", "Syrian Observatory for Human Rights", True),
        ("UNHCR", "United Nations High Commissioner for Refugees", True),
        ("XYZ", "Coastal Defence League", False),
    ],
)
def test_acronym_fits(acronym: str, name: str, fits: bool) -> None:
    assert acronym_fits(acronym, name, frozenset({"for", "of"})) is fits


def test_helpers() -> None:
    assert is_acronym("U.S.") and is_acronym("PMU") and not is_acronym("Iraq")
    assert initials("Syrian Observatory for Human Rights", frozenset({"for"})) == "SOHR"


@pytest.mark.model
def test_with_the_model() -> None:
    from claimtrace.nlp import load_pipeline

    nlp = load_pipeline()
    doc = nlp(
        "A commander in the Coastal Defence League (CDL), also known as Jaysh al-Sahil, "
        "said the CDL had left the village of Umm Qasr. Daesh and the Islamic State are one."
    )
    entities = extract_entities(doc)
    league = by_name(entities, "Coastal Defence League")
    assert {"CDL", "Jaysh al-Sahil"} <= set(league.names)
    state = by_name(entities, "Daesh")
    assert "Islamic State" in state.names
    place = by_name(entities, "Umm Qasr")
    assert place.label == "GPE"
