"""The time lexicon (``lexicons/time.toml``) as typed tables and regex alternations.

Loaded once per process; the regex fragments are built from the data so a word added to
the TOML file is understood everywhere without touching code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from claimtrace import lexicons


@dataclass(frozen=True, slots=True)
class Unit:
    """A calendar unit: its duration letter, how many base units it spans, PT or P."""

    name: str
    letter: str
    scale: int
    time: bool


@dataclass(frozen=True, slots=True)
class TimeLexicon:
    """Every word list the time stage uses, keyed by lower-case spelling."""

    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, int | str]
    ordinals: dict[str, int]
    units: dict[str, Unit]
    seasons: dict[str, str]
    parts_of_day: dict[str, str]
    references: dict[str, str]
    vague_durations: dict[str, str]
    sets: dict[str, str]
    holidays: dict[str, str]
    trim_leading: frozenset[str]
    trim_trailing: tuple[str, ...]
    reject: frozenset[str]
    extra_candidates: tuple[str, ...]
    topic_shifts: tuple[str, ...]
    floating_holidays: dict[str, str]

    def month(self, word: str) -> int:
        """Month number of a month name or abbreviation ("Sept." -> 9)."""
        return self.months[word.rstrip(".").lower()]

    def weekday(self, word: str) -> int:
        """ISO weekday number of a weekday name ("Fri" -> 5)."""
        return self.weekdays[word.rstrip(".").lower()]

    def unit(self, word: str) -> Unit:
        """The unit of a singular or plural unit word ("years" -> year)."""
        word = word.lower()
        if word not in self.units and word.endswith("s"):
            word = word[:-1]
        if word == "centurie":
            word = "century"
        return self.units[word]


@cache
def lexicon() -> TimeLexicon:
    """The parsed ``time.toml`` lexicon."""
    data = lexicons.load("time")
    units = {
        name: Unit(name, spec["letter"], int(spec.get("scale", 1)), bool(spec.get("time")))
        for name, spec in data["units"].items()
    }
    return TimeLexicon(
        months=dict(data["months"]),
        weekdays=dict(data["weekdays"]),
        numbers=dict(data["numbers"]),
        ordinals=dict(data["ordinals"]),
        units=units,
        seasons=dict(data["seasons"]),
        parts_of_day=dict(data["parts_of_day"]),
        references=dict(data["references"]),
        vague_durations=dict(data["vague_durations"]),
        sets=dict(data["sets"]),
        holidays=dict(data["holidays"]),
        trim_leading=frozenset(data["trim"]["leading"]),
        trim_trailing=tuple(data["trim"]["trailing"]),
        reject=frozenset(data["trim"]["reject"]),
        extra_candidates=tuple(data["candidates"]["extra"]),
        topic_shifts=tuple(data["context"]["topic_shift"]),
        floating_holidays=dict(data["floating_holidays"]),
    )


def alternation(words: Iterable[object], suffix: str = "") -> str:
    """A regex alternation of `words`, longest first, each optionally followed by `suffix`."""
    ordered = sorted((str(word) for word in words), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(word) + suffix for word in ordered) + ")"


@dataclass(frozen=True, slots=True)
class Fragments:
    """Regex fragments (uncompiled strings) shared by the normaliser and candidate finder."""

    month: str
    weekday: str
    number: str
    unit: str
    season: str
    part: str


@cache
def fragments() -> Fragments:
    """Alternations built from the lexicon (month names with an optional dot, etc.)."""
    lex = lexicon()
    plain_numbers = [word for word in lex.numbers if " " not in word]
    number_word = alternation(plain_numbers)
    unit_word = alternation(word for word in plain_numbers if word not in {"a", "an"})
    number = (
        rf"(?:\d[\d,]*(?:\.\d+)?|a couple of|a few|a number of|"
        rf"{number_word}(?:[- ]{unit_word})?)"
    )
    units = list(lex.units) + [f"{name}s" for name in lex.units] + ["centuries"]
    return Fragments(
        month=alternation(lex.months, r"\.?"),
        weekday=alternation(lex.weekdays, r"\.?"),
        number=number,
        unit=alternation(units),
        season=alternation(lex.seasons),
        part=alternation(lex.parts_of_day),
    )
