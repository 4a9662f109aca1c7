"""From a report dict (`claimtrace.export.report_to_dict`) to the rows of one article.

Only the dict is read, never the model classes, so fields that reports gain later are kept
in ``reports.data`` at once and reach their own columns when this module learns them. Keys a
report does not have yet (``times``, ``places``, ``events``) simply give no rows or nulls.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from .tables import (
    AttributionRow,
    ClaimAttributionRow,
    ClaimRow,
    DocumentRow,
    EventRow,
    FailureRow,
    PlaceRow,
    ReportRow,
    SourceRow,
)

Record = Mapping[str, Any]
MAX_NAME = 600  # input names are indexed; PostgreSQL caps index entries


def document_row(data: Record, input_name: str) -> DocumentRow:
    """The document with its report (the whole dict as JSON)."""
    document = data["document"]
    row = DocumentRow(
        content_hash=document["content_hash"],
        input_name=input_name[:MAX_NAME],
        url=document.get("url"),
        title=document.get("title"),
        byline=document.get("byline"),
        publisher=document.get("publisher"),
        published=_date(document.get("published")),
        published_from=document.get("published_from") or "none",
        language=document.get("language") or "en",
        input_format=document.get("input_format") or "text",
        text=document["text"],
    )
    row.report = ReportRow(
        schema_version=str(data.get("schema_version", "")),
        pipeline=dict(data.get("pipeline") or {}),
        data=dict(data),
    )
    return row


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value[:10]) if value else None


def source_rows(data: Record, document_id: int) -> dict[str, SourceRow]:
    """The article's sources by local id."""
    return {
        source["id"]: SourceRow(
            document_id=document_id,
            local_id=source["id"],
            name=source["name"],
            name_key=name_key(source["name"]),
            type=source["type"],
            role=source.get("role"),
            affiliation=source.get("affiliation"),
            entity_id=source.get("entity_id"),
            mentions=len(source.get("mentions") or ()),
        )
        for source in data.get("sources") or ()
    }


def name_key(name: str) -> str:
    """A source name folded for matching across articles."""
    return " ".join(name.casefold().split())


def attribution_rows(
    data: Record, document_id: int, sources: Mapping[str, SourceRow]
) -> dict[str, AttributionRow]:
    """The article's attributions by local id, each joined to its source row."""
    rows = {}
    for item in data.get("attributions") or ():
        cue = item.get("cue") or {}
        source = sources.get(item.get("source_id") or "")
        rows[item["id"]] = AttributionRow(
            document_id=document_id,
            local_id=item["id"],
            kind=item["kind"],
            source_id=source.id if source else None,
            cue=(cue.get("span") or {}).get("text"),
            cue_lemma=cue.get("lemma"),
            stance=cue.get("stance"),
            content=item["content"]["text"],
            content_start=item["content"]["start"],
            content_end=item["content"]["end"],
            via=item.get("via"),
            parent_local_id=item.get("parent"),
        )
    return rows


def claim_rows(
    data: Record, document_id: int, sources: Mapping[str, SourceRow]
) -> dict[str, ClaimRow]:
    """The article's claims by local id, with chain ends, time and place when known."""
    times = _by_id(data.get("times"))
    places = _by_id(data.get("places"))
    rows = {}
    for claim in data.get("claims") or ():
        row = _claim_row(claim, document_id, sources)
        _set_time(row, times.get(claim.get("time_id") or ""))
        _set_place(row, [places[i] for i in claim.get("place_ids") or () if i in places])
        rows[claim["id"]] = row
    return rows


def _by_id(records: Iterable[Record] | None) -> dict[str, Record]:
    return {record["id"]: record for record in records or () if "id" in record}


def _claim_row(claim: Record, document_id: int, sources: Mapping[str, SourceRow]) -> ClaimRow:
    chain = list(claim.get("chain") or ())
    root = chain[0] if chain else {}
    origin = chain[-1] if chain else {}
    root_source = sources.get(root.get("source_id") or "")
    origin_source = sources.get(origin.get("source_id") or "")
    return ClaimRow(
        document_id=document_id,
        local_id=claim["id"],
        text=claim["span"]["text"],
        start=claim["span"]["start"],
        end=claim["span"]["end"],
        asserted_by_publisher=bool(claim.get("asserted_by_publisher")),
        certainty=claim["certainty"],
        hedged=bool(claim.get("hedges")),
        polarity=claim["polarity"],
        checkworthiness=float(claim["checkworthiness"]),
        chain=chain,
        chain_length=len(chain),
        root_source_id=root_source.id if root_source else None,
        origin_source_id=origin_source.id if origin_source else None,
        origin_label=origin.get("label"),
        origin_type=origin.get("type"),
    )


def _set_time(row: ClaimRow, time: Record | None) -> None:
    if time:
        row.time_value = time.get("value")
        row.time_start = time.get("start")
        row.time_end = time.get("end")


def _set_place(row: ClaimRow, places: list[Record]) -> None:
    """The claim's first event location, preferring one with a point."""
    if places:
        place = next((p for p in places if p.get("lat") is not None), places[0])
        row.place_name = place.get("name")
        row.place_lat = place.get("lat")
        row.place_lon = place.get("lon")


def claim_attribution_rows(
    data: Record, claims: Mapping[str, ClaimRow], attributions: Mapping[str, AttributionRow]
) -> list[ClaimAttributionRow]:
    """The links from each claim to the attributions it rests on."""
    links = {
        (claims[claim["id"]].id, attributions[local].id)
        for claim in data.get("claims") or ()
        for local in claim.get("attribution_ids") or ()
        if local in attributions
    }
    return [ClaimAttributionRow(claim_id=c, attribution_id=a) for c, a in sorted(links)]


def place_rows(data: Record, document_id: int) -> list[PlaceRow]:
    """The places named in the article (none while reports carry no places)."""
    return [
        PlaceRow(
            document_id=document_id,
            local_id=place["id"],
            name=place.get("name") or (place.get("span") or {}).get("text") or "",
            role=place.get("role"),
            resolved=bool(place.get("resolved")),
            lat=place.get("lat"),
            lon=place.get("lon"),
            uncertainty_km=place.get("uncertainty_km"),
            country_code=place.get("country_code"),
            admin1=place.get("admin1"),
            feature_code=place.get("feature_code"),
            geonames_id=place.get("geonames_id"),
            start=(place.get("span") or {}).get("start"),
            end=(place.get("span") or {}).get("end"),
        )
        for place in data.get("places") or ()
    ]


def event_rows(data: Record, document_id: int) -> list[EventRow]:
    """The article's events, each kept whole (none while reports carry no events)."""
    rows = []
    for number, event in enumerate(data.get("events") or (), start=1):
        action = event.get("action") or event.get("span") or {}
        rows.append(
            EventRow(
                document_id=document_id,
                local_id=str(event.get("id", number)),
                claim_local_id=event.get("claim_id"),
                event_type=event.get("event_type"),
                action=action.get("text"),
                actor=(event.get("actor") or {}).get("label"),
                start=action.get("start"),
                end=action.get("end"),
                data=dict(event),
            )
        )
    return rows


def stage_failure_rows(data: Record, document_id: int, input_name: str) -> list[FailureRow]:
    """The stages that failed inside a stored report."""
    return [
        FailureRow(
            document_id=document_id,
            input_name=input_name[:MAX_NAME],
            stage=failure["stage"],
            code=failure["code"],
            message=failure["message"],
        )
        for failure in data.get("failures") or ()
    ]
