"""Places located from other places: "30 km east of X", "near X", "a village in province Y".

Geometry on the sphere (`haversine_km`, `destination`) and the rules that move or widen a
mention's point once every mention is resolved. The words (directions, units, radii) come
from ``lexicons/places.toml``.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace

from ..model import PlaceMention, PlaceRelation, PlaceRole, TextSpan
from .places_lexicon import place_words

EARTH_RADIUS_KM = 6371.0088
LOOK_BEHIND = 80  # characters before a mention searched for "<N> km <direction> of"

_RELATIVE = re.compile(
    r"(?P<dist>\d+(?:[.,]\d+)?)[\s-]*(?P<unit>[a-z]+)\s+(?:\(\s*[^)]*\)\s+)?(?:to\s+the\s+)?"
    r"(?P<dir>(?:north|south)(?:-?(?:east|west))?|east|west)\s+of\s+(?:the\s+\w+\s+of\s+)?$",
    re.IGNORECASE,
)
_NEAR = re.compile(r"\b(?:near|outside|close\s+to)\s+(?:the\s+(?:\w+\s+)?of\s+)?$", re.IGNORECASE)
_TARGET_GAP = re.compile(
    r"^\s*,?\s*(?:(?:some|about|around|approximately|roughly|located|situated|which\s+is|"
    r"lies|nearly|almost)\s+)*$",
    re.IGNORECASE,
)
# Features a distance phrase may relocate: names the gazetteer places only roughly.
ROUGH_FEATURES = frozenset({"terrain", "region", "unknown"})


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def destination(lat: float, lon: float, bearing_deg: float, km: float) -> tuple[float, float]:
    """The point ``km`` from (lat, lon) along the initial bearing (great circle)."""
    delta, theta = km / EARTH_RADIUS_KM, math.radians(bearing_deg)
    p1, l1 = math.radians(lat), math.radians(lon)
    p2 = math.asin(
        math.sin(p1) * math.cos(delta) + math.cos(p1) * math.sin(delta) * math.cos(theta)
    )
    l2 = l1 + math.atan2(
        math.sin(theta) * math.sin(delta) * math.cos(p1),
        math.cos(delta) - math.sin(p1) * math.sin(p2),
    )
    return math.degrees(p2), (math.degrees(l2) + 540.0) % 360.0 - 180.0


def relative_phrase(text: str, start: int) -> re.Match[str] | None:
    """A "<distance> <unit> <direction> of" phrase ending right before ``start``."""
    words = place_words()
    match = _RELATIVE.search(text[max(0, start - LOOK_BEHIND) : start])
    if (
        match
        and match.group("unit").lower() in words.units_km
        and match.group("dir").lower() in words.directions
    ):
        return match
    return None


def locate_inside(mention: PlaceMention, container: PlaceMention) -> PlaceMention:
    """An unresolved mention placed at its container, with at least the container's extent."""
    if mention.resolved or container.lat is None:
        return mention
    relation = PlaceRelation("inside", f"in {container.span.text}", container.id)
    return replace(
        mention,
        lat=container.lat,
        lon=container.lon,
        uncertainty_km=max(container.uncertainty_km or 0.0, place_words().inside_km),
        country_code=container.country_code,
        admin1=container.admin1,
        relation=relation,
    )


def locate_near(text: str, mention: PlaceMention) -> PlaceMention:
    """ "near (the city of) X": X with at least the "near" radius."""
    before = text[max(0, mention.span.start - 40) : mention.span.start]
    if mention.lat is None or not _NEAR.search(before):
        return mention
    radius = max(mention.uncertainty_km or 0.0, place_words().near_km)
    relation = PlaceRelation("near", f"near {mention.span.text}")
    return replace(mention, uncertainty_km=radius, relation=relation)


def locate_offset(
    text: str, mentions: list[PlaceMention], index: int, number: int
) -> tuple[int, PlaceMention] | None:
    """The mention that "<N> km <direction> of <mentions[index]>" locates, and its position.

    The located mention is the named place just before the phrase ("Canaan Desert, 30 km
    east of Baquba") when the gazetteer places it only roughly, else a new mention for the
    phrase itself (numbered ``number``, position ``len(mentions)``).
    """
    anchor = mentions[index]
    match = relative_phrase(text, anchor.span.start)
    if match is None or anchor.lat is None or anchor.lon is None:
        return None
    words = place_words()
    phrase_start = max(0, anchor.span.start - LOOK_BEHIND) + match.start("dist")
    km = float(match.group("dist").replace(",", ".")) * words.units_km[match.group("unit").lower()]
    bearing = words.directions[match.group("dir").lower()]
    lat, lon = destination(anchor.lat, anchor.lon, bearing, km)
    relation = PlaceRelation("offset", text[phrase_start : anchor.span.end], anchor.id, km, bearing)
    if index > 0 and _TARGET_GAP.match(text[mentions[index - 1].span.end : phrase_start]):
        target = mentions[index - 1]
        if not target.resolved or target.feature in ROUGH_FEATURES:
            moved = replace(
                target,
                lat=lat,
                lon=lon,
                uncertainty_km=words.offset_radius(km),
                country_code=anchor.country_code,
                admin1=None,
                relation=relation,
            )
            return index - 1, moved
    new = PlaceMention(
        id=f"P{number}",
        span=TextSpan(phrase_start, anchor.span.end, relation.text),
        name=relation.text,
        role=PlaceRole.EVENT_LOCATION,
        resolved=False,
        lat=lat,
        lon=lon,
        uncertainty_km=words.offset_radius(km),
        country_code=anchor.country_code,
        admin1=None,
        feature="relative",
        relation=relation,
    )
    return len(mentions), new


def locate(
    text: str, mentions: list[PlaceMention], containers: list[int | None]
) -> tuple[PlaceMention, ...]:
    """Apply containers, "near" and distance phrases; mentions in text order.

    A place a distance is measured from becomes a ``reference``, not an event location.
    """
    located = list(mentions)
    for i, container in enumerate(containers):
        if container is not None:
            located[i] = locate_inside(located[i], located[container])
    located = [locate_near(text, mention) for mention in located]
    for i in range(len(located)):
        found = locate_offset(text, located, i, len(located) + 1)
        if found is None:
            continue
        if located[i].role is PlaceRole.EVENT_LOCATION:
            located[i] = replace(located[i], role=PlaceRole.REFERENCE)
        position, mention = found
        if position == len(located):
            located.append(mention)
        else:
            located[position] = mention
    return tuple(sorted(located, key=lambda m: (m.span.start, m.id)))
