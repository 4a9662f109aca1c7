"""Places: toponyms in an article, resolved in the offline gazetteer.

``extract_places(doc)`` finds candidate place names (spaCy GPE/LOC/FAC entities, names after
"the village of"/"the province of", "X Desert"/"X Mountains" that the model often calls
PERSON, and NORP demonyms), resolves each against the gazetteer using the document's
country focus, neighbouring admin areas and population, and reads relative locations
("30 kilometers east of Baquba"). A name the gazetteer does not know is kept unresolved,
with the location of its container when the text names one.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span

from ..gazetteer.index import Gazetteer, default_gazetteer
from ..gazetteer.names import name_key
from ..gazetteer.records import GazPlace
from ..model import TextSpan

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Labels the small model gives to place names it does not recognise as such.
MISLABELS = frozenset({"PERSON", "ORG", "WORK_OF_ART", "NORP"})
SETTLEMENT_WORDS = frozenset({"village", "town", "city", "hamlet", "suburb", "capital"})
AREA_WORDS = frozenset({"province", "governorate", "region", "district", "state", "county"})
FEATURE_WORDS = frozenset(
    [
        "desert",
        "mountains",
        "mountain",
        "hills",
        "valley",
        "river",
        "lake",
        "plain",
        "plains",
        "peninsula",
        "strip",
        "heights",
        "sea",
        "gulf",
        "island",
        "islands",
        "basin",
    ]
)
REPORTING_LEMMAS = frozenset(
    [
        "say",
        "deny",
        "announce",
        "claim",
        "accuse",
        "warn",
        "condemn",
        "insist",
        "reject",
        "urge",
        "demand",
        "state",
        "confirm",
        "respond",
        "threaten",
        "allege",
        "report",
        "reply",
        "refuse",
        "vow",
        "tell",
        "call",
        "criticize",
        "criticise",
    ]
)
DIRECTIONS = {
    "north": 0.0,
    "northeast": 45.0,
    "east": 90.0,
    "southeast": 135.0,
    "south": 180.0,
    "southwest": 225.0,
    "west": 270.0,
    "northwest": 315.0,
    "north-east": 45.0,
    "south-east": 135.0,
    "south-west": 225.0,
    "north-west": 315.0,
}
UNITS_KM = {
    "kilometers": 1.0,
    "kilometres": 1.0,
    "km": 1.0,
    "kms": 1.0,
    "miles": 1.609344,
    "mile": 1.609344,
    "mi": 1.609344,
    "kilometer": 1.0,
    "kilometre": 1.0,
}
EARTH_RADIUS_KM = 6371.0088
NEAR_RADIUS_KM = 10.0

_RELATIVE = re.compile(
    r"(?P<dist>\d+(?:[.,]\d+)?)[\s-]*(?P<unit>[a-z]+)\s+(?:\(\s*[^)]*\)\s+)?(?:to\s+the\s+)?"
    r"(?P<dir>(?:north|south)(?:-?(?:east|west))?|east|west)\s+of\s+(?:the\s+\w+\s+of\s+)?$",
    re.IGNORECASE,
)
_NEAR = re.compile(r"\b(?:near|outside|close\s+to)\s+(?:the\s+(?:\w+\s+)?of\s+)?$", re.IGNORECASE)
_CONTAINER_GAP = re.compile(
    r"^\s*(?:,|in\s+(?:the\s+)?(?:[a-z-]+\s+)?(?:province|governorate|region|district|state|"
    r"county)\s+of|in)\s*$",
    re.IGNORECASE,
)
_RELATIVE_TARGET_GAP = re.compile(
    r"^\s*,?\s*(?:(?:some|about|around|approximately|roughly|located|situated|which\s+is|"
    r"lies|nearly|almost)\s+)*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """One place named in the text, with where it is and what it does in the sentence.

    ``role``: ``event_location`` (where something happened), ``admin_context`` (a container
    naming where another place lies), ``metonymy`` (a capital or country standing for its
    government: "Moscow denied"), ``demonym`` ("Iraqi army"), ``attributive`` (a place
    name modifying a noun: "US embassy"). ``relation`` describes a relative location
    ("30 kilometers east of Baquba") and ``anchor_id`` the mention it is measured from.
    """

    id: str
    span: TextSpan
    name: str
    resolved: GazPlace | None
    lat: float | None
    lon: float | None
    uncertainty_km: float | None
    country_code: str | None
    feature: str
    role: str
    relation: str | None = None
    anchor_id: str | None = None


@dataclass(frozen=True, slots=True)
class Candidate:
    """A stretch of text that may name a place, and why it was picked."""

    start: int
    end: int
    name: str
    label: str
    trigger: str | None = None


@dataclass(frozen=True, slots=True)
class Context:
    """What the rest of the document says about where it is set."""

    focus: str | None
    countries: frozenset[str]


# --- geometry -------------------------------------------------------------------------


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


# --- finding candidates ---------------------------------------------------------------


def _trim(span: Span) -> tuple[int, int]:
    """Token bounds of an entity without a leading "the" or a trailing possessive."""
    start, end = span.start, span.end
    if span[0].lower_ == "the" and end - start > 1:
        start += 1
    if end - start > 1 and span.doc[end - 1].tag_ == "POS":
        end -= 1
    return start, end


def _proper_run(doc: Doc, start: int) -> int:
    """End (exclusive) of the run of capitalised tokens (with "al-" style particles) at start."""
    end = start
    while end < len(doc):
        token = doc[end]
        if (
            token.is_title
            or (token.is_upper and token.is_alpha)
            or token.pos_ == "PROPN"
            or (
                token.text in {"-", "al", "el", "ez", "ad", "as"}
                and end + 1 < len(doc)
                and end > start
            )
        ):
            end += 1
        else:
            break
    while end > start and not doc[end - 1].is_alpha:
        end -= 1
    return end


def _make(doc: Doc, start: int, end: int, label: str, trigger: str | None) -> Candidate:
    span = doc[start:end]
    return Candidate(span.start_char, span.end_char, span.text, label, trigger)


def entity_candidates(doc: Doc) -> list[Candidate]:
    """GPE/LOC/FAC entities and NORP demonyms."""
    found = []
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS or ent.label_ == "NORP":
            start, end = _trim(ent)
            found.append(_make(doc, start, end, ent.label_, None))
    return found


def pattern_candidates(doc: Doc) -> list[Candidate]:
    """Names after "the village/province of" and "X Desert"-style feature names."""
    found = []
    for token in doc:
        nxt = token.nbor(1) if token.i + 1 < len(doc) else None
        if nxt is not None and nxt.lower_ == "of" and token.lower_ in SETTLEMENT_WORDS | AREA_WORDS:
            end = _proper_run(doc, token.i + 2)
            if end > token.i + 2:
                trigger = "area" if token.lower_ in AREA_WORDS else "settlement"
                found.append(_make(doc, token.i + 2, end, "PATTERN", trigger))
        if token.lower_ in FEATURE_WORDS and token.is_title and token.i > 0:
            start = token.i
            while start > 0 and (doc[start - 1].is_title or doc[start - 1].pos_ == "PROPN"):
                start -= 1
            if start < token.i and doc[start].lower_ != "the":
                found.append(_make(doc, start, token.i + 1, "PATTERN", "feature"))
    return found


def find_candidates(doc: Doc) -> list[Candidate]:
    """All candidate place names, overlapping ones merged (pattern triggers kept)."""
    chosen: list[Candidate] = []
    everything = pattern_candidates(doc) + entity_candidates(doc)
    for cand in sorted(everything, key=lambda c: (c.start, -(c.end - c.start))):
        if chosen and cand.start < chosen[-1].end:
            last = chosen[-1]
            if last.trigger is None and cand.trigger is not None:
                chosen[-1] = replace(last, trigger=cand.trigger)
            continue
        chosen.append(cand)
    return chosen


# --- resolution -----------------------------------------------------------------------


def _stripped_names(name: str) -> list[str]:
    """The name, then the name without a trailing area word ("Diyala province" -> "Diyala")."""
    names = [name]
    words = name.split()
    if len(words) > 1 and words[-1].lower() in AREA_WORDS | {"governorate", "city"}:
        names.append(" ".join(words[:-1]))
    return names


def gazetteer_candidates(gazetteer: Gazetteer, cand: Candidate) -> list[GazPlace]:
    """Gazetteer entries for a candidate name (NORP through the demonym table)."""
    if cand.label == "NORP":
        country = gazetteer.demonym(cand.name)
        return [country] if country else []
    for name in _stripped_names(cand.name):
        places = gazetteer.lookup(name)
        if places:
            return places
    return []


def score(place: GazPlace, cand: Candidate, context: Context, container: GazPlace | None) -> float:
    """How well a gazetteer entry fits a mention; higher is better."""
    value = math.log10(place.population + 1) * 0.8
    wanted = {name_key(n) for n in _stripped_names(cand.name)}
    if wanted & {name_key(n) for n in _stripped_names(place.name)}:
        value += 1.0
    if place.is_country:
        value += 3.0
    elif place.feature_code in {"CONT", "ADM1"} or place.geonameid is None:
        value += 2.0
    elif place.is_capital:
        value += 1.0
    if context.focus and place.country_code == context.focus:
        value += 2.5
    elif place.country_code in context.countries:
        value += 1.5
    if container is not None and container.country_code:
        value += 2.0 if place.country_code == container.country_code else -2.0
        if container.admin1 and place.admin1 == container.admin1 and not place.is_admin1:
            value += 3.0
    if cand.trigger == "area":
        value += 3.0 if place.is_admin1 else 0.0
    elif cand.trigger == "settlement":
        value += 2.0 if place.feature_class == "P" else -1.0
    elif cand.trigger == "feature" or cand.label == "LOC":
        value += 1.0 if place.feature_class in {"T", "H", "L"} else 0.0
    return value


def best_place(
    places: list[GazPlace], cand: Candidate, context: Context, container: GazPlace | None = None
) -> GazPlace | None:
    """The best-scoring entry, or None when there is none."""
    if not places:
        return None
    return max(places, key=lambda place: score(place, cand, context, container))


def document_context(gazetteer: Gazetteer, cands: list[Candidate]) -> Context:
    """The country focus (most votes; countries and demonyms count double) and the countries
    the text names outright."""
    votes: Counter[str] = Counter()
    named: set[str] = set()
    empty = Context(None, frozenset())
    for cand in cands:
        place = best_place(gazetteer_candidates(gazetteer, cand), cand, empty)
        if place is not None and place.country_code:
            votes[place.country_code] += 2 if place.is_country else 1
            if place.is_country:
                named.add(place.country_code)
    if not votes:
        return empty
    return Context(votes.most_common(1)[0][0], frozenset(named))


# --- relations between mentions -------------------------------------------------------


def container_of(text: str, cands: list[Candidate], index: int) -> int | None:
    """Index of the mention that contains this one ("X in the province of Y", "X, Y")."""
    if index + 1 >= len(cands):
        return None
    nxt = cands[index + 1]
    gap = text[cands[index].end : nxt.start]
    if nxt.label == "NORP" or not _CONTAINER_GAP.match(gap):
        return None
    return index + 1


def relative_phrase(text: str, cand: Candidate) -> re.Match[str] | None:
    """A "<distance> <unit> <direction> of" phrase right before a mention."""
    match = _RELATIVE.search(text[max(0, cand.start - 80) : cand.start])
    if (
        match
        and match.group("unit").lower() in UNITS_KM
        and match.group("dir").lower() in DIRECTIONS
    ):
        return match
    return None


def _is_metonymy(doc: Doc, cand: Candidate, place: GazPlace | None) -> bool:
    """A country or capital as the subject of a reporting verb ("Washington said")."""
    if place is None or not (place.is_country or place.is_capital):
        return False
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return root.dep_ in {"nsubj", "nsubjpass"} and root.head.lemma_ in REPORTING_LEMMAS


def _is_attributive(doc: Doc, cand: Candidate) -> bool:
    """A place name used as a modifier of a non-place noun ("US embassy", "UK-based")."""
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    if root.dep_ in {"compound", "amod", "nmod", "npadvmod"} and root.head.i >= span.end:
        return root.head.ent_type_ not in PLACE_LABELS and root.head.lower_ not in FEATURE_WORDS
    return False


# --- assembling mentions --------------------------------------------------------------


def feature_of(place: GazPlace | None) -> str:
    """A short readable kind of place."""
    if place is None:
        return "unknown"
    if place.is_country:
        return "country"
    kinds = {"ADM1": "admin1", "CONT": "continent"}
    classes = {"P": "populated_place", "T": "terrain", "H": "water", "L": "region", "A": "admin"}
    return kinds.get(place.feature_code) or classes.get(place.feature_class, "other")


def _mention(
    number: int, text: str, cand: Candidate, place: GazPlace | None, role: str
) -> PlaceMention:
    return PlaceMention(
        id=f"P{number}",
        span=TextSpan(cand.start, cand.end, text[cand.start : cand.end]),
        name=place.name if place else cand.name,
        resolved=place,
        lat=place.lat if place else None,
        lon=place.lon if place else None,
        uncertainty_km=place.radius_km if place else None,
        country_code=(place.country_code or None) if place else None,
        feature=feature_of(place),
        role=role,
    )


def _role(doc: Doc, cand: Candidate, place: GazPlace | None, is_container: bool) -> str:
    if cand.label == "NORP":
        return "demonym"
    if _is_metonymy(doc, cand, place):
        return "metonymy"
    if is_container:
        return "admin_context"
    if _is_attributive(doc, cand):
        return "attributive"
    return "event_location"


def resolve_all(
    doc: Doc, gazetteer: Gazetteer, cands: list[Candidate]
) -> list[tuple[GazPlace | None, int | None]]:
    """Each candidate's best place and the index of its container, containers first."""
    context = document_context(gazetteer, cands)
    options = [gazetteer_candidates(gazetteer, cand) for cand in cands]
    text = doc.text
    containers = [container_of(text, cands, i) for i in range(len(cands))]
    chosen: list[GazPlace | None] = [None] * len(cands)
    for i in reversed(range(len(cands))):
        j = containers[i]
        outer = chosen[j] if j is not None else None
        chosen[i] = best_place(options[i], cands[i], context, outer)
    return list(zip(chosen, containers, strict=True))


