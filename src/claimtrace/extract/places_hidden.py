"""Place names the entity recogniser does not mark as places.

Local news writes place names where the model sees something else: inside organisation
names ("Gainesville Police", "the U.S. Census"), before words that describe a local
person or body ("a Lancaster woman", "Decatur city officials", "DeKalb's plan"), and in
capitals in the dateline ("COLUMBUS, Ohio (AP) —"). Each is a candidate only when the
gazetteer knows the name as a country, a division or a town of some size; the words live
in ``lexicons/places.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Doc, Span, Token

from ..gazetteer.index import Gazetteer
from .places_lexicon import place_words

EMBEDDED = "EMBEDDED"
LOCAL = "LOCAL"
DATELINE = "DATELINE"
EMBEDDING_LABELS = frozenset({"ORG"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC", "NORP"})
_INITIALS = re.compile(r"(?:[A-Z]\.){2,}")
_POSSESSIVE = frozenset({"'s", "’s"})
# Capitals at the start of a line or sentence, then ",", "(" or a dash: "COLUMBUS, Ohio".
_DATELINE = re.compile(
    r"(?:^|\n|\.\s)\s*([A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+){0,2})(?=\s*(?:,|\(|--|—|–|-\s))"
)


# After a name: more capitalised names joined by commas, "and", "or", then a lower-case word.
_LIST_TAIL = re.compile(
    r"(?:\s*(?:,|&|\band\b|\bor\b)\s*(?:[A-Z][\w.'’-]*\s?){1,3})*\s*,?\s*(?:and|or)?\s*([a-z]+)"
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A stretch of text that may name a place, and why it was picked."""

    start: int
    end: int
    name: str
    label: str
    trigger: str | None = None


def trim_entity(span: Span) -> tuple[int, int]:
    """Token bounds of an entity without a leading "the" or a trailing possessive."""
    start, end = span.start, span.end
    if span[0].lower_ == "the" and end - start > 1:
        start += 1
    if end - start > 1 and span.doc[end - 1].tag_ == "POS":
        end -= 1
    return start, end


def make_candidate(doc: Doc, start: int, end: int, label: str, trigger: str | None) -> Candidate:
    """The candidate for tokens start..end."""
    span = doc[start:end]
    return Candidate(span.start_char, span.end_char, span.text, label, trigger)


def _capitalised(token: Token) -> bool:
    """A capitalised word ("Gainesville") or initials ("U.S.")."""
    return (token.is_title and token.is_alpha) or bool(_INITIALS.fullmatch(token.text))


def _proper(token: Token) -> bool:
    """A capitalised proper noun that is no function word ("He", "But")."""
    return _capitalised(token) and token.pos_ == "PROPN" and not token.is_stop


def _area_name(name: str) -> bool:
    words = name.split()
    return len(words) > 1 and words[-1].lower() in place_words().area_words


@cache
def _stop_words() -> frozenset[str]:
    return place_words().embedded_stop_words


def known_place(gazetteer: Gazetteer, name: str, towns: bool) -> bool:
    """Whether the gazetteer knows ``name`` as a country or first-level division, as a
    county ("Hall County"), or (``towns``) as a town of at least the lexicon's size."""
    least = place_words().embedded_min_population
    for place in gazetteer.lookup(name):
        if place.is_country or place.is_admin1:
            return True
        if towns and place.feature_code == "ADM2" and _area_name(name):
            return True
        if towns and place.feature_class == "P" and place.population >= least:
            return True
    return False


def embedded_candidates(doc: Doc, gazetteer: Gazetteer) -> list[Candidate]:
    """Place names inside organisation names: "Gainesville Police", "Hall County Schools",
    "Northeast Georgia Medical Center". A leading name may be a town; a name further in
    only a country or a first-level division."""
    found = []
    for ent in doc.ents:
        if ent.label_ in EMBEDDING_LABELS and len(ent) > 1:
            start, end = trim_entity(ent)
            span = _embedded_place(doc, gazetteer, start, end)
            if span is not None:
                found.append(make_candidate(doc, span[0], span[1], EMBEDDED, None))
    return found


