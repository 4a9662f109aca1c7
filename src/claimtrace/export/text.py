"""The plain-text report a fact-checker reads: claims with their chains, then sources.

Deterministic: the same Report always gives the same text, so it can be snapshot-tested.
The helpers that phrase one claim's chain, certainty, evidence and responses are shared
with the Markdown rendering.
"""

from __future__ import annotations

import re

from ..model import (
    SOURCE_TYPE_LABELS,
    ChainLink,
    Claim,
    Evidence,
    Polarity,
    Report,
    Response,
    ResponseKind,
    Source,
    SourceType,
    SourcingProfile,
)
from .events import event_text, events_of
from .when_where import (
    place_groups,
    place_text,
    roles_text,
    time_text,
    timeline,
    undated_text,
    when_text,
    where_text,
)

MAX_CLAIM_CHARS = 200
PEOPLE = frozenset({SourceType.PERSON, SourceType.ANONYMOUS})
CHAIN_ARROW = " <- "
RESPONSE_PHRASES: dict[ResponseKind, str] = {
    ResponseKind.DENIAL: "denied it",
    ResponseKind.DECLINED_TO_COMMENT: "declined to comment",
    ResponseKind.NO_COMMENT_YET: "has yet to comment",
    ResponseKind.DID_NOT_RESPOND: "did not respond",
    ResponseKind.CONFIRMATION: "confirmed it",
}


# --- phrases shared with Markdown -------------------------------------------------------


def shorten(text: str, limit: int = MAX_CLAIM_CHARS) -> str:
    """One line of at most ``limit`` characters, cut at a word with an ellipsis."""
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


def type_label(type_value: str) -> str:
    """The reader's label of a SourceType value ("social_media" -> "social-media channel")."""
    try:
        return SOURCE_TYPE_LABELS[SourceType(type_value)]
    except ValueError:
        return type_value


def source_label(source: Source) -> str:
    """'Name (type)'; people add role/affiliation: 'a commander (anonymous; PMU)'."""
    extras = person_extras(source) if source.type in PEOPLE else []
    detail = SOURCE_TYPE_LABELS[source.type] + ("; " + ", ".join(extras) if extras else "")
    return f"{source.name} ({detail})"


def person_extras(source: Source) -> list[str]:
    """Role and affiliation where the name does not already say them."""
    name = source.name.lower()
    return [part for part in (source.role, source.affiliation) if part and part.lower() not in name]


def link_label(link: ChainLink, sources: dict[str, Source]) -> str:
    """One step of a chain as the reader sees it."""
    if link.type == "publisher":
        return "publisher"
    if link.type == "evidence":
        return link.label + (f" ({', '.join(link.detail)})" if link.detail else "")
    source = sources.get(link.source_id or "")
    if source is not None:
        return source_label(source)
    return f"{link.label} ({type_label(link.type)})"


def chain_text(claim: Claim, sources: dict[str, Source]) -> str:
    return CHAIN_ARROW.join(link_label(link, sources) for link in claim.chain)


def certainty_text(claim: Claim) -> str:
    """'reported (hedge: "allegedly")'."""
    if not claim.hedges:
        return claim.certainty.value
    words = ", ".join(f'"{hedge.span.text}"' for hedge in claim.hedges)
    noun = "hedge" if len(claim.hedges) == 1 else "hedges"
    return f"{claim.certainty.value} ({noun}: {words})"


def evidence_label(ev: Evidence) -> str:
    kind = ev.kind.replace("_", " ")
    return kind + (f" ({', '.join(ev.status)})" if ev.status else "")


def response_text(response: Response) -> str:
    """'US embassy in Baghdad has yet to comment'."""
    party = response.party
    for article in ("The ", "the "):
        party = party.removeprefix(article)
    return f"{party} {RESPONSE_PHRASES[response.kind]}"


def profile_text(profile: SourcingProfile) -> str:
    """'2 sources, 1 anonymous, hedged, evidence cited'."""
    count = profile.distinct_sources
    parts = [f"{count} source" + ("" if count == 1 else "s")]
    if profile.anonymous_sources:
        parts.append(f"{profile.anonymous_sources} anonymous")
    if profile.hedged:
        parts.append("hedged")
    if profile.evidence_cited:
        parts.append("evidence cited")
    return ", ".join(parts)


def published_text(report: Report) -> str:
    document = report.document
    if document.published is None:
        return "publication date unknown"
    origin = document.published_from
    suffix = f" (from {origin})" if origin and origin != "none" else ""
    return document.published.isoformat() + suffix


def publisher_name(report: Report) -> str:
    return report.document.publisher or "unknown"


def claim_counts(report: Report) -> dict[str, int]:
    """How many claims rest on each source; the publisher counts its own assertions."""
    counts = {source.id: 0 for source in report.sources}
    for claim in report.claims:
        ids = {link.source_id for link in claim.chain if link.type != "publisher"}
        if claim.asserted_by_publisher:
            ids |= {link.source_id for link in claim.chain if link.type == "publisher"}
        for source_id in ids:
            if source_id in counts:
                counts[source_id] += 1
    return counts


