"""Places: toponyms in an article, resolved in the offline gazetteer.

``extract_places(doc)`` finds candidate place names (spaCy GPE/LOC/FAC entities, names after
"the village of"/"the province of", "X Desert"/"X Mountains" that the model often calls
PERSON, NORP demonyms, and the names `places_hidden` finds inside organisation names,
before "woman"/"officials" and in datelines), resolves each against the gazetteer using
the document's country focus, the division and neighbourhood the other names point to
(`places_focus`), a containing admin area ("Paris, Tenn.") and population, and tells what
each name does in its sentence (`PlaceRole`). An unknown longer name falls back to a
known part of it ("Northeast Georgia", "Henderson County Jail"). `places_relations` then
reads relative locations ("30 kilometers east of Baquba", "near X", "a village in the
province of Y"). A name the gazetteer does not know is kept, unresolved, with the location
of its container when the text names one. The words live in ``lexicons/places.toml``.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache

from spacy.tokens import Doc

from ..gazetteer.index import Gazetteer, default_gazetteer
from ..gazetteer.names import name_key
from ..gazetteer.records import GazPlace
from ..model import PlaceMention, PlaceRole, Source, SourceType, TextSpan
from .places_focus import AreaFocus, area_focus, nearby_support
from .places_hidden import (
    EMBEDDED,
    Candidate,
    hidden_candidates,
    listed_divisions,
    make_candidate,
    trim_entity,
)
from .places_lexicon import place_words
from .places_relations import destination, haversine_km, locate, relative_phrase

__all__ = [
    "Candidate",
    "PlaceMention",
    "destination",
    "extract_places",
    "haversine_km",
    "mark_party_names",
    "relative_phrase",
]

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Labels the small model gives to place names it does not recognise as such ("near Erbil"
# as ORG): such a name is a candidate in a place's slot, kept when the gazetteer knows it well.
MISLABELS = frozenset({"PERSON", "ORG", "WORK_OF_ART"})
MISLABELED = "MISLABELED"
# The score a place gains for lying in the document's main division (`area_focus`) and
# for lying near the places every other name could be (`nearby_support`).
AREA_WEIGHT = 2.5
NEAR_WEIGHT = 2.0
# A continent's, first-level division's or curated region's edge over towns of its name.
AREA_BONUS = 1.0
# A place known by exactly the name written (not by an alternate name) gains this.
NAME_BONUS = 2.0
# A curated region's or physical feature's edge ("Middle East" is no Baltimore street).
REGION_BONUS = 5.0
# A national capital's edge over other places of its name ("Washington": the city).
CAPITAL_BONUS = 1.0
# How much a name votes for the document's country each time it is said again.
REPEAT_WEIGHT = 0.25
_POSSESSIVE = re.compile(r"(?:['’]s?|[.,])$")
_CONTAINER_GAP = re.compile(
    r"^\s*(?:,|in\s+(?:the\s+)?(?:[a-z-]+\s+)?(?:province|governorate|region|district|state|"
    r"county)\s+of|in)\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Context:
    """What the rest of the document says about where it is set."""

    focus: str | None
    countries: frozenset[str]
    areas: AreaFocus = field(default_factory=AreaFocus)
    home: GazPlace | None = None
    support: Mapping[GazPlace, float] = field(default_factory=dict)


# --- finding candidates ---------------------------------------------------------------


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


def entity_candidates(doc: Doc) -> list[Candidate]:
    """GPE/LOC/FAC entities (with an area word after them: "Diyala province"), NORP demonyms,
    and mislabelled names in a place's slot."""
    found = []
    area_words = place_words().area_words
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS:
            start, end = trim_entity(ent)
            area = end < len(doc) and end == ent.end and doc[end].lower_ in area_words
            found.append(
                make_candidate(doc, start, end + area, ent.label_, "area" if area else None)
            )
        elif ent.label_ == "NORP":
            start, end = trim_entity(ent)
            found.append(make_candidate(doc, start, end, ent.label_, None))
        elif ent.label_ in MISLABELS and in_place_slot(doc, ent.start):
            start, end = trim_entity(ent)
            found.append(make_candidate(doc, start, end, MISLABELED, None))
    return found


