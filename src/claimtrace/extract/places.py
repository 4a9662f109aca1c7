"""Places: toponyms in an article, resolved in the offline gazetteer.

``extract_places(doc)`` finds candidate place names (spaCy GPE/LOC/FAC entities, names after
"the village of"/"the province of", "X Desert"/"X Mountains" that the model often calls
PERSON, and NORP demonyms), resolves each against the gazetteer using the document's
country focus, neighbouring admin areas and population, and tells what each name does in
its sentence (`PlaceRole`). `places_relations` then reads relative locations ("30
kilometers east of Baquba", "near X", "a village in the province of Y"). A name the
gazetteer does not know is kept, unresolved, with the location of its container when the
text names one. The words live in ``lexicons/places.toml``.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Doc, Span

from ..gazetteer.index import Gazetteer, default_gazetteer
from ..gazetteer.names import name_key
from ..gazetteer.records import GazPlace
from ..model import PlaceMention, PlaceRole, Source, SourceType, TextSpan
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
_CONTAINER_GAP = re.compile(
    r"^\s*(?:,|in\s+(?:the\s+)?(?:[a-z-]+\s+)?(?:province|governorate|region|district|state|"
    r"county)\s+of|in)\s*$",
    re.IGNORECASE,
)


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
    """GPE/LOC/FAC entities (with an area word after them: "Diyala province"), NORP demonyms,
    and mislabelled names in a place's slot."""
    found = []
    area_words = place_words().area_words
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS:
            start, end = _trim(ent)
            area = end < len(doc) and end == ent.end and doc[end].lower_ in area_words
            found.append(_make(doc, start, end + area, ent.label_, "area" if area else None))
        elif ent.label_ == "NORP":
            start, end = _trim(ent)
            found.append(_make(doc, start, end, ent.label_, None))
        elif ent.label_ in MISLABELS and in_place_slot(doc, ent.start):
            start, end = _trim(ent)
            found.append(_make(doc, start, end, MISLABELED, None))
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
            found.append(_make(doc, first, end, "PATTERN", "area" if area else "settlement"))
    for match in feature.finditer(text):
        last = _token_at(doc, match.start())
        start = last if last is not None else 0
        while start > 0 and (doc[start - 1].is_title or doc[start - 1].pos_ == "PROPN"):
            start -= 1
        if last is not None and start < last and doc[start].lower_ != "the":
            found.append(_make(doc, start, last + 1, "PATTERN", "feature"))
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
    if _is_attributive(doc, cand):
        return PlaceRole.ATTRIBUTIVE
    return PlaceRole.EVENT_LOCATION


def resolve_all(
    text: str, gazetteer: Gazetteer, cands: list[Candidate], context: Context
) -> list[tuple[GazPlace | None, int | None]]:
    """Each candidate's best place and the index of its container, containers first."""
    options = [gazetteer_candidates(gazetteer, cand) for cand in cands]
    containers = [container_of(text, cands, i) for i in range(len(cands))]
    chosen: list[GazPlace | None] = [None] * len(cands)
    for i in reversed(range(len(cands))):
        j = containers[i]
        outer = chosen[j] if j is not None else None
        chosen[i] = best_place(options[i], cands[i], context, outer)
    return list(zip(chosen, containers, strict=True))


def extract_places(
    doc: Doc, gazetteer: Gazetteer | None = None, text: str | None = None
) -> tuple[PlaceMention, ...]:
    """Every place mention in the Doc, resolved where the gazetteer allows, in text order.

    ``text`` is ``doc.text`` when the caller has it (spaCy rebuilds it on every access).
    """
    gaz = gazetteer or default_gazetteer()
    text = doc.text if text is None else text
    found = find_candidates(doc, text)
    context = document_context(gaz, [cand for cand in found if cand.label != MISLABELED])
    cands = [cand for cand in found if plausible(gaz, cand, context)]
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