def claim_details(report: Report, claim: Claim) -> list[tuple[str, str]]:
    """The labelled lines of one claim, in reading order."""
    sources = {source.id: source for source in report.sources}
    evidence = {ev.id: ev for ev in report.evidence}
    responses = {response.id: response for response in report.responses}
    profiles = {profile.claim_id: profile for profile in report.profiles}
    rows = [("chain", chain_text(claim, sources)), ("certainty", certainty_text(claim))]
    if claim.polarity is Polarity.NEGATIVE:
        rows.append(("polarity", "negative"))
    rows += [("when", when_text(report, claim)), ("where", where_text(report, claim))]
    rows.extend(("event", event_text(event)) for event in events_of(report, claim))
    cited = [evidence_label(evidence[eid]) for eid in claim.evidence_ids if eid in evidence]
    rows.append(("evidence", "; ".join(cited) or "none cited"))
    answered = [response_text(responses[rid]) for rid in claim.response_ids if rid in responses]
    rows.extend(("response", line) for line in answered or ["none recorded"])
    profile = profiles.get(claim.id)
    if profile is not None:
        rows.append(("profile", profile_text(profile)))
        if profile.notes:
            rows.append(("notes", "; ".join(profile.notes)))
    rows.append(("check-worthiness", f"{claim.checkworthiness:.2f}"))
    return rows


# --- the text report --------------------------------------------------------------------


def render_text(report: Report) -> str:
    """The whole report as plain text ending with a newline."""
    sections = [
        _header(report),
        _listed(
            "FAILED STAGES (their results are missing)",
            [f"{f.stage}: [{f.code}] {f.message}" for f in report.failures],
        ),
        _claims(report),
        _sources(report),
        _timeline(report),
        _places(report),
        _listed("EVIDENCE CITED", [_evidence_line(report, ev) for ev in report.evidence]),
        _listed("RESPONSES OF THE PARTIES CONCERNED", [response_text(r) for r in report.responses]),
        _unattributed(report),
        _listed("WARNINGS", list(report.warnings)),
    ]
    return "\n\n".join("\n".join(lines) for lines in sections if lines) + "\n"


def _header(report: Report) -> list[str]:
    document = report.document
    return [
        f"CLAIMTRACE REPORT (schema {report.schema_version})",
        f"title: {document.title or '(untitled)'}",
        f"publisher: {publisher_name(report)}",
        f"published: {published_text(report)}",
        f"url: {document.url or '(none)'}",
    ]


def _claims(report: Report) -> list[str]:
    lines = [f"CLAIMS ({len(report.claims)})"]
    for claim in report.claims:
        lines.append("")
        lines.append(f"[{claim.id}] {shorten(claim.span.text)}")
        lines.extend(f"  {label}: {value}" for label, value in claim_details(report, claim))
    return lines


def _sources(report: Report) -> list[str]:
    counts = claim_counts(report)
    lines = [f"SOURCES ({len(report.sources)})"]
    for source in report.sources:
        count = counts.get(source.id, 0)
        noun = "claim" if count == 1 else "claims"
        what = f"asserts {count} {noun} itself" if source.id == "S0" else f"{count} {noun}"
        lines.append(f"  [{source.id}] {source_label(source)}: {what}{_more(source)}")
    return lines


def _more(source: Source) -> str:
    """Role and affiliation of a non-person source, which its label leaves out."""
    if source.type in PEOPLE:
        return ""
    name = source.name.lower()
    parts = [
        f"{label}: {value}"
        for label, value in (("role", source.role), ("affiliation", source.affiliation))
        if value and value.lower() not in name
    ]
    return "".join(f"; {part}" for part in parts)


def _timeline(report: Report) -> list[str]:
    """Claims in date order, then the ones the text does not date."""
    dated, undated = timeline(report)
    if not report.claims:
        return []
    lines = ["TIMELINE (claims by date)"]
    for time, claim in dated:
        lines.append(f"  {time_text(time)}: [{claim.id}] {shorten(claim.span.text, 80)}")
    if undated:
        lines.append(f"  not dated: {undated_text(report, undated)}")
    return lines


def _places(report: Report) -> list[str]:
    """Each place with its point, the roles of its mentions and the claims located there."""
    groups = place_groups(report)
    if not groups:
        return []
    lines = [f"PLACES ({counted(len(groups), 'place')}, {counted(len(report.places), 'mention')})"]
    for group in groups:
        claims = f"; claims {', '.join(group.claim_ids)}" if group.claim_ids else ""
        lines.append(f"  {place_text(group.first, group.uncertainty_km)}")
        lines.append(f"    {roles_text(group.mentions)}{claims}")
    return lines


def counted(number: int, noun: str) -> str:
    """ "1 place", "2 places"."""
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _evidence_line(report: Report, ev: Evidence) -> str:
    """'[V1] video (leaked, released), from Port Voices: "a video shared on..."'."""
    names = {source.id: source.name for source in report.sources}
    origin = f", from {names[ev.source_id]}" if ev.source_id in names else ""
    return f'[{ev.id}] {evidence_label(ev)}{origin}: "{shorten(ev.span.text, 80)}"'


def _unattributed(report: Report) -> list[str]:
    own = [claim for claim in report.claims if claim.asserted_by_publisher]
    lines = [f"UNATTRIBUTED ASSERTIONS ({len(own)})"]
    lines.extend(f"  [{claim.id}] {shorten(claim.span.text)}" for claim in own)
    return lines


def _listed(title: str, items: list[str]) -> list[str]:
    if not items:
        return []
    return [title, *(f"  - {item}" for item in items)]
