"""Sourcing profiles: counts and notes from hand-built claims."""

from __future__ import annotations

from claimtrace.assess import party_name, profile_claims
from claimtrace.model import (
    AttributionResult,
    Certainty,
    ChainLink,
    Claim,
    Evidence,
    Hedge,
    Polarity,
    Response,
    ResponseKind,
    Source,
    SourceType,
    TextSpan,
)

SPAN = TextSpan(0, 4, "text")
PUBLISHER = ChainLink("Daily Test", "publisher", "S0")
SOURCES = (
    Source("S0", "Daily Test", SourceType.PUBLISHER),
    Source("S1", "Harbor Times", SourceType.MEDIA),
    Source("S2", "an informed source", SourceType.ANONYMOUS),
    Source("S3", "residents", SourceType.VAGUE),
    Source("S4", "Mara Lind", SourceType.PERSON, role="mayor"),
)
EVIDENCE = (
    Evidence("E1", "video", SPAN, ("leaked",), "S1"),
    Evidence("E2", "document", SPAN, ("verified",)),
)
RESPONSES = (Response("R1", ResponseKind.NO_COMMENT_YET, "The port authority", SPAN),)
ATTR = AttributionResult(sources=SOURCES, attributions=())


def link(sid: str) -> ChainLink:
    source = next(s for s in SOURCES if s.id == sid)
    return ChainLink(source.name, source.type.value, sid)


def claim(
    *links: ChainLink,
    certainty: Certainty = Certainty.CERTAIN,
    hedges: tuple[Hedge, ...] = (),
    evidence_ids: tuple[str, ...] = (),
    response_ids: tuple[str, ...] = (),
) -> Claim:
    return Claim(
        id="C1",
        span=SPAN,
        sentence=SPAN,
        attribution_ids=("A1",) if links else (),
        chain=(PUBLISHER, *links),
        asserted_by_publisher=not links,
        certainty=certainty,
        hedges=hedges,
        polarity=Polarity.POSITIVE,
        checkworthiness=0.5,
        evidence_ids=evidence_ids,
        response_ids=response_ids,
    )


def profile(c: Claim) -> tuple[int, int, bool, bool, tuple[str, ...], tuple[str, ...]]:
    (p,) = profile_claims([c], ATTR, EVIDENCE, RESPONSES)
    assert p.claim_id == c.id
    return (
        p.distinct_sources,
        p.anonymous_sources,
        p.hedged,
        p.evidence_cited,
        p.responses,
        p.notes,
    )


def test_anonymous_source_carried_by_an_outlet() -> None:
    hedge = Hedge(TextSpan(0, 9, "allegedly"), Certainty.REPORTED)
    c = claim(
        link("S1"),
        link("S2"),
        ChainLink("video", "evidence", evidence_id="E1", detail=("leaked",)),
        certainty=Certainty.REPORTED,
        hedges=(hedge,),
        evidence_ids=("E1",),
        response_ids=("R1",),
    )
    assert profile(c) == (
        2,
        1,
        True,
        True,
        ("no_comment_yet",),
        (
            "rests on a single anonymous source",
            "relayed by Harbor Times",
            'hedged as reported ("allegedly")',
            "evidence cited but not independently verified",
            "port authority has yet to comment",
        ),
    )


def test_publisher_assertion() -> None:
    assert profile(claim()) == (
        0,
        0,
        False,
        False,
        (),
        (
            "asserted by the publisher without attribution",
            "no response from the party concerned recorded",
        ),
    )


def test_only_unnamed_sources_and_verified_evidence() -> None:
    c = claim(link("S2"), link("S3"), link("S2"), evidence_ids=("E2",))
    distinct, unnamed, hedged, cited, _, notes = profile(c)
    assert (distinct, unnamed, hedged, cited) == (2, 2, False, True)
    assert notes[:2] == ("rests on a single vague source", "relayed by an informed source")
    assert "evidence cited but not independently verified" not in notes


def test_named_person_single_source() -> None:
    notes = profile(claim(link("S4")))[-1]
    assert notes[0] == "rests on a single source"


def test_one_profile_per_claim_in_order() -> None:
    claims = [claim(), claim(link("S4"))]
    profiles = profile_claims(claims, ATTR, EVIDENCE, RESPONSES)
    assert [p.distinct_sources for p in profiles] == [0, 1]


def test_party_name() -> None:
    assert party_name("The port authority") == "port authority"
    assert party_name("Theodor Ames") == "Theodor Ames"