def _embedded_place(doc: Doc, gazetteer: Gazetteer, start: int, end: int) -> tuple[int, int] | None:
    """The first known place name among the tokens start..end, leaving the last one out."""
    for first in range(start, end - 1):
        for last in range(min(end - 1, first + 3), first, -1):
            tokens = doc[first:last]
            if not all(_capitalised(token) for token in tokens):
                continue
            if tokens[0].lower_ in _stop_words() or tokens[-1].lower_ in _stop_words():
                continue
            if known_place(gazetteer, tokens.text, towns=first == start):
                return first, last
    return None


def local_candidates(doc: Doc, gazetteer: Gazetteer) -> list[Candidate]:
    """Town names before a word for a local person or body ("a Lancaster woman", "Decatur
    city officials") or with a possessive ("DeKalb's plan"), whatever the model called
    them."""
    nouns = place_words().local_nouns
    found = []
    for token in doc[1:]:
        possessive = token.text in _POSSESSIVE and doc[token.i - 1].ent_type_ != "PERSON"
        if not (token.is_lower and token.lower_ in nouns) and not possessive:
            continue
        end = token.i
        start = end
        while start > 0 and end - start < 3 and _proper(doc[start - 1]):
            start -= 1
        if start == end or any(doc[i].ent_type_ in PLACE_LABELS for i in range(start, end)):
            continue
        tokens = doc[start:end]
        if tokens[0].lower_ in _stop_words() or tokens[-1].lower_ in _stop_words():
            continue
        if known_place(gazetteer, tokens.text, towns=True):
            found.append(make_candidate(doc, start, end, LOCAL, None))
    return found


def dateline_candidates(doc: Doc, text: str, gazetteer: Gazetteer) -> list[Candidate]:
    """A place name in capitals opening a line or sentence ("COLUMBUS, Ohio (AP) —")."""
    found = []
    for match in _DATELINE.finditer(text):
        name = match.group(1).rstrip(".")
        if len(name) < 3 or name.lower() in _stop_words():
            continue
        span = doc.char_span(match.start(1), match.start(1) + len(name))
        if span is not None and known_place(gazetteer, name.title(), towns=True):
            found.append(Candidate(span.start_char, span.end_char, span.text, DATELINE))
    return found


def listed_divisions(text: str, cands: list[Candidate]) -> list[Candidate]:
    """Names in a list that ends in a plural division word ("Butler, Clark or Warren
    counties") are divisions: each is renamed "Butler County", and triggers "area"."""
    plurals = place_words().plural_area_words
    renamed = []
    for cand in cands:
        match = _LIST_TAIL.match(text, cand.end)
        word = match.group(1).lower() if match else ""
        if word in plurals and not _area_name(cand.name):
            cand = replace(cand, name=f"{cand.name} {plurals[word]}", trigger="area")
        renamed.append(cand)
    return renamed


def _overlaps(cand: Candidate, others: list[Candidate]) -> bool:
    return any(cand.start < other.end and other.start < cand.end for other in others)


def hidden_candidates(
    doc: Doc, text: str, gazetteer: Gazetteer, found: list[Candidate], mislabeled: str
) -> list[Candidate]:
    """``found`` with the hidden place names added, in text order. A hidden name replaces a
    mislabelled candidate (label ``mislabeled``) that it lies in ("from Gainesville Police")
    and gives way to any other."""
    kept = [cand for cand in found if cand.label != mislabeled]
    extra: list[Candidate] = []
    hidden = (
        dateline_candidates(doc, text, gazetteer)
        + embedded_candidates(doc, gazetteer)
        + local_candidates(doc, gazetteer)
    )
    for cand in hidden:
        if not _overlaps(cand, kept) and not _overlaps(cand, extra):
            extra.append(cand)
    rest = [cand for cand in found if cand.label == mislabeled and not _overlaps(cand, extra)]
    return sorted(kept + extra + rest, key=lambda cand: cand.start)
