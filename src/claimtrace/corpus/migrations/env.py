"""Alembic environment: runs on the connection `claimtrace.corpus.migrate` hands over.

Run by hand (e.g. ``alembic revision --autogenerate``) it opens the database that
`claimtrace.corpus.store.database_url` names.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from claimtrace.corpus.tables import Base


def run(connection: Connection) -> None:
    """Migrate on `connection`; batch mode lets SQLite alter tables too."""
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def main() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        run(connection)
        return
    from claimtrace.corpus.store import database_url

    with create_engine(database_url()).begin() as opened:
        run(opened)


main()
