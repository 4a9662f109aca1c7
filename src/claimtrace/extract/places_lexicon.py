"""The place lexicon (``lexicons/places.toml``) as one typed, cached object."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from claimtrace import lexicons


@dataclass(frozen=True, slots=True)
class PlaceWords:
    """Every word list and radius the place stage uses."""

    settlement_words: frozenset[str]
    area_words: frozenset[str]
    feature_words: frozenset[str]
    reporting_lemmas: frozenset[str]
    locative_prepositions: frozenset[str]
    locative_nouns: frozenset[str]
    mislabeled_min_population: int
    directions: dict[str, float]
    units_km: dict[str, float]
    near_km: float
    inside_km: float
    offset_minimum_km: float
    offset_share: float

    def offset_radius(self, km: float) -> float:
        """The uncertainty of a point placed ``km`` from another one."""
        return max(self.offset_minimum_km, self.offset_share * km)


@cache
def place_words() -> PlaceWords:
    """The place lexicon, read once per process."""
    data = lexicons.load("places")
    radius = data["radius_km"]
    return PlaceWords(
        settlement_words=frozenset(data["settlement_words"]),
        area_words=frozenset(data["area_words"]),
        feature_words=frozenset(data["feature_words"]),
        reporting_lemmas=frozenset(data["reporting_lemmas"]),
        locative_prepositions=frozenset(data["locative_prepositions"]),
        locative_nouns=frozenset(data["locative_nouns"]),
        mislabeled_min_population=int(data["mislabeled_min_population"]),
        directions={key: float(value) for key, value in data["directions"].items()},
        units_km={key: float(value) for key, value in data["units_km"].items()},
        near_km=float(radius["near"]),
        inside_km=float(radius["inside"]),
        offset_minimum_km=float(radius["offset_minimum"]),
        offset_share=float(radius["offset_share"]),
    )
