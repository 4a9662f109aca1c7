"""The tunables of the cross-article analysis, read from ``lexicons/crossref.toml``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from .. import lexicons

LEXICON = "crossref"


@dataclass(frozen=True, slots=True)
class DuplicateSettings:
    shingle_words: int
    threshold: float
    num_perm: int
    lsh_threshold: float


@dataclass(frozen=True, slots=True)
class ClaimSettings:
    min_content_words: int
    lsh_threshold: float
    lsh_weights: tuple[float, float]
    num_perm: int
    lsh_max_share: float
    lsh_min_count: int
    max_block: int


@dataclass(frozen=True, slots=True)
class JoinSettings:
    threshold: float
    min_text: float
    event_weight: float
    place_weight: float
    time_weight: float
    time_disjoint_penalty: float
    time_penalty_from: frozenset[str]
    place_far_penalty: float
    radius_km: float
    event_type_share: float
    event_actor_share: float
    event_target_share: float


@dataclass(frozen=True, slots=True)
class WordSettings:
    stop: frozenset[str]
    same: dict[str, str]


@dataclass(frozen=True, slots=True)
class CrossrefSettings:
    """Every tunable in one object; tests change one with `dataclasses.replace`."""

    duplicates: DuplicateSettings
    claims: ClaimSettings
    join: JoinSettings
    circular_min_voices: int
    max_citation_depth: int
    words: WordSettings


@cache
def load_settings() -> CrossrefSettings:
    """The settings shipped in ``lexicons/crossref.toml``."""
    return settings_from(lexicons.load(LEXICON))


def settings_from(data: dict[str, Any]) -> CrossrefSettings:
    """Settings from parsed TOML data laid out like ``lexicons/crossref.toml``."""
    claims = dict(data["claims"])
    claims["lsh_weights"] = tuple(claims["lsh_weights"])
    join = dict(data["join"])
    join["time_penalty_from"] = frozenset(join["time_penalty_from"])
    words = data["words"]
    stop = {str(word).lower() for word in words["stop"]}
    stop |= set(lexicons.load("function_words")["english"]["words"].split())
    return CrossrefSettings(
        duplicates=DuplicateSettings(**data["duplicates"]),
        claims=ClaimSettings(**claims),
        join=JoinSettings(**join),
        circular_min_voices=int(data["flags"]["circular_min_voices"]),
        max_citation_depth=int(data["origins"]["max_citation_depth"]),
        words=WordSettings(frozenset(stop), dict(words["same"])),
    )
