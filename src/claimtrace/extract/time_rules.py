"""The rules that turn one cleaned temporal phrase into a TimeML value.

Each rule is a function ``(match, ctx) -> Normalised | None`` paired with one regex that
must match the whole (lower-cased, cleaned) phrase. `time_normalise` tries them in order.
Rules that need the publication date (DCT) fall back to X placeholders without one and
never invent a year.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from . import time_calendar as cal
from .time_lexicon import fragments, lexicon

LEX = lexicon()
F = fragments()
YEAR = r"(\d{4}|'\d{2})"
MOD = (
    r"(?:early|earlier|late|later|mid|mid-|the middle of|the end of|the beginning of|"
    r"the start of|the turn of|the close of|the rest of|the remainder of|the first half of|"
    r"the second half of|end of|start of|beginning of)"
)
DIRECTION = {
    "last": -1, "past": -1, "previous": -1, "the previous": -1, "the past": -1,
    "this past": -1, "the last": -1, "next": 1, "the next": 1, "coming": 1,
    "the coming": 1, "this coming": 1, "the following": 1, "following": 1,
    "this": 0, "the current": 0, "current": 0, "the": 0, "on": 0, "in": 0,
    "early": 0, "late": 0, "earlier": 0, "later": 0, "mid": 0, "mid-": 0,
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Normalised:
    """What one temporal phrase means: a TimeML value plus how it was reached."""

    value: str
    type: str = "DATE"
    granularity: str = "day"
    anchored: bool = False
    vague: bool = False
    start: str | None = None
    end: str | None = None


@dataclass(frozen=True, slots=True)
class Context:
    """What a rule may know besides the phrase: the publication date and the clause tense."""

    dct: dt.date | None
    future: bool = False
    past: bool = False


RuleHandler = Callable[[re.Match[str], Context], "Normalised | None"]
Rule = tuple[re.Pattern[str], RuleHandler]


def number(text: str) -> str:
    """The count a number phrase denotes as a string ("twenty-four" -> "24", "few" -> "X")."""
    text = text.replace(",", "").strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return text.rstrip("0").rstrip(".") if "." in text else str(int(text))
    if text in LEX.numbers:
        return str(LEX.numbers[text])
    parts = re.split(r"[- ]", text)
    values = [LEX.numbers.get(part) for part in parts]
    if all(isinstance(value, int) for value in values):
        return str(sum(value for value in values if isinstance(value, int)))
    return "X"


def year_of(text: str, dct: dt.date | None) -> int:
    """A four-digit year, or a two-digit "'98" read in the DCT's (or the 20th) century."""
    if not text.startswith("'"):
        return int(text)
    short = int(text[1:])
    if dct is not None and short <= dct.year % 100:
        return dct.year - dct.year % 100 + short
    return 1900 + short


def day_value(day: dt.date, anchored: bool) -> Normalised:
    """A resolved single day."""
    return Normalised(day.isoformat(), granularity="day", anchored=anchored)


def unit_value(day: dt.date, unit: str) -> Normalised:
    """The calendar unit containing `day`, resolved against the DCT."""
    granularity = "week" if unit == "weekend" else unit
    if unit == "night":
        granularity = "day"
    return Normalised(cal.value_at(day, unit), granularity=granularity, anchored=True)


PLACEHOLDER = {
    "day": "XXXX-XX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX",
    "quarter": "XXXX-QX", "year": "XXXX", "decade": "XXX", "century": "XX", "night": "XXXX-XX-XX",
}  # fmt: skip


def unanchored(unit: str) -> Normalised:
    """A relative expression without a DCT: X placeholders at the unit's granularity."""
    granularity = {"weekend": "week", "night": "day"}.get(unit, unit)
    return Normalised(PLACEHOLDER.get(unit, "XXXX"), granularity=granularity)


# --- references, vague durations, sets -------------------------------------------------


def reference(match: re.Match[str], ctx: Context) -> Normalised:
    """now / recently / the future -> PRESENT_REF / PAST_REF / FUTURE_REF."""
    value = LEX.references[match.group(0)]
    if value == "PRESENT_REF" and ctx.dct is not None:
        day = ctx.dct.isoformat()
        return Normalised(value, granularity="day", vague=True, anchored=True, start=day, end=day)
    end = ctx.dct.isoformat() if value == "PAST_REF" and ctx.dct is not None else None
    return Normalised(value, granularity="vague", vague=True, end=end)


