"""What a claim is compared by: its content words, its period, its places and its events.

Time, place and event records are read defensively (``getattr``): a Report without them
(older JSON, a stage that failed) still gives content words, and the text path works alone.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..model import Claim, Report, ResponseKind
from .records import Article, ClaimRef
from .settings import CrossrefSettings, WordSettings

WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)
SUFFIXES = ("ing", "ed")


@dataclass(frozen=True, slots=True)
class Period:
    """The inclusive dates a claim's time expression covers, and where the time was found
    (``Claim.time_from``: claim, sentence, paragraph, attribution; "event" for an event's)."""

    start: dt.date
    end: dt.date
    found: str = "claim"

    def overlaps(self, other: Period) -> bool:
        return self.start <= other.end and other.start <= self.end

    def __str__(self) -> str:
        if self.start == self.end:
            return self.start.isoformat()
        return f"{self.start.isoformat()}..{self.end.isoformat()}"


@dataclass(frozen=True, slots=True)
class PlacePoint:
    """A place a claim is located at: its normalised name and, when resolved, its point."""

    name: str
    lat: float | None = None
    lon: float | None = None
    uncertainty_km: float = 0.0


@dataclass(frozen=True, slots=True)
class EventSignature:
    """The parts of a coded event two claims are compared by."""

    event_type: str
    actor: str | None
    targets: frozenset[str]
    negated: bool = False


@dataclass(frozen=True, slots=True)
class ClaimFeatures:
    """One claim ready for comparison."""

    ref: ClaimRef
    words: frozenset[str]
    period: Period | None = None
    places: tuple[PlacePoint, ...] = ()
    events: tuple[EventSignature, ...] = ()
    checkworthiness: float = 0.0


@lru_cache(maxsize=65536)
def normalise_name(name: str) -> str:
    """A name as compared across articles: lowercase, without "the" and a possessive."""
    words = [word.lower() for word in WORD.findall(name.replace("’", "'"))]
    if words and words[0] == "the":
        words = words[1:]
    if words and words[-1].endswith("'s"):
        words[-1] = words[-1][:-2]
    return " ".join(words)


def stem(word: str, same: dict[str, str]) -> str:
    """A crude, predictable stem of the word or of its equivalent in the lexicon: a plural
    "s", then "ing" or "ed", then a final "e" come off ("crossings" -> "cross")."""
    word = same.get(word, word)
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        word = word[:-1]
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word


def content_words(text: str, words: WordSettings) -> frozenset[str]:
    """The stems of a text's words, without stop words, function words and single letters."""
    found = set()
    for raw in WORD.findall(text.replace("’", "'")):
        word = raw.lower().removesuffix("'s")
        if len(word) > 1 and word not in words.stop:
            found.add(stem(word, words.same))
    return frozenset(found)


def article_features(article: Article, settings: CrossrefSettings) -> Iterator[ClaimFeatures]:
    """Features of every claim of an article that takes part in clustering."""
    report = article.report
    denials = [r.span for r in report.responses if r.kind is ResponseKind.DENIAL]
    for claim in report.claims:
        if any(d.start <= claim.span.start and claim.span.end <= d.end for d in denials):
            continue  # what the party concerned denies is not support for the claim
        found = claim_features(article, claim, settings)
        if len(found.words) >= settings.claims.min_content_words:
            yield found


def claim_features(article: Article, claim: Claim, settings: CrossrefSettings) -> ClaimFeatures:
    """Content words, period, places and events of one claim."""
    report = article.report
    events = [e for e in getattr(report, "events", ()) if getattr(e, "claim_id", None) == claim.id]
    return ClaimFeatures(
        ref=ClaimRef(article.id, claim.id, claim.span.text),
        words=content_words(claim.span.text, settings.words),
        period=claim_period(report, claim, events),
        places=claim_places(report, claim, events),
        events=tuple(sig for e in events if (sig := event_signature(e)) is not None),
        checkworthiness=claim.checkworthiness,
    )


def claim_period(report: Report, claim: Claim, events: Sequence[Any]) -> Period | None:
    """The period of the claim's time expression (or its event's), when it has dates."""
    found = getattr(claim, "time_from", None) or "claim"
    time_ids = [(getattr(claim, "time_id", None), found)]
    time_ids += [(getattr(e, "time_id", None), "event") for e in events]
    times = {getattr(t, "id", None): t for t in getattr(report, "times", ())}
    for time_id, where in time_ids:
        time = times.get(time_id) if time_id else None
        period = _period(time, where) if time is not None else None
        if period is not None:
            return period
    return None


def _period(time: Any, found: str) -> Period | None:
    if getattr(time, "vague", False):
        return None
    start, end = _date(getattr(time, "start", None)), _date(getattr(time, "end", None))
    if start is None or end is None or end < start:
        return None
    return Period(start, end, found)


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def claim_places(report: Report, claim: Claim, events: Sequence[Any]) -> tuple[PlacePoint, ...]:
    """The claim's event locations (and its events'), named and, when resolved, located."""
    place_ids = list(getattr(claim, "place_ids", ()))
    for event in events:
        place_ids.extend(i for i in getattr(event, "place_ids", ()) if i not in place_ids)
    places = {getattr(p, "id", None): p for p in getattr(report, "places", ())}
    return tuple(_point(places[i]) for i in place_ids if i in places)


def _point(place: Any) -> PlacePoint:
    lat, lon = getattr(place, "lat", None), getattr(place, "lon", None)
    uncertainty = getattr(place, "uncertainty_km", None) or 0.0
    return PlacePoint(normalise_name(str(getattr(place, "name", ""))), lat, lon, uncertainty)


def event_signature(event: Any) -> EventSignature | None:
    """The type, actor and targets of an event, normalised; None without an event type."""
    event_type = getattr(event, "event_type", None)
    if not event_type:
        return None
    actor = getattr(event, "actor", None)
    targets = getattr(event, "targets", ()) or ()
    return EventSignature(
        event_type=str(event_type),
        actor=_party(actor),
        targets=frozenset(name for t in targets if (name := _party(t))),
        negated=bool(getattr(event, "negated", False)),
    )


def _party(actor: Any) -> str | None:
    if actor is None:
        return None
    label = getattr(actor, "label", None) or getattr(getattr(actor, "span", None), "text", None)
    return normalise_name(str(label)) if label else None
