"""Phrasing and grouping of times and places, shared by every rendering.

`when_text`/`where_text` phrase one claim's time and places; `timeline` orders the claims
by date; `place_groups` gathers the mentions of one place (same name and point) with the
claims located there and the sources behind those claims.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Claim, PlaceMention, PlaceRole, Report, Source, TimeExpression

NOT_STATED = "not stated"
ROLE_LABELS: dict[PlaceRole, str] = {
    PlaceRole.EVENT_LOCATION: "event location",
    PlaceRole.ADMIN_CONTEXT: "admin context",
    PlaceRole.REFERENCE: "reference",
    PlaceRole.METONYMY: "metonymy",
    PlaceRole.DEMONYM: "demonym",
    PlaceRole.ATTRIBUTIVE: "attributive",
    PlaceRole.NOT_A_LOCATION: "not a location",
}
# Roles under which a name says where something is; the others name a party or a people.
LOCATIVE_ROLES = frozenset({PlaceRole.EVENT_LOCATION, PlaceRole.ADMIN_CONTEXT, PlaceRole.REFERENCE})
FEATURE_LABELS = {
    "populated_place": "populated place",
    "admin1": "province/state",
    "admin": "administrative area",
}
TIME_FROM_LABELS = {
    "sentence": "from the sentence",
    "attribution": "from the attribution",
    "paragraph": "from an earlier sentence of the paragraph",
    "source": "from the same source's previous claim",
}


@dataclass(frozen=True, slots=True)
class PlaceGroup:
    """The mentions of one place (one name at one point), and the claims located there."""

    mentions: tuple[PlaceMention, ...]
    claim_ids: tuple[str, ...]
    sources: tuple[Source, ...]

    @property
    def first(self) -> PlaceMention:
        return self.mentions[0]

    @property
    def uncertainty_km(self) -> float | None:
        radii = [m.uncertainty_km for m in self.mentions if m.uncertainty_km is not None]
        return max(radii) if radii else None

    @property
    def locative(self) -> bool:
        """Whether any mention says where something is (not only a demonym or a party)."""
        return any(mention.role in LOCATIVE_ROLES for mention in self.mentions)


# --- times ----------------------------------------------------------------------------


def time_value(time: TimeExpression) -> str:
    """A date or an ISO interval: "2021-07", "2022-04-22/2022-04-29"; else the TimeML value."""
    if time.type == "DURATION" and time.start and time.end:
        return f"{time.start}/{time.end}"
    return time.value


def time_text(time: TimeExpression) -> str:
    """'2021-07 ("Last July")', 'PXY ("the years", vague)'."""
    vague = ", vague" if time.vague else ""
    return f'{time_value(time)} ("{time.span.text}"{vague})'


def claim_time(report: Report, claim: Claim) -> TimeExpression | None:
    """The time expression that dates a claim, if any."""
    return next((time for time in report.times if time.id == claim.time_id), None)


def when_text(report: Report, claim: Claim) -> str:
    """A claim's time and where it was found, or "not stated"."""
    time = claim_time(report, claim)
    if time is None:
        return NOT_STATED
    origin = TIME_FROM_LABELS.get(claim.time_from or "")
    return time_text(time) + (f", {origin}" if origin else "")


def timeline(report: Report) -> tuple[list[tuple[TimeExpression, Claim]], list[Claim]]:
    """Claims with a calendar date, earliest first; then the claims without one."""
    dated: list[tuple[TimeExpression, Claim]] = []
    undated: list[Claim] = []
    for claim in report.claims:
        time = claim_time(report, claim)
        if time is not None and time.start is not None:
            dated.append((time, claim))
        else:
            undated.append(claim)
    dated.sort(key=lambda pair: (pair[0].start or "", pair[0].end or "", _number(pair[1].id)))
    return dated, undated


