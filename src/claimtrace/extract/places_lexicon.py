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
    site_prepositions: frozenset[str]
    site_nouns: frozenset[str]
    mislabeled_min_population: int
    embedded_min_population: int
    person_name_max_population: int
    embedded_stop_words: frozenset[str]
    region_modifiers: frozenset[str]
    facility_words: frozenset[str]
    local_nouns: frozenset[str]
    plural_area_words: dict[str, str]
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
        site_prepositions=frozenset(data["site_prepositions"]),
        site_nouns=frozenset(data["site_nouns"]),
        mislabeled_min_population=int(data["mislabeled_min_population"]),
        embedded_min_population=int(data["embedded_min_population"]),
        person_name_max_population=int(data["person_name_max_population"]),
        embedded_stop_words=frozenset(data["embedded_stop_words"]),
        region_modifiers=frozenset(data["region_modifiers"]),
        facility_words=frozenset(data["facility_words"]),
        local_nouns=frozenset(data["local_nouns"]),
        plural_area_words={str(k): str(v) for k, v in data["plural_area_words"].items()},
        directions={key: float(value) for key, value in data["directions"].items()},
        units_km={key: float(value) for key, value in data["units_km"].items()},
        near_km=float(radius["near"]),
        inside_km=float(radius["inside"]),
        offset_minimum_km=float(radius["offset_minimum"]),
        offset_share=float(radius["offset_share"]),
    )
