"""The frozen records of the gazetteer: places as stored and as returned by lookups."""

from __future__ import annotations

from dataclasses import dataclass

# GeoNames feature classes: A country/admin area, P populated place, L area/region,
# T mountain/desert/terrain, H water, S spot/building.
COUNTRY_CODES = frozenset({"PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCL", "TERR"})


@dataclass(frozen=True, slots=True)
class GazPlace:
    """One gazetteer entry. ``geonameid`` is None for curated entries without one."""

    geonameid: int | None
    name: str
    lat: float
    lon: float
    country_code: str
    admin1: str
    feature_class: str
    feature_code: str
    population: int
    radius_km: float = 5.0

    @property
    def is_country(self) -> bool:
        """A sovereign country or dependent territory."""
        return self.feature_code in COUNTRY_CODES

    @property
    def is_admin1(self) -> bool:
        """A first-level administrative division (state, province, governorate)."""
        return self.feature_code == "ADM1"

    @property
    def is_capital(self) -> bool:
        """The capital city of a country."""
        return self.feature_code == "PPLC"


@dataclass(frozen=True, slots=True)
class SourceRecord:
    """A place with every name it is known by, as written into the index. ``exact``: the
    names are indexed only as written ("Washington State" does not answer to "Washington")."""

    place: GazPlace
    names: tuple[str, ...]
    exact: bool = False
