"""Batch ingest into the store (SQLite and PostgreSQL): failure rows, idempotency, resuming after
an interruption, worker processes, and the ``claimtrace ingest`` command."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import create_engine, text

from claimtrace import cli
from claimtrace.batch import AnalysisFailed, BatchOptions, Outcome, analyze_chunk, ingest_inputs
from claimtrace.corpus import Store, database_url, open_store
from claimtrace.errors import (
    DatabaseUnavailable,
    FetchFailed,
    InvalidDatabaseURL,
    InvalidFeed,
    InvalidWARC,
    MigrationFailed,
    ModelNotInstalled,
    StoreError,
)
from claimtrace.model import Document, Report
from store_helpers import CORPUS, handmade_analyzer, write_articles

pytest_plugins = ["store_fixtures"]  # the `db` and `store` fixtures


def ingest(inputs: Sequence[Path | str], store: Store, **options: Any) -> Any:
    settings = BatchOptions(**{"analyzer": handmade_analyzer, **options})
    return ingest_inputs([str(item) for item in inputs], store, settings)


def snapshot(store: Store) -> dict[str, Any]:
    """Everything stored that does not depend on row order or timing."""
    with store.engine.connect() as connection:
        documents = connection.execute(
            text("SELECT content_hash, input_name FROM documents ORDER BY content_hash")
        ).all()
        failures = connection.execute(
            text("SELECT input_name, stage, code FROM failures ORDER BY input_name, stage, code")
        ).all()
    reports = {hash_: store.report(hash_) for hash_, _ in documents}
    return {
        "rows": store.counts(),
        "documents": documents,
        "failures": failures,
        "reports": reports,
    }


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """The fixture corpus plus a binary file that cannot be an article."""
    folder = tmp_path / "corpus"
    shutil.copytree(CORPUS, folder)
    (folder / "articles" / "scan.txt").write_bytes(b"\x00\x01\x02 not text")
    return folder


# --- the library --------------------------------------------------------------------------


def test_folder_batch_stores_articles_and_failure_rows(store: Store, corpus: Path) -> None:
    summary = ingest([corpus], store)
    assert (summary.stored, summary.skipped) == (9, 0)
    assert summary.failed == {"CT103": 1, "CT108": 1}
    assert store.counts()["documents"] == 9
    failures = {(Path(f.input_name).name, f.stage, f.code) for f in store.failures()}
    assert failures == {("scan.txt", "ingest", "CT103"), ("ferries.jsonl:4", "ingest", "CT108")}


def test_ingesting_twice_changes_nothing(store: Store, corpus: Path) -> None:
    ingest([corpus], store)
    before = snapshot(store)
    again = ingest([corpus], store)
    assert (again.stored, again.skipped, again.failed) == (0, 9, {"CT103": 1, "CT108": 1})
    assert snapshot(store) == before


def test_resume_after_interruption_stores_each_article_once(store: Store, tmp_path: Path) -> None:
    write_articles(tmp_path / "bridges", 12)
    seen: list[Outcome] = []

    def stop_after_five(outcome: Outcome) -> None:
        seen.append(outcome)
        if len(seen) == 5:
            raise KeyboardInterrupt

    options = BatchOptions(analyzer=handmade_analyzer, chunk_size=4)
    first = ingest_inputs([str(tmp_path / "bridges")], store, options, on_outcome=stop_after_five)
    assert first.interrupted and first.stored == 5
    assert store.counts()["documents"] == 5
    second = ingest([tmp_path / "bridges"], store)
    assert (second.stored, second.skipped, second.interrupted) == (7, 5, False)
    names = [row[1] for row in snapshot(store)["documents"]]
    assert len(names) == len(set(names)) == 12


def test_the_same_text_twice_in_one_run_is_stored_once(store: Store, tmp_path: Path) -> None:
    (first,) = write_articles(tmp_path / "a", 1)
    shutil.copy(first, tmp_path / "a" / "copy.txt")
    summary = ingest([tmp_path / "a"], store)
    assert (summary.stored, summary.skipped) == (1, 1)


def test_undated_articles_take_the_published_option(store: Store, tmp_path: Path) -> None:
    write_articles(tmp_path / "a", 1)
    ingest([tmp_path / "a"], store, published=dt.date(2024, 7, 1))
    (report,) = snapshot(store)["reports"].values()
    assert report["document"]["published"] == "2024-07-01"
    assert report["document"]["published_from"] == "user"


def test_analysis_that_raises_is_a_failure_row(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from claimtrace import pipeline

    def analyze_documents(documents: list[Document], **kwargs: Any) -> list[Report]:
        if any("number 2 " in document.text for document in documents):
            raise ValueError("parser crashed")
        return [Report(document=document) for document in documents]

    monkeypatch.setattr(pipeline, "analyze_documents", analyze_documents)
    write_articles(tmp_path / "a", 3)
    summary = ingest([tmp_path / "a"], store, analyzer=analyze_chunk)
    assert (summary.stored, summary.failed) == (2, {"CT300": 1})
    (failure,) = store.failures()
    assert (Path(failure.input_name).name, failure.stage) == ("bridge-002.txt", "analyze")
    assert failure.message == "ValueError: parser crashed"


def test_missing_model_stops_the_batch(store: Store, tmp_path: Path) -> None:
    def no_model(documents: Sequence[Document], model: str | None) -> list[Report]:
        raise ModelNotInstalled("no such pipeline")

    write_articles(tmp_path / "a", 2)
    with pytest.raises(ModelNotInstalled):
        ingest([tmp_path / "a"], store, analyzer=no_model)
    assert store.counts()["failures"] == 0


def test_two_workers_store_what_one_stores(tmp_path: Path, corpus: Path) -> None:
    with open_store(tmp_path / "one.db") as one, open_store(tmp_path / "two.db") as two:
        ingest([corpus], one, workers=1)
        summary = ingest([corpus], two, workers=2, chunk_size=2)
        assert summary.stored == 9
        assert snapshot(two) == snapshot(one)


def failing_analyzer(documents: Sequence[Document], model: str | None) -> list[Any]:
    return [AnalysisFailed("CT300", "boom") for _ in documents]


def test_worker_results_come_back_in_order(store: Store, tmp_path: Path) -> None:
    write_articles(tmp_path / "a", 5)
    seen: list[str] = []
    options = BatchOptions(workers=2, chunk_size=1, analyzer=failing_analyzer)
    ingest_inputs([str(tmp_path / "a")], store, options, on_outcome=lambda o: seen.append(o.name))
    assert [Path(name).name for name in seen] == [f"bridge-00{n}.txt" for n in range(1, 6)]


# --- the command --------------------------------------------------------------------------


def invoke(*args: str, **kwargs: Any) -> Result:
    return CliRunner().invoke(cli.claimtrace, list(args), **kwargs)


def test_ingest_help_names_every_input_kind() -> None:
    output = invoke("ingest", "--help").output
    for words in (".jsonl", "RSS/Atom", "WARC", "--workers", "--fetch", "CLAIMTRACE_DATABASE_URL"):
        assert words in output


def test_readme_documents_ingest_and_its_error_codes() -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    assert "claimtrace ingest" in readme and "CLAIMTRACE_DATABASE_URL" in readme
    codes = [InvalidFeed, InvalidWARC, FetchFailed, StoreError, DatabaseUnavailable]
    for error in (*codes, InvalidDatabaseURL, MigrationFailed):
        assert f"| {error.code} |" in readme


def test_ingest_unusable_database_is_one_error_line(tmp_path: Path) -> None:
    result = invoke("ingest", str(CORPUS), "--db", str(tmp_path / "absent" / "x.db"))
    assert result.exit_code == 5
    assert "error [CT401]" in result.output


def test_ingest_bad_published_is_ct110(tmp_path: Path) -> None:
    result = invoke("ingest", str(CORPUS), "--db", str(tmp_path / "x.db"), "--published", "soon")
    assert result.exit_code == 2
    assert "error [CT110]" in result.output


@pytest.mark.model
def test_ingest_command_stores_and_resumes(db: str, corpus: Path) -> None:
    result = invoke("ingest", str(corpus), "--db", db)
    assert result.exit_code == 0, result.output
    assert "stored 9, skipped 0 (already stored), failed 2 (CT103: 1, CT108: 1)" in result.output
    again = invoke("ingest", str(corpus), "--db", db)
    assert "stored 0, skipped 9 (already stored), failed 2" in again.output
    with open_store(db) as store:
        counts = store.counts()
        assert counts["documents"] == counts["reports"] == 9
        assert counts["claims"] > 9 and counts["sources"] > 9


@pytest.mark.model
def test_ingest_command_two_workers_equal_one(tmp_path: Path, corpus: Path) -> None:
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    assert invoke("ingest", str(corpus), "--db", str(one)).exit_code == 0
    result = invoke("ingest", str(corpus), "--db", str(two), "--workers", "2")
    assert result.exit_code == 0, result.output
    with open_store(one) as first, open_store(two) as second:
        assert snapshot(second) == snapshot(first)


@pytest.mark.model
def test_ingest_stdin_jsonl(tmp_path: Path) -> None:
    lines = (CORPUS / "ferries.jsonl").read_text(encoding="utf-8")
    result = invoke("ingest", "-", "--db", str(tmp_path / "x.db"), input=lines)
    assert "stored 2, skipped 0 (already stored), failed 1 (CT108: 1)" in result.output


def stored_documents(path: Path) -> int:
    # wait for a lock rather than read "locked" as no documents yet
    engine = create_engine(database_url(path), connect_args={"timeout": 30})
    try:
        with engine.connect() as connection:
            return int(connection.execute(text("SELECT count(*) FROM documents")).scalar_one())
    except Exception:  # the database or its tables may not exist yet
        return 0
    finally:
        engine.dispose()


@pytest.mark.model
def test_ctrl_c_then_rerun_stores_every_article_once(tmp_path: Path) -> None:
    write_articles(tmp_path / "bridges", 60)
    db_path = tmp_path / "corpus.db"
    command = [sys.executable, "-c", "from claimtrace.cli import main; main()", "ingest"]
    command += [str(tmp_path / "bridges"), "--db", str(db_path)]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while stored_documents(db_path) < 3 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr
    assert "interrupted: rerun the same command to resume" in stderr
    interrupted_at = stored_documents(db_path)
    assert 3 <= interrupted_at < 60
    rerun = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert f"stored {60 - interrupted_at}, skipped {interrupted_at}" in rerun.stderr
    with open_store(db_path) as store:
        assert store.counts()["documents"] == store.counts()["reports"] == 60
