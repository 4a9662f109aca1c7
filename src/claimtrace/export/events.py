"""Phrasing and placing of coded events, shared by the renderings and the exports.

`event_text` phrases one event for the text and Markdown reports; `claim_event` picks the
event a claim states (its own action before the speech act that reports it) for the CSV
row; `event_features` places each event at its first located place for GeoJSON (its ``name`` is
that place's, as for place features).
"""

from __future__ import annotations

from typing import Any

from ..model import Claim, Event, EventActor, Report
from .when_where import claim_time, time_value

NOT_STATED = "not stated"
COORDINATE_DIGITS = 6


def events_of(report: Report, claim: Claim) -> list[Event]:
    """The claim's events, in report order."""
    return [event for event in report.events if event.claim_id == claim.id]


def claim_event(report: Report, claim: Claim) -> Event | None:
    """The action the claim states: an event whose trigger lies in the claim, else its first."""
    found = events_of(report, claim)
    inside = [e for e in found if claim.span.start <= e.action.start < claim.span.end]
    chosen = inside or found
    return chosen[0] if chosen else None


def party_text(party: EventActor) -> str:
    """ "US military with CH-47 Chinook helicopters"."""
    if party.equipment is None:
        return party.label
    return f"{party.label} with {party.equipment.text}"


def code_text(event: Event) -> str:
    """ "ASSAULT/aerial (CAMEO 19)"."""
    code = f"{event.event_type}/{event.mode}" if event.mode else event.event_type
    return f"{code} (CAMEO {event.cameo_root})" if event.cameo_root else code


def event_text(event: Event) -> str:
    """One line: code, trigger, actor -> targets, and the flags that qualify it."""
    actor = party_text(event.actor) if event.actor is not None else f"actor {NOT_STATED}"
    targets = ", ".join(party_text(t) for t in event.targets) or f"target {NOT_STATED}"
    flags = [name for name, on in (("negated", event.negated), ("hedged", event.hedged)) if on]
    line = f'{code_text(event)} "{event.action.text}": {actor} -> {targets}'
    return f"{line}; {', '.join(flags)}" if flags else line


def event_columns(report: Report, claim: Claim) -> dict[str, str]:
    """actor1, actor2 and event_type of the claim's event (nothing when it has none)."""
    event = claim_event(report, claim)
    if event is None:
        return {}
    return {
        "actor1": event.actor.label if event.actor is not None else "",
        "actor2": "; ".join(target.label for target in event.targets),
        "event_type": event.event_type,
    }


def event_features(report: Report) -> list[dict[str, Any]]:
    """One Point feature per event that has a located place, at its first such place."""
    points = {
        place.id: place
        for place in report.places
        if place.lat is not None and place.lon is not None
    }
    claims = {claim.id: claim for claim in report.claims}
    features = []
    for event in report.events:
        place = next((points[pid] for pid in event.place_ids if pid in points), None)
        if place is None or place.lat is None or place.lon is None:
            continue
        coordinates = [round(place.lon, COORDINATE_DIGITS), round(place.lat, COORDINATE_DIGITS)]
        features.append(
            {
                "type": "Feature",
                "id": event.id,
                "geometry": {"type": "Point", "coordinates": coordinates},
                "properties": event_properties(report, event, claims.get(event.claim_id))
                | {"place_id": place.id, "name": place.name},
            }
        )
    return features


def event_properties(report: Report, event: Event, claim: Claim | None) -> dict[str, Any]:
    """The event's fields as flat GeoJSON properties."""
    time = claim_time(report, claim) if claim is not None else None
    return {
        "kind": "event",
        "claim_id": event.claim_id,
        "event_type": event.event_type,
        "mode": event.mode,
        "cameo_root": event.cameo_root,
        "action": event.action.text,
        "actor": event.actor.label if event.actor is not None else None,
        "actor_entity_id": event.actor.entity_id if event.actor is not None else None,
        "equipment": (
            event.actor.equipment.text
            if event.actor is not None and event.actor.equipment is not None
            else None
        ),
        "targets": [target.label for target in event.targets],
        "when": time_value(time) if time is not None else None,
        "negated": event.negated,
        "hedged": event.hedged,
    }
