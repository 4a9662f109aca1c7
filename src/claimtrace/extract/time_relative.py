"""Rules for phrases that only mean something relative to the publication date (DCT).

Weekdays, yesterday/today/tomorrow, "last week", "two days ago", durations with their
intervals ("over the past week"), clock times and parts of the day.
"""

from __future__ import annotations

import datetime as dt
import re

from . import time_calendar as cal
from .time_rules import (
    DIRECTION,
    LEX,
    Context,
    Normalised,
    _duration,
    day_value,
    number,
    unanchored,
    unit_value,
)

DAY_WORDS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
PAST_WORDS = {"ago", "earlier", "before", "back", "previously", "prior"}


def weekday(match: re.Match[str], ctx: Context) -> Normalised:
    """Friday / last Friday / next Friday -> a date (see `time_calendar.resolve_weekday`)."""
    number_ = LEX.weekday(match.group(2))
    if ctx.dct is None:
        return Normalised(f"XXXX-WXX-{number_}", granularity="day")
    prefix = match.group(1) or ""
    direction = DIRECTION.get(prefix, 0)
    future = ctx.future or prefix in {"this coming", "coming"}
    return day_value(cal.resolve_weekday(number_, ctx.dct, direction, future), anchored=True)


def day_word(match: re.Match[str], ctx: Context) -> Normalised:
    """today / yesterday / tomorrow / the day before yesterday / last night."""
    text = match.group(0)
    offset = DAY_WORDS.get(text, 0)
    if text == "the day before yesterday":
        offset = -2
    elif text == "the day after tomorrow":
        offset = 2
    elif text == "last night":
        offset = -1
    if ctx.dct is None:
        return Normalised("XXXX-XX-XX", granularity="day")
    return day_value(ctx.dct + dt.timedelta(days=offset), anchored=True)


def unit_relative(match: re.Match[str], ctx: Context) -> Normalised | None:
    """last week / this month / next year / earlier this year / the weekend."""
    prefix, unit = match.group(2), LEX.unit(match.group(3)).name
    if prefix == "the" and unit in {"day", "night"} and not match.group(1):
        return None  # "the day (after his death)": anaphoric, not the publication day
    direction = DIRECTION.get(prefix, 0)
    if prefix in {"the past", "the last", "the next", "the coming", "the following"}:
        return _anchored_duration("1", unit, direction, ctx)
    if ctx.dct is None:
        return unanchored(unit)
    if unit == "weekend" and direction == 0:
        direction = _weekend_direction(ctx)
    return unit_value(cal.shift(ctx.dct, direction, unit), unit)


def _weekend_direction(ctx: Context) -> int:
    """ "the weekend": the one just past in past-tense news, the coming one in future tense."""
    assert ctx.dct is not None
    if ctx.dct.isoweekday() >= 6:
        return 0
    return 0 if ctx.future else -1


def ago(match: re.Match[str], ctx: Context) -> Normalised:
    """two days ago / a year earlier / three weeks from now -> a date at the unit's grain."""
    count = number(match.group(1))
    unit = LEX.unit(match.group(2)).name
    sign = -1 if match.group(3) in PAST_WORDS else 1
    if count == "X" or "." in count:
        ref = "PAST_REF" if sign < 0 else "FUTURE_REF"
        return Normalised(ref, granularity="vague", vague=True)
    if ctx.dct is None:
        return unanchored(unit)
    if unit in {"hour", "minute", "second"}:
        return day_value(ctx.dct, anchored=True)
    return unit_value(cal.shift(ctx.dct, sign * int(count), unit), unit)


def year_earlier(match: re.Match[str], ctx: Context) -> Normalised:
    """year-earlier / the year-ago period -> the year before the DCT's (see time_context)."""
    if ctx.dct is None:
        return unanchored("year")
    return unit_value(cal.shift(ctx.dct, -1, "year"), "year")


