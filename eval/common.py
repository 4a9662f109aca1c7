"""Helpers shared by the scripts under eval/: P/R/F1, result files, and the anchor table.

eval/ is a folder of scripts, not a package: a script puts its own folder on ``sys.path`` and
imports this module as ``common``. Nothing here imports claimtrace.

* `PRF` / `prf(tp, n_pred, n_gold)`: precision, recall and F1; a ratio with a zero
  denominator is 0.0 (nothing predicted scores no precision, nothing to find scores no recall).
* `write_result(name, result)`: JSON to ``eval/results/<name>.json``, creating the folder.
* `format_table` / `print_table`: systems measured in this run above the published anchors,
  each figure in the same column as the anchor's, so they read side by side.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

EVAL_DIR = Path(__file__).resolve().parent
RESULTS_DIR = EVAL_DIR / "results"
MISSING = "-"


class MissingData(FileNotFoundError):
    """The gold data an eval script needs is not where it was told to look."""


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


def harmonic_mean(precision: float, recall: float) -> float:
    """2PR / (P + R), or 0.0 when both are 0."""
    total = precision + recall
    return 2 * precision * recall / total if total else 0.0


def ratio(part: float, whole: float) -> float:
    """part / whole, or 0.0 when whole is 0."""
    return part / whole if whole else 0.0


def prf(tp: float, n_pred: float, n_gold: float) -> PRF:
    """P = tp / n_pred, R = tp / n_gold (0.0 when a denominator is 0), F1 their harmonic mean."""
    if tp < 0 or tp > n_pred or tp > n_gold:
        raise ValueError(f"tp={tp} must lie in [0, min(n_pred={n_pred}, n_gold={n_gold})]")
    return PRF.from_pr(ratio(tp, n_pred), ratio(tp, n_gold))


def require_paths(data_dir: Path, *names: str) -> None:
    """Raise `MissingData` naming what is absent when `data_dir` or any `names` in it is."""
    if not data_dir.is_dir():
        raise MissingData(f"data folder not found: {data_dir}")
    absent = [name for name in names if not (data_dir / name).exists()]
    if absent:
        raise MissingData(f"{data_dir} lacks {', '.join(absent)}")


def write_json(path: Path, result: Mapping[str, Any]) -> Path:
    """Write `result` as indented JSON to `path`, creating its folder; return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2, default=str) + "\n", encoding="utf-8")
    return path


def write_result(name: str, result: Mapping[str, Any], results_dir: Path | None = None) -> Path:
    """Write `result` to ``<results_dir>/<name>.json`` (default eval/results/)."""
    return write_json((results_dir or RESULTS_DIR) / f"{name}.json", result)


@dataclass(frozen=True, slots=True)
class Row:
    """One line of a score table: a system's figures by column name."""

    name: str
    figures: Mapping[str, float]
    note: str = ""
    published: bool = False


def format_cell(value: float | None, width: int, digits: int) -> str:
    """A right-aligned figure, or a dash where the row has none."""
    if value is None:
        return f"{MISSING:>{width}}"
    return f"{value:>{width}.{digits}f}"


def format_row(row: Row, columns: Sequence[str], name_width: int, digits: int) -> str:
    """One table line: name, one cell per column, then the note."""
    width = max(digits + 4, *(len(column) for column in columns))
    cells = " ".join(format_cell(row.figures.get(column), width, digits) for column in columns)
    note = row.note or ("published" if row.published else "this run")
    return f"{row.name:<{name_width}} {cells}  {note}"


def format_table(title: str, rows: Sequence[Row], columns: Sequence[str], digits: int = 3) -> str:
    """Measured rows, then published anchors, every figure under its column's header."""
    ordered = [row for row in rows if not row.published] + [row for row in rows if row.published]
    name_width = max(len("system"), *(len(row.name) for row in ordered))
    width = max(digits + 4, *(len(column) for column in columns))
    header = f"{'system':<{name_width}} " + " ".join(f"{column:>{width}}" for column in columns)
    lines = [title, header, "-" * len(header)]
    lines += [format_row(row, columns, name_width, digits) for row in ordered]
    return "\n".join(lines)


def print_table(title: str, rows: Sequence[Row], columns: Sequence[str], digits: int = 3) -> None:
    """Print `format_table`."""
    print(format_table(title, rows, columns, digits))
