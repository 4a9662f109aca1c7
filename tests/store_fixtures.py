"""The `db` fixture (a fresh SQLite file, or a scratch database on the PostgreSQL test server)
and the `store` opened on it; test modules load this with ``pytest_plugins``."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from claimtrace.corpus import Store, database_url, open_store

POSTGRES_ENV = "CLAIMTRACE_TEST_DATABASE_URL"
NO_POSTGRES = (
    f"PostgreSQL variant: ${POSTGRES_ENV} is not set "
    "(./dev.sh test starts a throwaway PostgreSQL server and sets it)"
)


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database: a SQLite file, or a scratch database on the test server."""
    if request.param == "sqlite":
        yield str(tmp_path / "corpus.db")
        return
    server = os.environ.get(POSTGRES_ENV)
    if not server:
        pytest.skip(NO_POSTGRES)
    yield from scratch_postgres(server)


def scratch_postgres(server: str) -> Iterator[str]:
    """Create a database for one test and drop it afterwards."""
    name = f"claimtrace_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(database_url(server), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield database_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def store(db: str) -> Iterator[Store]:
    with open_store(db) as opened:
        yield opened
