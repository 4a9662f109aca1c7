"""Claims stage: candidates, chains, certainty, polarity, check-worthiness, links."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from claimtrace.extract.checkworthiness import checkworthiness
from claimtrace.extract.claims import (
    checkworthiness_features,
    evidence_link,
    extract_claims,
    is_boilerplate,
    polarity_of,
    sentence_segments,
)
from claimtrace.extract.responses import party_keys
from claimtrace.model import (
    AttributionKind,
    AttributionResult,
    Certainty,
    ChainLink,
    Claim,
    Document,
    Evidence,
    Hedge,
    Polarity,
    Response,
    ResponseKind,
    SourceType,
    TextSpan,
)
from handmade import attribution, make_doc, publisher, source, span_of

FLOOD = (
    "Flooding|NNP||nsubj|1 destroyed|VBD|destroy|ROOT|1 40|CD||nummod|3|CARDINAL "
    "homes|NNS||dobj|1 in|IN||prep|1 Marlow|NNP||pobj|4|GPE .|.||punct|1"
)
OFFICIALS = (
    "Officials|NNS||nsubj|1 said|VBD|say|ROOT|1 the|DT||det|3 river|NN||nsubj|6 "
    "had|VBD|have|aux|6 not|RB||neg|6 reached|VBN|reach|ccomp|1 the|DT||det|8 "
    "bridge|NN||dobj|6 .|.||punct|1"
)
VIDEO = (
    "A|DT||det|1 video|NN||nsubj|7 posted|VBN|post|acl|1 by|IN||agent|2 "
    "Harbor|NNP||compound|5|ORG Watch|NNP||pobj|3|ORG allegedly|RB||advmod|7 "
    "shows|VBZ|show|ROOT|7 soldiers|NNS||dobj|7 moving|VBG|move|acl|8 "
    "12|CD||nummod|11|CARDINAL crates|NNS||dobj|9 .|.||punct|7"
)
NESTED = (
    "Harbor|NNP||compound|1|ORG Watch|NNP||nsubj|2|ORG reported|VBD|report|ROOT|2 "
    "that|IN||mark|5 residents|NNS||nsubj|5 told|VBD|tell|ccomp|2 the|DT||det|7 "
    "channel|NN||dobj|5 that|IN||mark|10 guards|NNS||nsubj|10 fired|VBD|fire|ccomp|5 "
    "at|IN||prep|10 a|DT||det|13 boat|NN||pobj|11 .|.||punct|2"
)
NO_COMMENT = (
    "The|DT||det|1 ministry|NN||nsubj|4 in|IN||prep|1 Valdoria|NNP||pobj|2|GPE "
    "has|VBZ|have|ROOT|4 yet|RB||advmod|4 to|TO||aux|7 comment|VB||xcomp|4 "
    "on|IN||prep|7 the|DT||det|10 video|NN||pobj|8 .|.||punct|4"
)
STRIKE = (
    "A|DT||det|2 drone|NN||compound|2 strike|NN||nsubj|3 killed|VBD|kill|ROOT|3 "
    "two|CD||nummod|5|CARDINAL commanders|NNS||dobj|3 near|IN||prep|3 "
    "Ostrava|NNP||pobj|6|GPE in|IN||prep|3 March|NNP||pobj|8|DATE .|.||punct|3"
)
QUESTION = "Is|VBZ|be|ROOT|0 the|DT||det|2 dam|NN||nsubj|0 safe|JJ||acomp|0 ?|.||punct|0"
HEADING = "Most|JJS||amod|1 Popular|JJ||ROOT|1"


def document_for(doc: Doc) -> Document:
    return Document(text=doc.text, publisher="Daily Test")


@pytest.fixture
def rich() -> tuple[Doc, tuple[Claim, ...]]:
    """Evidence with a hedge, a nested attribution via an outlet, a pending response."""
    doc = make_doc(VIDEO, NESTED, NO_COMMENT, STRIKE, QUESTION, "x|_SP", HEADING)
    text = doc.text
    sources = (
        publisher(),
        source(text, "S1", "Harbor Watch", SourceType.SOCIAL_MEDIA, "Harbor Watch"),
        source(text, "S2", "residents", SourceType.VAGUE, "residents"),
    )
    attributions = (
        attribution(
            text,
            "A1",
            "S1",
            "soldiers moving 12 crates",
            cue="shows",
            who="A video posted by Harbor Watch",
            kind=AttributionKind.EVIDENCE,
        ),
        attribution(
            text,
            "A2",
            "S1",
            "residents told the channel that guards fired at a boat",
            cue="reported",
            who="Harbor Watch",
        ),
        attribution(
            text,
            "A3",
            "S2",
            "guards fired at a boat",
            cue="told",
            who="residents",
            via="S1",
            parent="A2",
        ),
    )
    evidence = (Evidence("E1", "video", span_of(text, "A video"), ("released",), "S1"),)
    hedges = (Hedge(span_of(text, "allegedly"), Certainty.REPORTED),)
    responses = (
        Response(
            "R1",
            ResponseKind.NO_COMMENT_YET,
            "The ministry in Valdoria",
            span_of(text, "The ministry in Valdoria has yet to comment on the video."),
        ),
    )
    attr = AttributionResult(sources=sources, attributions=attributions)
    claims = extract_claims(doc, document_for(doc), attr, hedges, evidence, responses)
    return doc, claims


def test_candidates_in_text_order(rich: tuple[Doc, tuple[Claim, ...]]) -> None:
    _, claims = rich
    assert [c.span.text for c in claims] == [
        "soldiers moving 12 crates",
        "guards fired at a boat",
        "A drone strike killed two commanders near Ostrava in March.",
    ]
    assert [c.id for c in claims] == ["C1", "C2", "C3"]


def test_hedged_evidence_claim(rich: tuple[Doc, tuple[Claim, ...]]) -> None:
    claim = rich[1][0]
    assert claim.certainty is Certainty.REPORTED
    assert [h.span.text for h in claim.hedges] == ["allegedly"]
    assert claim.sentence.text.startswith("A video posted by")
    assert claim.chain == (
        ChainLink("Daily Test", "publisher", "S0"),
        ChainLink("Harbor Watch", "social_media", "S1"),
        ChainLink("video", "evidence", evidence_id="E1", detail=("released", "unverified")),
    )
    assert claim.evidence_ids == ("E1",)
    assert claim.response_ids == ("R1",)
    assert not claim.asserted_by_publisher


def test_nested_claim_chain_runs_outermost_first(rich: tuple[Doc, tuple[Claim, ...]]) -> None:
    claim = rich[1][1]
    assert claim.attribution_ids == ("A2", "A3")
    assert [link.source_id for link in claim.chain] == ["S0", "S1", "S2", None]
    # not hedged: the evidence (attached through its source S1) is not marked unverified
    assert claim.chain[-1].detail == ("released",)
    assert claim.certainty is Certainty.CERTAIN
    assert claim.response_ids == ("R1",)


def test_unattributed_sentence_asserted_by_publisher(rich: tuple[Doc, tuple[Claim, ...]]) -> None:
    claim = rich[1][2]
    assert claim.asserted_by_publisher
    assert claim.attribution_ids == ()
    assert claim.chain == (ChainLink("Daily Test", "publisher", "S0"),)
    assert claim.evidence_ids == () and claim.response_ids == ()
    assert claim.checkworthiness >= 0.8


def test_negated_content_and_heading_skipped() -> None:
    doc = make_doc(FLOOD, OFFICIALS, "x|_SP", HEADING)
    text = doc.text
    attr = AttributionResult(
        sources=(publisher(), source(text, "S1", "officials", SourceType.VAGUE, "Officials")),
        attributions=(
            attribution(
                text,
                "A1",
                "S1",
                "the river had not reached the bridge",
                cue="said",
                who="Officials",
            ),
        ),
    )
    claims = extract_claims(doc, document_for(doc), attr, (), (), ())
    assert [c.polarity for c in claims] == [Polarity.POSITIVE, Polarity.NEGATIVE]
    assert [c.asserted_by_publisher for c in claims] == [True, False]


def test_frame_only_content_without_nesting_is_kept() -> None:
    doc = make_doc(NESTED)
    text = doc.text
    outer = attribution(
        text, "A1", "S1", "residents told the channel that guards fired at a boat", cue="reported"
    )
    attr = AttributionResult(sources=(publisher(),), attributions=(outer,))
    claims = extract_claims(doc, document_for(doc), attr, (), (), ())
    assert [c.span.text for c in claims] == [outer.content.text]


def test_party_named_in_claim_links_response() -> None:
    doc = make_doc(
        "Valdorian|JJ||amod|1|NORP troops|NNS||nsubj|2 shelled|VBD|shell|ROOT|2 "
        "the|DT||det|4 port|NN||dobj|2 .|.||punct|2",
        "Rain|NN||nsubj|1 flooded|VBD|flood|ROOT|1 30|CD||nummod|3|CARDINAL "
        "streets|NNS||dobj|1 .|.||punct|1",
        "The|DT||det|2 Valdorian|JJ||amod|2|NORP army|NN||nsubj|3 denied|VBD|deny|ROOT|3 "
        "it|PRP||dobj|3 .|.||punct|3",
    )
    text = doc.text
    response = Response(
        "R1",
        ResponseKind.DENIAL,
        "The Valdorian army",
        span_of(text, "The Valdorian army denied it."),
    )
    attr = AttributionResult(sources=(publisher(),), attributions=())
    claims = extract_claims(doc, document_for(doc), attr, (), (), (response,))
    assert [c.span.text for c in claims] == [
        "Valdorian troops shelled the port.",
        "Rain flooded 30 streets.",
    ]
    assert [c.response_ids for c in claims] == [("R1",), ()]


def test_party_keys() -> None:
    assert party_keys("The U.S. embassy in Kerrin") == (frozenset({"US", "Kerrin"}), "embassy")
    assert party_keys("a spokesman") == (frozenset(), "spokesman")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("By Staff Reporter - June 5 2023", True),
        ("(Photo credit: Harbor Authority)", True),
        ("Image: City Archive", True),
        ("Most Read", True),
        ("Is the bridge open?", True),
        ("The bridge reopened on Monday after 3 days.", False),
        ("By noon, 200 people had left the town.", False),
    ],
)
def test_boilerplate(text: str, expected: bool) -> None:
    assert is_boilerplate(text) is expected


def test_segments_split_at_paragraph_breaks() -> None:
    doc = make_doc(
        "By|IN Staff|NNP -|HYPH May|NNP||||DATE 2|CD||||DATE 2023|CD||||DATE x|_SP "
        "Floods|NNS||nsubj|8 destroyed|VBD|destroy|ROOT|8 3|CD||nummod|10|CARDINAL "
        "farms|NNS||dobj|8 .|.||punct|8"
    )
    assert [s.text for s in sentence_segments(doc)] == [
        "By Staff - May 2 2023",
        "Floods destroyed 3 farms.",
    ]
    attr = AttributionResult(sources=(publisher(),), attributions=())
    claims = extract_claims(doc, document_for(doc), attr, (), (), ())
    assert [c.span.text for c in claims] == ["Floods destroyed 3 farms."]


def test_quoted_promise_is_a_claim_with_low_checkworthiness() -> None:
    doc = make_doc(
        "“|`` We|PRP||nsubj|3 will|MD||aux|3 publish|VB||ROOT|3 the|DT||det|5 "
        "findings|NNS||dobj|3 ,|, ”|'' the|DT||det|9 mayor|NN||nsubj|10 said|VBD|say|ccomp|3 .|."
    )
    text = doc.text
    attr = AttributionResult(
        sources=(publisher(),),
        attributions=(
            attribution(text, "A1", "S1", "We will publish the findings", cue="said", who="mayor"),
        ),
    )
    claims = extract_claims(doc, document_for(doc), attr, (), (), ())
    assert len(claims) == 1
    assert claims[0].checkworthiness < 0.1
    assert claims[0].chain == (ChainLink("Daily Test", "publisher", "S0"),)  # S1 unknown


def test_checkworthiness_features_and_order() -> None:
    event = make_doc(FLOOD)
    promise = make_doc("We|PRP||nsubj|2 will|MD||aux|2 rebuild|VB||ROOT|2 .|.")
    assert checkworthiness_features(event[:], event[:]) == {
        "number",
        "named_entity",
        "event_verb",
        "past_tense",
    }
    assert checkworthiness_features(promise[:], promise[:]) == {"future", "first_person", "short"}
    assert checkworthiness(event[:], event[:]) > 0.7 > checkworthiness(promise[:], promise[:])


def test_polarity_of_no_and_deny() -> None:
    no_one = make_doc("No|DT||det|1 soldiers|NNS||nsubj|2 died|VBD|die|ROOT|2 .|.")
    denial = make_doc("Officials|NNS||nsubj|1 denied|VBD|deny|ROOT|1 it|PRP||dobj|1 .|.")
    plain = make_doc("Soldiers|NNS||nsubj|1 died|VBD|die|ROOT|1 .|.")
    assert polarity_of(no_one[:]) is Polarity.NEGATIVE
    assert polarity_of(denial[:]) is Polarity.NEGATIVE
    assert polarity_of(plain[:]) is Polarity.POSITIVE


@pytest.mark.model
def test_model_parsed_article_of_our_own() -> None:
    from claimtrace.nlp import load_pipeline

    nlp = load_pipeline()
    text = (
        "By Staff Reporter - June 5 2023\n\n(Photo credit: Harbor Authority)\n\n"
        "Flooding destroyed 40 homes in the town of Marlow on Tuesday. Is the dam safe?\n\n"
        "Top Stories"
    )
    doc = nlp(text)
    attr = AttributionResult(sources=(publisher(),), attributions=())
    claims = extract_claims(doc, Document(text=text), attr, (), (), ())
    assert [c.span.text for c in claims] == [
        "Flooding destroyed 40 homes in the town of Marlow on Tuesday."
    ]
    assert claims[0].asserted_by_publisher and claims[0].checkworthiness > 0.7


def test_evidence_link_detail() -> None:
    span = span_of("a video", "video")
    leaked = Evidence("E1", "video", span, ("leaked", "released"))
    verified = Evidence("E2", "satellite_imagery", span, ("verified",))
    assert evidence_link(leaked, Certainty.REPORTED).detail == ("leaked", "unverified")
    assert evidence_link(leaked, Certainty.CERTAIN).detail == ("leaked",)
    assert evidence_link(verified, Certainty.REPORTED) == ChainLink(
        "satellite imagery", "evidence", evidence_id="E2", detail=("verified",)
    )


def test_evidence_mentions_link_claim_and_response() -> None:
    doc = make_doc(STRIKE, NO_COMMENT)
    text = doc.text
    video = Evidence("E1", "video", span_of(text, "strike"), (), None, (span_of(text, "strike"),))
    response = Response(
        "R1",
        ResponseKind.NO_COMMENT_YET,
        "The ministry in Valdoria",
        span_of(text, NO_COMMENT_TEXT),
    )
    attr = AttributionResult(sources=(publisher(),), attributions=())
    (claim,) = extract_claims(doc, document_for(doc), attr, (), (video,), (response,))
    assert claim.evidence_ids == ("E1",) and claim.response_ids == ("R1",)
    elsewhere = Evidence("E1", "photo", span_of(text, "video"))
    (claim,) = extract_claims(doc, document_for(doc), attr, (), (elsewhere,), (response,))
    assert claim.evidence_ids == () and claim.response_ids == ()


NO_COMMENT_TEXT = "The ministry in Valdoria has yet to comment on the video."


def test_content_clipped_at_heading_and_leading_that() -> None:
    doc = make_doc(
        "Officials|NNS||nsubj|1 said|VBD|say|ROOT|1 that|IN||mark|5 floods|NNS||nsubj|5 "
        "had|VBD|have|aux|5 destroyed|VBN|destroy|ccomp|1 3|CD||nummod|7|CARDINAL "
        "farms|NNS||dobj|5 .|.||punct|1",
        "x|_SP",
        HEADING,
    )
    text = doc.text
    content = "that floods had destroyed 3 farms.\n\nMost Popular"
    attr = AttributionResult(
        sources=(publisher(), source(text, "S1", "officials", SourceType.VAGUE, "Officials")),
        attributions=(attribution(text, "A1", "S1", content, cue="said", who="Officials"),),
    )
    (claim,) = extract_claims(doc, document_for(doc), attr, (), (), ())
    assert claim.span.text == "floods had destroyed 3 farms."
    assert claim.attribution_ids == ("A1",)


def test_attributions_sharing_a_span_share_their_children() -> None:
    doc = make_doc(NESTED)
    text = doc.text
    outer = "residents told the channel that guards fired at a boat"
    attr = AttributionResult(
        sources=(
            publisher(),
            source(text, "S1", "Harbor Watch", SourceType.SOCIAL_MEDIA, "Harbor Watch"),
            source(text, "S2", "residents", SourceType.VAGUE, "residents"),
        ),
        attributions=(
            attribution(text, "A1", "S1", outer, cue="reported", who="Harbor Watch"),
            attribution(text, "A2", "S1", outer, kind=AttributionKind.DIRECT, parent="A1"),
            attribution(
                text, "A3", "S2", "guards fired at a boat", cue="told", who="residents", parent="A1"
            ),
        ),
    )
    claims = extract_claims(doc, document_for(doc), attr, (), (), ())
    assert [c.span.text for c in claims] == ["guards fired at a boat"]
    assert claims[0].attribution_ids == ("A1", "A2", "A3")
    assert [link.label for link in claims[0].chain] == ["Daily Test", "Harbor Watch", "residents"]


def test_claim_region_is_span_plus_attribution_frame() -> None:
    from claimtrace.extract.claims import claim_region
    from claimtrace.model import Attribution, AttributionKind, Cue, Stance, TextSpan

    text = "Witnesses told a radio station that a bridge fell, and a clip allegedly shows smoke."
    content = TextSpan(36, 49, text[36:49])
    sentence = TextSpan(0, len(text), text)
    told = Attribution(
        id="A1",
        kind=AttributionKind.INDIRECT,
        source_id="S1",
        source_span=TextSpan(0, 9, "Witnesses"),
        cue=Cue(TextSpan(10, 14, "told"), "tell", Stance.NEUTRAL),
        content=content,
    )
    region = claim_region(content, sentence, told)
    assert [(part.start, part.end) for part in region] == [(36, 49), (0, 14)]
    shows = Attribution(
        id="A2",
        kind=AttributionKind.EVIDENCE,
        source_id="S2",
        source_span=None,
        cue=Cue(TextSpan(73, 78, "shows"), "show", Stance.ASSERTIVE),
        content=TextSpan(79, 84, "smoke"),
    )
    assert claim_region(shows.content, sentence, shows)[1].start == 0
    assert claim_region(content, sentence, None) == (content,)


def test_same_paragraph_stops_at_a_blank_line() -> None:
    from claimtrace.extract.claims import same_paragraph

    text = "One line.\nSecond line.\n\nNext paragraph."
    first, second, third = TextSpan(0, 9, ""), TextSpan(10, 22, ""), TextSpan(24, 39, "")
    assert same_paragraph(text, first, second)
    assert not same_paragraph(text, first, third)


@pytest.mark.model
def test_released_evidence_backs_only_claims_of_its_paragraph() -> None:
    from claimtrace import analyze

    text = (
        "A video released by Harbour Watch shows two tankers burning near the pier, "
        "the channel said.\n\n"
        "Port officials said the pier reopened on Tuesday.\n\n"
        "Harbour Watch also said the port had cut night shifts since March."
    )
    report = analyze(text)
    video = [ev.id for ev in report.evidence]
    assert video, "the video is evidence"
    tankers = next(c for c in report.claims if "tankers" in c.span.text)
    shifts = next(c for c in report.claims if "night shifts" in c.span.text)
    assert set(video) & set(tankers.evidence_ids)
    assert not set(video) & set(shifts.evidence_ids)


@pytest.mark.model
def test_an_attribution_stating_nothing_leaves_its_sentence_a_claim() -> None:
    from claimtrace import analyze

    report = analyze("Union leader Mara Voss demanded immediate elections.")
    assert report.attributions, "the demand is still an attribution"
    (claim,) = report.claims
    assert claim.asserted_by_publisher and "demanded" in claim.span.text
    assert [event.event_type for event in report.events] == ["DEMAND"]


@pytest.mark.model
def test_a_refusal_to_speak_is_no_claim_but_a_refusal_to_act_is() -> None:
    from claimtrace import analyze

    silent = analyze("The ferry company declined to comment on the inspection report.")
    assert not silent.claims
    acting = analyze("The ferry company refused to suspend its night crossings in March.")
    assert [c for c in acting.claims if "suspend" in c.span.text]