def in_place_slot(doc: Doc, start: int) -> bool:
    """Whether the token at ``start`` follows "near", "in", "the outskirts of" and the like."""
    words = place_words()
    before = doc[start - 1].lower_ if start > 0 else ""
    if before in words.locative_prepositions:
        return True
    return before == "of" and start > 1 and doc[start - 2].lower_ in words.locative_nouns


def plausible(gazetteer: Gazetteer, cand: Candidate, context: Context) -> bool:
    """A demonym the gazetteer knows; a mislabelled name it knows as an area, a feature, a
    town of some size, or a town in the country the article is about."""
    if cand.label == "NORP":
        return gazetteer.demonym(cand.name) is not None
    if cand.label != MISLABELED:
        return True
    least = place_words().mislabeled_min_population
    return any(
        place.feature_class != "P"
        or place.population >= least
        or place.country_code == context.focus
        for place in gazetteer.lookup(cand.name)
    )


def surnames(doc: Doc) -> frozenset[str]:
    """Last words of the full names of people in the text: "Ripley" after "Anne Ripley" is
    her, not the town, wherever the model calls it a place."""
    return frozenset(ent[-1].lower_ for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1)


def is_person(gazetteer: Gazetteer, name: str, people: frozenset[str]) -> bool:
    """A surname of the text that no country, division or large city bears."""
    if name.lower() not in people:
        return False
    largest = place_words().person_name_max_population
    return not any(
        p.is_country or p.is_admin1 or p.population > largest for p in gazetteer.lookup(name)
    )


def pattern_candidates(doc: Doc, text: str) -> list[Candidate]:
    """Names after "the village/province of" and "X Desert"-style feature names.

    The trigger words are found in ``text`` (``doc.text``) by regular expression, so only
    their tokens are visited.
    """
    slot, feature = _trigger_patterns()
    found = []
    for match in slot.finditer(text):
        first = _token_at(doc, match.end())
        end = _proper_run(doc, first) if first is not None else 0
        if first is not None and end > first:
            area = match.group(1).lower() in place_words().area_words
            found.append(
                make_candidate(doc, first, end, "PATTERN", "area" if area else "settlement")
            )
    for match in feature.finditer(text):
        last = _token_at(doc, match.start())
        start = last if last is not None else 0
        while start > 0 and (doc[start - 1].is_title or doc[start - 1].pos_ == "PROPN"):
            start -= 1
        if last is not None and start < last and doc[start].lower_ != "the":
            found.append(make_candidate(doc, start, last + 1, "PATTERN", "feature"))
    return found


@cache
def _trigger_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """ "village of ", "province of " (any case); "Desert", "Mountains" (capitalised)."""
    words = place_words()
    named_by = "|".join(sorted(words.settlement_words | words.area_words))
    features = "|".join(sorted(word.title() for word in words.feature_words))
    slot = re.compile(rf"(?<![\w-])({named_by})\s+of\s+", re.IGNORECASE)
    return slot, re.compile(rf"(?<![\w-])(?:{features})(?![\w-])")


def _token_at(doc: Doc, offset: int) -> int | None:
    """Index of the token starting at character ``offset``, if one does."""
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    if span is None or not len(span) or span[0].idx != offset:
        return None
    return span[0].i


def find_candidates(doc: Doc, text: str) -> list[Candidate]:
    """All candidate place names, overlapping ones merged (pattern triggers kept)."""
    chosen: list[Candidate] = []
    everything = pattern_candidates(doc, text) + entity_candidates(doc)
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
    if len(words) > 1 and words[-1].lower() in place_words().area_words | {"city"}:
        names.append(" ".join(words[:-1]))
    return names


def _names_area(name: str) -> bool:
    """Whether a name ends with a division word ("Laurel County")."""
    return len(_stripped_names(name)) > 1


