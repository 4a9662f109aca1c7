"""Normalise one temporal phrase against a publication date: plain strings in, value out.

``normalise("Last July", date(2022, 4, 29))`` -> ``Normalised(value="2021-07", ...)``.
No spaCy here: the candidate finder (`time_candidates`) hands over the phrase and whether
its clause is in the future tense, and this module applies the first rule whose pattern
matches the whole phrase.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from . import time_calendar as cal
from . import time_relative as rel
from . import time_rules as rules
from .time_lexicon import alternation
from .time_rules import LEX, MOD, YEAR, Context, Normalised, Rule

__all__ = ["Normalised", "clean", "normalise", "with_bounds"]

F = rules.F
ORD = alternation(["first", "second", "third", "fourth", "1st", "2nd", "3rd", "4th"])
DIR = (
    r"(last|this|next|past|previous|the previous|the past|this past|the last|the next|"
    r"coming|the coming|this coming|the following|the current|current|on|in|the)"
)
DUR_DIR = r"past|last|next|previous|coming|following|first|final|latest|remaining|initial"
DUR_MOD = (
    r"more than|less than|fewer than|nearly|almost|about|around|some|at least|up to|over|"
    r"roughly|approximately|only|just|another|an additional|a further|a full|full|"
    r"well over|under|barely|within|no more than|the better part of|nearly a|almost a"
)
DECADE_WORDS = alternation(rules.DECADES)
SINGULAR_UNITS = alternation(unit for unit in LEX.units if unit != "night")
FULL_WEEKDAY = alternation(word for word in LEX.weekdays if len(word) > 4)


def _rule(pattern: str, handler: rules.RuleHandler) -> Rule:
    """One (compiled whole-phrase pattern, handler) pair."""
    return re.compile(pattern), handler


def _week_of(match: re.Match[str], ctx: Context) -> Normalised | None:
    """the week of March 6 -> the ISO week holding that day (2000-W10)."""
    day = match_phrase(match.group("rest"), ctx)
    if day is None or not ISO_DAY.fullmatch(day.value):
        return None
    value = cal.value_at(dt.date.fromisoformat(day.value), "week")
    return Normalised(value, granularity="week", anchored=day.anchored)


RULES: tuple[Rule, ...] = (
    _rule(alternation(LEX.references), rules.reference),
    _rule(alternation(LEX.vague_durations), rules.vague_duration),
    _rule(alternation(LEX.sets), rules.recurring),
    _rule(rf"(?:every|each)\s+(?P<day>{F.weekday})(?:\s+(?P<part>{F.part}))?", rules.every_weekday),
    _rule(rf"(?P<day>{FULL_WEEKDAY})s(?:\s+(?P<part>{F.part})s?)?", rules.every_weekday),
    _rule(rf"(?P<day>{FULL_WEEKDAY})\s+(?P<part>{F.part})s", rules.every_weekday),
    _rule(rf"(?:every|each)\s+({F.month})", rules.every_month),
    _rule(r"(\d{4})-(w\d{2}|q[1-4]|h[12]|sp|su|fa|wi)", rules.iso_value),
    _rule(rf"(?:every|each|per)\s+(?:({F.number})\s+)?({F.unit})", rules.every_unit),
    _rule(r"(\d{4})-(\d{1,2})-(\d{1,2})", rules.iso_date),
    _rule(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})", rules.slash_date),
    _rule(
        rf"(?:{F.weekday},?\s+)?(?:the\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?"
        rf"(?P<month>{F.month}),?\s+(?P<year>{YEAR})",
        rules.day_month_year,
    ),
    _rule(
        rf"(?:the\s+)?(?:{F.weekday},?\s+)?(?P<month>{F.month})\s+(?P<day>\d{{1,2}})"
        rf"(?:st|nd|rd|th)?,?\s+(?P<year>{YEAR})",
        rules.day_month_year,
    ),
    _rule(rf"(?:{MOD}[\s-]*)?({F.month}),?\s+(?:of\s+)?{YEAR}", rules.month_year),
    _rule(
        rf"(?:{DIR}\s+)?(?:{F.weekday},?\s+)?(?:the\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
        rf"\s+(?:of\s+)?(?P<month>{F.month})",
        rules.day_month,
    ),
    _rule(
        rf"(?:{DIR}\s+)?(?:{F.weekday},?\s+)?(?P<month>{F.month})\s+(?P<day>\d{{1,2}})"
        rf"(?:st|nd|rd|th)?",
        rules.day_month,
    ),
    _rule(
        rf"(?:{MOD}[\s-]*)?({F.month}),?\s+(?:of\s+)?(last|this|next)\s+year",
        rules.month_of_relative_year,
    ),
    _rule(rf"(?:{MOD}[\s-]*)?{DIR}?\s*({F.month})", rules.month_only),
    _rule(
        rf"(?:{MOD}[\s-]*)?(?:the\s+)?(?:fiscal|calendar|the year|fy|year)?[\s-]*(\d{{4}})",
        rules.year_only,
    ),
    _rule(r"(?:the\s+)?(?:(?:early|mid|late)[\s-]*)?(\d{3}0|'\d0)'?s", rules.decade),
    _rule(r"(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)\s+century", rules.century),
    _rule(rf"(?:the\s+)?(?:(?:early|mid|late)[\s-]*)?({DECADE_WORDS})", rules.decade_word),
    _rule(rf"(?:{DIR}\s+)?({alternation(LEX.holidays)})(?:,?\s+{YEAR})?", rules.holiday),
    _rule(
        rf"(?:{DIR}\s+)?({alternation(LEX.floating_holidays)})(?:,?\s+{YEAR})?",
        rules.floating_holiday,
    ),
    _rule(
        rf"(?:{MOD}\s+)?(?:the\s+)?(?:(?P<rel>this year's|last year's|next year's|"
        rf"year[\s-]ago|year[\s-]earlier)\s+|(?P<year>\d{{4}})(?:'s)?\s+)?(?:fiscal[\s-]+)?"
        rf"(?:(?P<ord>{ORD})[\s-]+(?:fiscal\s+)?"
        rf"quarter|(?P<q>q[1-4]))(?:\s+(?:of\s+)?(?:fiscal\s+)?(?P<year2>\d{{4}}))?",
        rules.quarter,
    ),
    _rule(
        r"(?:the\s+)?(year[\s-]earlier|year[\s-]ago|comparable|same)?\s*"
        r"(?:latest|last|past|previous|recent|most recent|just-ended|just ended)?\s*"
        r"(?:fiscal\s+)?quarter|the (?:latest|most recent) (?:fiscal )?period",
        rules.reporting_quarter,
    ),
    _rule(
        r"(?:the\s+)?(?:quarter|period)\s+a\s+year\s+(?:ago|earlier)|(?:the\s+)?(?:corresponding|"
        r"comparable|same)\s+(?:period|quarter)\s+(?:a year ago|a year earlier|last year)|"
        r"last year's (?:quarter|period)",
        rules.year_back_quarter,
    ),
    _rule(r"(?:the\s+)?week\s+of\s+(?P<rest>.+)", _week_of),
    _rule(r"(?:the\s+)?(first|second)\s+half(?:\s+of)?(?:\s+(\d{4}))?", rules.half),
    _rule(rf"(?:{DIR}\s+)?({F.season})(?:\s+(?:of\s+)?{YEAR})?", rules.season),
    _rule(rf"{DIR}?\s*({F.weekday})", rel.weekday),
    _rule(
        r"today|tonight|yesterday|tomorrow|the day before yesterday|the day after tomorrow",
        rel.day_word,
    ),
    _rule(
        rf"(?:({MOD})[\s-]*)?{DIR}\s+(?:(?:full|fiscal|calendar)\s+)?({SINGULAR_UNITS})(?:'s)?",
        rel.unit_relative,
    ),
    _rule(
        r"(?:the\s+)?(?:same\s+)?year[\s-](?:earlier|ago|before)(?:\s+(?:period|level|figure|"
        r"results|months|year))?",
        rel.year_earlier,
    ),
    _rule(
        rf"(?:(?:{DUR_MOD})\s+)?({F.number})\s+({F.unit})(?:\s+or\s+so)?\s+"
        r"(ago|earlier|before|back|later|after|from now|hence)",
        rel.ago,
    ),
    _rule(
        rf"(?:the\s+)?(?:(?P<dir>{DUR_DIR})\s+)?(?:(?:{DUR_MOD})\s+)?(?P<count>{F.number})"
        rf"(?:\s+more)?[\s-]+(?:(?:trading|business|working|calendar)\s+)?(?P<unit>{F.unit})"
        rf"(?:\s+(?:long|more))?",
        rel.duration,
    ),
)

ANAPHORIC_PART = re.compile(r"the (?:morning|afternoon|evening|night)(?: of)?")
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
DAY_WITH_PART = re.compile(r"\d{4}-\d{2}-\d{2}|XXXX-XX-XX|XXXX-WXX-\d")
CLEAN_EDGES = re.compile(r"^[\s,.;:!?\"'“”‘’()\[\]-]+|[\s,;:!?\"“”()\[\]-]+$")


def clean(text: str) -> str:
    """Lower-case, straight apostrophes, single spaces, no edge punctuation."""
    text = text.lower().replace("’", "'").replace("‘", "'")
    text = re.sub(r"\s+", " ", text)
    text = CLEAN_EDGES.sub("", text)
    return text[:-1] if text.endswith(".") and not re.search(r"\b[ap]\.\s?m\.$", text) else text


TENS = (
    r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
    r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
)
ONES = r"(?:one|two|three|four|five|six|seven|eight|nine)"
SPOKEN_YEAR = re.compile(
    rf"\b(?:(?P<century>nineteen|eighteen)[\s-]+(?P<tens>{TENS})(?:[\s-]+(?P<ones>{ONES}))?"
    rf"|two thousand(?:\s+and)?(?:\s+(?P<after>{ONES}|{TENS}))?)\b(?![\s-]+{F.unit}\b)"
)


def spoken_years(phrase: str) -> str:
    """Years said in words as digits: "nineteen ninety-six" -> "1996" (broadcast transcripts)."""
    return SPOKEN_YEAR.sub(_spoken_year, phrase)


def _spoken_year(found: re.Match[str]) -> str:
    words = [found.group(name) for name in ("tens", "ones", "after") if found.group(name)]
    rest = sum(int(LEX.numbers[word]) for word in words)
    century = {"nineteen": 1900, "eighteen": 1800}.get(found.group("century") or "", 2000)
    return str(century + rest)


def strip_leading(phrase: str) -> str:
    """`phrase` without leading prepositions ("over the years" -> "the years")."""
    words = phrase.split(" ")
    while len(words) > 1 and words[0] in LEX.trim_leading:
        words = words[1:]
    return " ".join(words)


def normalise(
    text: str, dct: dt.date | None, *, future: bool = False, past: bool = False
) -> Normalised | None:
    """The TimeML reading of `text` (one temporal phrase), or None when it is not one.

    `future` and `past` give the tense of the clause the phrase sits in (both False when
    unknown); they decide the year of a date written without one.
    """
    phrase = strip_leading(spoken_years(clean(text)))
    if not phrase or _is_age(phrase):
        return None
    ctx = Context(dct, future, past)
    found = match_phrase(phrase, ctx)
    if found is None:
        found = _with_time_of_day(phrase, ctx)
    return with_bounds(found) if found is not None else None


def match_phrase(phrase: str, ctx: Context) -> Normalised | None:
    """The first rule whose pattern matches the whole phrase."""
    for pattern, handler in RULES:
        found = pattern.fullmatch(phrase)
        if found:
            result = handler(found, ctx)
            if result is not None:
                return result
    return None


def _is_age(phrase: str) -> bool:
    """ "62-year-old", "45 years old", "aged 30": ages, not times."""
    return bool(re.search(r"\bold\b|year-old|years-old|\baged?\b", phrase))


def _with_time_of_day(phrase: str, ctx: Context) -> Normalised | None:
    """Friday morning / 10 p.m. Wednesday / this evening -> a day plus a time of day."""
    split = rel.split_time_of_day(phrase)
    if split is None:
        return None
    suffix, granularity, rest = split
    if ANAPHORIC_PART.fullmatch(phrase):
        return None  # "the night of ...", "in the morning": the day is another expression's
    if rest in {"", "this", "the", "in the", "early", "late"}:
        if ctx.dct is None:
            return Normalised("XXXX-XX-XX" + suffix, type="TIME", granularity=granularity)
        return Normalised(ctx.dct.isoformat() + suffix, "TIME", granularity, anchored=True)
    day = match_phrase(rest, ctx)
    if day is None or not DAY_WITH_PART.fullmatch(day.value):
        return None
    return replace(day, value=day.value + suffix, type="TIME", granularity=granularity)


def with_bounds(found: Normalised) -> Normalised:
    """`found` with start/end filled in when its value is a calendar interval."""
    if found.start is not None or found.type in {"DURATION", "SET"}:
        return found
    span = cal.bounds(found.value) if "X" not in found.value else None
    if span is None:
        return found
    return replace(found, start=span[0], end=span[1])
