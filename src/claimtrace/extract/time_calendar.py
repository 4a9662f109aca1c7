"""Calendar arithmetic for the time stage: shifting dates, TimeML values, interval bounds.

Everything here is pure: dates in, strings or dates out. The resolution rules for
underspecified dates (a month without a year, a bare weekday) live here too, so they can be
tested without spaCy.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

# How far after the publication date an underspecified date may fall before we assume the
# writer meant the previous year ("28 April" in an article of 2022-01-10 -> 2021-04-28).
FUTURE_SLACK_DAYS = 92


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved by whole months, clamped to the end of shorter months."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def shift(day: dt.date, amount: int, unit: str) -> dt.date:
    """`day` moved by `amount` calendar units (day, week, month, quarter, year...)."""
    if unit in {"day", "night"}:
        return day + dt.timedelta(days=amount)
    if unit in {"week", "weekend"}:
        return day + dt.timedelta(weeks=amount)
    if unit == "fortnight":
        return day + dt.timedelta(weeks=2 * amount)
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}
    if unit in months:
        return add_months(day, amount * months[unit])
    return day


def value_at(day: dt.date, unit: str) -> str:
    """The TimeML value of the calendar `unit` that contains `day`."""
    if unit in {"day", "night"}:
        return day.isoformat()
    if unit == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if unit == "weekend":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}-WE"
    if unit == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if unit == "quarter":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if unit == "decade":
        return f"{day.year // 10:03d}"
    if unit == "century":
        return f"{day.year // 100:02d}"
    return f"{day.year:04d}"


_VALUE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), kind)
    for pattern, kind in (
        (r"(\d{4})-(\d{2})-(\d{2})", "day"),
        (r"(\d{4})-W(\d{2})(?:-WE)?", "week"),
        (r"(\d{4})-(\d{2})", "month"),
        (r"(\d{4})-Q([1-4])", "quarter"),
        (r"(\d{4})-(SP|SU|FA|WI)", "season"),
        (r"(\d{4})", "year"),
        (r"(\d{3})", "decade"),
        (r"(\d{2})", "century"),
    )
)

_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}


def bounds(value: str) -> tuple[str, str] | None:
    """First and last day (inclusive, ISO) of a calendar value; None for anything else."""
    core = value.split("T", 1)[0]
    for pattern, kind in _VALUE_PATTERNS:
        match = pattern.fullmatch(core)
        if match:
            first, last = _bounds_of(kind, match.groups())
            return first.isoformat(), last.isoformat()
    return None


def _bounds_of(kind: str, parts: tuple[str, ...]) -> tuple[dt.date, dt.date]:
    """Bounds for one parsed value shape (see `_VALUE_PATTERNS`)."""
    year = int(parts[0])
    if kind == "day":
        day = dt.date(year, int(parts[1]), int(parts[2]))
        return day, day
    if kind == "week":
        monday = dt.date.fromisocalendar(year, int(parts[1]), 1)
        return monday, monday + dt.timedelta(days=6)
    if kind == "month":
        return _month_span(year, int(parts[1]), int(parts[1]))
    if kind == "quarter":
        quarter = int(parts[1])
        return _month_span(year, quarter * 3 - 2, quarter * 3)
    if kind == "season":
        first, last = _SEASON_MONTHS[parts[1]]
        return _month_span(year, first, last)
    if kind == "decade":
        return dt.date(year * 10, 1, 1), dt.date(year * 10 + 9, 12, 31)
    if kind == "century":
        return dt.date(max(year * 100, 1), 1, 1), dt.date(year * 100 + 99, 12, 31)
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _month_span(year: int, first: int, last: int) -> tuple[dt.date, dt.date]:
    """From the first day of month `first` to the last day of month `last` (may pass 12)."""
    end = add_months(dt.date(year, 1, 1), last - 1)
    end = end.replace(day=calendar.monthrange(end.year, end.month)[1])
    return add_months(dt.date(year, 1, 1), first - 1), end


def infer_year(
    month: int, day: int | None, dct: dt.date, future: bool = False, past: bool = False
) -> int:
    """The year of a month (and day) written without one, as news uses them.

    Past-tense news: the most recent such date on or before the publication date, allowing
    `FUTURE_SLACK_DAYS` of look-ahead (an upcoming date in the same season, even across
    New Year unless the clause is in the past tense: "payable Jan. 2" in October). Future tense:
    the next such date on or after the publication date, with the same slack backwards.
    """
    candidate = _safe_date(dct.year, month, day or 1)
    slack = dt.timedelta(days=FUTURE_SLACK_DAYS)
    if future:
        last = _safe_date(dct.year, month, day or calendar.monthrange(dct.year, month)[1])
        return dct.year + 1 if last < dct - slack else dct.year
    following = _safe_date(dct.year + 1, month, day or 1)
    if following <= dct + slack and not past:
        return dct.year + 1  # "payable Jan. 2" in an article of late October
    return dct.year - 1 if candidate > dct + slack else dct.year


def _safe_date(year: int, month: int, day: int) -> dt.date:
    """A date, with 29 February moved to the 28th in common years."""
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def relative_month(month: int, direction: int, dct: dt.date) -> int:
    """The year of "last July" (-1), "this July" (0) or "next July" (+1) seen from `dct`."""
    if direction < 0:
        return dct.year if month < dct.month else dct.year - 1
    if direction > 0:
        return dct.year if month > dct.month else dct.year + 1
    return dct.year


def resolve_weekday(
    weekday: int, dct: dt.date, direction: int = 0, future: bool = False
) -> dt.date:
    """The date a weekday name refers to in a news article published on `dct`.

    Rule (checked on TempEval-3 TimeBank/AQUAINT, where a bare weekday equal to the
    publication weekday means the publication day itself 132 times and the week before 0
    times): a bare weekday is the publication day when the names match; otherwise the most
    recent such day in the six days before, or the next one in the six days after when the
    clause is in the future tense. "last Friday" is always strictly before the publication
    day and "next Friday" strictly after.
    """
    offset = weekday - dct.isoweekday()
    if direction < 0 or (direction == 0 and not future):
        back = (-offset) % 7
        if direction < 0 and back == 0:
            back = 7
        return dct - dt.timedelta(days=back)
    ahead = offset % 7
    if direction > 0 and ahead == 0:
        ahead = 7
    return dct + dt.timedelta(days=ahead)


def nth_weekday(year: int, rule: str) -> dt.date:
    """The day a floating holiday falls on in `year`: rule "11-4-4" is the fourth Thursday
    of November, "05-1-5" the last Monday of May, "11-1-1+1" the day after the first Monday."""
    spec, _, extra = rule.partition("+")
    month, weekday, nth = (int(part) for part in spec.split("-"))
    first = dt.date(year, month, 1)
    day = first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (min(nth, 5) - 1))
    if day.month != month:
        day -= dt.timedelta(days=7)  # no fifth one this year: the last
    return day + dt.timedelta(days=int(extra or 0))


def quarter_year(quarter: int, dct: dt.date, future: bool = False) -> int:
    """The year of "the third quarter" said without a year: the latest one begun by `dct`."""
    started = dt.date(dct.year, quarter * 3 - 2, 1) <= dct
    return dct.year if started or future else dct.year - 1


def weekday_matches(value: str, weekday: int) -> bool | None:
    """Whether a day value falls on ISO `weekday`; None when the value is not a full date."""
    try:
        day = dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
    return day.isoweekday() == weekday