def gazetteer_candidates(gazetteer: Gazetteer, cand: Candidate) -> list[GazPlace]:
    """Gazetteer entries for a candidate name (NORP through the demonym table)."""
    if cand.label == "NORP":
        country = gazetteer.demonym(cand.name)
        return [country] if country else []
    for name in _stripped_names(cand.name):
        places = gazetteer.lookup(name)
        if places:
            return places
    country = gazetteer.demonym(cand.name)  # "Sri Lankan" tagged as a place
    if country is not None:
        return [country]
    for name in _shortened_names(cand.name):
        places = gazetteer.lookup(name)
        if places:
            return places
    return []


def _shortened_names(name: str) -> list[str]:
    """Shorter names to try when the whole name is unknown: without a leading compass word
    ("Northeast Georgia"), a leading "Port of", or trailing words from a generic facility
    word on ("Henderson County Jail"), longest first. A river or lake is not its namesake
    town: such names get none."""
    words = place_words()
    tokens = name.split()
    if len(tokens) < 2 or tokens[-1].lower() in words.feature_words:
        return []
    shorter = []
    lead = tokens[0].lower()
    if lead in words.directions or lead in words.region_modifiers:
        shorter.append(" ".join(tokens[1:]))
    if len(tokens) > 2 and tokens[1].lower() == "of":
        shorter.append(" ".join(tokens[2:]))
    vague = words.region_modifiers | words.directions.keys() | {"of", "the", "and"}
    generic = [_POSSESSIVE.sub("", token.lower()) in words.facility_words for token in tokens]
    for end in range(len(tokens) - 1, 0, -1):
        if any(generic[end:]) and tokens[end - 1].lower() not in vague:
            shorter.append(" ".join(tokens[:end]))
    return shorter


def score(place: GazPlace, cand: Candidate, context: Context, container: GazPlace | None) -> float:
    """How well a gazetteer entry fits a mention; higher is better."""
    value = math.log10(place.population + 1) * 0.8
    wanted = {name_key(n) for n in _stripped_names(cand.name)}
    if wanted & {name_key(n) for n in _stripped_names(place.name)}:
        value += NAME_BONUS
    if place.is_country:
        value += 3.0
    elif place.geonameid is None and place.feature_class in {"L", "T", "H"}:
        value += REGION_BONUS
    elif place.feature_code in {"CONT", "ADM1"} or (
        place.geonameid is None and place.feature_code != "ADM2"
    ):
        value += AREA_BONUS
    elif place.is_capital:
        value += CAPITAL_BONUS
    if place.feature_code == "ADM2" and not _names_area(cand.name):
        value -= 2.0  # "Cambridge" is the town before it is the district of that name
    if place.admin1 and not place.is_country:
        value += AREA_WEIGHT * context.areas.weight(cand.name, (place.country_code, place.admin1))
    value += NEAR_WEIGHT * context.support.get(place, 0.0)
    if context.focus and place.country_code == context.focus:
        value += 2.5
    elif place.country_code in context.countries or _borders_focus(place, context):
        value += 1.5
    if container is not None and container.country_code:
        value += 2.0 if place.country_code == container.country_code else -2.0
        if container.admin1 and place.admin1 == container.admin1 and not place.is_admin1:
            value += 3.0
    if cand.trigger == "area":
        value += 5.0 if place.is_admin1 else 0.0
    elif cand.trigger == "settlement":
        value += 2.0 if place.feature_class == "P" else -1.0
    elif cand.trigger == "feature" or cand.label == "LOC":
        value += 1.0 if place.feature_class in {"T", "H", "L"} else 0.0
    return value


def _borders_focus(place: GazPlace, context: Context) -> bool:
    """Whether a place abroad lies within the reach of the focus country ("Gaza" in an
    article set in Israel)."""
    home = context.home
    if home is None or place.is_country:
        return False
    return haversine_km(home.lat, home.lon, place.lat, place.lon) <= home.radius_km


def best_place(
    places: list[GazPlace], cand: Candidate, context: Context, container: GazPlace | None = None
) -> GazPlace | None:
    """The best-scoring entry, or None when there is none."""
    if not places:
        return None
    return max(places, key=lambda place: score(place, cand, context, container))


