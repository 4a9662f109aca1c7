"""Renderings: the fact-checker's text report, Markdown, JSON data, unknown formats."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimtrace.cli import claimtrace as claimtrace_cli
from claimtrace.errors import UnsupportedFormat
from claimtrace.export import EVENT_COLUMNS, render, report_to_dict, report_to_geojson
from claimtrace.export.text import shorten, source_label
from claimtrace.export.when_where import timeline
from claimtrace.model import PlaceRelation, PlaceRole, Report, Source, SourceType, TextSpan
from handmade import empty_report, rich_report

EXPECTED_C1 = """\
[C1] guards loading 12 crates onto a boat
  chain: publisher <- Harbor Watch (social-media channel) <- video (released, unverified)
  certainty: reported (hedge: "allegedly")
  when: not stated
  where: not stated
  evidence: video (released)
  response: port authority has yet to comment
  profile: 1 source, hedged, evidence cited
"""

EXPECTED_C2 = """\
[C2] the crates were not inspected
  chain: publisher <- Coast Daily (media outlet) <- An official (anonymous; port police)
  certainty: certain
  polarity: negative
  when: not stated
  where: not stated
  evidence: none cited
  response: none recorded
  profile: 2 sources, 1 anonymous
"""


def test_text_header_and_claim_blocks() -> None:
    text = render(rich_report(), "text")
    assert text.startswith(
        "CLAIMTRACE REPORT (schema 1.2)\n"
        "title: Crates seen loaded at the harbor\n"
        "publisher: Daily Test\n"
        "published: 2023-06-05 (from metadata)\n"
        "url: https://example.org/harbor\n"
    )
    assert EXPECTED_C1 in text
    assert EXPECTED_C2 in text
    assert "  chain: publisher\n" in text  # the publisher's own assertion


def test_text_sources_unattributed_warnings_failures() -> None:
    text = render(rich_report(), "text")
    assert (
        "SOURCES (4)\n"
        "  [S0] Daily Test (publisher): asserts 1 claim itself\n"
        "  [S1] Harbor Watch (social-media channel): 1 claim\n"
        "  [S2] An official (anonymous; port police): 1 claim\n"
        "  [S3] Coast Daily (media outlet): 1 claim\n"
    ) in text
    assert (
        "UNATTRIBUTED ASSERTIONS (1)\n  [C3] A fire destroyed two warehouses in Kerrin on Monday.\n"
    ) in text
    assert text.endswith("WARNINGS\n  - a warning for the reader\n")
    failed = "FAILED STAGES (their results are missing)\n  - places: [CT300] KeyError: 'x'\n"
    assert text.index(failed) < text.index("CLAIMS (")


def test_text_of_empty_report() -> None:
    text = render(empty_report(), "text")
    assert "published: publication date unknown\n" in text
    assert "CLAIMS (0)\n" in text
    assert "  - attribution: [CT300] ValueError: boom\n" in text


def test_renderings_are_deterministic() -> None:
    for fmt in ("text", "json", "markdown", "geojson", "csv"):
        assert render(rich_report(), fmt) == render(rich_report(), fmt)


def test_markdown_tables() -> None:
    md = render(rich_report(), "markdown")
    assert md.startswith("# Crates seen loaded at the harbor\n")
    assert "### C2\n\n> the crates were not inspected\n" in md
    assert "| polarity | negative |" in md
    assert "| S2 | An official | anonymous | official | port police | 1 |" in md
    assert "| places | CT300 | KeyError: 'x' |" in md
    assert render(rich_report(), "md") == md


def test_markdown_escapes_pipes() -> None:
    report = rich_report()
    changed = report.__class__(
        document=report.document.__class__(text="x", title="A | B"), warnings=("c | d",)
    )
    md = render(changed, "markdown")
    assert "# A \\| B" in md and "- c \\| d" in md


def test_json_is_plain_and_ordered() -> None:
    report = rich_report()
    data = report_to_dict(report)
    assert list(data)[:3] == ["schema_version", "document", "pipeline"]
    assert data["document"]["published"] == "2023-06-05"
    assert data["sources"][1]["type"] == "social_media"
    assert data["claims"][0]["chain"][2]["detail"] == ["released", "unverified"]
    assert data["claims"][0]["span"] == {
        "start": report.claims[0].span.start,
        "end": report.claims[0].span.end,
        "text": "guards loading 12 crates onto a boat",
    }
    assert data["failures"] == [{"stage": "places", "code": "CT300", "message": "KeyError: 'x'"}]
    assert json.loads(render(report, "json")) == data


def test_unknown_format_is_an_input_error() -> None:
    with pytest.raises(UnsupportedFormat) as raised:
        render(rich_report(), "pdf")
    assert raised.value.code == "CT111"
    assert "text, json, markdown, geojson, csv" in raised.value.message


def test_source_label_role_and_affiliation() -> None:
    named = Source("S5", "Ana Ruiz", SourceType.PERSON, role="spokeswoman", affiliation="Navy")
    commander = Source(
        "S6", "a commander", SourceType.ANONYMOUS, role="commander", affiliation="PMU"
    )
    assert source_label(named) == "Ana Ruiz (named person; spokeswoman, Navy)"
    assert source_label(commander) == "a commander (anonymous; PMU)"


def test_shorten() -> None:
    assert shorten("a  b\n c") == "a b c"
    long = "word " * 60
    short = shorten(long)
    assert len(short) <= 200 and short.endswith("word…")


def test_outlet_affiliation_listed_under_sources_not_in_chain() -> None:
    report = rich_report()
    outlet = Source("S1", "Harbor Watch", SourceType.SOCIAL_MEDIA, affiliation="Telegram")
    changed = report.__class__(
        document=report.document,
        sources=(report.sources[0], outlet, *report.sources[2:]),
        claims=report.claims,
        evidence=report.evidence,
        responses=report.responses,
        profiles=report.profiles,
    )
    text = render(changed, "text")
    assert "  chain: publisher <- Harbor Watch (social-media channel) <- video" in text
    assert "  [S1] Harbor Watch (social-media channel): 1 claim; affiliation: Telegram\n" in text


# --- times and places -----------------------------------------------------------------------


def placed_report() -> Report:
    """The rich report plus an unresolved place, a demonym and a place located from another."""
    report = rich_report()
    kerrin = report.places[0]
    offshore = replace(
        kerrin,
        id="P2",
        span=TextSpan(0, 5, "Drone"),
        name="Drone",
        resolved=False,
        lat=41.6,
        lon=2.25,
        uncertainty_km=5.0,
        feature="unknown",
        feature_class=None,
        feature_code=None,
        relation=PlaceRelation("offset", "11 km north of Kerrin", "P1", 11.0, 0.0),
    )
    unknown = replace(
        kerrin, id="P3", span=TextSpan(6, 13, "footage"), name="footage", resolved=False
    )
    unknown = replace(unknown, lat=None, lon=None, uncertainty_km=None, feature="unknown")
    demonym = replace(kerrin, id="P4", span=TextSpan(14, 20, "posted"), role=PlaceRole.DEMONYM)
    claims = (replace(report.claims[0], place_ids=("P2",)), *report.claims[1:])
    return replace(report, claims=claims, places=(kerrin, offshore, unknown, demonym))


def test_text_when_where_timeline_and_places() -> None:
    text = render(rich_report(), "text")
    assert '  when: 2023-06-05 ("Monday")\n  where: Kerrin (populated place, ES: 41.5000' in text
    assert (
        "TIMELINE (claims by date)\n"
        '  2023-06-05 ("Monday"): [C3] A fire destroyed two warehouses in Kerrin on Monday.\n'
        "  not dated: C1, C2\n"
    ) in text
    assert (
        "PLACES (1 place, 1 mention)\n"
        "  Kerrin (populated place, ES: 41.5000, 2.2500 ±4 km)\n"
        "    event location P1; claims C3\n"
    ) in text
    assert text.index("SOURCES (") < text.index("TIMELINE") < text.index("PLACES")


def test_markdown_when_where_timeline_and_places() -> None:
    md = render(rich_report(), "markdown")
    assert '| when | 2023-06-05 ("Monday") |' in md and "| where | not stated |" in md
    assert "## Timeline\n\n| When | Claim |" in md and "Not dated: C1, C2" in md
    assert "## Places\n\n| Place | Mentions | Claims |" in md
    assert "| event location P1 | C3 |" in md


def test_timeline_orders_by_date_then_claim() -> None:
    report = rich_report()
    earlier = replace(report.times[0], id="T2", value="2023-05", start="2023-05-01")
    earlier = replace(earlier, end="2023-05-31", granularity="month")
    claims = (replace(report.claims[0], time_id="T2"), *report.claims[1:])
    dated, undated = timeline(replace(report, claims=claims, times=(*report.times, earlier)))
    assert [claim.id for _, claim in dated] == ["C1", "C3"]
    assert [claim.id for claim in undated] == ["C2"]


def test_geojson_features_and_what_has_no_point() -> None:
    collection = report_to_geojson(placed_report())
    assert collection["type"] == "FeatureCollection"
    features = {feature["id"]: feature for feature in collection["features"]}
    assert set(features) == {"P1", "P2"}
    kerrin = features["P1"]
    assert kerrin["geometry"] == {"type": "Point", "coordinates": [2.25, 41.5]}
    assert [m["id"] for m in kerrin["properties"]["mentions"]] == ["P1", "P4"]  # same place
    assert [c["id"] for c in kerrin["properties"]["claims"]] == ["C3"]
    assert kerrin["properties"]["sources"] == [
        {"id": "S0", "name": "Daily Test", "type": "publisher"}
    ]
    offshore = features["P2"]["properties"]
    assert offshore["in_gazetteer"] is False
    assert offshore["mentions"][0]["relation"] == "11 km north of Kerrin"
    assert [source["id"] for source in offshore["sources"]] == ["S1"]
    assert [m["id"] for m in collection["properties"]["unresolved"]] == ["P3"]
    assert collection["properties"]["not_locations"] == []


def test_geojson_lists_names_that_are_no_location() -> None:
    report = rich_report()
    demonym = replace(report.places[0], role=PlaceRole.DEMONYM)
    collection = report_to_geojson(replace(report, places=(demonym,)))
    assert collection["features"] == []
    assert [m["role"] for m in collection["properties"]["not_locations"]] == ["demonym"]


def test_csv_rows_follow_the_event_columns() -> None:
    rows = list(csv.reader(io.StringIO(render(placed_report(), "csv"))))
    assert tuple(rows[0]) == EVENT_COLUMNS
    records = [dict(zip(EVENT_COLUMNS, row, strict=True)) for row in rows[1:]]
    assert [record["claim_id"] for record in records] == ["C1", "C2", "C3"]
    first, _, fire = records
    assert (first["location"], first["geo_precision"], first["latitude"]) == (
        "Drone",
        "offset",
        "41.600000",
    )
    assert (first["actor1"], first["hedged"], first["source_type"]) == (
        "Harbor Watch",
        "true",
        "publisher; social_media",
    )
    assert (fire["event_date"], fire["time_precision"], fire["country"]) == (
        "2023-06-05",
        "day",
        "ES",
    )
    assert fire["actor2"] == fire["event_type"] == ""  # filled once events are extracted
    assert fire["url"] == "https://example.org/harbor"


@pytest.mark.model
@pytest.mark.parametrize("fmt", ["geojson", "csv"])
def test_cli_writes_the_new_formats(tmp_path: Path, fmt: str) -> None:
    article = tmp_path / "article.txt"
    article.write_text(
        "Flooding closes roads near Porto\nBy Desk - May 2 2024\n\n"
        "Heavy rain flooded two roads in Porto on Tuesday, the city council said.\n",
        encoding="utf-8",
    )
    out = tmp_path / f"out.{fmt}"
    result = CliRunner().invoke(
        claimtrace_cli, ["analyze", str(article), "--format", fmt, "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    written = out.read_text(encoding="utf-8")
    if fmt == "geojson":
        assert json.loads(written)["features"][0]["properties"]["name"] == "Porto"
    else:
        assert written.splitlines()[0] == ",".join(EVENT_COLUMNS)
        assert "2024-04-30" in written  # "on Tuesday" before Thursday 2 May 2024