def vague_duration(match: re.Match[str], ctx: Context) -> Normalised:
    """over the years -> PXY."""
    value = LEX.vague_durations[match.group(0)]
    return Normalised(value, type="DURATION", granularity=_letter_granularity(value), vague=True)


def recurring(match: re.Match[str], ctx: Context) -> Normalised:
    """daily / every month -> SET P1D / P1M."""
    value = LEX.sets[match.group(0)]
    return Normalised(value, type="SET", granularity=_letter_granularity(value))


def every_weekday(match: re.Match[str], ctx: Context) -> Normalised:
    """every Friday / Mondays -> SET XXXX-WXX-5."""
    value = f"XXXX-WXX-{LEX.weekday(match.group('day'))}"
    part = match.group("part")
    if part:
        value += "T" + LEX.parts_of_day[part.rstrip("s")]
    return Normalised(value, type="SET", granularity="day")


def every_month(match: re.Match[str], ctx: Context) -> Normalised:
    """every July / each July -> SET XXXX-07."""
    return Normalised(f"XXXX-{LEX.month(match.group(1)):02d}", type="SET", granularity="month")


def every_unit(match: re.Match[str], ctx: Context) -> Normalised:
    """every two weeks -> SET P2W."""
    count = number(match.group(1)) if match.group(1) else "1"
    unit = LEX.unit(match.group(2))
    return Normalised(_duration(count, unit.name), type="SET", granularity=unit.name)


def _letter_granularity(value: str) -> str:
    """Granularity of a duration value from its last letter."""
    letters = {"D": "day", "W": "week", "M": "month", "Y": "year", "Q": "quarter", "H": "hour"}
    if value.startswith("PT"):
        return {"H": "hour", "M": "minute", "S": "second"}.get(value[-1], "hour")
    return letters.get(value[-1], "vague")


def _duration(count: str, unit_name: str) -> str:
    """P<count><letter> for `count` units (decades as years, hours as PT..H)."""
    unit = LEX.units[unit_name]
    if count != "X" and unit.scale != 1:
        count = str(int(float(count) * unit.scale))
    return ("PT" if unit.time else "P") + count + unit.letter


# --- absolute calendar dates -----------------------------------------------------------


def iso_date(match: re.Match[str], ctx: Context) -> Normalised | None:
    """2022-04-28 -> 2022-04-28."""
    return _checked_day(int(match.group(1)), int(match.group(2)), int(match.group(3)))


def iso_value(match: re.Match[str], ctx: Context) -> Normalised:
    """2021-W30 / 2022-Q1 / 2019-SU written out as TimeML values already."""
    part = match.group(2).upper()
    granularity = {"W": "week", "Q": "quarter", "H": "half"}.get(part[0], "season")
    return Normalised(f"{match.group(1)}-{part}", granularity=granularity)


def slash_date(match: re.Match[str], ctx: Context) -> Normalised | None:
    """04/28/2022 (US order) -> 2022-04-28."""
    year = int(match.group(3))
    if year < 100:
        year = year_of(f"'{year:02d}", ctx.dct)
    return _checked_day(year, int(match.group(1)), int(match.group(2)))


def _checked_day(year: int, month: int, day: int) -> Normalised | None:
    """A day value, or None when the numbers are not a real date."""
    try:
        return day_value(dt.date(year, month, day), anchored=False)
    except ValueError:
        return None


def day_month_year(match: re.Match[str], ctx: Context) -> Normalised | None:
    """26 August, 2017 / August 26, 2017 -> 2017-08-26."""
    groups = match.groupdict()
    year = year_of(groups["year"], ctx.dct)
    return _checked_day(year, LEX.month(groups["month"]), int(groups["day"]))


def month_year(match: re.Match[str], ctx: Context) -> Normalised:
    """August 2017 / January of 2020 / mid-November 1989 -> 2017-08."""
    year = year_of(match.group(2), ctx.dct)
    return Normalised(f"{year:04d}-{LEX.month(match.group(1)):02d}", granularity="month")