def duration(match: re.Match[str], ctx: Context) -> Normalised:
    """for three years / the past two weeks / nine hours / a 10-year -> P3Y, P2W, PT9H."""
    groups = match.groupdict()
    count = number(groups["count"])
    unit = LEX.unit(groups["unit"]).name
    direction = DIRECTION.get(groups["dir"] or "", 0)
    if groups["dir"] in {"first", "final", "remaining", "initial", "latest"}:
        direction = 0
    return _anchored_duration(count, unit, direction, ctx)


def _anchored_duration(count: str, unit: str, direction: int, ctx: Context) -> Normalised:
    """A duration, with start/end when it runs up to (-1) or from (+1) the DCT."""
    value = _duration(count, unit)
    base = Normalised(value, type="DURATION", granularity=unit, vague="X" in value)
    if direction == 0 or ctx.dct is None or count == "X" or LEX.units[unit].time:
        return base
    scale = LEX.units[unit].scale
    amount = round(float(count) * scale)
    unit_for_shift = "year" if unit in {"decade", "century"} else unit
    other = cal.shift(ctx.dct, direction * amount, unit_for_shift)
    first, last = sorted((other, ctx.dct))
    return Normalised(
        value,
        type="DURATION",
        granularity=unit,
        anchored=True,
        start=first.isoformat(),
        end=last.isoformat(),
    )


# --- clock times and parts of the day --------------------------------------------------

CLOCK = re.compile(
    r"(?:(?:at|around|about|approximately|shortly before|shortly after|just before|"
    r"just after|before|after|by|until)\s+)?"
    r"(?:(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<ampm>a\.?\s?m\.?|p\.?\s?m\.?)|"
    r"(?P<word>noon|midnight|midday)|(?P<h24>\d{1,2}):(?P<m24>\d{2}))"
    r"(?:\s*(?:\(?[a-z]{2,4}t\)?|gmt|utc|local time|local))?"
)
PART = re.compile(
    r"(?:(?:early|late|mid|mid-|in the|this|on|the)\s*)?(?P<part>morning|afternoon|evening|night|"
    r"overnight|tonight)s?(?:\s+of)?"
)
CONNECTORS = re.compile(r"^(?:,|on|at|of|the|\s)+|(?:,|on|at|of|\s)+$")


def clock(found: re.Match[str]) -> str | None:
    """THH:MM of a clock match, None when the hour is impossible."""
    if found.group("word"):
        return {"noon": "T12:00", "midday": "T12:00", "midnight": "T24:00"}[found.group("word")]
    if found.group("h24"):
        hour, minute = int(found.group("h24")), int(found.group("m24"))
    else:
        hour, minute = int(found.group("h")), int(found.group("m") or 0)
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if found.group("ampm").startswith("p") else 0)
    if hour > 24 or minute > 59:
        return None
    return f"T{hour:02d}:{minute:02d}"


def part_code(found: re.Match[str], rest: str) -> str:
    """TMO/TAF/TEV/TNI for a part-of-day match (tonight and last night are nights)."""
    word = found.group("part")
    if word == "tonight":
        return "TNI"
    return "T" + LEX.parts_of_day[word]


def split_time_of_day(text: str) -> tuple[str, str, str] | None:
    """(suffix, granularity, remaining date phrase) when `text` holds a clock or day part."""
    found = CLOCK.search(text)
    if found:
        suffix = clock(found)
        if suffix is None:
            return None
        return suffix, "time", _rest(text, found)
    found = PART.search(text)
    if found:
        rest = _rest(text, found)
        if found.group("part") == "night" and rest == "last":
            rest = "yesterday"
        if found.group("part") == "tonight":
            rest = rest or "today"
        return part_code(found, rest), "part_of_day", rest
    return None


def _rest(text: str, found: re.Match[str]) -> str:
    """`text` without the matched piece and the words that joined it to the rest."""
    rest = (text[: found.start()] + " " + text[found.end() :]).strip()
    return CONNECTORS.sub("", re.sub(r"\s+", " ", rest)).strip()
