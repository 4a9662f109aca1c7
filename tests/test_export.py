"""Renderings: the fact-checker's text report, Markdown, JSON data, unknown formats."""

from __future__ import annotations

import json

import pytest

from claimtrace.errors import UnsupportedFormat
from claimtrace.export import render, report_to_dict
from claimtrace.export.text import shorten, source_label
from claimtrace.model import Source, SourceType
from handmade import empty_report, rich_report

EXPECTED_C1 = """\
[C1] guards loading 12 crates onto a boat
  chain: publisher <- Harbor Watch (social-media channel) <- video (released, unverified)
  certainty: reported (hedge: "allegedly")
  evidence: video (released)
  response: port authority has yet to comment
  profile: 1 source, hedged, evidence cited
"""

EXPECTED_C2 = """\
[C2] the crates were not inspected
  chain: publisher <- Coast Daily (media outlet) <- An official (anonymous; port police)
  certainty: certain
  polarity: negative
  evidence: none cited
  response: none recorded
  profile: 2 sources, 1 anonymous
"""


def test_text_header_and_claim_blocks() -> None:
    text = render(rich_report(), "text")
    assert text.startswith(
        "CLAIMTRACE REPORT (schema 1.0)\n"
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
    for fmt in ("text", "json", "markdown"):
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
    assert "text, json, markdown" in raised.value.message


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
