"""Where a document is set, read from all its place names at once.

Two signals help choose between places of the same name ("Paris", Texas or France;
"Columbus", Ohio or Nebraska). `area_focus`: local news names several places of its own
state or province, so the division that most names could lie in is the document's own.
`nearby_support`: a place that lies near a possible reading of the *other* names in the
text ("Columbus" beside "Norfolk" and "Platte County") is likelier than a namesake far
from all of them.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..gazetteer.names import name_key
from ..gazetteer.records import GazPlace

# The places of a name that take part (most populous first), how near (km) another name's
# place must lie to support a place, and how many other names' places are compared at most.
AREA_OPTIONS = 12
NEAR_KM = 120.0
MAX_NEIGHBOURS = 400
_KM_PER_DEGREE = 111.2

Area = tuple[str, str]


@dataclass(frozen=True, slots=True)
class AreaFocus:
    """Votes of the document's names for the first-level divisions they could lie in."""

    votes: Mapping[Area, float] = field(default_factory=dict)
    own: Mapping[str, Mapping[Area, float]] = field(default_factory=dict)
    top: float = 0.0

    def weight(self, name: str, area: Area) -> float:
        """How strongly (0-1) the *other* names set the document in ``area``: a name never
        votes for its own reading ("Washington" alone does not make Washington State the
        document's state)."""
        if self.top <= 0:
            return 0.0
        others = self.votes.get(area, 0.0) - self.own.get(name_key(name), {}).get(area, 0.0)
        return max(0.0, others) / self.top


def area_focus(
    names: Sequence[str], options: Sequence[Sequence[GazPlace]], first: Sequence[GazPlace | None]
) -> AreaFocus:
    """Each name spreads one vote over the divisions that have a place of that name ("Paris":
    Texas, Tennessee, Île-de-France...); a division named outright ("Texas", the first
    reading ``first`` of a name being a division) gets one more.
    """
    votes: dict[Area, float] = defaultdict(float)
    own: dict[str, dict[Area, float]] = defaultdict(lambda: defaultdict(float))
    for name, places, chosen in zip(names, options, first, strict=True):
        cast: dict[Area, float] = defaultdict(float)
        keys = {(p.country_code, p.admin1) for p in places[:AREA_OPTIONS] if p.admin1}
        keys -= {(p.country_code, p.admin1) for p in places if p.is_country}
        for key in keys:
            cast[key] += 1.0 / len(keys)
        if chosen is not None and chosen.is_admin1:
            cast[(chosen.country_code, chosen.admin1)] += 1.0
        for key, count in cast.items():
            votes[key] += count
            own[name_key(name)][key] += count
    return AreaFocus(votes, own, max(votes.values(), default=0.0))


def _is_local(place: GazPlace) -> bool:
    """A town or a second-level division: a point precise enough to support a neighbour."""
    return place.feature_class == "P" or place.feature_code == "ADM2"


def _closeness(a: GazPlace, b: GazPlace) -> float:
    """1 at the same point, falling to 0 at NEAR_KM (flat-earth distance, fine at that range)."""
    dlat = (a.lat - b.lat) * _KM_PER_DEGREE
    if abs(dlat) >= NEAR_KM:
        return 0.0
    dlon = (a.lon - b.lon) * _KM_PER_DEGREE * math.cos(math.radians((a.lat + b.lat) / 2))
    return max(0.0, 1.0 - math.hypot(dlat, dlon) / NEAR_KM)


def nearby_support(
    names: Sequence[str], options: Sequence[Sequence[GazPlace]]
) -> dict[GazPlace, float]:
    """For each ambiguous name's possible places, how near (0-1) the other distinct names'
    possible places lie, averaged over those names: 1 when each has a reading at the same
    point, 0 when none has one within NEAR_KM. Names with one reading support but need none."""
    readings: dict[str, list[GazPlace]] = {}
    for name, places in zip(names, options, strict=True):
        local = [p for p in places[:AREA_OPTIONS] if _is_local(p)]
        if local:
            readings.setdefault(name_key(name), local)
    if len(readings) < 2:
        return {}
    support: dict[GazPlace, float] = {}
    for key, places in readings.items():
        if len(places) < 2:
            continue
        others = [(k, p) for k, ps in readings.items() if k != key for p in ps][:MAX_NEIGHBOURS]
        for place in places:
            best: dict[str, float] = defaultdict(float)
            for k, other in others:
                best[k] = max(best[k], _closeness(place, other))
            support[place] = sum(best.values()) / (len(readings) - 1)
    return support
