"""The quality gate: pinned floors per figure, checked after a run and raised by hand.

``eval/floors.json`` holds, per suite, the fingerprint of the data the floors were measured
on (`common.fingerprint`), the number of items scored, and a floor per figure. A run passes
when every figure is at or above its floor, the data has the same fingerprint and the same
number of items was scored (a ``--limit`` run cannot be checked). `update` sets each floor
to the measured figure minus a margin, but only ever raises one; a floor is lowered only
with a stated reason, which is kept beside it in the file. `lowered_without_reason` finds
hand edits that lower a floor without one.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError

MARGIN = 1.0  # percentage points below the measured figure
ABOUT = (
    "Floors of `claimtrace eval --check-floors`: a figure below its floor fails the gate. "
    "Raise floors with `claimtrace eval all --data DIR --update-floors`; lowering one needs "
    "--allow-regression REASON, and the reason is kept beside the floor."
)


class FloorsError(InputError):
    """The floors file cannot be read, or an update would lower a floor without a reason."""


@dataclass(frozen=True, slots=True)
class Floor:
    """The lowest acceptable value of one figure, and why it was last lowered, if it was."""

    value: float
    reason: str | None = None
    lowered_from: float | None = None


@dataclass(frozen=True, slots=True)
class SuiteFloors:
    """A suite's floors and the data they were measured on."""

    fingerprint: str
    n: int
    floors: dict[str, Floor] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Check:
    """One figure against its floor (`floor` None: no floor pinned)."""

    suite: str
    figure: str
    value: float
    floor: float | None

    @property
    def ok(self) -> bool:
        """At or above the floor (or no floor to be below)."""
        return self.floor is None or self.value >= self.floor - 1e-9


@dataclass(frozen=True, slots=True)
class Gate:
    """The checks of a run and the problems that fail it."""

    checks: tuple[Check, ...]
    problems: tuple[str, ...]

    @property
    def passed(self) -> bool:
        """No figure below its floor and no other problem."""
        return not self.problems


# --- the file ----------------------------------------------------------------------------


def load(path: Path) -> dict[str, SuiteFloors]:
    """The floors in `path`, by suite; empty when the file does not exist."""
    if not path.is_file():
        return {}
    return parse(path.read_text(encoding="utf-8"), str(path))


def parse(text: str, source: str = "floors") -> dict[str, SuiteFloors]:
    """The floors in the JSON `text` (`source` names it in errors)."""
    try:
        raw = json.loads(text)
        return {name: _suite_from_json(entry) for name, entry in raw.get("suites", {}).items()}
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise FloorsError(f"cannot read floors file {source}: {error!r}") from None


def _suite_from_json(entry: Mapping[str, Any]) -> SuiteFloors:
    floors = {
        figure: Floor(float(item["floor"]), item.get("reason"), item.get("lowered_from"))
        for figure, item in entry["figures"].items()
    }
    return SuiteFloors(str(entry["fingerprint"]), int(entry["n"]), floors)


def to_json(floors: Mapping[str, SuiteFloors]) -> dict[str, Any]:
    """The file's JSON shape."""
    return {
        "about": ABOUT,
        "margin": MARGIN,
        "suites": {
            name: {
                "fingerprint": suite.fingerprint,
                "n": suite.n,
                "figures": {figure: _floor_json(floor) for figure, floor in suite.floors.items()},
            }
            for name, suite in sorted(floors.items())
        },
    }


def _floor_json(floor: Floor) -> dict[str, Any]:
    entry: dict[str, Any] = {"floor": floor.value}
    if floor.reason is not None:
        entry |= {"lowered_from": floor.lowered_from, "reason": floor.reason}
    return entry


def save(path: Path, floors: Mapping[str, SuiteFloors]) -> Path:
    """Write the floors to `path` (sorted, indented JSON)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(to_json(floors), indent=2) + "\n", encoding="utf-8")
    return path


# --- checking ----------------------------------------------------------------------------


def check(results: Sequence[Mapping[str, Any]], floors: Mapping[str, SuiteFloors]) -> Gate:
    """Every figure of every result against its floor, plus data and coverage problems."""
    checks: list[Check] = []
    problems: list[str] = []
    for result in results:
        suite_checks, suite_problems = check_suite(result, floors.get(result["suite"]))
        checks += suite_checks
        problems += suite_problems
    return Gate(tuple(checks), tuple(problems))


def check_suite(
    result: Mapping[str, Any], pinned: SuiteFloors | None
) -> tuple[list[Check], list[str]]:
    """One suite's checks and problems (none when it has no floors yet)."""
    name, figures = result["suite"], result["figures"]
    if pinned is None:
        return [Check(name, figure, value, None) for figure, value in figures.items()], []
    checks = [_check(name, figure, value, pinned) for figure, value in figures.items()]
    problems = [
        f"{name} {c.figure} = {c.value:.2f} is below its floor {c.floor:.2f}"
        for c in checks
        if not c.ok
    ]
    problems += [
        f"{name} {figure} has a floor but the run did not measure it"
        for figure in pinned.floors
        if figure not in figures
    ]
    return checks, _coverage_problems(result, pinned) + problems