def document_context(gazetteer: Gazetteer, cands: list[Candidate]) -> Context:
    """The country focus (most votes; countries and demonyms count double; a name said
    again votes again, but only a quarter as much; a country name that is also a division
    elsewhere splits its vote) and the countries the text names outright."""
    votes: dict[str, float] = defaultdict(float)
    named: set[str] = set()
    empty = Context(None, frozenset())
    said: Counter[str] = Counter()
    for cand in cands:
        key = name_key(cand.name)
        said[key] += 1
        weight = 1.0 if said[key] == 1 else REPEAT_WEIGHT
        options = gazetteer_candidates(gazetteer, cand)
        place = best_place(options, cand, empty)
        if place is None or not place.country_code:
            continue
        rivals = {p.country_code for p in options if p.is_country or p.is_admin1}
        if place.is_country and len(rivals) > 1:
            # "Georgia": the country or the US state; the name votes for neither alone.
            for country in rivals:
                votes[country] += weight / len(rivals)
            continue
        votes[place.country_code] += weight * (2 if place.is_country else 1)
        if place.is_country:
            named.add(place.country_code)
    if not votes:
        return empty
    focus = max(votes, key=lambda cc: votes[cc])
    return Context(focus, frozenset(named), home=gazetteer.country(focus))


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


def _is_metonymy(doc: Doc, cand: Candidate, place: GazPlace | None) -> bool:
    """A country or capital as the subject of a reporting verb ("Washington said")."""
    if place is None or not (place.is_country or place.is_capital):
        return False
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return (
        root.dep_ in {"nsubj", "nsubjpass"} and root.head.lemma_ in place_words().reporting_lemmas
    )


def _is_attributive(doc: Doc, cand: Candidate) -> bool:
    """A place name used as a modifier of a non-place noun ("US embassy", "UK-based")."""
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    if root.dep_ in {"compound", "amod", "nmod", "npadvmod"} and root.head.i >= span.end:
        head = root.head
        return head.ent_type_ not in PLACE_LABELS and head.lower_ not in place_words().feature_words
    return False


def names_a_site(doc: Doc, cand: Candidate, place: GazPlace | None) -> bool:
    """A town or area naming a site after a locative preposition ("at the Port Sudan fuel
    depot", "in a Kirkuk hospital"): the site, and so the event, is there."""
    if place is None or place.is_country:
        return False
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    if span is None:
        return False
    head = span.root
    while head.dep_ in {"compound", "amod", "nmod"} and head.head.i > head.i:
        head = head.head
    words = place_words()
    return (
        head.lemma_.lower() in words.site_nouns
        and head.dep_ == "pobj"
        and head.head.lower_ in words.site_prepositions
    )


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
    number: int, text: str, cand: Candidate, place: GazPlace | None, role: PlaceRole
) -> PlaceMention:
    """The record of one candidate and the gazetteer entry chosen for it (None: unresolved)."""
    return PlaceMention(
        id=f"P{number}",
        span=TextSpan(cand.start, cand.end, text[cand.start : cand.end]),
        name=place.name if place else cand.name,
        role=role,
        resolved=place is not None,
        lat=place.lat if place else None,
        lon=place.lon if place else None,
        uncertainty_km=place.radius_km if place else None,
        country_code=(place.country_code or None) if place else None,
        admin1=(place.admin1 or None) if place else None,
        feature=feature_of(place),
        feature_class=place.feature_class if place else None,
        feature_code=place.feature_code if place else None,
        geonames_id=place.geonameid if place else None,
    )


def _role(doc: Doc, cand: Candidate, place: GazPlace | None, is_container: bool) -> PlaceRole:
    """What the name does in its sentence."""
    if cand.label == "NORP":
        return PlaceRole.DEMONYM
    if _is_metonymy(doc, cand, place):
        return PlaceRole.METONYMY
    if is_container:
        return PlaceRole.ADMIN_CONTEXT
    if _is_attributive(doc, cand) and not names_a_site(doc, cand, place):
        return PlaceRole.ATTRIBUTIVE
    return PlaceRole.EVENT_LOCATION


