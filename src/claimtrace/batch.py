"""Batch ingest: many articles in, one corpus store out.

The parent process reads and checks each article, skips those whose content hash is stored
already (so a rerun resumes where an interrupted one stopped), sends the rest in small chunks
to the analysis, and writes each result in its own transaction, in input order. With
``workers > 1`` the analysis runs in worker processes, each loading the spaCy pipeline once
(`claimtrace.pipeline.analyze_documents`); only the parent writes. A failing article becomes a
failure row and the batch goes on; Ctrl-C stops it between articles and the summary says so.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import signal
import time
from collections import Counter, deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import islice

from .corpus import Failure, Store
from .errors import ClaimtraceError, PipelineError
from .ingest.articles import Article, ReadFailure, iter_articles, load_article
from .ingest.fetch import Fetcher
from .model import Document, Report

CHUNK_SIZE = 8  # articles per task sent to a worker
AHEAD = 2  # chunks queued per worker


@dataclass(frozen=True, slots=True)
class AnalysisFailed:
    """An article whose analysis raised (its stages' own failures are kept in its Report)."""

    code: str
    message: str


Analyzer = Callable[[Sequence[Document], str | None], list[Report | AnalysisFailed]]


def analyze_chunk(
    documents: Sequence[Document], model: str | None
) -> list[Report | AnalysisFailed]:
    """Analyse documents in one `nlp.pipe` batch; if that raises, one by one to find the culprit."""
    from .pipeline import analyze_documents

    try:
        return list(analyze_documents(documents, model=model))
    except PipelineError:
        raise
    except Exception:
        return [_analyze_one(document, model) for document in documents]


def _analyze_one(document: Document, model: str | None) -> Report | AnalysisFailed:
    from .pipeline import analyze_documents

    try:
        return next(iter(analyze_documents([document], model=model)))
    except PipelineError:
        raise
    except ClaimtraceError as error:
        return AnalysisFailed(error.code, error.message)
    except Exception as error:  # one article must not stop the batch
        return AnalysisFailed("CT300", f"{type(error).__name__}: {error}")


@dataclass(frozen=True, slots=True)
class BatchOptions:
    """How to run a batch. `analyzer` must be a module-level function when ``workers > 1``."""

    workers: int = 1
    model: str | None = None
    published: dt.date | None = None  # for articles that state no date
    fetch: bool = False
    chunk_size: int = CHUNK_SIZE
    analyzer: Analyzer = analyze_chunk


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one article."""

    name: str
    status: str  # stored | skipped | failed
    code: str | None = None
    message: str | None = None
    stage_failures: int = 0


@dataclass(frozen=True, slots=True)
class BatchSummary:
    """Counts of one batch run."""

    stored: int
    skipped: int
    failed: dict[str, int]  # by error code
    stage_failures: int
    seconds: float
    interrupted: bool = False

    @property
    def articles(self) -> int:
        return self.stored + self.skipped + sum(self.failed.values())

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds if self.seconds > 0 else 0.0


@dataclass
class _Tally:
    start: float = field(default_factory=time.monotonic)
    statuses: Counter[str] = field(default_factory=Counter)
    failed: Counter[str] = field(default_factory=Counter)
    stage_failures: int = 0
    interrupted: bool = False

    def add(self, outcome: Outcome) -> None:
        self.statuses[outcome.status] += 1
        self.stage_failures += outcome.stage_failures
        if outcome.status == "failed":
            self.failed[outcome.code or "CT900"] += 1

    def summary(self) -> BatchSummary:
        return BatchSummary(
            stored=self.statuses["stored"],
            skipped=self.statuses["skipped"],
            failed=dict(sorted(self.failed.items())),
            stage_failures=self.stage_failures,
            seconds=time.monotonic() - self.start,
            interrupted=self.interrupted,
        )


def ingest_inputs(
    inputs: Sequence[str],
    store: Store,
    options: BatchOptions | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> BatchSummary:
    """Read every article of `inputs` (see `claimtrace.ingest.articles`) into `store`."""
    options = options or BatchOptions()
    fetcher = Fetcher() if options.fetch else None
    return run_batch(iter_articles(inputs, fetcher=fetcher), store, options, on_outcome)


def run_batch(
    items: Iterable[Article | ReadFailure],
    store: Store,
    options: BatchOptions | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> BatchSummary:
    """Analyse and store articles; `on_outcome` hears about each one as it is settled.

    A KeyboardInterrupt (also one raised by `on_outcome`) ends the run between articles and
    marks the summary interrupted; what was stored stays stored.
    """
    options = options or BatchOptions()
    tally = _Tally()

    def settle(outcome: Outcome) -> None:
        tally.add(outcome)
        if on_outcome is not None:
            on_outcome(outcome)

    analysed = _analyse(_to_analyse(items, store, options, settle), options)
    try:
        for name, result in analysed:
            settle(write_result(store, name, result))
    except KeyboardInterrupt:
        tally.interrupted = True
    finally:
        analysed.close()  # stops the workers now, not when the generator is collected
    return tally.summary()


def _to_analyse(
    items: Iterable[Article | ReadFailure],
    store: Store,
    options: BatchOptions,
    settle: Callable[[Outcome], None],
) -> Iterator[tuple[str, Document]]:
    """Articles that are readable and new; the others are settled here (failed or skipped)."""
    seen: set[str] = set()
    for item in items:
        if isinstance(item, ReadFailure):
            settle(record_failure(store, item.name, "read", item.error))
            continue
        try:
            document = load_article(item, published=options.published)
        except ClaimtraceError as error:
            settle(record_failure(store, item.name, "ingest", error))
            continue
        if document.content_hash in seen or store.contains(document.content_hash):
            settle(Outcome(item.name, "skipped"))
            continue
        seen.add(document.content_hash)
        yield item.name, document


def record_failure(store: Store, name: str, stage: str, error: ClaimtraceError) -> Outcome:
    """Store a failure row for an article that cannot be stored."""
    store.add_failure(Failure(name, stage, error.code, error.message))
    return Outcome(name, "failed", error.code, error.message)


def write_result(store: Store, name: str, result: Report | AnalysisFailed) -> Outcome:
    """Store one analysed article (one transaction), or its failure row."""
    if isinstance(result, AnalysisFailed):
        store.add_failure(Failure(name, "analyze", result.code, result.message))
        return Outcome(name, "failed", result.code, result.message)
    if store.add_report(result, name) is None:
        return Outcome(name, "skipped")
    return Outcome(name, "stored", stage_failures=len(result.failures))


Analysed = tuple[str, Report | AnalysisFailed]


def _analyse(pending: Iterable[tuple[str, Document]], options: BatchOptions) -> Generator[Analysed]:
    chunks = _chunks(pending, options.chunk_size)
    if options.workers <= 1:
        for chunk in chunks:
            results = options.analyzer([document for _, document in chunk], options.model)
            yield from _zip(chunk, results)
        return
    yield from _analyse_in_workers(chunks, options)


def _analyse_in_workers(
    chunks: Iterator[list[tuple[str, Document]]], options: BatchOptions
) -> Iterator[Analysed]:
    """Chunks run in worker processes, a few queued ahead per worker; results in input order."""
    context = multiprocessing.get_context("spawn")
    executor = ProcessPoolExecutor(options.workers, mp_context=context, initializer=_ignore_sigint)
    window: deque[tuple[list[tuple[str, Document]], Future[list[Report | AnalysisFailed]]]]
    window = deque()
    try:
        for chunk in chunks:
            window.append((chunk, _submit(executor, chunk, options)))
            if len(window) >= options.workers * AHEAD:
                yield from _collect(*window.popleft())
        while window:
            yield from _collect(*window.popleft())
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _submit(
    executor: ProcessPoolExecutor, chunk: list[tuple[str, Document]], options: BatchOptions
) -> Future[list[Report | AnalysisFailed]]:
    documents = [document for _, document in chunk]
    return executor.submit(options.analyzer, documents, options.model)


def _collect(
    chunk: list[tuple[str, Document]], future: Future[list[Report | AnalysisFailed]]
) -> Iterator[Analysed]:
    try:
        results = future.result()
    except BrokenProcessPool:
        raise PipelineError(
            "a worker process died (out of memory?); what was stored stays stored: "
            "rerun the same command to resume, perhaps with fewer --workers"
        ) from None
    yield from _zip(chunk, results)


def _zip(
    chunk: list[tuple[str, Document]], results: list[Report | AnalysisFailed]
) -> Iterator[Analysed]:
    for (name, _), result in zip(chunk, results, strict=True):
        yield name, result


def _chunks(
    pairs: Iterable[tuple[str, Document]], size: int
) -> Iterator[list[tuple[str, Document]]]:
    iterator = iter(pairs)
    while chunk := list(islice(iterator, max(1, size))):
        yield chunk


def _ignore_sigint() -> None:
    """Workers leave Ctrl-C to the parent, which stops the batch between articles."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
