"""Helpers shared by the suites: P/R/F1, the result shape, data checks, progress, JSON files.

* `PRF` / `prf(tp, n_pred, n_gold)`: precision, recall and F1; a ratio with a zero
  denominator is 0.0 (nothing predicted scores no precision, nothing to find scores no recall).
* `suite_result(...)`: the dictionary every suite's `run` returns.
* `require_paths(folder, *names)`: raise `MissingData` naming what is absent.
* `fingerprint(folder)`: a hash of the file names and sizes under a folder.
* `progress(items, total, label)`: a progress bar on a terminal, the bare iterable elsewhere.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, TypeVar

from ..errors import InputNotFound

T = TypeVar("T")


class MissingData(InputNotFound):
    """The gold data a suite needs is not where it was told to look (CT101)."""


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and their harmonic mean, each in [0, 1]."""

    precision: float
    recall: float
    f1: float

    @classmethod
    def from_pr(cls, precision: float, recall: float) -> PRF:
        """The F1 of a given precision and recall (0.0 when both are 0)."""
        return cls(precision, recall, harmonic_mean(precision, recall))

    def as_dict(self, digits: int = 4) -> dict[str, float]:
        """Plain, rounded figures for JSON."""
        return {key: round(value, digits) for key, value in asdict(self).items()}

    def percent(self) -> dict[str, float]:
        """The three figures in percent, two decimals."""
        return {key: percent(value) for key, value in asdict(self).items()}


def harmonic_mean(precision: float, recall: float) -> float:
    """2PR / (P + R), or 0.0 when both are 0."""
    total = precision + recall
    return 2 * precision * recall / total if total else 0.0


def ratio(part: float, whole: float) -> float:
    """part / whole, or 0.0 when whole is 0."""
    return part / whole if whole else 0.0


def percent(value: float) -> float:
    """A [0, 1] figure as a percentage rounded to two decimals."""
    return round(100 * value, 2)


def prf(tp: float, n_pred: float, n_gold: float) -> PRF:
    """P = tp / n_pred, R = tp / n_gold (0.0 when a denominator is 0), F1 their harmonic mean."""
    if tp < 0 or tp > n_pred or tp > n_gold:
        raise ValueError(f"tp={tp} must lie in [0, min(n_pred={n_pred}, n_gold={n_gold})]")
    return PRF.from_pr(ratio(tp, n_pred), ratio(tp, n_gold))


def suite_result(
    name: str,
    data: Path,
    n: int,
    figures: Mapping[str, float],
    anchors: Mapping[str, Mapping[str, float]],
    details: Mapping[str, Any],
) -> dict[str, Any]:
    """The dictionary every suite's `run` returns (see `claimtrace.evaluation`)."""
    return {
        "suite": name,
        "data": str(data),
        "n": n,
        "figures": {key: float(value) for key, value in figures.items()},
        "anchors": {system: dict(values) for system, values in anchors.items()},
        "details": dict(details),
    }


def require_paths(data_dir: Path, *names: str) -> None:
    """Raise `MissingData` naming what is absent when `data_dir` or any `names` in it is."""
    if not data_dir.is_dir():
        raise MissingData(f"data folder not found: {data_dir}", detail={"path": str(data_dir)})
    absent = [name for name in names if not (data_dir / name).exists()]
    if absent:
        raise MissingData(f"{data_dir} lacks {', '.join(absent)}", detail={"path": str(data_dir)})


def fingerprint(folder: Path) -> str:
    """sha256 over the relative names and sizes of every file under `folder`, sorted."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(f"{path.relative_to(folder).as_posix()}\t{path.stat().st_size}\n".encode())
    return f"sha256:{digest.hexdigest()[:16]}"


def progress(items: Iterable[T], total: int, label: str) -> Iterator[T]:
    """`items` with a progress bar on stderr when it is a terminal; unchanged otherwise."""
    if not sys.stderr.isatty():
        yield from items
        return
    from rich.console import Console
    from rich.progress import track

    console = Console(stderr=True)
    yield from track(items, description=label, total=total, console=console, transient=True)


def write_json(path: Path, result: Mapping[str, Any]) -> Path:
    """Write `result` as indented JSON to `path`, creating its folder; return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2, default=str) + "\n", encoding="utf-8")
    return path
