"""End to end on whole articles written for these tests (tests/fixtures/articles/*.txt).

Each article exercises one or more attribution patterns news uses; each test checks the
chain, source types, hedges, evidence and responses that pattern should give.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from claimtrace import analyze
from claimtrace.export import render
from claimtrace.model import (
    AttributionKind,
    Certainty,
    Claim,
    Evidence,
    Report,
    Response,
    ResponseKind,
    Source,
    SourceType,
)

ARTICLES = Path(__file__).parent / "fixtures" / "articles"
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "harbour-fire.txt"

pytestmark = pytest.mark.model


def analysed(name: str) -> Report:
    return analyze((ARTICLES / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def reports() -> dict[str, Report]:
    found = {path.name: analyze(path.read_text(encoding="utf-8")) for path in ARTICLES.glob("*")}
    found["example"] = analyze(EXAMPLE.read_text(encoding="utf-8"))
    return found


def claim_with(report: Report, *words: str) -> Claim:
    for claim in report.claims:
        if all(word in claim.span.text for word in words):
            return claim
    raise AssertionError(f"no claim contains {words}: {[c.span.text for c in report.claims]}")


def chain(report: Report, claim: Claim) -> list[tuple[str, str]]:
    """The claim's chain as (label, type) pairs, the publisher first."""
    return [(link.label, link.type) for link in claim.chain]


def evidence_of(report: Report, claim: Claim) -> list[Evidence]:
    return [ev for ev in report.evidence if ev.id in claim.evidence_ids]


def responses_of(report: Report, claim: Claim) -> list[Response]:
    return [r for r in report.responses if r.id in claim.response_ids]


def source(report: Report, source_id: str) -> Source:
    return next(s for s in report.sources if s.id == source_id)


def sources_named(report: Report, name: str) -> list[Source]:
    return [s for s in report.sources if s.name == name]


def hedge_words(claim: Claim) -> list[str]:
    return [hedge.span.text.lower() for hedge in claim.hedges]


# --- a channel relays a leaked video --------------------------------------------------------


def test_channel_relays_leaked_video(reports: dict[str, Report]) -> None:
    report = reports["leaked-video-channel.txt"]
    claim = claim_with(report, "convoy of twelve armoured trucks")
    assert chain(report, claim) == [
        ("publisher", "publisher"),
        ("Frontline Echo", "social_media"),
        ("video", "evidence"),
    ]
    assert claim.chain[-1].detail[0] == "leaked" and "unverified" in claim.chain[-1].detail
    assert claim.certainty is Certainty.REPORTED and hedge_words(claim) == ["allegedly"]
    (video,) = evidence_of(report, claim)
    assert video.kind == "video" and len(video.mentions) >= 3  # headline, body, "the footage"
    assert not [s for s in report.sources if s.name.lower().endswith(("video", "footage"))]


def test_headline_evidence_rests_on_the_headline_source(reports: dict[str, Report]) -> None:
    report = reports["leaked-video-channel.txt"]
    claim = claim_with(report, "armoured trucks crossing into Vardonia")
    assert chain(report, claim)[:2] == [("publisher", "publisher"), ("Report", "document")]
    assert chain(report, claim)[-1] == ("video", "evidence")


def test_pending_comment_on_the_video_concerns_the_video_claims(
    reports: dict[str, Report],
) -> None:
    report = reports["leaked-video-channel.txt"]
    (pending,) = report.responses
    assert pending.kind is ResponseKind.NO_COMMENT_YET
    assert pending.party == "Vardonian interior ministry"
    claim = claim_with(report, "convoy of twelve armoured trucks")
    assert responses_of(report, claim) == [pending]


# --- a report cited for a location, then "the report" ---------------------------------------


def test_report_and_its_anaphora(reports: dict[str, Report]) -> None:
    report = reports["report-location.txt"]
    first = claim_with(report, "fourteen fishermen")
    location = claim_with(report, "village of Tarsk", "province of Elvora")
    later = claim_with(report, "released without charge")
    assert chain(report, first) == [
        ("publisher", "publisher"),
        ("Meridian Rights Centre", "organisation"),
    ]
    assert chain(report, location) == chain(report, first) == chain(report, later)
    kinds = {a.kind for a in report.attributions if a.id in later.attribution_ids}
    assert AttributionKind.ACCORDING_TO in kinds
    assert not sources_named(report, "report")


def test_says_headline(reports: dict[str, Report]) -> None:
    report = reports["report-location.txt"]
    claim = claim_with(report, "Detained fishermen were moved inland")
    (attribution,) = [a for a in report.attributions if a.id in claim.attribution_ids]
    assert attribution.kind is AttributionKind.HEADLINE
    assert chain(report, claim)[1] == ("rights group", "organisation")


