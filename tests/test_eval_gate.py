"""The quality gate on the public development data: no figure below its pinned floor.

Runs every suite on the full data under ../shared/eval (about two and a half minutes on two
cores) and checks each figure against eval/floors.json. Skipped when the data is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from claimtrace.evaluation import floors, hedging, runner

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "eval"
FLOORS_FILE = ROOT / "eval" / "floors.json"
PINNED = floors.load(FLOORS_FILE)

pytestmark = [
    pytest.mark.model,
    pytest.mark.shared,
    pytest.mark.skipif(not DATA.is_dir(), reason=f"no evaluation data at {DATA}"),
]


@pytest.fixture(scope="module")
def gate_run(tmp_path_factory: pytest.TempPathFactory) -> runner.Run:
    request = runner.Request(
        "all",
        DATA,
        results_dir=tmp_path_factory.mktemp("results"),
        floors_path=FLOORS_FILE,
        check_floors=True,
    )
    return runner.evaluate(request)


def outcome_of(run: runner.Run, suite: str) -> runner.Outcome:
    return next(outcome for outcome in run.outcomes if outcome.suite == suite)


@pytest.mark.parametrize("suite", sorted(PINNED))
def test_no_figure_below_its_floor(gate_run: runner.Run, suite: str) -> None:
    outcome = outcome_of(gate_run, suite)
    if outcome.status == runner.SKIPPED:
        pytest.skip(f"{suite}: {outcome.message}")
    assert outcome.status == runner.RAN, outcome.message
    assert gate_run.gate is not None
    problems = [p for p in gate_run.gate.problems if p.startswith((f"{suite} ", f"{suite}:"))]
    assert problems == [], "\n".join(problems)


def test_no_suite_failed(gate_run: runner.Run) -> None:
    failed = [f"{o.suite}: {o.message}" for o in gate_run.outcomes if o.status == runner.FAILED]
    assert failed == []


def test_a_degraded_stage_fails_the_gate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Hedge finding switched off: the news figures fall below their floors."""
    if "hedging" not in PINNED:
        pytest.skip("hedging has no floors yet")
    (tmp_path / "factbank-dev.xml").symlink_to(DATA / "hedging" / "factbank-dev.xml")
    monkeypatch.setattr("claimtrace.extract.hedges.find_hedges", lambda doc: ())
    degraded = hedging.run(tmp_path)
    assert degraded["figures"]["factbank.cue.f1"] == 0.0
    gate = floors.check([degraded], PINNED)
    assert not gate.passed
    floor = PINNED["hedging"].floors["factbank.cue.f1"].value
    assert f"hedging factbank.cue.f1 = 0.00 is below its floor {floor:.2f}" in gate.problems
