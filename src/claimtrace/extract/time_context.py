"""Document-level refinements of normalised times: what earlier expressions imply.

Business news compares a quarter with the same quarter a year before: after "the third
quarter" (1989-Q3), "a year earlier" and "the year-ago period" mean 1988-Q3, not 1988.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .time_normalise import clean, with_bounds
from .time_rules import Normalised

Reading = tuple[int, int, Normalised]
COMPARISON = re.compile(
    r"(?:a|one) year (?:ago|earlier|before)|(?:the )?(?:same )?year[\s-](?:earlier|ago|before)"
    r"(?: (?:period|quarter|level|figure|results))?|the same (?:period|quarter) (?:a year ago|"
    r"last year|a year earlier)"
)
QUARTER = re.compile(r"(\d{4})-Q([1-4])")


def compare_with_quarters(text: str, readings: list[Reading]) -> list[Reading]:
    """Readings in text order, year-ago comparisons resolved to the quarter last mentioned."""
    refined: list[Reading] = []
    last_quarter: re.Match[str] | None = None
    for start, end, reading in readings:
        if reading.type == "DATE" and QUARTER.fullmatch(reading.value):
            last_quarter = QUARTER.fullmatch(reading.value)
        elif last_quarter is not None and COMPARISON.fullmatch(clean(text[start:end])):
            year, quarter = int(last_quarter.group(1)) - 1, last_quarter.group(2)
            value = f"{year:04d}-Q{quarter}"
            reading = with_bounds(replace(reading, value=value, granularity="quarter", start=None))
        refined.append((start, end, reading))
    return refined
