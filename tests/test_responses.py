"""Responses of the party concerned: denial, no comment, not yet, no reply, confirmation."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from claimtrace import analyze
from claimtrace.extract.responses import extract_responses, token_pattern
from claimtrace.model import ResponseKind

VOCAB = spacy.blank("en").vocab


def parsed(spec: str) -> Doc:
    """A hand-parsed Doc from "word|dep|head" items (head: absolute index)."""
    rows = [item.split("|") for item in spec.split()]
    return Doc(
        VOCAB,
        words=[row[0] for row in rows],
        deps=[row[1] for row in rows],
        heads=[int(row[2]) for row in rows],
    )


EMBASSY = (
    "The|det|2 harbour|compound|2 embassy|nsubj|5 in|prep|2 Tyre|pobj|3 has|ROOT|5 yet|advmod|5 "
    "to|aux|8 comment|xcomp|5 .|punct|5"
)


def test_has_yet_to_comment_with_party() -> None:
    doc = parsed(EMBASSY)
    (response,) = extract_responses(doc)
    assert response.id == "R1"
    assert response.kind is ResponseKind.NO_COMMENT_YET
    assert response.party == "harbour embassy in Tyre"
    assert response.party_span is not None
    assert doc.text[response.party_span.start : response.party_span.end] == response.party
    assert response.span.text == doc.text.rstrip()


def test_relative_pronoun_points_back_to_the_noun() -> None:
    doc = parsed(
        "The|det|1 council|nsubj|7 ,|punct|1 which|nsubj|4 declined|relcl|1 to|aux|6 "
        "comment|xcomp|4 met|ROOT|7 .|punct|7"
    )
    (response,) = extract_responses(doc)
    assert (response.kind, response.party) == (ResponseKind.DECLINED_TO_COMMENT, "council")


def test_passive_denied_is_not_a_denial() -> None:
    doc = parsed("Entry|nsubjpass|2 was|auxpass|2 denied|ROOT|2 .|punct|2")
    assert extract_responses(doc) == ()


def test_one_response_per_kind_and_sentence() -> None:
    doc = parsed(
        "They|nsubj|1 denied|ROOT|1 it|dobj|1 and|cc|1 denied|conj|1 more|dobj|4 .|punct|1"
    )
    (response,) = extract_responses(doc)
    assert (response.kind, response.party) == (ResponseKind.DENIAL, "They")


def test_pattern_syntax() -> None:
    assert token_pattern("has|have yet? to") == [
        {"LOWER": {"IN": ["has", "have"]}},
        {"LOWER": {"IN": ["yet"]}, "OP": "?"},
        {"LOWER": {"IN": ["to"]}},
    ]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "kind", "party"),
    [
        ("The port authority denied the allegations.", ResponseKind.DENIAL, "port authority"),
        (
            "A spokesman for the army rejected the claims.",
            ResponseKind.DENIAL,
            "spokesman for the army",
        ),
        (
            "The ministry declined to comment on the report.",
            ResponseKind.DECLINED_TO_COMMENT,
            "ministry",
        ),
        ("Her lawyer refused to comment.", ResponseKind.DECLINED_TO_COMMENT, "Her lawyer"),
        ("The governor has not yet commented.", ResponseKind.NO_COMMENT_YET, "governor"),
        ("The firm hasn't responded yet.", ResponseKind.NO_COMMENT_YET, "firm"),
        (
            "The mill did not respond to a request for comment.",
            ResponseKind.DID_NOT_RESPOND,
            "mill",
        ),
        (
            "Local officials could not be reached for comment.",
            ResponseKind.DID_NOT_RESPOND,
            "Local officials",
        ),
        ("The navy confirmed the strike on Friday.", ResponseKind.CONFIRMATION, "navy"),
        ("The mayor's office has not commented.", ResponseKind.NO_COMMENT_YET, "mayor's office"),
    ],
)
def test_with_the_model(nlp: Language, text: str, kind: ResponseKind, party: str) -> None:
    (response,) = extract_responses(nlp(text))
    assert (response.kind, response.party) == (kind, party)


@pytest.mark.model
def test_no_response_words(nlp: Language) -> None:
    text = "Officials confirmed that the bridge reopened. Reporters could be reached by phone."
    assert extract_responses(nlp(text)) == ()


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The coastguard was unable to confirm the report.",
        "Police could not confirm the arrests on Sunday.",
        "The company did not deny the allegations.",
        "The ministry never denied it.",
    ],
)
def test_negated_confirmation_or_denial_is_no_response(nlp: Language, text: str) -> None:
    assert extract_responses(nlp(text)) == ()


def test_negator_before_the_verb_cancels_a_confirmation() -> None:
    doc = parsed(
        "Crews|nsubj|1 were|ROOT|1 unable|acomp|1 to|aux|4 confirm|xcomp|2 the|det|6 raid|dobj|4"
    )
    doc_plain = parsed("Crews|nsubj|1 confirmed|ROOT|1 the|det|3 raid|dobj|1")
    assert extract_responses(doc) == ()
    assert [r.kind for r in extract_responses(doc_plain)] == [ResponseKind.CONFIRMATION]


@pytest.mark.model
def test_ids_in_text_order(nlp: Language) -> None:
    doc = nlp("The army denied it. The mayor declined to comment. The police had yet to respond.")
    assert [(r.id, r.kind) for r in extract_responses(doc)] == [
        ("R1", ResponseKind.DENIAL),
        ("R2", ResponseKind.DECLINED_TO_COMMENT),
        ("R3", ResponseKind.NO_COMMENT_YET),
    ]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "party"),
    [
        ("The shipping company Delta Marine denied the claims.", "Delta Marine"),
        ("The operator, Lorn Hydro, declined to comment.", "Lorn Hydro"),
        ("The construction firm Brandt Holdings denied it.", "Brandt Holdings"),
    ],
)
def test_party_is_the_name_not_its_description(nlp: Language, text: str, party: str) -> None:
    (response,) = extract_responses(nlp(text))
    assert response.party == party


TOPIC_TEXT = (
    "Engineers said the fire was caused by a faulty cable.\n\n"
    "Residents said the fire started at noon and spread to a school.\n\n"
    "The ministry has yet to comment on the cause of the fire.\n\n"
    "The school board has not responded to questions about the fire."
)


@pytest.mark.model
def test_a_response_concerns_the_claim_sharing_its_topic() -> None:
    report = analyze(TOPIC_TEXT)
    spans = {c.id: c.span.text for c in report.claims}
    linked = {
        r.party: [spans[c.id] for c in report.claims if r.id in c.response_ids]
        for r in report.responses
    }
    assert linked["ministry"] == ["the fire was caused by a faulty cable"]
    # one topic noun shared by both claims: only the nearest one before the response
    assert linked["school board"] == ["the fire started at noon and spread to a school"]


@pytest.mark.model
def test_a_denial_concerns_what_it_denies() -> None:
    text = (
        "Residents said the mill dumped waste into the river.\n\n"
        "The mill's owner denied that any waste had reached the river."
    )
    report = analyze(text)
    (denial,) = report.responses
    linked = [c.span.text for c in report.claims if denial.id in c.response_ids]
    assert linked == [
        "the mill dumped waste into the river",
        "any waste had reached the river",
    ]
