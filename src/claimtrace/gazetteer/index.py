"""Querying the compiled gazetteer: ``Gazetteer.open()`` then ``lookup(name)``.

The index lives in the user cache (``$CLAIMTRACE_CACHE``, else ``$XDG_CACHE_HOME/claimtrace``,
else ``~/.cache/claimtrace``) as ``gazetteer-<version>.sqlite``. It is built on first use
(about 40 s) and rebuilt when the sources change; opening an existing index costs
milliseconds, and lookups read a few rows through SQLite's B-tree, so memory stays small.
"""

from __future__ import annotations

import os
import sqlite3
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import ClaimtraceError
from . import build
from .names import name_key
from .records import GazPlace

CACHE_ENV = "CLAIMTRACE_CACHE"
INDEX_NAME = f"gazetteer-{build.BUILD_VERSION}.sqlite"
_COLUMNS = "geonameid, name, lat, lon, cc, admin1, fclass, fcode, population, radius_km"
_CACHE_LIMIT = 20_000


class GazetteerUnavailable(ClaimtraceError):
    """The gazetteer index could not be built or opened."""

    code = "CT210"


def cache_dir() -> Path:
    """The directory for claimtrace's cached files."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    if os.name == "nt" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "claimtrace" / "Cache"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "claimtrace"


def default_path() -> Path:
    """Where the default index lives."""
    return cache_dir() / INDEX_NAME


def remove_older_indexes(current: Path) -> list[Path]:
    """Delete the default indexes of earlier build versions beside `current` (about 40 MB
    each); return what was removed. A file in use elsewhere is left for a later build."""
    removed = []
    for old in current.parent.glob("gazetteer-*.sqlite"):
        if old.name != current.name:
            try:
                old.unlink()
            except OSError:
                continue
            removed.append(old)
    return removed


def stored_hash(path: Path) -> str | None:
    """The source hash recorded in an index file, or None when it is unreadable."""
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = connection.execute("SELECT v FROM meta WHERE k = 'source_hash'").fetchone()
        finally:
            connection.close()
    except sqlite3.Error:
        return None
    return str(row[0]) if row else None


def _to_place(row: tuple[Any, ...]) -> GazPlace:
    gid, name, lat, lon, cc, admin1, fclass, fcode, population, radius = row
    return GazPlace(
        int(gid) if gid is not None else None,
        str(name),
        float(lat),
        float(lon),
        str(cc),
        str(admin1),
        str(fclass),
        str(fcode),
        int(population),
        float(radius),
    )


class Gazetteer:
    """A read-only view of one index file. Safe to share between threads."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            self._db.execute("SELECT 1 FROM place LIMIT 1")
        except sqlite3.Error as error:
            raise GazetteerUnavailable(
                f"cannot open gazetteer index {path}: {error}", detail={"path": str(path)}
            ) from error
        self._lookups: dict[str, tuple[GazPlace, ...]] = {}
        self._countries: dict[str, GazPlace | None] = {}

    @classmethod
    def open(cls, path: Path | None = None, *, rebuild_stale: bool = True) -> Gazetteer:
        """Open the index, building it first when it is missing or out of date."""
        target = path or default_path()
        if not target.exists() or (rebuild_stale and stored_hash(target) != build.source_hash()):
            try:
                build.build_atomically(target)
            except (OSError, sqlite3.Error) as error:
                raise GazetteerUnavailable(
                    f"cannot build gazetteer index {target}: {error}", detail={"path": str(target)}
                ) from error
            if path is None:
                remove_older_indexes(target)
        return cls(target)

    def close(self) -> None:
        """Close the database connection."""
        self._db.close()

    def lookup(self, name: str) -> list[GazPlace]:
        """Every place known by this name (any spelling variant), most populous first."""
        key = name_key(name)
        if key not in self._lookups:
            if len(self._lookups) >= _CACHE_LIMIT:
                self._lookups.clear()
            rows = self._db.execute(
                f"SELECT {_COLUMNS} FROM name JOIN place ON place.id = name.place "
                "WHERE name.key = ? ORDER BY population DESC",
                (key,),
            ).fetchall()
            self._lookups[key] = tuple(_to_place(row) for row in rows)
        return list(self._lookups[key])

    def country(self, country_code: str) -> GazPlace | None:
        """The country entry for an ISO 3166 alpha-2 code."""
        if country_code not in self._countries:
            row = self._db.execute(
                f"SELECT {_COLUMNS} FROM place WHERE cc = ? AND fcode = 'PCLI' LIMIT 1",
                (country_code,),
            ).fetchone()
            self._countries[country_code] = _to_place(row) if row else None
        return self._countries[country_code]

    def demonym(self, word: str) -> GazPlace | None:
        """The country a nationality word points to ("Iraqi" -> Iraq), if known."""
        row = self._db.execute("SELECT cc FROM demonym WHERE key = ?", (name_key(word),)).fetchone()
        return self.country(str(row[0])) if row else None

    def admin1_area(self, country_code: str, admin1: str) -> GazPlace | None:
        """A first-level division: a named entry when there is one, else its cities' centre."""
        if not admin1:
            return None
        row = self._db.execute(
            f"SELECT {_COLUMNS} FROM place WHERE cc = ? AND admin1 = ? AND fcode = 'ADM1' LIMIT 1",
            (country_code, admin1),
        ).fetchone()
        if row:
            return _to_place(row)
        area = self._db.execute(
            "SELECT lat, lon, radius_km FROM admin1 WHERE cc = ? AND code = ?",
            (country_code, admin1),
        ).fetchone()
        if not area:
            return None
        lat, lon, radius = (float(value) for value in area)
        name = f"{country_code}.{admin1}"
        return GazPlace(None, name, lat, lon, country_code, admin1, "A", "ADM1", 0, radius)


@cache
def default_gazetteer() -> Gazetteer:
    """The shared default gazetteer of this process (opened, and built if needed, once)."""
    return Gazetteer.open()