# --- an informed source via an outlet, then "the source went on to" -------------------------


def test_informed_source_via_outlet_and_its_anaphor(reports: dict[str, Report]) -> None:
    report = reports["informed-source.txt"]
    first = claim_with(report, "all four turbines")
    then = claim_with(report, "engineers had warned")
    expected = [
        ("publisher", "publisher"),
        ("Riverside Courier", "media"),
        ("informed source", "anonymous"),
    ]
    assert chain(report, first) == chain(report, then) == expected
    went_on = [a for a in report.attributions if a.id in then.attribution_ids]
    assert went_on[0].cue is not None and went_on[0].cue.span.text == "went on to highlight"


def test_declined_to_comment_names_the_party(reports: dict[str, Report]) -> None:
    report = reports["informed-source.txt"]
    (declined,) = report.responses
    assert (declined.kind, declined.party) == (ResponseKind.DECLINED_TO_COMMENT, "Lorn Hydro")


# --- an unnamed commander via a TV channel, thermal recordings ------------------------------


def test_commander_who_asked_not_to_be_named(reports: dict[str, Report]) -> None:
    report = reports["commander-thermal.txt"]
    claim = claim_with(report, "two drones landing")
    links = chain(report, claim)
    assert links[:2] == [("publisher", "publisher"), ("Horizon TV", "media")]
    assert links[-1] == ("thermal imagery", "evidence")
    commander = source(report, claim.chain[2].source_id or "")
    assert commander.type is SourceType.ANONYMOUS and commander.role == "commander"
    assert commander.affiliation == "Northern Shield Brigade"
    assert [ev.kind for ev in evidence_of(report, claim)] == ["thermal_imagery"]
    assert not [ev for ev in report.evidence if ev.kind == "audio"]


def test_embassy_has_yet_to_comment(reports: dict[str, Report]) -> None:
    report = reports["commander-thermal.txt"]
    (pending,) = report.responses
    assert (pending.kind, pending.party) == (ResponseKind.NO_COMMENT_YET, "Castellan embassy")


# --- an old NGO report quoting unnamed sources ----------------------------------------------


def test_ngo_report_with_nested_anonymous_sources(reports: dict[str, Report]) -> None:
    report = reports["ngo-nested-sources.txt"]
    ngo = sources_named(report, "Lakeside Observatory for Human Rights")
    assert ngo and ngo[0].type is SourceType.NGO and ngo[0].affiliation is None
    seen = claim_with(report, "armed boats unloading crates")
    assert chain(report, seen)[1:] == [("Lakeside Observatory for Human Rights", "ngo")]
    nested = claim_with(report, "likely carried to a warehouse")
    assert chain(report, nested)[1:] == [
        ("Lakeside Observatory for Human Rights", "ngo"),
        ("Reliable sources", "anonymous"),
    ]
    inner = [a for a in report.attributions if a.id in nested.attribution_ids]
    parent = next(a for a in report.attributions if a.id == inner[-1].parent)
    assert parent.source_id == ngo[0].id and parent.kind is AttributionKind.DIRECT
    assert nested.certainty is Certainty.PROBABLE and hedge_words(nested) == ["likely"]


def test_unattributed_sentence_is_asserted_by_the_publisher(reports: dict[str, Report]) -> None:
    claim = claim_with(reports["ngo-nested-sources.txt"], "A storm damaged")
    assert claim.asserted_by_publisher and chain(reports["ngo-nested-sources.txt"], claim) == [
        ("publisher", "publisher")
    ]


# --- a "...: Report" headline and vague accusations -----------------------------------------


def test_headline_report_and_vague_accusations(reports: dict[str, Report]) -> None:
    report = reports["headline-accusations.txt"]
    sold = claim_with(report, "sold dredging rights twice")
    assert chain(report, sold) == [("publisher", "publisher"), ("Report", "document")]
    nominal = [a for a in report.attributions if a.kind is AttributionKind.NOMINAL]
    assert [a.content.text for a in nominal] == ["hiding losses from its own board"]
    assert source(report, nominal[0].source_id).type is SourceType.VAGUE
    paid = claim_with(report, "9 million euros")
    assert paid.asserted_by_publisher


# --- a statement, anonymous officials, a denial, a refusal ----------------------------------


def test_said_in_a_statement_names_the_speaker(reports: dict[str, Report]) -> None:
    report = reports["statement-denial.txt"]
    claim = claim_with(report, "Alder bridge would reopen")
    assert chain(report, claim) == [("publisher", "publisher"), ("Ilse Varga", "person")]
    mayor = source(report, claim.chain[1].source_id or "")
    assert mayor.role == "Mayor" and mayor.affiliation is None
    assert not [s for s in report.sources if s.name == "statement"]


