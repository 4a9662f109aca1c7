"""The PLOVER event lexicon (``lexicons/plover.toml``) parsed into typed, checked tables.

The data file says which words name which PLOVER event type, mode and CAMEO root, which
surrounding words set a mode, and which words name a party's sector or equipment. Loading
checks every type and mode against PLOVER's lists, so a typo in the file fails loudly.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from .. import lexicons

LEXICON = "plover"
DEFAULT_TARGETS = ("object", "against", "on", "at")


@dataclass(frozen=True, slots=True)
class TypeInfo:
    """One PLOVER event type: its quad class, default CAMEO root and allowed modes."""

    quad: str
    cameo_root: str
    modes: frozenset[str]


@dataclass(frozen=True, slots=True)
class Coding:
    """What a trigger word means: type, CAMEO root, default mode, where targets are."""

    event_type: str
    cameo_root: str
    mode: str | None
    targets: tuple[str, ...]
    not_objects: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class ModeRule:
    """Words around a trigger that set its mode (and CAMEO root) for one event type."""

    event_type: str
    mode: str
    cameo_root: str | None
    words: frozenset[str]


@dataclass(frozen=True, slots=True)
class ActorWords:
    """Words that shape a party's label: sectors, equipment, words to drop."""

    determiners: frozenset[str]
    pronouns: frozenset[str]
    sectors: dict[str, str]
    military_equipment: frozenset[str]
    other_equipment: frozenset[str]

    def is_equipment(self, word: str) -> bool:
        return word in self.military_equipment or word in self.other_equipment


@dataclass(frozen=True, slots=True)
class Future:
    """PLOVER's rule that cooperative actions told in the future tense are AGREE."""

    becomes: str
    cameo_root: str
    types: frozenset[str]
    auxiliaries: frozenset[str]


@dataclass(frozen=True, slots=True)
class PloverLexicon:
    """Everything in ``plover.toml``, ready for lookups by lowercased lemma or phrase."""

    version: str
    types: dict[str, TypeInfo]
    verbs: dict[str, Coding]
    nouns: dict[str, Coding]
    light_verbs: frozenset[str]
    modes: tuple[ModeRule, ...]
    future: Future
    threaten_modes: dict[str, str]
    actors: ActorWords
    means: frozenset[str]
    receiving_verbs: frozenset[str]


@cache
def load_lexicon() -> PloverLexicon:
    """Read and check ``lexicons/plover.toml`` once."""
    return parse_lexicon(lexicons.load(LEXICON))


def parse_lexicon(data: dict[str, Any]) -> PloverLexicon:
    """Build the tables from parsed TOML; ValueError names the first bad entry."""
    types = {name: _type_info(name, info) for name, info in data["types"].items()}
    verbs: dict[str, Coding] = {}
    nouns: dict[str, Coding] = {}
    for group in data["triggers"]:
        coding = _coding(group, types)
        _add_words(verbs, group.get("verbs", ()), coding)
        _add_words(nouns, group.get("nouns", ()), coding)
    future = data["future"]
    _check_type(future["becomes"], types)
    return PloverLexicon(
        version=str(data["plover_version"]),
        types=types,
        verbs=verbs,
        nouns=nouns,
        light_verbs=_words(data["light_verbs"]["verbs"]),
        modes=tuple(_mode_rule(rule, types) for rule in data["modes"]),
        future=Future(
            becomes=future["becomes"],
            cameo_root=_cameo(future["cameo"]),
            types=frozenset(_check_type(name, types) for name in future["types"]),
            auxiliaries=_words(future["auxiliaries"]),
        ),
        threaten_modes=_threaten_modes(data["threaten_modes"], types),
        actors=_actor_words(data["actors"]),
        means=_words(data["means"]["words"]),
        receiving_verbs=_words(data["receiving_verbs"]["verbs"]),
    )


def _words(words: Iterable[str]) -> frozenset[str]:
    return frozenset(str(word).lower() for word in words)


def _cameo(code: Any) -> str:
    text = str(code)
    if len(text) != 2 or not text.isdigit():
        raise ValueError(f"plover.toml: CAMEO root must be two digits, got {text!r}")
    return text


def _check_type(name: str, types: dict[str, TypeInfo]) -> str:
    if name not in types:
        raise ValueError(f"plover.toml: unknown PLOVER event type {name!r}")
    return name


def _check_mode(event_type: str, mode: str | None, types: dict[str, TypeInfo]) -> str | None:
    if mode is not None and mode not in types[event_type].modes:
        raise ValueError(f"plover.toml: {mode!r} is not a mode of {event_type}")
    return mode


def _type_info(name: str, info: dict[str, Any]) -> TypeInfo:
    if name != name.upper():
        raise ValueError(f"plover.toml: event types are upper case, got {name!r}")
    return TypeInfo(str(info["quad"]), _cameo(info["cameo"]), _words(info["modes"]))


def _coding(group: dict[str, Any], types: dict[str, TypeInfo]) -> Coding:
    event_type = _check_type(group["type"], types)
    cameo = group.get("cameo")
    return Coding(
        event_type=event_type,
        cameo_root=_cameo(cameo) if cameo is not None else types[event_type].cameo_root,
        mode=_check_mode(event_type, group.get("mode"), types),
        targets=tuple(group.get("targets", DEFAULT_TARGETS)),
        not_objects=_words(group.get("not_objects", ())),
    )


def _add_words(table: dict[str, Coding], words: Iterable[str], coding: Coding) -> None:
    """Register each word once: the first group that lists a word wins."""
    for word in words:
        table.setdefault(" ".join(str(word).lower().split()), coding)


def _mode_rule(rule: dict[str, Any], types: dict[str, TypeInfo]) -> ModeRule:
    event_type = _check_type(rule["type"], types)
    mode = _check_mode(event_type, rule["mode"], types)
    cameo = rule.get("cameo")
    return ModeRule(
        event_type=event_type,
        mode=str(mode),
        cameo_root=_cameo(cameo) if cameo is not None else None,
        words=_words(rule["words"]),
    )


def _threaten_modes(table: dict[str, str], types: dict[str, TypeInfo]) -> dict[str, str]:
    for name, mode in table.items():
        _check_type(name, types)
        _check_mode("THREATEN", mode, types)
    return dict(table)


def _actor_words(data: dict[str, Any]) -> ActorWords:
    sectors = {word.lower(): sector for sector, words in data["sectors"].items() for word in words}
    return ActorWords(
        determiners=_words(data["determiners"]),
        pronouns=_words(data["pronouns"]),
        sectors=sectors,
        military_equipment=_words(data["equipment"]["military"]),
        other_equipment=_words(data["equipment"]["other"]),
    )
