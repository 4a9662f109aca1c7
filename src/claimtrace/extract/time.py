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
from dataclasses import dataclass

from spacy.tokens import Doc

from claimtrace.model import TextSpan

from . import time_calendar as cal
from .time_candidates import Candidate, find_candidates, split_range
from .time_lexicon import fragments, lexicon
from .time_normalise import Normalised, normalise

__all__ = ["TimeExpression", "consistency_warnings", "extract_times", "normalise"]

WEEKDAY_IN_TEXT = re.compile(rf"\b({fragments().weekday})(?![\w])", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """One temporal expression: where it is, its TimeML value and the interval it covers.

    `start`/`end` are inclusive ISO dates when the expression denotes an interval (a month,
    a week, "the past two weeks"); `anchored` says the value was resolved against the
    publication date; `vague` marks "recently", "over the years" and the like.
    """

    id: str
    span: TextSpan
    value: str
    type: str
    start: str | None
    end: str | None
    anchored: bool
    vague: bool
    granularity: str


def extract_times(doc: Doc, published: dt.date | None) -> tuple[TimeExpression, ...]:
    """Every temporal expression in `doc`, normalised against `published` (the DCT)."""
    found: list[tuple[int, int, Normalised]] = []
    for candidate in find_candidates(doc):
        found.extend(_read_candidate(doc.text, candidate, published))
    return tuple(
        _expression(f"T{index}", doc.text, start, end, reading)
        for index, (start, end, reading) in enumerate(found, start=1)
    )


def _read_candidate(
    text: str, candidate: Candidate, published: dt.date | None
) -> list[tuple[int, int, Normalised]]:
    """The readings of one candidate: whole, else as a range of two, else none."""
    whole = normalise(candidate.text, published, future=candidate.future)
    if whole is not None:
        return [(candidate.start, candidate.end, whole)]
    parts = split_range(text, candidate.start, candidate.end)
    readings = [
        (start, end, normalise(text[start:end], published, future=candidate.future))
        for start, end in parts
    ]
    if len(parts) < 2:
        return []
    return [(start, end, reading) for start, end, reading in readings if reading is not None]


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
    times: tuple[TimeExpression, ...], published: dt.date | None
) -> tuple[str, ...]:
    """Date problems a reader should check: dates after publication, wrong weekday names."""
    warnings: list[str] = []
    for time in times:
        warnings.extend(_weekday_warning(time))
        if published is not None:
            warnings.extend(_after_publication_warning(time, published))
    return tuple(warnings)


def _after_publication_warning(time: TimeExpression, published: dt.date) -> list[str]:
    """A DATE/TIME lying wholly after the publication date."""
    if time.type not in {"DATE", "TIME"} or time.start is None:
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
    if named is None or time.anchored:
        return []
    weekday = lexicon().weekday(named.group(1))
    if cal.weekday_matches(time.value, weekday) is not False:
        return []
    actual = dt.date.fromisoformat(time.value[:10]).strftime("%A")
    return [f"{time.id}: {time.span.text!r} names {named.group(1)} but {time.value} is a {actual}"]