def undated_text(report: Report, claims: Iterable[Claim]) -> str:
    """'C1, C2, C8 ("the years")': the claims without a date, vague times quoted."""
    parts = []
    for claim in claims:
        time = claim_time(report, claim)
        parts.append(claim.id + (f' ("{time.span.text}")' if time is not None else ""))
    return ", ".join(parts)


def _number(record_id: str) -> int:
    digits = "".join(char for char in record_id if char.isdigit())
    return int(digits) if digits else 0


# --- places ---------------------------------------------------------------------------


def point_text(place: PlaceMention, radius: float | None = None) -> str:
    """ "33.7540, 44.6052 ±10 km", or "no location"."""
    if place.lat is None or place.lon is None:
        return "no location"
    radius = place.uncertainty_km if radius is None else radius
    spread = f" ±{radius:.0f} km" if radius is not None else ""
    return f"{place.lat:.4f}, {place.lon:.4f}{spread}"


def place_text(place: PlaceMention, radius: float | None = None) -> str:
    """'Baquba (Baqubah, IQ: 33.7540, 44.6052 ±10 km; near Baquba)'."""
    point = point_text(place, radius)
    relation = place.relation
    if relation is not None and relation.text == place.span.text:
        return f"{place.span.text} ({point})"
    if not place.resolved:
        located = f"{relation.text}: {point}" if relation is not None else point
        return f"{place.span.text} (not in the gazetteer; {located})"
    kind = place.name if place.name != place.span.text else feature_label(place.feature)
    country = f", {place.country_code}" if place.country_code else ""
    extra = f"; {relation.text}" if relation is not None else ""
    return f"{place.span.text} ({kind}{country}: {point}{extra})"


def feature_label(feature: str) -> str:
    return FEATURE_LABELS.get(feature, feature.replace("_", " "))


def where_text(report: Report, claim: Claim) -> str:
    """A claim's event locations, or "not stated"."""
    places = {place.id: place for place in report.places}
    named = [place_text(places[pid]) for pid in claim.place_ids if pid in places]
    return "; ".join(named) or NOT_STATED


def place_groups(report: Report) -> list[PlaceGroup]:
    """Mentions grouped by place (name and point), in order of first mention."""
    groups: dict[tuple[object, ...], list[PlaceMention]] = {}
    for place in report.places:
        key: tuple[object, ...] = (place.name, place.lat, place.lon)
        if place.lat is None:
            key = (place.id,)  # an unlocated name stands alone
        groups.setdefault(key, []).append(place)
    return [_group(report, tuple(mentions)) for mentions in groups.values()]


def _group(report: Report, mentions: tuple[PlaceMention, ...]) -> PlaceGroup:
    ids = {mention.id for mention in mentions}
    claims = [claim for claim in report.claims if ids & set(claim.place_ids)]
    return PlaceGroup(mentions, tuple(c.id for c in claims), claim_sources(report, claims))


def claim_sources(report: Report, claims: Iterable[Claim]) -> tuple[Source, ...]:
    """The sources behind claims: their chains' sources, the publisher for its own claims."""
    wanted: list[str] = []
    for claim in claims:
        for link in claim.chain:
            own = link.type != "publisher" or claim.asserted_by_publisher
            if link.source_id and own and link.source_id not in wanted:
                wanted.append(link.source_id)
    by_id = {source.id: source for source in report.sources}
    return tuple(by_id[sid] for sid in wanted if sid in by_id)


def roles_text(mentions: Iterable[PlaceMention]) -> str:
    """'event location P12 (near Baquba); reference P14'."""
    by_role: dict[PlaceRole, list[str]] = {}
    for mention in mentions:
        near = mention.relation is not None and mention.relation.kind == "near"
        label = mention.id + (f" ({mention.relation.text})" if near and mention.relation else "")
        by_role.setdefault(mention.role, []).append(label)
    return "; ".join(f"{ROLE_LABELS[role]} {', '.join(ids)}" for role, ids in by_role.items())