def resolve_all(
    text: str, gazetteer: Gazetteer, cands: list[Candidate], context: Context
) -> list[tuple[GazPlace | None, int | None]]:
    """Each candidate's best place and the index of its container, containers first."""
    options = [gazetteer_candidates(gazetteer, cand) for cand in cands]
    containers = [container_of(text, cands, i) for i in range(len(cands))]
    first = _choose(options, cands, containers, context)
    names = [cand.name for cand in cands]
    areas = area_focus(names, options, first)
    focused = replace(context, areas=areas, support=nearby_support(names, options))
    chosen = _choose(options, cands, containers, focused)
    return list(zip(chosen, containers, strict=True))


def _choose(
    options: Sequence[list[GazPlace]],
    cands: Sequence[Candidate],
    containers: Sequence[int | None],
    context: Context,
) -> list[GazPlace | None]:
    """Each candidate's best place, containers (later in the text) resolved first."""
    chosen: list[GazPlace | None] = [None] * len(cands)
    for i in reversed(range(len(cands))):
        j = containers[i]
        outer = chosen[j] if j is not None else None
        chosen[i] = best_place(options[i], cands[i], context, outer)
    return chosen


def _keeps(cand: Candidate, place: GazPlace | None, context: Context) -> bool:
    """A name found inside an organisation's name is a place only when it is a country or
    lies in the document's focus country ("International Maritime Monitor" in an article
    about Sudan does not put a region of Togo on the map)."""
    if cand.label != EMBEDDED:
        return True
    if place is None:
        return False
    return place.is_country or context.focus is None or place.country_code == context.focus


def extract_places(
    doc: Doc, gazetteer: Gazetteer | None = None, text: str | None = None
) -> tuple[PlaceMention, ...]:
    """Every place mention in the Doc, resolved where the gazetteer allows, in text order.

    ``text`` is ``doc.text`` when the caller has it (spaCy rebuilds it on every access).
    """
    gaz = gazetteer or default_gazetteer()
    text = doc.text if text is None else text
    found = hidden_candidates(doc, text, gaz, find_candidates(doc, text), MISLABELED)
    found = listed_divisions(text, found)
    context = document_context(gaz, [cand for cand in found if cand.label != MISLABELED])
    people = surnames(doc)
    cands = [c for c in found if plausible(gaz, c, context) and not is_person(gaz, c.name, people)]
    resolved = resolve_all(text, gaz, cands, context)
    kept = [i for i, (place, _) in enumerate(resolved) if _keeps(cands[i], place, context)]
    if len(kept) < len(cands):  # containers are indices: resolve again over what is kept
        cands = [cands[i] for i in kept]
        resolved = resolve_all(text, gaz, cands, context)
    containers = [container for _, container in resolved]
    is_container = set(containers)
    mentions = [
        _mention(i + 1, text, cand, place, _role(doc, cand, place, i in is_container))
        for i, (cand, (place, _)) in enumerate(zip(cands, resolved, strict=True))
    ]
    return locate(text, mentions, containers)


def mark_party_names(
    places: tuple[PlaceMention, ...], sources: Sequence[Source]
) -> tuple[PlaceMention, ...]:
    """Place names that are exactly the name of a source are a party, not a location.

    A government source named by its country or capital ("Baghdad said") is metonymy; an
    outlet, group or person whose name looks like a place ("Baghdad Today") is not a
    location at all.
    """
    parties: dict[tuple[int, int], Source] = {
        (mention.start, mention.end): source for source in sources for mention in source.mentions
    }
    marked = []
    for place in places:
        source = parties.get((place.span.start, place.span.end))
        if source is not None and source.type is not SourceType.PUBLISHER:
            metonymy = source.type is SourceType.GOVERNMENT and place.resolved
            role = PlaceRole.METONYMY if metonymy else PlaceRole.NOT_A_LOCATION
            place = replace(place, role=role)
        marked.append(place)
    return tuple(marked)
