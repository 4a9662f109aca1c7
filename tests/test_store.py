"""The corpus store, against SQLite and PostgreSQL: round trip, idempotency, failure rows,
per-article transactions, migrations, and the database settings with their error codes."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select, text

from claimtrace.corpus import Failure, Store, database_url, open_store, rows
from claimtrace.corpus.tables import Base, ClaimRow, EventRow, PlaceRow, SourceRow
from claimtrace.errors import DatabaseUnavailable, InvalidDatabaseURL, MigrationFailed
from claimtrace.export import report_to_dict
from claimtrace.model import Document, StageFailure
from store_helpers import handmade_report

pytest_plugins = ["store_fixtures"]  # the `db` and `store` fixtures

TEXT = (
    "Harbour master says the night ferry ran aground near Gull Point\n\n"
    "The night ferry from Larkport allegedly ran aground on a sandbank, the harbour master said."
)


def document(text: str = TEXT) -> Document:
    digest = hashlib.sha256(text.encode()).hexdigest()
    return Document(
        text=text, title=text.splitlines()[0], publisher="Coast Weekly", content_hash=digest
    )


def claim_row(store: Store) -> ClaimRow:
    with store.session() as session:
        return session.scalars(select(ClaimRow)).one()


def source_local_id(store: Store, row_id: int | None) -> str | None:
    with store.session() as session:
        found = session.get(SourceRow, row_id) if row_id is not None else None
        return found.local_id if found else None


# --- round trip ---------------------------------------------------------------------------


def test_report_round_trip(store: Store) -> None:
    report = handmade_report(document())
    assert store.add_report(report, "ferry.txt") is not None
    assert store.report(report.document.content_hash) == report_to_dict(report)
    counts = store.counts()
    assert counts["documents"] == counts["reports"] == 1
    assert (counts["sources"], counts["attributions"], counts["claims"]) == (2, 1, 1)
    assert counts["claim_attributions"] == 1
    assert counts["failures"] == 0


def test_claim_row_has_chain_ends_certainty_and_hedge(store: Store) -> None:
    store.add_report(handmade_report(document()), "ferry.txt")
    row = claim_row(store)
    assert (row.certainty, row.hedged, row.checkworthiness) == ("reported", True, 0.75)
    assert source_local_id(store, row.root_source_id) == "S0"
    assert source_local_id(store, row.origin_source_id) == "S1"
    assert (row.origin_label, row.origin_type, row.chain_length) == ("Mara Holt", "person", 2)
    assert row.time_value is None and row.place_name is None


def test_times_places_and_events_from_the_report_dict(store: Store) -> None:
    data = report_to_dict(handmade_report(document()))
    sentence = data["claims"][0]["span"]
    data["times"] = [{"id": "T1", "span": sentence, "value": "2024-03", "start": "2024-03-01"}]
    data["places"] = [
        {"id": "P1", "span": sentence, "name": "Gull Point", "role": "event_location",
         "resolved": True, "lat": 50.5, "lon": -4.25, "country_code": "GB"},
    ]  # fmt: skip
    data["events"] = [
        {"id": "E1", "claim_id": "C1", "event_type": "ACCIDENT", "action": sentence,
         "actor": {"span": sentence, "label": "night ferry"}, "targets": []},
    ]  # fmt: skip
    data["claims"][0] |= {"time_id": "T1", "place_ids": ["P1"]}
    store.add_report_dict(data, "ferry.json")
    row = claim_row(store)
    assert (row.time_value, row.time_start, row.time_end) == ("2024-03", "2024-03-01", None)
    assert (row.place_name, row.place_lat, row.place_lon) == ("Gull Point", 50.5, -4.25)
    with store.session() as session:
        place = session.scalars(select(PlaceRow)).one()
        event = session.scalars(select(EventRow)).one()
    assert (place.country_code, place.start) == ("GB", sentence["start"])
    assert (event.claim_local_id, event.event_type, event.actor) == (
        "C1",
        "ACCIDENT",
        "night ferry",
    )
    assert (event.start, event.action) == (sentence["start"], sentence["text"])


def test_report_without_claims_or_sources(store: Store) -> None:
    report = handmade_report(document())
    bare: dict[str, Any] = {"document": report_to_dict(report)["document"]}
    assert store.add_report_dict(bare, "bare.txt") is not None
    assert store.counts()["documents"] == 1
    assert store.counts()["claims"] == 0


# --- idempotency and failures -------------------------------------------------------------


def test_same_text_is_stored_once(store: Store) -> None:
    first = store.add_report(handmade_report(document()), "a.txt")
    counts = store.counts()
    assert store.add_report(handmade_report(document()), "copy-of-a.txt") is None
    assert store.counts() == counts
    assert first is not None and store.contains(document().content_hash)


def test_failure_recorded_once_and_cleared_when_stored(store: Store) -> None:
    failure = Failure("ferry.txt", "ingest", "CT103", "input looks binary")
    assert store.add_failure(failure)
    assert not store.add_failure(failure)
    assert store.failures() == [failure]
    store.add_report(handmade_report(document()), "ferry.txt")
    assert store.failures() == []


def test_failed_stages_of_a_stored_report_are_failure_rows(store: Store) -> None:
    broken = StageFailure("claims", "CT300", "ValueError: bad span")
    store.add_report(handmade_report(document(), failures=[broken]), "ferry.txt")
    assert store.failures() == [Failure("ferry.txt", "claims", "CT300", "ValueError: bad span")]
    store.add_failure(Failure("ferry.txt", "ingest", "CT103", "binary"))
    assert len(store.failures()) == 2  # the stage failure belongs to the stored document


def test_an_interrupted_write_leaves_nothing(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupt(*args: object) -> list[object]:
        raise KeyboardInterrupt

    monkeypatch.setattr(rows, "event_rows", interrupt)
    with pytest.raises(KeyboardInterrupt):
        store.add_report(handmade_report(document()), "ferry.txt")
    assert set(store.counts().values()) == {0}
    monkeypatch.undo()
    assert store.add_report(handmade_report(document()), "ferry.txt") is not None


# --- migrations ---------------------------------------------------------------------------


def test_migrations_create_exactly_the_tables(store: Store) -> None:
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection)
        assert compare_metadata(context, Base.metadata) == []
        assert context.get_current_revision() is not None


def test_reopening_keeps_rows(db: str) -> None:
    with open_store(db) as first:
        first.add_report(handmade_report(document()), "ferry.txt")
    with open_store(db) as again:
        assert again.counts()["documents"] == 1


def test_database_from_a_newer_version_is_ct403(db: str) -> None:
    with open_store(db) as opened, opened.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(MigrationFailed) as error:
        open_store(db)
    assert error.value.code == "CT403"


# --- settings -----------------------------------------------------------------------------


def test_default_database_is_claimtrace_db_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CLAIMTRACE_DATABASE_URL", raising=False)
    url = database_url()
    assert url.get_backend_name() == "sqlite"
    assert url.database == str(tmp_path / "claimtrace.db")


def test_environment_url_and_postgres_driver(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMTRACE_DATABASE_URL", "postgres://reader:secret@db.example/news")
    url = database_url()
    assert url.drivername == "postgresql+psycopg"
    assert (url.host, url.database) == ("db.example", "news")
    assert database_url("local.db").get_backend_name() == "sqlite"  # --db wins


def test_unsupported_database_is_ct402() -> None:
    with pytest.raises(InvalidDatabaseURL) as error:
        database_url("mysql://user:secret@db.example/news")
    assert error.value.code == "CT402"
    assert "secret" not in str(error.value)


def test_missing_folder_is_ct401(tmp_path: Path) -> None:
    with pytest.raises(DatabaseUnavailable) as error:
        open_store(tmp_path / "absent" / "corpus.db")
    assert error.value.code == "CT401"


def test_unreachable_postgres_is_ct401_without_password() -> None:
    with pytest.raises(DatabaseUnavailable) as error:
        open_store("postgresql://reader:secret@127.0.0.1:1/news?connect_timeout=2")
    assert "secret" not in str(error.value)
    assert "127.0.0.1" in str(error.value)
