"""The corpus: many articles and their reports in one SQL database (SQLite or PostgreSQL)."""

from __future__ import annotations

from .store import (
    DATABASE_ENV,
    DEFAULT_DATABASE,
    Failure,
    Store,
    database_url,
    open_existing_store,
    open_store,
)

__all__ = [
    "DATABASE_ENV",
    "DEFAULT_DATABASE",
    "Failure",
    "Store",
    "database_url",
    "open_existing_store",
    "open_store",
]
