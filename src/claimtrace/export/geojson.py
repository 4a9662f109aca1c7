"""GeoJSON (RFC 7946): the places of a report as a FeatureCollection for a map.

One Point feature per located place (one name at one point, every mention of it listed),
with the claims located there and the sources behind them; ``uncertainty_km`` is the radius
to draw around the point. Places without a point (neither the gazetteer nor a relation
locates them) are listed in the collection's ``properties.unresolved``, and names that do
not say where anything is (demonyms, parties, attributive uses) in
``properties.not_locations``: nothing found is dropped. After the places come the events
(``properties.kind == "event"``), each at the first located place of its claim.
"""

from __future__ import annotations

import json
from typing import Any

from ..model import Claim, PlaceMention, Report
from .events import event_features
from .when_where import PlaceGroup, claim_time, place_groups, time_value

COORDINATE_DIGITS = 6  # ~0.1 m, the precision RFC 7946 suggests


def report_to_geojson(report: Report) -> dict[str, Any]:
    """The FeatureCollection of a report's places."""
    groups = place_groups(report)
    located = [group for group in groups if group.locative and group.first.lat is not None]
    unresolved = [group for group in groups if group.locative and group.first.lat is None]
    others = [group for group in groups if not group.locative]
    document = report.document
    return {
        "type": "FeatureCollection",
        "properties": {
            "schema_version": report.schema_version,
            "title": document.title,
            "url": document.url,
            "publisher": document.publisher,
            "published": document.published.isoformat() if document.published else None,
            "unresolved": [_mention(m) for group in unresolved for m in group.mentions],
            "not_locations": [_mention(m) for group in others for m in group.mentions],
        },
        "features": [feature(report, group) for group in located] + event_features(report),
    }


def feature(report: Report, group: PlaceGroup) -> dict[str, Any]:
    """One located place as a GeoJSON Point feature."""
    place = group.first
    claims = [claim for claim in report.claims if claim.id in group.claim_ids]
    return {
        "type": "Feature",
        "id": place.id,
        "geometry": point(place),
        "properties": {
            "name": place.name,
            "in_gazetteer": place.resolved,
            "feature": place.feature,
            "feature_class": place.feature_class,
            "feature_code": place.feature_code,
            "geonames_id": place.geonames_id,
            "country_code": place.country_code,
            "admin1": place.admin1,
            "uncertainty_km": group.uncertainty_km,
            "mentions": [_mention(mention) for mention in group.mentions],
            "claims": [_claim(report, claim) for claim in claims],
            "sources": [
                {"id": source.id, "name": source.name, "type": source.type.value}
                for source in group.sources
            ],
        },
    }


def point(place: PlaceMention) -> dict[str, Any] | None:
    """A GeoJSON Point ([lon, lat]), or None (a null geometry) for a place without one."""
    if place.lat is None or place.lon is None:
        return None
    coordinates = [round(place.lon, COORDINATE_DIGITS), round(place.lat, COORDINATE_DIGITS)]
    return {"type": "Point", "coordinates": coordinates}


def _mention(place: PlaceMention) -> dict[str, Any]:
    relation = place.relation
    return {
        "id": place.id,
        "text": place.span.text,
        "start": place.span.start,
        "end": place.span.end,
        "role": place.role.value,
        "relation": relation.text if relation is not None else None,
    }


def _claim(report: Report, claim: Claim) -> dict[str, Any]:
    time = claim_time(report, claim)
    return {
        "id": claim.id,
        "text": claim.span.text,
        "when": time_value(time) if time is not None else None,
        "certainty": claim.certainty.value,
    }


def render_geojson(report: Report) -> str:
    """Indented GeoJSON text ending with a newline."""
    return json.dumps(report_to_geojson(report), ensure_ascii=False, indent=2) + "\n"
