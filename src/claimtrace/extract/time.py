"""Temporal expressions normalised against the publication date (the time stage).

``extract_times(doc, published)`` finds dates, times, durations and sets in a parsed
article and gives each a TimeML-style value: absolute dates as written ("26 August, 2017"
-> 2017-08-26), relative ones resolved against the publication date ("Last July" with a
2022-04-29 article -> 2021-07, "over the past week" -> P1W from 2022-04-22 to 2022-04-29).
Without a publication date relative expressions keep X placeholders ("XXXX-04-28") and are
marked ``anchored=False``; no year is ever invented.

The work is split so most of it is testable on plain strings: `time_normalise.normalise`
(phrase + date -> value), `time_calendar` (date arithmetic and the year/weekday rules),
`time_candidates` (where the phrases are in a Doc). The words live in
``lexicons/time.toml``.
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc

from claimtrace.model import TextSpan, TimeExpression

from . import time_calendar as cal
from .time_candidates import Candidate, find_candidates, is_future, sub_phrases
from .time_context import compare_with_quarters, times_on_their_dates
from .time_lexicon import fragments, lexicon
from .time_normalise import Normalised, normalise

__all__ = ["TimeExpression", "consistency_warnings", "extract_times", "normalise"]

WEEKDAY_IN_TEXT = re.compile(rf"\b({fragments().weekday})(?![\w])", re.IGNORECASE)
DAY_NUMBER = re.compile(r"\d")


Reading = tuple[int, int, Normalised]
MAX_WORDS = 12  # longer candidates are not decomposed into sub-phrases
PERIOD_ENDING = re.compile(r"\s+(?:ended|ending|that ended|through)\b")
AGE_AFTER = re.compile(r"[\s-]*(?:old|of age)\b")


def extract_times(
    doc: Doc, published: dt.date | None, text: str | None = None
) -> tuple[TimeExpression, ...]:
    """Every temporal expression in `doc`, normalised against `published` (the DCT).

    ``text`` is ``doc.text`` when the caller has it (spaCy rebuilds it on every access).
    """
    text = doc.text if text is None else text
    chosen: list[Reading] = []
    for candidate in find_candidates(doc, text):
        if not _overlaps(candidate.start, candidate.end, chosen):
            chosen.extend(_read_candidate(text, candidate, published))
    chosen.sort(key=lambda reading: reading[0])
    chosen = times_on_their_dates(text, compare_with_quarters(text, chosen))
    return tuple(
        _expression(f"T{index}", text, start, end, reading)
        for index, (start, end, reading) in enumerate(chosen, start=1)
    )


def _overlaps(start: int, end: int, chosen: list[Reading]) -> bool:
    """Whether [start, end) shares a character with a reading already chosen."""
    return any(start < other_end and other_start < end for other_start, other_end, _ in chosen)


def _read_candidate(text: str, candidate: Candidate, published: dt.date | None) -> list[Reading]:
    """The whole candidate if it normalises, else its longest normalisable sub-phrases."""
    whole = _normalise_at(text, candidate.start, candidate.end, published, candidate)
    if whole is not None:
        return [(candidate.start, candidate.end, whole)]
    if candidate.text.count(" ") >= MAX_WORDS:
        return []
    parts: list[Reading] = []
    for start, end in sub_phrases(text, candidate.start, candidate.end):
        if start >= end or _overlaps(start, end, parts):
            continue
        reading = _normalise_at(text, start, end, published, candidate)
        if reading is not None:
            parts.append((start, end, reading))
    return parts


def _normalise_at(
    text: str, start: int, end: int, published: dt.date | None, candidate: Candidate
) -> Normalised | None:
    """Normalise text[start:end]; "the year ended June 30" makes "the year" a period (P1Y)."""
    reading = normalise(text[start:end], published, future=candidate.future, past=candidate.past)
    if reading is not None and AGE_AFTER.match(text, end):
        return None
    if reading is None or not PERIOD_ENDING.match(text, end):
        return reading
    return period_reading(text[start:end], reading)


def period_reading(phrase: str, reading: Normalised) -> Normalised:
    """ "the year" before "ended ..." is a one-unit duration, not the DCT's year.

    A quarter keeps its calendar value ("the quarter ended Sept. 30" -> 1989-Q3): TimeML
    annotates reporting quarters as dates.
    """
    unit = {"year": "P1Y", "month": "P1M", "week": "P1W"}
    if reading.type != "DATE" or reading.granularity not in unit:
        return reading
    if not phrase.lower().startswith("the ") or re.search(r"\d", phrase):
        return reading
    return Normalised(unit[reading.granularity], type="DURATION", granularity=reading.granularity)


def _expression(id_: str, text: str, start: int, end: int, reading: Normalised) -> TimeExpression:
    """Wrap one normalised reading as a TimeExpression record."""
    return TimeExpression(
        id=id_,
        span=TextSpan(start, end, text[start:end]),
        value=reading.value,
        type=reading.type,
        start=reading.start,
        end=reading.end,
        anchored=reading.anchored,
        vague=reading.vague,
        granularity=reading.granularity,
    )


def consistency_warnings(
    times: tuple[TimeExpression, ...], published: dt.date | None, doc: Doc | None = None
) -> tuple[str, ...]:
    """Date problems a reader should check: events after publication, wrong weekday names.

    With the parsed `doc`, a date in a clause about the future ("talks will resume on 20
    May") is not reported as after publication.
    """
    warnings: list[str] = []
    for time in times:
        warnings.extend(_weekday_warning(time))
        late = _after_publication_warning(time, published) if published is not None else []
        if late and not (doc is not None and _in_future_clause(doc, time)):
            warnings.extend(late)
    return tuple(warnings)


def _in_future_clause(doc: Doc, time: TimeExpression) -> bool:
    return is_future(doc, time.span.start, time.span.end)


def _after_publication_warning(time: TimeExpression, published: dt.date) -> list[str]:
    """A DATE/TIME lying wholly after the publication date, written as a date.

    A relative expression resolved forward ("next week", "on Monday" in a future clause)
    lies after publication by its meaning, so it is never reported.
    """
    if time.type not in {"DATE", "TIME"} or time.start is None:
        return []
    if time.anchored and not DAY_NUMBER.search(time.span.text):
        return []
    if dt.date.fromisoformat(time.start) <= published:
        return []
    return [
        f"{time.id}: {time.span.text!r} ({time.value}) is after the publication date "
        f"{published.isoformat()}"
    ]


def _weekday_warning(time: TimeExpression) -> list[str]:
    """A weekday name written next to a date that falls on another weekday."""
    named = WEEKDAY_IN_TEXT.search(time.span.text)
    if named is None or not DAY_NUMBER.search(time.span.text):
        return []  # a bare weekday is resolved from its name: it always matches
    weekday = lexicon().weekday(named.group(1))
    if cal.weekday_matches(time.value, weekday) is not False:
        return []
    actual = dt.date.fromisoformat(time.value[:10]).strftime("%A")
    return [f"{time.id}: {time.span.text!r} names {named.group(1)} but {time.value} is a {actual}"]
