"""The single-article flow: the public `analyze` API, batching, and stage isolation."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest

import claimtrace
from claimtrace import pipeline
from claimtrace.export import render, report_to_geojson
from claimtrace.extract import claims as claims_stage
from claimtrace.extract import evidence as evidence_stage
from claimtrace.extract import places as places_stage
from claimtrace.extract import time as time_stage
from claimtrace.extract import time_and_place
from claimtrace.extract.places import destination, haversine_km
from claimtrace.ingest import load_input
from claimtrace.model import Claim, PlaceMention, PlaceRole, Report, SourceType
from claimtrace.nlp import load_pipeline

ARTICLE = (
    "Ferry service suspended after harbour crane collapse\n"
    "By Desk Editor - June 3 2024\n\n"
    "A crane collapsed onto the ferry terminal in Port Aleron on Sunday, "
    "the harbour authority said in a statement.\n\n"
    '"Two workers were injured and taken to hospital," spokesman Tomas Reyes told reporters.\n\n'
    "The operator of the crane declined to comment.\n"
)

pytestmark = pytest.mark.model


def test_analyze_returns_a_report_with_offsets() -> None:
    report = claimtrace.analyze(ARTICLE)
    assert isinstance(report, Report)
    assert report.document.published == dt.date(2024, 6, 3)
    assert report.claims
    for claim in report.claims:
        assert ARTICLE[claim.span.start : claim.span.end] == claim.span.text
    assert report.sources[0].type is SourceType.PUBLISHER
    assert report.pipeline["model"]


def test_published_argument_overrides_and_missing_date_is_stated() -> None:
    undated = ARTICLE.replace("By Desk Editor - June 3 2024\n", "")
    assert claimtrace.analyze(undated, published="2024-06-05").document.published == dt.date(
        2024, 6, 5
    )
    report = claimtrace.analyze(undated)
    assert report.document.published is None
    assert any("publication date unknown" in warning for warning in report.warnings)


def test_a_failing_stage_is_recorded_and_the_others_are_kept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*args: object, **kwargs: object) -> tuple[()]:
        raise RuntimeError("evidence exploded")

    monkeypatch.setattr(evidence_stage, "extract_evidence", broken)
    report = claimtrace.analyze(ARTICLE)
    assert [(f.stage, f.code) for f in report.failures] == [("evidence", "CT300")]
    assert "evidence exploded" in report.failures[0].message
    assert report.claims and report.attributions  # later and earlier stages still ran


def test_claims_failure_leaves_profiles_empty_not_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> tuple[()]:
        raise ValueError("bad span")

    monkeypatch.setattr(claims_stage, "extract_claims", broken)
    report = claimtrace.analyze(ARTICLE)
    assert report.claims == () and report.profiles == ()
    assert report.sources and report.attributions
    assert [f.stage for f in report.failures] == ["claims"]


def test_stage_timer_adds_seconds_per_stage_and_leaves_the_report_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    nlp = load_pipeline()
    document = load_input(ARTICLE)
    seconds: dict[str, float] = {"claims": 5.0}
    timed = pipeline.analyze_doc(nlp(document.text), document, stage_seconds=seconds)
    untimed = pipeline.analyze_doc(nlp(document.text), document)
    assert timed.claims == untimed.claims and timed.failures == ()
    expected = {"entities", "attribution", "hedges", "evidence", "responses", "claims", "time"}
    expected |= {"places", "time_and_place", "events", "assess"}
    assert set(seconds) == expected
    assert seconds["claims"] > 5.0  # added to what was there
    assert all(value > 0 for value in seconds.values())

    def broken(*args: object, **kwargs: object) -> tuple[()]:
        raise RuntimeError("evidence exploded")

    monkeypatch.setattr(evidence_stage, "extract_evidence", broken)
    failed: dict[str, float] = {}
    pipeline.analyze_doc(nlp(document.text), document, stage_seconds=failed)
    assert failed["evidence"] > 0  # a failing stage is timed too


def test_batch_analysis_matches_single_analysis() -> None:
    texts = [ARTICLE, ARTICLE.replace("Port Aleron", "Nova Lisca")]
    documents = [load_input(text) for text in texts]
    batch = list(pipeline.analyze_documents(documents, batch_size=2))
    single = [claimtrace.analyze(text) for text in texts]
    assert [r.claims for r in batch] == [r.claims for r in single]
    assert [r.sources for r in batch] == [r.sources for r in single]


# --- when and where: tests/fixtures/when_where/convoy-north-of-mosul.txt (2023-03-15) -------

CONVOY = Path(__file__).parent / "fixtures" / "when_where" / "convoy-north-of-mosul.txt"


@pytest.fixture(scope="module")
def convoy() -> Report:
    return claimtrace.analyze(CONVOY.read_text(encoding="utf-8"))


def claim_with(report: Report, *words: str) -> Claim:
    for claim in report.claims:
        if all(word in claim.span.text for word in words):
            return claim
    raise AssertionError(f"no claim contains {words}: {[c.span.text for c in report.claims]}")


def time_of(report: Report, claim: Claim) -> tuple[str, str, str | None]:
    times = {time.id: time for time in report.times}
    assert claim.time_id in times, f"{claim.id} has no time"
    time = times[claim.time_id]
    return time.span.text, time.value, claim.time_from


def place_named(report: Report, text: str) -> PlaceMention:
    for place in report.places:
        if place.span.text == text:
            return place
    raise AssertionError(f"{text!r} not among {[p.span.text for p in report.places]}")


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (("Gunmen attacked",), ("Monday", "2023-03-13", "claim")),
        (("Two drivers",), ("yesterday", "2023-03-14", "sentence")),
        (("had left",), ("Thursday, 10 March 2023", "2023-03-10", "claim")),
        (("Three houses",), ("2 March", "2023-03-02", "paragraph")),
        (("similar convoy",), ("Last month", "2023-02", "claim")),
        (("resume deliveries",), ("next week", "2023-W12", "claim")),
    ],
)
def test_claims_are_dated(
    convoy: Report, words: tuple[str, ...], expected: tuple[str, ...]
) -> None:
    assert convoy.document.published == dt.date(2023, 3, 15)
    assert time_of(convoy, claim_with(convoy, *words)) == expected


def test_date_warnings(convoy: Report) -> None:
    warnings = "\n".join(convoy.warnings)
    assert "'Thursday, 10 March 2023' names Thursday but 2023-03-10 is a Friday" in warnings
    assert "'20 March 2023' (2023-03-20) is after the publication date 2023-03-15" in warnings
    assert "next week" not in warnings  # said of the future: no inconsistency


def test_distance_north_of_a_city(convoy: Report) -> None:
    relative = place_named(convoy, "25 kilometers north of Mosul")
    assert relative.relation is not None
    mosul = next(place for place in convoy.places if place.id == relative.relation.anchor_id)
    assert mosul.span.text == "Mosul" and relative.span.end == mosul.span.end
    assert (relative.relation.distance_km, relative.relation.bearing_deg) == (25.0, 0.0)
    assert mosul.role is PlaceRole.REFERENCE and mosul.lat is not None and mosul.lon is not None
    expected = destination(mosul.lat, mosul.lon, 0.0, 25.0)
    assert relative.lat is not None and relative.lon is not None
    assert haversine_km(*expected, relative.lat, relative.lon) < 0.01
    assert relative.uncertainty_km is not None and relative.uncertainty_km >= 5.0
    assert claim_with(convoy, "Gunmen attacked").place_ids == (relative.id,)


def test_invented_place_is_kept_unresolved(convoy: Report) -> None:
    village = place_named(convoy, "Tell Qaramesh")
    assert not village.resolved and village.lat is None and village.lon is None
    assert village.role is PlaceRole.EVENT_LOCATION and village.feature == "unknown"
    assert claim_with(convoy, "had left").place_ids == (village.id,)
    collection = report_to_geojson(convoy)
    assert [m["text"] for m in collection["properties"]["unresolved"]] == ["Tell Qaramesh"]


def test_mislabelled_city_and_a_source_named_by_its_place(convoy: Report) -> None:
    erbil = place_named(convoy, "Erbil")
    assert erbil.resolved and erbil.country_code == "IQ" and erbil.relation is not None
    assert claim_with(convoy, "similar convoy").place_ids == (erbil.id,)
    assert place_named(convoy, "Tal Afar").country_code == "IQ"
    assert claim_with(convoy, "trial of three suspects").place_ids == ()  # "A court in Baghdad"


def test_convoy_renderings(convoy: Report) -> None:
    text = render(convoy, "text")
    assert '  when: 2023-03-13 ("Monday")\n' in text
    assert "  where: 25 kilometers north of Mosul (36." in text
    timeline = text[text.index("TIMELINE") : text.index("PLACES")]
    dates = re.findall(r"^  (\d{4}-\S+) \(", timeline, re.MULTILINE)
    assert dates == sorted(dates) and len(dates) >= 6
    rows = list(csv.DictReader(io.StringIO(render(convoy, "csv"))))
    row = next(row for row in rows if row["notes"].startswith("Gunmen attacked"))
    assert (row["event_date"], row["time_precision"], row["geo_precision"]) == (
        "2023-03-13",
        "day",
        "offset",
    )
    collection = json.loads(render(convoy, "geojson"))
    erbil = next(f for f in collection["features"] if f["properties"]["name"] == "Erbil")
    lon, lat = erbil["geometry"]["coordinates"]
    assert 35 < lat < 37 and 43 < lon < 45  # GeoJSON order: [lon, lat]


def test_unknown_publication_date_leaves_relative_dates_open() -> None:
    text = CONVOY.read_text(encoding="utf-8").replace("By Field Desk - March 15 2023\n", "")
    report = claimtrace.analyze(text)
    assert report.document.published is None
    monday = time_of(report, claim_with(report, "Gunmen attacked"))
    assert monday[0] == "Monday" and monday[1].startswith("X")
    assert not any("after the publication date" in warning for warning in report.warnings)


@pytest.mark.parametrize(
    ("module", "function", "stage"),
    [
        (places_stage, "extract_places", "places"),
        (time_stage, "extract_times", "time"),
        (time_and_place, "link_claims", "time_and_place"),
    ],
)
def test_a_failing_time_or_place_stage_keeps_the_rest(
    monkeypatch: pytest.MonkeyPatch, module: object, function: str, stage: str
) -> None:
    def broken(*args: object, **kwargs: object) -> tuple[()]:
        raise RuntimeError(f"{stage} exploded")

    monkeypatch.setattr(module, function, broken)
    report = claimtrace.analyze(CONVOY.read_text(encoding="utf-8"))
    assert [(f.stage, f.code) for f in report.failures] == [(stage, "CT300")]
    assert report.claims and report.sources and report.profiles
    assert bool(report.places) is (stage != "places")
    assert bool(report.times) is (stage != "time")
    linked = [claim for claim in report.claims if claim.time_id or claim.place_ids]
    assert bool(linked) is (stage != "time_and_place")