def _check(name: str, figure: str, value: float, pinned: SuiteFloors) -> Check:
    floor = pinned.floors.get(figure)
    return Check(name, figure, value, floor.value if floor else None)


def _coverage_problems(result: Mapping[str, Any], pinned: SuiteFloors) -> list[str]:
    name = result["suite"]
    problems = []
    if result.get("fingerprint") != pinned.fingerprint:
        problems.append(
            f"{name}: the data differs from the data the floors were pinned on "
            f"({result.get('fingerprint')} vs {pinned.fingerprint}); re-pin them with "
            "--update-floors --allow-regression REASON"
        )
    if result["n"] != pinned.n:
        problems.append(
            f"{name}: {result['n']} items scored but the floors were pinned on {pinned.n} "
            "(floors hold for the full data only: run without --limit)"
        )
    return problems


# --- updating ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Update:
    """The floors after an update, and one line per change."""

    floors: dict[str, SuiteFloors]
    changes: tuple[str, ...]


def update(
    floors: Mapping[str, SuiteFloors],
    results: Sequence[Mapping[str, Any]],
    *,
    reason: str | None = None,
    margin: float = MARGIN,
) -> Update:
    """Raise floors to figure - margin; lower one (or re-pin changed data) only with a reason."""
    new = dict(floors)
    changes: list[str] = []
    refused: list[str] = []
    for result in results:
        suite, suite_changes, suite_refused = _update_suite(
            floors.get(result["suite"]), result, reason, margin
        )
        new[result["suite"]] = suite
        changes += suite_changes
        refused += suite_refused
    if refused:
        raise FloorsError(
            "refusing to lower floors without a reason (pass --allow-regression REASON): "
            + "; ".join(refused)
        )
    return Update(new, tuple(changes))


def _update_suite(
    pinned: SuiteFloors | None, result: Mapping[str, Any], reason: str | None, margin: float
) -> tuple[SuiteFloors, list[str], list[str]]:
    name = result["suite"]
    old = pinned or SuiteFloors(str(result.get("fingerprint")), int(result["n"]))
    refused = [] if reason else _coverage_problems(result, old)
    floors = dict(old.floors)
    changes: list[str] = []
    for figure, value in result["figures"].items():
        floor, change, refusal = _next_floor(floors.get(figure), value, reason, margin)
        floors[figure] = floor
        changes += [f"{name} {figure}: {change}"] if change else []
        refused += [f"{name} {figure}: {refusal}"] if refusal else []
    suite = SuiteFloors(str(result.get("fingerprint")), int(result["n"]), floors)
    return suite, changes, refused


def _next_floor(
    current: Floor | None, value: float, reason: str | None, margin: float
) -> tuple[Floor, str | None, str | None]:
    """(the floor, a change line or None, a refusal or None) for one measured figure."""
    proposed = round(value - margin, 2)
    if current is None:
        return Floor(proposed), f"new floor {proposed:.2f}", None
    if proposed > current.value:
        return Floor(proposed), f"raised {current.value:.2f} -> {proposed:.2f}", None
    if value >= current.value:
        return current, None, None
    if reason is None:
        return current, None, f"{value:.2f} is below its floor {current.value:.2f}"
    lowered = Floor(proposed, reason, current.value)
    return lowered, f"LOWERED {current.value:.2f} -> {proposed:.2f} ({reason})", None


def lowered_without_reason(
    before: Mapping[str, SuiteFloors], after: Mapping[str, SuiteFloors]
) -> list[str]:
    """Floors that are lower in `after` than in `before` and carry no (new) reason."""
    found = []
    for name, old in before.items():
        new = after.get(name, SuiteFloors(old.fingerprint, old.n))
        for figure, floor in old.floors.items():
            now = new.floors.get(figure)
            if now is None or (now.value < floor.value and not _explained(now, floor)):
                found.append(f"{name} {figure}: {floor.value:.2f} -> {_value(now)}")
    return found


def _explained(now: Floor, before: Floor) -> bool:
    return bool(now.reason) and now.reason != before.reason


def _value(floor: Floor | None) -> str:
    return "removed" if floor is None else f"{floor.value:.2f}"