def day_month(match: re.Match[str], ctx: Context) -> Normalised | None:
    """28 April / April 28 (no year) -> the year inferred from the DCT."""
    groups = match.groupdict()
    month, day = LEX.month(groups["month"]), int(groups["day"])
    if not 1 <= day <= 31:
        return None
    if ctx.dct is None:
        return Normalised(f"XXXX-{month:02d}-{day:02d}", granularity="day")
    year = cal.infer_year(month, day, ctx.dct, ctx.future, ctx.past)
    found = _checked_day(year, month, day)
    return Normalised(found.value, granularity="day", anchored=True) if found else None


def month_only(match: re.Match[str], ctx: Context) -> Normalised:
    """July / last July / next July -> the year inferred from the DCT."""
    direction = DIRECTION.get(match.group(1) or "", 0)
    month = LEX.month(match.group(2))
    if ctx.dct is None:
        return Normalised(f"XXXX-{month:02d}", granularity="month")
    if direction or (match.group(1) or "") == "this":
        year = cal.relative_month(month, direction, ctx.dct)
    else:
        year = cal.infer_year(month, None, ctx.dct, ctx.future, ctx.past)
    return Normalised(f"{year:04d}-{month:02d}", granularity="month", anchored=True)


def month_of_relative_year(match: re.Match[str], ctx: Context) -> Normalised:
    """July last year / January this year / April next year -> 2021-07."""
    month = LEX.month(match.group(1))
    if ctx.dct is None:
        return Normalised(f"XXXX-{month:02d}", granularity="month")
    year = ctx.dct.year + DIRECTION[match.group(2)]
    return Normalised(f"{year:04d}-{month:02d}", granularity="month", anchored=True)


def year_only(match: re.Match[str], ctx: Context) -> Normalised | None:
    """2019 / fiscal 1989 / the end of 1990 -> 2019."""
    year = year_of(match.group(1), ctx.dct)
    if not 1000 <= year <= 2199:
        return None
    return Normalised(f"{year:04d}", granularity="year")


def decade(match: re.Match[str], ctx: Context) -> Normalised:
    """the 1990s / the '90s -> 199; the 1800s -> 18 (a century)."""
    digits = match.group(1)
    if digits.startswith("'"):
        digits = str(year_of(digits, ctx.dct))
    if digits.endswith("00") and not digits.startswith("20"):
        return Normalised(digits[:2], granularity="century")
    return Normalised(digits[:3], granularity="decade")


DECADES = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
    "seventies": 7, "eighties": 8, "nineties": 9,
}  # fmt: skip


def decade_word(match: re.Match[str], ctx: Context) -> Normalised:
    """the nineties / the early sixties -> 199 / 196 (the 20th century's, as news means)."""
    return Normalised(f"19{DECADES[match.group(1)]}", granularity="decade")


def century(match: re.Match[str], ctx: Context) -> Normalised:
    """the 20th century -> 19."""
    return Normalised(f"{int(match.group(1)) - 1:02d}", granularity="century")


def holiday(match: re.Match[str], ctx: Context) -> Normalised:
    """Christmas / last Christmas / Christmas 2019 -> 2019-12-25."""
    month_day = LEX.holidays[match.group(2)]
    month, day = (int(part) for part in month_day.split("-"))
    if match.group(3):
        return day_value(dt.date(year_of(match.group(3), ctx.dct), month, day), anchored=False)
    if ctx.dct is None:
        return Normalised(f"XXXX-{month_day}", granularity="day")
    direction = DIRECTION.get(match.group(1) or "", 0)
    year = cal.relative_month(month, direction, ctx.dct) if direction else None
    if year is None:
        year = cal.infer_year(month, day, ctx.dct, ctx.future)
    return day_value(dt.date(year, month, day), anchored=True)