def test_officials_on_condition_of_anonymity(reports: dict[str, Report]) -> None:
    report = reports["statement-denial.txt"]
    claim = claim_with(report, "2 million euros")
    (link,) = claim.chain[1:]
    assert link.type == "anonymous"


def test_company_denial_is_linked_to_the_denied_claim(reports: dict[str, Report]) -> None:
    report = reports["statement-denial.txt"]
    claim = claim_with(report, "substandard steel")
    assert chain(report, claim)[1] == ("Brandt Holdings", "organisation")
    assert source(report, claim.chain[1].source_id or "").role == "construction firm"
    (denial,) = responses_of(report, claim)
    assert (denial.kind, denial.party) == (ResponseKind.DENIAL, "Brandt Holdings")
    declined = [r for r in report.responses if r.kind is ResponseKind.DECLINED_TO_COMMENT]
    assert [r.party for r in declined] == ["city's transport agency"]
    assert not [c for c in report.claims if declined[0].id in c.response_ids]


# --- the example article --------------------------------------------------------------------


def test_example_statement_and_follow_up_quote(reports: dict[str, Report]) -> None:
    report = reports["example"]
    cause = claim_with(report, "electrical fault")
    quote = claim_with(report, "We have opened an investigation")
    assert chain(report, cause) == chain(report, quote)
    assert chain(report, cause) == [("publisher", "publisher"), ("Amira Haddad", "person")]
    assert source(report, cause.chain[1].source_id or "").role == "Governor"


def test_example_residents_via_news_site(reports: dict[str, Report]) -> None:
    report = reports["example"]
    claim = claim_with(report, "two loud explosions")
    assert claim.span.text == "they heard two loud explosions before the fire"
    assert chain(report, claim) == [
        ("publisher", "publisher"),
        ("Channel 9 news site", "media"),
        ("Residents", "anonymous"),
    ]


def test_example_channel_video(reports: dict[str, Report]) -> None:
    report = reports["example"]
    claim = claim_with(report, "smoke rising")
    assert chain(report, claim) == [
        ("publisher", "publisher"),
        ("Port Voices", "social_media"),
        ("video", "evidence"),
    ]
    assert claim.chain[-1].detail == ("shared", "unverified")
    assert hedge_words(claim) == ["allegedly"]
    (video,) = evidence_of(report, claim)
    assert video.source_id == claim.chain[1].source_id


def test_example_headline_imagery_is_evidence_not_a_source(reports: dict[str, Report]) -> None:
    report = reports["example"]
    claim = claim_with(report, "fire damage")
    assert [link.type for link in claim.chain] == ["publisher", "ngo", "evidence"]
    assert claim.chain[1].label == "Monitor" and claim.chain[2].label == "satellite imagery"
    assert not [s for s in report.sources if "images" in s.name.lower()]
    imagery = [ev for ev in report.evidence if ev.kind == "satellite_imagery"]
    assert len(imagery) == 1 and len(imagery[0].mentions) == 2


def test_example_denial_and_pending_comment(reports: dict[str, Report]) -> None:
    report = reports["example"]
    denied = claim_with(report, "vessels had been damaged")
    assert chain(report, denied)[1] == ("Delta Marine", "organisation")
    assert [(r.kind, r.party) for r in responses_of(report, denied)] == [
        (ResponseKind.DENIAL, "Delta Marine")
    ]
    pending = next(r for r in report.responses if r.kind is ResponseKind.NO_COMMENT_YET)
    concerned = [c for c in report.claims if pending.id in c.response_ids]
    assert [c.span.text for c in concerned] == [claim_with(report, "electrical fault").span.text]


def test_example_anaphoric_official_keeps_the_outlet(reports: dict[str, Report]) -> None:
    report = reports["example"]
    added = claim_with(report, "sprinklers")
    assert added.span.text.endswith('months"')
    assert chain(report, added) == chain(report, claim_with(report, "two tankers"))
    assert chain(report, added)[1] == ("Coastline Radio", "media")


def test_example_text_report_shows_the_chains(reports: dict[str, Report]) -> None:
    text = render(reports["example"], "text")
    assert "publisher <- Port Voices (social-media channel) <- video (shared, unverified)" in text
    assert "statement (vague)" not in text and "(document/report)" not in text


def test_single_article_helper() -> None:
    report = analysed("headline-accusations.txt")
    assert report.claims and report.failures == ()
