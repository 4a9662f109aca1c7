"""A small, strict date parser for datelines, metadata and ``--published``.

Accepts ISO dates (``2025-03-14``, ``2025-03-14T09:00:00Z``, ``2025/03/14``) and dates with a
month name (``14 March 2025``, ``March 14, 2025``, ``March 14 2025``, ``Fri, 14 Mar. 2025``).
Numeric day/month orders such as ``03/04/2025`` are ambiguous and never guessed.
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}

_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?"

ISO_DATE = re.compile(r"(?P<year>\d{4})[-/](?P<month>\d{1,2})[-/](?P<day>\d{1,2})(?:[T ].*)?")
DAY_MONTH_YEAR = re.compile(rf"{_WEEKDAY}{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}", re.IGNORECASE)
MONTH_DAY_YEAR = re.compile(rf"{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}", re.IGNORECASE)


def parse_date(value: str) -> dt.date | None:
    """The date that the whole of `value` spells, or None when it is not (exactly) a date."""
    value = value.strip().rstrip(".").strip()
    for pattern in (ISO_DATE, DAY_MONTH_YEAR, MONTH_DAY_YEAR):
        match = pattern.fullmatch(value)
        if match:
            return _build(match)
    return None


def _build(match: re.Match[str]) -> dt.date | None:
    month_text = match["month"]
    month = int(month_text) if month_text.isdigit() else MONTHS.get(month_text.lower())
    if month is None:
        return None
    try:
        return dt.date(int(match["year"]), month, int(match["day"]))
    except ValueError:
        return None