def floating_holiday(match: re.Match[str], ctx: Context) -> Normalised:
    """Thanksgiving / last Thanksgiving / Election Day 1998 -> 1999-11-25."""
    rule = LEX.floating_holidays[match.group(2)]
    if match.group(3):
        return day_value(cal.nth_weekday(year_of(match.group(3), ctx.dct), rule), anchored=False)
    if ctx.dct is None:
        return Normalised("XXXX-" + rule[:2] + "-XX", granularity="day")
    direction = DIRECTION.get(match.group(1) or "", 0)
    day = cal.nth_weekday(ctx.dct.year, rule)
    year = cal.infer_year(day.month, day.day, ctx.dct, ctx.future, ctx.past)
    if direction < 0:  # last Thanksgiving: strictly before the publication date
        year = ctx.dct.year - 1 if day >= ctx.dct else ctx.dct.year
    elif direction > 0:
        year = ctx.dct.year + 1 if day <= ctx.dct else ctx.dct.year
    return day_value(cal.nth_weekday(year, rule), anchored=True)


# --- quarters, halves, seasons ---------------------------------------------------------

QUARTER_WORDS = {"q1": 1, "q2": 2, "q3": 3, "q4": 4}


def quarter(match: re.Match[str], ctx: Context) -> Normalised:
    """the third quarter (of 1989) / 1989 Q3 / this year's third quarter -> 1989-Q3."""
    groups = match.groupdict()
    which = groups["ord"] or groups["q"]
    number_ = LEX.ordinals.get(which, QUARTER_WORDS.get(which or "", 0))
    year_text = groups["year"] or groups["year2"]
    if year_text:
        return Normalised(f"{year_of(year_text, ctx.dct)}-Q{number_}", granularity="quarter")
    if ctx.dct is None:
        return Normalised(f"XXXX-Q{number_}", granularity="quarter")
    year = cal.quarter_year(number_, ctx.dct, ctx.future)
    rel = (groups["rel"] or "").replace(" ", "-")
    shift = {"last year's": -1, "next year's": 1, "year-ago": -1, "year-earlier": -1}.get(rel, 0)
    return Normalised(f"{year + shift}-Q{number_}", granularity="quarter", anchored=True)


def reporting_quarter(match: re.Match[str], ctx: Context) -> Normalised:
    """the quarter / the latest quarter / the year-earlier quarter -> last completed quarter."""
    if ctx.dct is None:
        return unanchored("quarter")
    day = cal.shift(ctx.dct, -1, "quarter")
    if match.group(1):
        day = cal.shift(day, -1, "year")
    return unit_value(day, "quarter")


def year_back_quarter(match: re.Match[str], ctx: Context) -> Normalised:
    """the quarter a year ago / the corresponding period last year -> the year-ago quarter."""
    if ctx.dct is None:
        return unanchored("quarter")
    return unit_value(cal.shift(cal.shift(ctx.dct, -1, "quarter"), -1, "year"), "quarter")


def half(match: re.Match[str], ctx: Context) -> Normalised:
    """the first half of 2020 -> 2020-H1."""
    which = 1 if match.group(1) == "first" else 2
    if match.group(2):
        return Normalised(f"{year_of(match.group(2), ctx.dct)}-H{which}", granularity="half")
    if ctx.dct is None:
        return Normalised(f"XXXX-H{which}", granularity="half")
    return Normalised(f"{ctx.dct.year}-H{which}", granularity="half", anchored=True)


SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def season(match: re.Match[str], ctx: Context) -> Normalised:
    """last fall / this summer / summer 2019 -> 1998-FA."""
    code = LEX.seasons[match.group(2)]
    if match.group(3):
        return Normalised(f"{year_of(match.group(3), ctx.dct)}-{code}", granularity="season")
    if ctx.dct is None:
        return Normalised(f"XXXX-{code}", granularity="season")
    direction = DIRECTION.get(match.group(1) or "", 0)
    if match.group(1) == "this":
        return Normalised(f"{ctx.dct.year}-{code}", granularity="season", anchored=True)
    started = SEASON_START[code] <= ctx.dct.month
    year = ctx.dct.year if started else ctx.dct.year - 1
    if direction > 0 or (direction == 0 and ctx.future and not started):
        year = ctx.dct.year if not started else ctx.dct.year + 1
    elif direction < 0 and started and SEASON_START[code] + 3 > ctx.dct.month:
        year -= 1
    return Normalised(f"{year}-{code}", granularity="season", anchored=True)
