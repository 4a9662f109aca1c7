"""The corpus store: documents, reports and their records in SQLite or PostgreSQL.

`open_store` picks the database (``--db``, else $CLAIMTRACE_DATABASE_URL, else
``claimtrace.db`` in the working directory), brings its schema to the latest migration and
returns a `Store`. Every article is written in one transaction, so an interrupted batch leaves
whole articles or none; a document whose content hash is stored already is not written again.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import Engine, create_engine, delete, event, func, select
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from ..errors import DatabaseUnavailable, InvalidDatabaseURL, NoDatabase, StoreError
from ..model import Report
from . import rows
from .migrate import upgrade
from .tables import Base, DocumentRow, FailureRow, ReportRow

DATABASE_ENV = "CLAIMTRACE_DATABASE_URL"
DEFAULT_DATABASE = "claimtrace.db"
BACKENDS = ("sqlite", "postgresql")


@dataclass(frozen=True, slots=True)
class Failure:
    """An article that could not be stored, or a stage that failed in a stored one."""

    input_name: str
    stage: str  # read | ingest | analyze | a stage name
    code: str
    message: str


def database_url(db: str | Path | None = None) -> URL:
    """The database to use: `db` (a path or a URL), else $CLAIMTRACE_DATABASE_URL, else
    ``claimtrace.db`` in the working directory. PostgreSQL URLs get the psycopg 3 driver."""
    raw = str(db) if db is not None else os.environ.get(DATABASE_ENV) or DEFAULT_DATABASE
    if "://" not in raw:
        return URL.create("sqlite", database=str(Path(raw).expanduser().resolve()))
    try:
        url = make_url(raw)
    except ArgumentError:
        raise InvalidDatabaseURL(f"not a database URL: {_hidden(raw)}") from None
    backend = {"postgres": "postgresql"}.get(url.get_backend_name(), url.get_backend_name())
    if backend not in BACKENDS:
        raise InvalidDatabaseURL(
            f"unsupported database {backend!r}: use a SQLite path or a postgresql:// URL",
            detail={"backend": backend},
        )
    if backend == "postgresql":
        driver = url.drivername.partition("+")[2] or "psycopg"
        url = url.set(drivername=f"postgresql+{driver}")
    return url


def _hidden(raw: str) -> str:
    """A URL-ish string without what lies between ``://`` and ``@`` (user and password)."""
    scheme, _, rest = raw.partition("://")
    return f"{scheme}://***@{rest.split('@', 1)[1]}" if "@" in rest else raw


def open_store(db: str | Path | None = None) -> Store:
    """Open (creating or upgrading) the corpus database; see `database_url` for `db`."""
    url = database_url(db)
    engine = create_engine(url)
    if url.get_backend_name() == "sqlite":
        _check_sqlite_folder(url)
        event.listen(engine, "connect", _sqlite_pragmas)
    try:
        upgrade(engine)
    except OperationalError as error:
        engine.dispose()
        raise DatabaseUnavailable(
            f"cannot open the database {url.render_as_string(hide_password=True)}: "
            f"{_first_line(error)}"
        ) from None
    return Store(engine)


def open_existing_store(db: str | Path | None = None) -> Store:
    """Open a corpus database that exists already (CT404 for a SQLite file that does not):
    the commands that only read never create an empty database by mistake."""
    url = database_url(db)
    path = url.database if url.get_backend_name() == "sqlite" else None
    if path not in (None, "", ":memory:") and not Path(path or "").is_file():
        raise NoDatabase(
            f"no corpus database at {path}: run claimtrace ingest first, or name one with "
            f"--db or ${DATABASE_ENV}",
            detail={"database": path},
        )
    return open_store(db)


def _check_sqlite_folder(url: URL) -> None:
    folder = Path(url.database or ".").parent
    if url.database not in (None, "", ":memory:") and not folder.is_dir():
        raise DatabaseUnavailable(f"cannot create the database {url.database}: no folder {folder}")


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    """Foreign keys on; a write-ahead log, so readers never see half an article."""
    cursor = connection.cursor()
    for pragma in (
        "foreign_keys=ON",
        "journal_mode=WAL",
        "synchronous=NORMAL",
        "busy_timeout=30000",
    ):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def _first_line(error: SQLAlchemyError) -> str:
    return str(getattr(error, "orig", None) or error).strip().splitlines()[0]


