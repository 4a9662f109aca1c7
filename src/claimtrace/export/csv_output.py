"""CSV rows in the style of ACLED/GDELT event exports: one row per claim.

The columns are `EVENT_COLUMNS`, in that order. When the claim states a coded event,
``actor1`` is its actor ("US military"), ``actor2`` its targets and ``event_type`` its PLOVER
type; otherwise ``actor1`` is the party the claim rests on (the far end of its chain, or the
publisher for its own assertions) and the other two stay empty. ``event_date`` is a date, a month
("2021-07") or an ISO interval ("2022-04-22/2022-04-29"), ``time_precision`` its
granularity (day, week, month, year). The location is the claim's first event location;
``geo_precision`` says how it was placed (a GeoNames-style feature such as populated_place,
admin1 or country, or near/offset/inside for a place located from another), and
``uncertainty_km`` the radius around the point. ``source`` and ``source_type`` list the
attribution chain from the publisher outward, separated by "; ".
"""

from __future__ import annotations

import csv
import io

from ..model import ChainLink, Claim, PlaceMention, Report
from .events import event_columns
from .when_where import claim_time, time_value

EVENT_COLUMNS = (
    "claim_id",
    "event_date",
    "time_precision",
    "actor1",
    "actor2",
    "event_type",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "uncertainty_km",
    "other_locations",
    "source",
    "source_type",
    "hedged",
    "certainty",
    "url",
    "notes",
)
SEPARATOR = "; "


def claim_row(report: Report, claim: Claim) -> dict[str, str]:
    """One claim as a row keyed by `EVENT_COLUMNS`."""
    links = [link for link in claim.chain if link.type != "evidence"]
    row = dict.fromkeys(EVENT_COLUMNS, "")
    row |= {
        "claim_id": claim.id,
        "actor1": _actor(report, claim, links),
        "source": SEPARATOR.join(_link_name(report, link) for link in links),
        "source_type": SEPARATOR.join(link.type for link in links),
        "hedged": "true" if claim.hedges else "false",
        "certainty": claim.certainty.value,
        "url": report.document.url or "",
        "notes": " ".join(claim.span.text.split()),
    }
    time = claim_time(report, claim)
    if time is not None and time.start is not None:
        row |= {"event_date": time_value(time), "time_precision": time.granularity}
    return row | _location_columns(report, claim) | event_columns(report, claim)


def _actor(report: Report, claim: Claim, links: list[ChainLink]) -> str:
    if claim.asserted_by_publisher or len(links) < 2:
        return report.document.publisher or "publisher"
    return _link_name(report, links[-1])


def _link_name(report: Report, link: ChainLink) -> str:
    if link.type == "publisher":
        return report.document.publisher or "publisher"
    return link.label


def _location_columns(report: Report, claim: Claim) -> dict[str, str]:
    places = {place.id: place for place in report.places}
    located = [places[pid] for pid in claim.place_ids if pid in places]
    if not located:
        return {}
    first = located[0]
    columns = {
        "location": first.span.text,
        "other_locations": SEPARATOR.join(place.span.text for place in located[1:]),
        "country": first.country_code or "",
        "admin1": first.admin1 or "",
        "geo_precision": geo_precision(first),
    }
    if first.lat is not None and first.lon is not None:
        columns |= {"latitude": f"{first.lat:.6f}", "longitude": f"{first.lon:.6f}"}
    if first.uncertainty_km is not None:
        columns["uncertainty_km"] = f"{first.uncertainty_km:.1f}"
    return columns


def geo_precision(place: PlaceMention) -> str:
    """How the point was found: near/offset/inside another place, else the kind of place."""
    if place.relation is not None:
        return place.relation.kind
    return place.feature


def render_csv(report: Report) -> str:
    """A header row and one row per claim, comma-separated, "\\n" line ends."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=EVENT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(claim_row(report, claim) for claim in report.claims)
    return buffer.getvalue()
