"""What a batch shows: a rich progress bar (articles/s, ETA) and the closing summary."""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from .batch import BatchSummary, Outcome


class RateColumn(ProgressColumn):
    """Articles per second over the recent past."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} articles/s" if speed else "- articles/s", style="cyan")


class ProgressDisplay:
    """A progress bar on stderr, advanced by each `Outcome` (shown on a terminal only)."""

    def __init__(self, total: int | None, console: Console | None = None) -> None:
        console = console or Console(stderr=True)
        self.counts = {"stored": 0, "skipped": 0, "failed": 0}
        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            RateColumn(),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=console,
            disable=not console.is_terminal,
        )
        self.task = self.progress.add_task(self._description(), total=total)

    def __enter__(self) -> ProgressDisplay:
        self.progress.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.progress.stop()

    def __call__(self, outcome: Outcome) -> None:
        self.counts[outcome.status] = self.counts.get(outcome.status, 0) + 1
        self.progress.update(self.task, advance=1, description=self._description())

    def _description(self) -> str:
        return ", ".join(f"{status} {count}" for status, count in self.counts.items())


def render_summary(summary: BatchSummary, location: str) -> str:
    """The closing lines: stored, skipped, failed by code, rate, database, resume hint."""
    failed = sum(summary.failed.values())
    codes = ", ".join(f"{code}: {count}" for code, count in summary.failed.items())
    lines = [
        f"stored {summary.stored}, skipped {summary.skipped} (already stored), "
        f"failed {failed}" + (f" ({codes})" if codes else ""),
        f"{summary.articles} articles in {summary.seconds:.1f} s: "
        f"{summary.articles_per_second:.2f} articles/s",
    ]
    if summary.stage_failures:
        lines.append(f"{summary.stage_failures} failed stages inside stored reports")
    lines.append(f"database: {location}")
    if summary.interrupted:
        lines.append("interrupted: rerun the same command to resume (stored articles are skipped)")
    return "\n".join(lines)
