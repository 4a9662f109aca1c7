"""End-to-end acceptance on the reference article in ../shared/corpus (skipped when absent)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimtrace.export import render
from claimtrace.extract.places import destination, haversine_km
from claimtrace.ingest import load_path
from claimtrace.model import (
    AttributionKind,
    Certainty,
    Claim,
    PlaceMention,
    PlaceRole,
    Report,
    ResponseKind,
    Source,
    SourceType,
    TimeExpression,
)
from claimtrace.nlp import load_pipeline
from claimtrace.pipeline import analyze_doc

SEED = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "seed-article.txt"

pytestmark = [
    pytest.mark.model,
    pytest.mark.shared,
    pytest.mark.skipif(not SEED.exists(), reason="../shared/corpus/seed-article.txt is absent"),
]


@pytest.fixture(scope="module")
def report() -> Report:
    document = load_path(SEED)
    nlp = load_pipeline()
    return analyze_doc(nlp(document.text), document, nlp)


def claim_with(report: Report, *words: str) -> Claim:
    for claim in report.claims:
        if all(word in claim.span.text for word in words):
            return claim
    raise AssertionError(f"no claim contains {words}: {[c.span.text for c in report.claims]}")


def chain_sources(report: Report, claim: Claim) -> list[Source]:
    by_id = {source.id: source for source in report.sources}
    return [by_id[link.source_id] for link in claim.chain if link.source_id in by_id]


def chain_types(report: Report, claim: Claim) -> list[SourceType]:
    return [source.type for source in chain_sources(report, claim)]


def test_published_date_from_dateline(report: Report) -> None:
    assert report.document.published is not None
    assert report.document.published.isoformat() == "2022-04-29"
    assert report.document.published_from == "dateline"


def test_video_claim(report: Report) -> None:
    claim = claim_with(report, "transfer of ISIS fighters", "Chinook")
    names = [source.name for source in chain_sources(report, claim)]
    assert any("Sabereen News" in name for name in names)
    assert SourceType.SOCIAL_MEDIA in chain_types(report, claim)
    assert claim.certainty is Certainty.REPORTED
    assert "allegedly" in [hedge.span.text.lower() for hedge in claim.hedges]
    kinds = {ev.kind for ev in report.evidence if ev.id in claim.evidence_ids}
    assert "video" in kinds


def test_birmehidi_claim_rests_on_the_report(report: Report) -> None:
    video = claim_with(report, "transfer of ISIS fighters", "Chinook")
    claim = claim_with(report, "Birmehidi")
    assert not claim.asserted_by_publisher
    video_sources = {s.id for s in chain_sources(report, video)} - {"S0"}
    assert video_sources & {s.id for s in chain_sources(report, claim)}


def test_anonymous_source_via_outlet(report: Report) -> None:
    claim = claim_with(report, "Hamrin")
    assert "Canaan" in claim.span.text or "Baquba" in claim.span.text
    sources = chain_sources(report, claim)
    assert SourceType.ANONYMOUS in [source.type for source in sources]
    outlet = [source for source in sources if source.type is SourceType.MEDIA]
    assert outlet and "Baghdad al-Yaum" in outlet[0].name
    moving = claim_with(report, "constantly")
    anonymous = {s.id for s in sources if s.type is SourceType.ANONYMOUS}
    assert anonymous & {s.id for s in chain_sources(report, moving)}


def test_commander_via_tv_with_thermal_evidence(report: Report) -> None:
    claim = claim_with(report, "thermal")
    sources = chain_sources(report, claim)
    commander = [s for s in sources if s.role and "commander" in s.role.lower()]
    assert commander and commander[0].type is SourceType.ANONYMOUS
    assert commander[0].affiliation and (
        "PMU" in commander[0].affiliation or "Popular Mobilization" in commander[0].affiliation
    )
    assert any("Al-Ahad" in s.name and s.type is SourceType.MEDIA for s in sources)
    kinds = {ev.kind for ev in report.evidence if ev.id in claim.evidence_ids}
    assert "thermal_imagery" in kinds


def test_embassy_has_yet_to_comment(report: Report) -> None:
    pending = [r for r in report.responses if r.kind is ResponseKind.NO_COMMENT_YET]
    assert pending and "embassy" in pending[0].party.lower()


def test_sohr_report_and_nested_sources(report: Report) -> None:
    sohr = [s for s in report.sources if "Syrian Observatory" in s.name or s.name == "SOHR"]
    assert sohr and sohr[0].type is SourceType.NGO
    seeing = [a for a in report.attributions if a.kind is AttributionKind.REPORTED_SEEING]
    assert seeing and seeing[0].source_id == sohr[0].id
    nested = [a for a in report.attributions if a.parent is not None]
    nested_sources = {a.source_id for a in nested}
    by_id = {s.id: s for s in report.sources}
    assert any(by_id[sid].type is SourceType.ANONYMOUS for sid in nested_sources)
    likely = claim_with(report, "likely", "transporting")
    assert likely.certainty is Certainty.PROBABLE
    assert SourceType.ANONYMOUS in chain_types(report, likely)


def test_drone_strike_asserted_by_publisher(report: Report) -> None:
    claim = claim_with(report, "drone strike")
    assert claim.asserted_by_publisher
    assert claim.chain[0].type == "publisher"
    assert len(claim.chain) == 1


def test_headline_and_vague_attributions(report: Report) -> None:
    kinds = {a.kind for a in report.attributions}
    assert AttributionKind.HEADLINE in kinds
    assert AttributionKind.NOMINAL in kinds
    vague = [s for s in report.sources if s.type is SourceType.VAGUE]
    assert vague


def test_text_rendering_shows_the_chain(report: Report) -> None:
    text = render(report, "text")
    assert "Sabereen News (social-media channel)" in text
    assert "allegedly" in text
    assert "Baghdad al-Yaum (media outlet)" in text


# --- when and where ------------------------------------------------------------------------

GEONAMES = {  # GeoNames points of the cities the article names
    "Kirkuk": (35.4681, 44.3922),
    "Baquba": (33.7466, 44.6437),
    "Deir Ezzor": (35.3359, 40.1408),
}


def time_named(report: Report, text: str) -> TimeExpression:
    for time in report.times:
        if time.span.text == text:
            return time
    raise AssertionError(f"{text!r} not among {[t.span.text for t in report.times]}")


def places_named(report: Report, text: str) -> list[PlaceMention]:
    found = [place for place in report.places if place.span.text == text]
    assert found, f"{text!r} not among {[p.span.text for p in report.places]}"
    return found


def distance_km(place: PlaceMention, point: tuple[float, float]) -> float:
    assert place.lat is not None and place.lon is not None, place
    return haversine_km(place.lat, place.lon, *point)


@pytest.mark.parametrize(
    ("text", "value", "start", "end"),
    [
        ("Last July", "2021-07", "2021-07-01", "2021-07-31"),
        ("28 April", "2022-04-28", "2022-04-28", "2022-04-28"),
        ("the past week", "P1W", "2022-04-22", "2022-04-29"),
        ("August 2017", "2017-08", "2017-08-01", "2017-08-31"),
        ("January of 2020", "2020-01", "2020-01-01", "2020-01-31"),
    ],
)
def test_seed_times(report: Report, text: str, value: str, start: str, end: str) -> None:
    time = time_named(report, text)
    assert (time.value, time.start, time.end) == (value, start, end)


@pytest.mark.parametrize(
    ("words", "when"),
    [
        (("transfer of ISIS fighters", "Chinook"), "28 April"),
        (("helicopter transfers",), "the past week"),
        (("thermal cameras",), "Last July"),
        (("Deir Ezzor multiple times",), "August 2017"),
        (("drone strike",), "January of 2020"),
    ],
)
def test_seed_claims_are_dated(report: Report, words: tuple[str, ...], when: str) -> None:
    claim = claim_with(report, *words)
    assert claim.time_id == time_named(report, when).id


def test_every_claim_whose_sentence_gives_a_time_has_one(report: Report) -> None:
    for claim in report.claims:
        given = [
            t
            for t in report.times
            if claim.sentence.start <= t.span.start and t.span.end <= claim.sentence.end
        ]
        assert bool(given) <= (claim.time_id is not None), claim.id


def test_seed_cities_resolve_near_their_geonames_points(report: Report) -> None:
    for name, point in GEONAMES.items():
        for place in places_named(report, name):
            assert distance_km(place, point) < 10, (name, place)
    kirkuk = places_named(report, "Kirkuk")[0]
    assert kirkuk.feature_class == "A" and kirkuk.feature_code == "ADM1"  # "the province of"
    assert kirkuk.role is PlaceRole.ADMIN_CONTEXT
    village = places_named(report, "Birmehidi")[0]
    assert not village.resolved and village.relation is not None
    assert village.relation.anchor_id == kirkuk.id


def test_seed_canaan_desert_lies_30_km_east_of_baquba(report: Report) -> None:
    desert = places_named(report, "Canaan Desert")[0]
    assert distance_km(desert, destination(*GEONAMES["Baquba"], 90.0, 30.0)) < 5
    assert desert.uncertainty_km is not None and desert.uncertainty_km > 0
    assert desert.relation is not None and desert.relation.kind == "offset"
    claim = claim_with(report, "helicopter transfers")
    assert desert.id in claim.place_ids


def test_seed_countries_and_demonym(report: Report) -> None:
    for name in ("Iraq", "Syria"):
        for place in places_named(report, name):
            assert place.feature == "country" and place.feature_code == "PCLI"
    iraqi = places_named(report, "Iraqi")[0]
    assert iraqi.role is PlaceRole.DEMONYM and iraqi.country_code == "IQ"
    assert all(iraqi.id not in claim.place_ids for claim in report.claims)


def test_seed_when_and_where_are_rendered(report: Report) -> None:
    text = render(report, "text")
    assert '  when: 2021-07 ("Last July"), from the sentence\n' in text
    assert "Canaan Desert (not in the gazetteer; 30 kilometers east of Baquba: 33." in text
    assert "TIMELINE (claims by date)\n" in text and "PLACES (" in text
    collection = json.loads(render(report, "geojson"))
    names = {feature["properties"]["name"] for feature in collection["features"]}
    assert {"Iraq", "Syria", "Kirkuk Governorate", "Canaan Desert", "Deir ez-Zor"} <= names
