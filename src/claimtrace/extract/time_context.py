"""Document-level refinements of normalised times: what neighbouring expressions imply.

Business news compares a quarter with the same quarter a year before: after "the third
quarter" (1989-Q3), "a year earlier" and "the year-ago period" mean 1988-Q3, not 1988.
A time of day followed by its date ("3 p.m. on Monday", "shortly after midnight on 11
March", "10:35 a.m. (0735 GMT) Friday") takes that date instead of the publication date.
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise

from .time_normalise import clean, with_bounds
from .time_rules import Normalised

Reading = tuple[int, int, Normalised]
COMPARISON = re.compile(
    r"(?:a|one) year (?:ago|earlier|before)|(?:the )?(?:same )?year[\s-](?:earlier|ago|before)"
    r"(?: (?:period|quarter|level|figure|results))?|(?:the )?(?:same|corresponding|comparable) "
    r"(?:period|quarter) (?:a year ago|last year|a year earlier)|(?:the )?(?:quarter|period) a "
    r"year (?:ago|earlier)|last year's (?:quarter|period)"
)
QUARTER = re.compile(r"(\d{4})-Q([1-4])")
YEAR_BACK = re.compile(r"year[\s-](?:ago|earlier|before)|last year|a year")
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
ON_DATE = re.compile(r"\s*(?:\([^()]{1,24}\)\s*)?(?:(?:on|,)\s*)?")


def compare_with_quarters(text: str, readings: list[Reading]) -> list[Reading]:
    """Readings in text order, year-ago comparisons resolved to the quarter last mentioned."""
    refined: list[Reading] = []
    last_quarter: re.Match[str] | None = None
    for start, end, reading in readings:
        phrase = clean(text[start:end])
        if reading.type == "DATE" and QUARTER.fullmatch(reading.value):
            if not YEAR_BACK.search(phrase):  # "the year-ago quarter" is no new reference
                last_quarter = QUARTER.fullmatch(reading.value)
        elif last_quarter is not None and COMPARISON.fullmatch(phrase):
            year, quarter = int(last_quarter.group(1)) - 1, last_quarter.group(2)
            value = f"{year:04d}-Q{quarter}"
            reading = with_bounds(replace(reading, value=value, granularity="quarter", start=None))
        refined.append((start, end, reading))
    return refined


def times_on_their_dates(text: str, readings: list[Reading]) -> list[Reading]:
    """Readings in text order, a time of day moved to the day written right after it."""
    refined = list(readings)
    for i, ((_, end, reading), (start, _, following)) in enumerate(pairwise(readings)):
        if (
            reading.type == "TIME"
            and "T" in reading.value
            and following.type == "DATE"
            and DAY.fullmatch(following.value)
            and ON_DATE.fullmatch(text[end:start])
        ):
            refined[i] = (refined[i][0], end, on_day(reading, following))
    return refined


def on_day(time_of_day: Normalised, day: Normalised) -> Normalised:
    """The time of day on the given day: "3 p.m." + 2025-03-10 -> 2025-03-10T15:00."""
    clock = time_of_day.value[time_of_day.value.index("T") :]
    return replace(
        time_of_day,
        value=day.value + clock,
        start=day.start,
        end=day.end,
        anchored=day.anchored,
    )