class Store:
    """Writes and reads the corpus; one transaction per article."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    @property
    def location(self) -> str:
        """The database, for messages (a path for SQLite, a URL without password otherwise)."""
        url = self.engine.url
        if url.get_backend_name() == "sqlite":
            return url.database or ":memory:"
        return url.render_as_string(hide_password=True)

    def session(self) -> Session:
        """A plain ORM session on the store, for reading rows (`claimtrace.corpus.tables`)."""
        return self._sessions()

    def transaction(self) -> AbstractContextManager[Session]:
        """One session and transaction, committed at the end; database errors become CT400."""
        return self._transaction()

    @contextmanager
    def _transaction(self) -> Iterator[Session]:
        """One session and transaction; database errors become CT400."""
        try:
            with self._sessions() as session, session.begin():
                yield session
        except IntegrityError:
            raise
        except SQLAlchemyError as error:
            raise StoreError(f"database error: {_first_line(error)}") from error

    def contains(self, content_hash: str) -> bool:
        """Whether a document with this content hash is stored."""
        with self._transaction() as session:
            query = select(DocumentRow.id).where(DocumentRow.content_hash == content_hash)
            return session.execute(query).first() is not None

    def add_report(self, report: Report, input_name: str) -> int | None:
        """Store a report (through its JSON dict); the new document id, or None if stored."""
        from ..export import report_to_dict

        return self.add_report_dict(report_to_dict(report), input_name)

    def add_report_dict(self, data: dict[str, Any], input_name: str) -> int | None:
        """Store a report dict and every record in it, in one transaction.

        Returns the new document's id, or None when its content hash is stored already.
        Earlier failure rows of the same input are removed: the input is stored now.
        """
        try:
            with self._transaction() as session:
                return _insert_article(session, data, input_name)
        except IntegrityError as error:
            if self.contains(data["document"]["content_hash"]):
                return None
            raise StoreError(f"database error: {_first_line(error)}") from error

    def add_failure(self, failure: Failure) -> bool:
        """Record an article that could not be stored; False when the same is recorded."""
        name = failure.input_name[: rows.MAX_NAME]
        with self._transaction() as session:
            query = select(FailureRow.id).where(
                FailureRow.document_id.is_(None),
                FailureRow.input_name == name,
                FailureRow.stage == failure.stage,
                FailureRow.code == failure.code,
            )
            if session.execute(query).first() is not None:
                return False
            session.add(
                FailureRow(
                    input_name=name, stage=failure.stage, code=failure.code, message=failure.message
                )
            )
            return True

    def report(self, content_hash: str) -> dict[str, Any] | None:
        """The stored report dict of a document, or None."""
        query = (
            select(ReportRow.data)
            .join(DocumentRow, ReportRow.document_id == DocumentRow.id)
            .where(DocumentRow.content_hash == content_hash)
        )
        with self._transaction() as session:
            data = session.execute(query).scalar_one_or_none()
            return dict(data) if data is not None else None

    def failures(self) -> list[Failure]:
        """Every failure row, oldest first."""
        with self._transaction() as session:
            found = session.scalars(select(FailureRow).order_by(FailureRow.id))
            return [Failure(f.input_name, f.stage, f.code, f.message) for f in found]

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        with self._transaction() as session:
            return {
                name: session.execute(select(func.count()).select_from(table)).scalar_one()
                for name, table in Base.metadata.tables.items()
            }


def _insert_article(session: Session, data: dict[str, Any], input_name: str) -> int:
    """Insert the document, its report and every per-article row; flush by dependency."""
    document = rows.document_row(data, input_name)
    session.add(document)
    session.flush()
    sources = rows.source_rows(data, document.id)
    session.add_all(sources.values())
    session.flush()
    attributions = rows.attribution_rows(data, document.id, sources)
    claims = rows.claim_rows(data, document.id, sources)
    session.add_all([*attributions.values(), *claims.values()])
    session.flush()
    session.add_all(rows.claim_attribution_rows(data, claims, attributions))
    session.add_all(rows.place_rows(data, document.id))
    session.add_all(rows.event_rows(data, document.id))
    session.add_all(rows.stage_failure_rows(data, document.id, input_name))
    session.execute(
        delete(FailureRow).where(
            FailureRow.document_id.is_(None), FailureRow.input_name == input_name[: rows.MAX_NAME]
        )
    )
    return document.id
