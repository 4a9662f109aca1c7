"""Running suites over a data root, the result files of a run, and one whole eval request.

`run_suites` runs each named suite on ``<root>/<its folder>`` and records an `Outcome`: ran
(with the suite's result, its data fingerprint and seconds), skipped (the folder or a file
in it is absent), unavailable (the module or a dependency is missing) or failed (the suite
raised; the message says what). One suite's trouble never stops the others.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import SUITES, SuiteUnavailable, floors, load_suite, suite_names
from .common import MissingData, fingerprint, write_json
from .floors import FloorsError, Gate, SuiteFloors

RAN, SKIPPED, UNAVAILABLE, FAILED = "ran", "skipped", "unavailable", "failed"
COMBINED_NAME = "combined"
DEFAULT_RESULTS = Path("eval/results")
DEFAULT_FLOORS = Path("eval/floors.json")

OnStart = Callable[[str, Path], None]


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one suite in a run."""

    suite: str
    status: str
    message: str = ""
    result: dict[str, Any] | None = None
    seconds: float = 0.0


def run_suite(name: str, root: Path, *, limit: int | None = None) -> Outcome:
    """Run one suite on its folder under `root`; never raises for a suite's own trouble."""
    folder = root / SUITES[name].folder
    if not folder.is_dir():
        return Outcome(name, SKIPPED, f"data folder not found: {folder}")
    started = time.perf_counter()
    try:
        result = load_suite(name).run(folder, limit=limit)
    except SuiteUnavailable as error:
        return Outcome(name, UNAVAILABLE, error.message)
    except MissingData as error:
        return Outcome(name, SKIPPED, error.message)
    except Exception as error:  # one broken suite is recorded, the others still run
        return Outcome(name, FAILED, f"{type(error).__name__}: {error}")
    seconds = round(time.perf_counter() - started, 1)
    result |= {"fingerprint": fingerprint(folder), "limit": limit, "seconds": seconds}
    return Outcome(name, RAN, result=result, seconds=seconds)


def run_suites(
    names: Sequence[str],
    root: Path,
    *,
    limit: int | None = None,
    on_start: OnStart | None = None,
) -> list[Outcome]:
    """Run the named suites in order, calling `on_start(name, folder)` before each."""
    if not root.is_dir():
        raise MissingData(f"evaluation data folder not found: {root}", detail={"path": str(root)})
    outcomes = []
    for name in names:
        if on_start is not None:
            on_start(name, root / SUITES[name].folder)
        outcomes.append(run_suite(name, root, limit=limit))
    return outcomes


def results_of(outcomes: Sequence[Outcome]) -> list[dict[str, Any]]:
    """The results of the suites that ran."""
    return [outcome.result for outcome in outcomes if outcome.result is not None]


def combined(
    outcomes: Sequence[Outcome], gate: Gate | None, allowed_regression: str | None
) -> dict[str, Any]:
    """One JSON record of the whole run: every suite's status and result, and the gate."""
    record: dict[str, Any] = {
        "suites": {
            o.suite: {"status": o.status, "message": o.message, "seconds": o.seconds}
            | ({"result": o.result} if o.result is not None else {})
            for o in outcomes
        },
    }
    if gate is not None:
        record["gate"] = {"passed": gate.passed, "problems": list(gate.problems)}
    if allowed_regression is not None:
        record["allowed_regression"] = allowed_regression
    return record


def write_results(
    outcomes: Sequence[Outcome],
    results_dir: Path,
    *,
    out: Path | None = None,
    gate: Gate | None = None,
    allowed_regression: str | None = None,
) -> list[Path]:
    """``<results_dir>/<suite>.json`` per suite that ran, and the combined file (`out`)."""
    extra: Mapping[str, Any] = (
        {"allowed_regression": allowed_regression} if allowed_regression is not None else {}
    )
    paths = [
        write_json(results_dir / f"{result['suite']}.json", {**result, **extra})
        for result in results_of(outcomes)
    ]
    whole = combined(outcomes, gate, allowed_regression)
    paths.append(write_json(out or results_dir / f"{COMBINED_NAME}.json", whole))
    return paths


# --- one `claimtrace eval` invocation ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class Request:
    """What to run and what to do with the floors."""

    selection: str
    root: Path
    limit: int | None = None
    out: Path | None = None
    results_dir: Path = DEFAULT_RESULTS
    floors_path: Path = DEFAULT_FLOORS
    check_floors: bool = False
    update_floors: bool = False
    allow_regression: str | None = None


@dataclass(frozen=True, slots=True)
class Run:
    """A finished run: outcomes, the floors it was checked against, the gate, files written."""

    request: Request
    outcomes: tuple[Outcome, ...]
    floors: dict[str, SuiteFloors]
    gate: Gate | None
    changes: tuple[str, ...]
    paths: tuple[Path, ...]

    @property
    def problems(self) -> list[str]:
        """Why the run fails: broken suites, and figures below floors unless allowed."""
        found = [
            f"suite {o.suite} failed: {o.message}" for o in self.outcomes if o.status == FAILED
        ]
        if self.gate is not None and self.request.allow_regression is None:
            found += list(self.gate.problems)
        return found


def validate(request: Request) -> None:
    """Refuse combinations that cannot give a meaningful gate."""
    if request.limit is not None and (request.check_floors or request.update_floors):
        raise FloorsError(
            "floors hold for the full data: --check-floors and --update-floors "
            "cannot be combined with --limit"
        )
    if request.allow_regression is not None and not request.allow_regression.strip():
        raise FloorsError("--allow-regression needs a reason, e.g. --allow-regression 'why'")


def evaluate(request: Request, on_start: OnStart | None = None) -> Run:
    """Run the suites, write the result files, check and (if asked) raise the floors."""
    validate(request)
    pinned = floors.load(request.floors_path)
    outcomes = run_suites(
        suite_names(request.selection), request.root, limit=request.limit, on_start=on_start
    )
    wants_gate = request.check_floors or request.update_floors
    gate = floors.check(results_of(outcomes), pinned) if wants_gate else None
    paths = write_results(
        outcomes,
        request.results_dir,
        out=request.out,
        gate=gate,
        allowed_regression=request.allow_regression,
    )
    changes: tuple[str, ...] = ()
    if request.update_floors:
        updated = floors.update(pinned, results_of(outcomes), reason=request.allow_regression)
        floors.save(request.floors_path, updated.floors)
        changes = updated.changes
    return Run(request, tuple(outcomes), pinned, gate, changes, tuple(paths))
