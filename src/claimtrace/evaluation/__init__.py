"""Scorers for public gold data, and the quality gate that pins their figures.

A suite is a module that defines::

    NAME: str                                  # the suite's name, e.g. "attribution"
    ANCHORS: dict[str, dict[str, float]]       # published system -> {figure: value}
    def run(data: Path, *, limit: int | None = None) -> dict[str, Any]

``run`` reads ``data``, the suite's own folder (``polnear/``, ``tempeval3-tbaq/``, ...; see
`SUITES`), in the layout of the public release, scores at most ``limit`` items (documents,
pages or sentences) and returns::

    {"suite": NAME, "data": str(data), "n": <items scored>,
     "figures": {flat name: float}, "anchors": ANCHORS, "details": {...}}

Figures are flat names ("exact.cue.f1", "lgl.acc161") in percent, where higher is better;
each anchor uses the same names and scale, so published figures print beside ours. Optional
``details["baselines"]`` holds same-run baselines ({system: {figure: value}}) and
``details["note"]`` one line for the table. A missing folder or file raises
`claimtrace.evaluation.common.MissingData` (CT101). Extra keyword arguments of ``run`` must
have defaults; `claimtrace.evaluation.runner` runs suites, `claimtrace.evaluation.floors`
holds the gate.

Suite modules are imported only when asked for (`load_suite`), so a suite whose module or
optional dependency is missing gives `SuiteUnavailable` with the reason, not a traceback.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, Protocol, cast

from ..errors import PipelineError


@dataclass(frozen=True, slots=True)
class SuiteSpec:
    """Where a suite's code lives and which folder under the data root it reads."""

    module: str
    folder: str
    about: str


SUITES: dict[str, SuiteSpec] = {
    "attribution": SuiteSpec(
        "claimtrace.evaluation.attribution", "polnear", "PolNeAR source/cue/content F1"
    ),
    "time": SuiteSpec(
        "claimtrace.evaluation.time", "tempeval3-tbaq", "TempEval-3 TIMEX3 extent and value F1"
    ),
    "places": SuiteSpec(
        "claimtrace.evaluation.places", "geoparsing", "LGL and GeoVirus toponym F1, acc@161"
    ),
    "article-extraction": SuiteSpec(
        "claimtrace.evaluation.article_extraction",
        "article-extraction",
        "HTML body token-shingle F1",
    ),
    "hedging": SuiteSpec(
        "claimtrace.evaluation.hedging", "hedging", "Szeged uncertainty cue and sentence F1"
    ),
    "checkworthiness": SuiteSpec(
        "claimtrace.evaluation.checkworthiness", "checkworthiness", "CheckThat! 2024 positive F1"
    ),
    "events": SuiteSpec("claimtrace.evaluation.events", "events", "PLOVER event coding"),
}
ALL = "all"


class SuiteUnavailable(PipelineError):
    """A suite's module, or an optional dependency of it, cannot be imported (CT200)."""


class Suite(Protocol):
    """What a suite module provides (see the module docstring)."""

    NAME: str
    ANCHORS: dict[str, dict[str, float]]

    def run(self, data: Path, *, limit: int | None = None) -> dict[str, Any]: ...


def suite_names(selection: str) -> list[str]:
    """The suites `selection` names: one name, or every suite for ``all``."""
    if selection == ALL:
        return list(SUITES)
    if selection not in SUITES:
        known = ", ".join([*SUITES, ALL])
        raise KeyError(f"unknown suite {selection!r}: use one of {known}")
    return [selection]


def load_suite(name: str) -> Suite:
    """Import a suite's module; `SuiteUnavailable` says why when that fails."""
    spec = SUITES[name]
    try:
        module = importlib.import_module(spec.module)
    except ImportError as error:
        missing = getattr(error, "name", None) or str(error)
        reason = (
            f"its module {spec.module} is not part of this installation"
            if missing == spec.module
            else f"it needs {missing!r}, which is not installed ({error})"
        )
        raise SuiteUnavailable(f"suite {name!r} is unavailable: {reason}") from None
    _check_interface(name, module)
    return cast(Suite, module)


def _check_interface(name: str, module: ModuleType) -> None:
    absent = [attr for attr in ("NAME", "ANCHORS", "run") if not hasattr(module, attr)]
    if absent:
        raise SuiteUnavailable(
            f"suite {name!r} is unavailable: {module.__name__} lacks {', '.join(absent)}"
        )
