"""Plain-text tables of a run: figures beside floors and published figures, then the suites.

The figures table has one line per figure: this run's value, its floor, whether it passes,
and the reference figures for it (published anchors, then same-run baselines), the first on
the figure's line and any others on the lines below it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .floors import SuiteFloors
from .runner import Outcome, Run

DASH = "-"
FIGURE_HEADER = ("suite", "figure", "this run", "floor", "gate", "reference")
SUITE_HEADER = ("suite", "status", "items", "seconds", "note")
RIGHT = frozenset({"this run", "floor", "items", "seconds"})


@dataclass(frozen=True, slots=True)
class Reference:
    """A figure to compare with: a published anchor or a same-run baseline."""

    system: str
    value: float


def references(result: Mapping[str, Any]) -> dict[str, list[Reference]]:
    """Figure -> its anchors (published), then its baselines (measured in this run)."""
    found: dict[str, list[Reference]] = {}
    baselines = result.get("details", {}).get("baselines", {})
    for systems in (result.get("anchors", {}), baselines):
        for system, values in systems.items():
            for figure, value in values.items():
                found.setdefault(figure, []).append(Reference(system, float(value)))
    return found


def _number(value: float | None) -> str:
    return DASH if value is None else f"{value:.2f}"


def _gate(value: float | None, floor: float | None) -> str:
    if floor is None or value is None:
        return ""
    return "ok" if value >= floor - 1e-9 else "BELOW"


def _reference(ref: Reference) -> str:
    return f"{ref.value:6.2f}  {ref.system}"


def figure_rows(result: Mapping[str, Any], pinned: SuiteFloors | None) -> list[tuple[str, ...]]:
    """The table lines of one suite's result."""
    refs = references(result)
    figures: dict[str, float] = result["figures"]
    names = list(figures) + [name for name in refs if name not in figures]
    rows: list[tuple[str, ...]] = []
    for name in names:
        value = figures.get(name)
        floor = pinned.floors[name].value if pinned and name in pinned.floors else None
        found = refs.get(name, [])
        first = _reference(found[0]) if found else ""
        suite = result["suite"]
        rows.append((suite, name, _number(value), _number(floor), _gate(value, floor), first))
        rows += [("", "", "", "", "", _reference(ref)) for ref in found[1:]]
    return rows


def suite_rows(outcomes: Sequence[Outcome]) -> list[tuple[str, ...]]:
    """One line per suite: status, items scored, seconds and a note or the skip reason."""
    rows: list[tuple[str, ...]] = []
    for o in outcomes:
        n = str(o.result["n"]) if o.result else ""
        note = o.message or (str(o.result["details"].get("note", "")) if o.result else "")
        rows.append((o.suite, o.status, n, f"{o.seconds:.1f}" if o.result else "", note))
    return rows


def format_rows(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Columns padded to their widest cell; numbers right-aligned, the last column unpadded."""
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    rule = ["-" * width for width in widths]
    lines = []
    for row in [header, rule, *rows]:
        cells = [
            cell.rjust(width) if name in RIGHT else cell.ljust(width)
            for cell, width, name in zip(row, widths, header, strict=True)
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def format_report(outcomes: Sequence[Outcome], floors: Mapping[str, SuiteFloors]) -> str:
    """Both tables of a run."""
    rows = [
        row
        for outcome in outcomes
        if outcome.result is not None
        for row in figure_rows(outcome.result, floors.get(outcome.suite))
    ]
    parts = [format_rows(FIGURE_HEADER, rows)] if rows else []
    parts.append(format_rows(SUITE_HEADER, suite_rows(outcomes)))
    return "\n\n".join(parts)


def closing_lines(run: Run) -> list[str]:
    """What the run means for the gate, after the tables: changes, regressions, failures."""
    lines = [f"floors: {change}" for change in run.changes]
    reason = run.request.allow_regression
    if run.gate is not None and run.gate.problems and reason is not None:
        lines.append(f"regression allowed ({reason}):")
        lines += [f"  {problem}" for problem in run.gate.problems]
    problems = run.problems
    if problems:
        lines.append("gate failed:" if run.gate is not None else "run failed:")
        lines += [f"  {problem}" for problem in problems]
    elif run.gate is not None:
        lines.append(f"gate passed: no figure below its floor ({run.request.floors_path})")
    lines.append(f"results: {', '.join(str(path) for path in run.paths)}")
    return lines