def _inside(mention: PlaceMention, container: PlaceMention) -> PlaceMention:
    """An unresolved mention placed at its container, with the container's extent."""
    if mention.resolved is not None or container.lat is None:
        return mention
    return replace(
        mention,
        lat=container.lat,
        lon=container.lon,
        uncertainty_km=max(container.uncertainty_km or 0.0, 25.0),
        country_code=container.country_code,
        relation=f"in {container.span.text}",
        anchor_id=container.id,
    )


def _near(text: str, mention: PlaceMention) -> PlaceMention:
    """ "near (the city of) X": X with at least a ~10 km radius."""
    if mention.lat is None or not _NEAR.search(
        text[max(0, mention.span.start - 40) : mention.span.start]
    ):
        return mention
    radius = max(mention.uncertainty_km or 0.0, NEAR_RADIUS_KM)
    return replace(mention, uncertainty_km=radius, relation=f"near {mention.span.text}")


def _relative(
    text: str, mentions: list[PlaceMention], index: int, number: int
) -> tuple[int, PlaceMention] | None:
    """The located mention for "<target>, 30 km east of <anchor>" (or a new one for the phrase).

    Returns the index of the mention to replace (``len(mentions)`` for a new mention).
    """
    anchor = mentions[index]
    if anchor.lat is None or anchor.lon is None:
        return None
    cand = Candidate(anchor.span.start, anchor.span.end, anchor.span.text, "GPE")
    match = relative_phrase(text, cand)
    if match is None:
        return None
    phrase_start = max(0, cand.start - 80) + match.start("dist")
    km = float(match.group("dist").replace(",", ".")) * UNITS_KM[match.group("unit").lower()]
    lat, lon = destination(anchor.lat, anchor.lon, DIRECTIONS[match.group("dir").lower()], km)
    relation = text[phrase_start : anchor.span.end]
    located = {
        "lat": lat,
        "lon": lon,
        "uncertainty_km": max(5.0, 0.3 * km),
        "relation": relation,
        "anchor_id": anchor.id,
        "country_code": anchor.country_code,
    }
    if index > 0 and _RELATIVE_TARGET_GAP.match(text[mentions[index - 1].span.end : phrase_start]):
        target = mentions[index - 1]
        if target.resolved is None or target.feature in {"terrain", "region", "unknown"}:
            return index - 1, replace(target, **located)  # type: ignore[arg-type]
    span = TextSpan(phrase_start, anchor.span.end, relation)
    new = PlaceMention(
        f"P{number}",
        span,
        relation,
        None,
        lat,
        lon,
        max(5.0, 0.3 * km),
        anchor.country_code,
        "relative",
        "event_location",
        relation,
        anchor.id,
    )
    return len(mentions), new


def extract_places(doc: Doc, gazetteer: Gazetteer | None = None) -> tuple[PlaceMention, ...]:
    """Every place mention in the Doc, resolved where the gazetteer allows, in text order."""
    gaz = gazetteer or default_gazetteer()
    text = doc.text
    cands = [c for c in find_candidates(doc) if c.label != "NORP" or gaz.demonym(c.name)]
    resolved = resolve_all(doc, gaz, cands)
    mentions = [
        _mention(
            i + 1,
            text,
            cand,
            place,
            _role(doc, cand, place, i - 1 >= 0 and resolved[i - 1][1] == i),
        )
        for i, (cand, (place, _)) in enumerate(zip(cands, resolved, strict=True))
    ]
    for i, (_, container) in enumerate(resolved):
        if container is not None:
            mentions[i] = _inside(mentions[i], mentions[container])
    mentions = [_near(text, mention) for mention in mentions]
    for i in range(len(mentions)):
        found = _relative(text, mentions, i, len(mentions) + 1)
        if found is not None:
            position, mention = found
            if position == len(mentions):
                mentions.append(mention)
            else:
                mentions[position] = mention
    return tuple(sorted(mentions, key=lambda m: (m.span.start, m.id)))
