"""The Markdown report: the text report's information with headings and tables."""

from __future__ import annotations

from ..model import SOURCE_TYPE_LABELS, Report
from .text import (
    claim_counts,
    claim_details,
    evidence_label,
    published_text,
    publisher_name,
    response_text,
    shorten,
)
from .when_where import place_groups, place_text, roles_text, time_text, timeline, undated_text


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|")


def render_markdown(report: Report) -> str:
    """The whole report as Markdown ending with a newline."""
    sections = [
        _header(report),
        _failures(report),
        _claims(report),
        _sources(report),
        _timeline(report),
        _places(report),
        _evidence(report),
        _responses(report),
        _unattributed(report),
        _warnings(report),
    ]
    return "\n\n".join("\n".join(lines) for lines in sections if lines) + "\n"


def _header(report: Report) -> list[str]:
    document = report.document
    return [
        f"# {cell(document.title or 'Untitled article')}",
        "",
        f"- **Publisher:** {cell(publisher_name(report))}",
        f"- **Published:** {published_text(report)}",
        f"- **URL:** {document.url or '(none)'}",
        f"- **Claims:** {len(report.claims)}",
        f"- **Schema version:** {report.schema_version}",
    ]


def _claims(report: Report) -> list[str]:
    lines = ["## Claims"]
    if not report.claims:
        return [*lines, "", "No claims found."]
    for claim in report.claims:
        lines += ["", f"### {claim.id}", "", f"> {cell(shorten(claim.span.text))}", ""]
        lines += ["| Field | Value |", "| --- | --- |"]
        lines += [f"| {label} | {cell(value)} |" for label, value in claim_details(report, claim)]
    return lines


def _sources(report: Report) -> list[str]:
    counts = claim_counts(report)
    lines = ["## Sources", "", "| Id | Source | Type | Role | Affiliation | Claims |"]
    lines.append("| --- | --- | --- | --- | --- | --- |")
    for source in report.sources:
        row = [
            source.id,
            source.name,
            SOURCE_TYPE_LABELS[source.type],
            source.role or "",
            source.affiliation or "",
            str(counts.get(source.id, 0)),
        ]
        lines.append("| " + " | ".join(cell(part) for part in row) + " |")
    return lines


def _timeline(report: Report) -> list[str]:
    if not report.claims:
        return []
    dated, undated = timeline(report)
    lines = ["## Timeline", "", "| When | Claim |", "| --- | --- |"]
    lines += [
        f"| {cell(time_text(time))} | **{claim.id}** {cell(shorten(claim.span.text, 100))} |"
        for time, claim in dated
    ]
    if undated:
        lines += ["", f"Not dated: {cell(undated_text(report, undated))}"]
    return lines


def _places(report: Report) -> list[str]:
    groups = place_groups(report)
    if not groups:
        return []
    lines = ["## Places", "", "| Place | Mentions | Claims |", "| --- | --- | --- |"]
    lines += [
        f"| {cell(place_text(group.first, group.uncertainty_km))} "
        f"| {cell(roles_text(group.mentions))} | {', '.join(group.claim_ids)} |"
        for group in groups
    ]
    return lines


def _evidence(report: Report) -> list[str]:
    if not report.evidence:
        return []
    lines = ["## Evidence cited", "", "| Id | Evidence | Where |", "| --- | --- | --- |"]
    lines += [
        f"| {ev.id} | {cell(evidence_label(ev))} | {cell(shorten(ev.span.text, 80))} |"
        for ev in report.evidence
    ]
    return lines


def _responses(report: Report) -> list[str]:
    if not report.responses:
        return []
    lines = ["## Responses of the parties concerned", ""]
    return lines + [f"- {cell(response_text(response))}" for response in report.responses]


def _unattributed(report: Report) -> list[str]:
    own = [claim for claim in report.claims if claim.asserted_by_publisher]
    lines = ["## Unattributed assertions", ""]
    if not own:
        return [*lines, "None."]
    return lines + [f"- **{claim.id}** {cell(shorten(claim.span.text))}" for claim in own]


def _warnings(report: Report) -> list[str]:
    if not report.warnings:
        return []
    return ["## Warnings", "", *(f"- {cell(warning)}" for warning in report.warnings)]


def _failures(report: Report) -> list[str]:
    if not report.failures:
        return []
    lines = ["## Failed stages", "", "Their results are missing from this report.", ""]
    lines += ["| Stage | Code | Message |", "| --- | --- | --- |"]
    lines += [f"| {cell(f.stage)} | {f.code} | {cell(f.message)} |" for f in report.failures]
    return lines
