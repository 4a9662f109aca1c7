"""The quality gate's floors: checking, raising only, lowering with a reason, the file."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from claimtrace.evaluation import floors
from claimtrace.evaluation.floors import Floor, FloorsError, SuiteFloors

ROOT = Path(__file__).resolve().parents[1]
FLOORS_FILE = ROOT / "eval" / "floors.json"


def result(
    figures: dict[str, float], *, n: int = 10, fingerprint: str = "sha256:a"
) -> dict[str, Any]:
    return {"suite": "hedging", "n": n, "fingerprint": fingerprint, "figures": figures}


PINNED = {"hedging": SuiteFloors("sha256:a", 10, {"wiki.cue.f1": Floor(50.0)})}


# --- checking ----------------------------------------------------------------------------


def test_a_figure_below_its_floor_fails_the_gate() -> None:
    gate = floors.check([result({"wiki.cue.f1": 49.99})], PINNED)
    assert not gate.passed
    assert gate.problems == ("hedging wiki.cue.f1 = 49.99 is below its floor 50.00",)
    assert [check.ok for check in gate.checks] == [False]


def test_a_figure_at_or_above_its_floor_passes() -> None:
    assert floors.check([result({"wiki.cue.f1": 50.0})], PINNED).passed
    assert floors.check([result({"wiki.cue.f1": 71.0})], PINNED).passed


def test_a_suite_without_floors_passes_and_shows_none() -> None:
    gate = floors.check([result({"wiki.cue.f1": 1.0})], {})
    assert gate.passed
    assert gate.checks[0].floor is None


def test_a_figure_without_a_floor_is_no_failure() -> None:
    gate = floors.check([result({"wiki.cue.f1": 60.0, "new.f1": 1.0})], PINNED)
    assert gate.passed


def test_other_data_fails_the_gate() -> None:
    gate = floors.check([result({"wiki.cue.f1": 60.0}, fingerprint="sha256:b")], PINNED)
    assert not gate.passed
    assert "differs from the data the floors were pinned on" in gate.problems[0]


def test_a_partial_run_fails_the_gate() -> None:
    gate = floors.check([result({"wiki.cue.f1": 60.0}, n=3)], PINNED)
    assert "3 items scored but the floors were pinned on 10" in gate.problems[0]


def test_a_figure_that_vanished_fails_the_gate() -> None:
    gate = floors.check([result({})], PINNED)
    assert gate.problems == ("hedging wiki.cue.f1 has a floor but the run did not measure it",)


# --- updating ----------------------------------------------------------------------------


def test_update_pins_new_figures_a_margin_below() -> None:
    updated = floors.update({}, [result({"wiki.cue.f1": 60.0})])
    assert updated.floors["hedging"].floors["wiki.cue.f1"] == Floor(59.0)
    assert updated.floors["hedging"].fingerprint == "sha256:a"
    assert updated.changes == ("hedging wiki.cue.f1: new floor 59.00",)


def test_update_raises_a_floor() -> None:
    updated = floors.update(PINNED, [result({"wiki.cue.f1": 60.0})])
    assert updated.floors["hedging"].floors["wiki.cue.f1"].value == 59.0
    assert "raised 50.00 -> 59.00" in updated.changes[0]


def test_update_keeps_a_floor_the_figure_still_clears() -> None:
    updated = floors.update(PINNED, [result({"wiki.cue.f1": 50.5})])
    assert updated.floors["hedging"].floors["wiki.cue.f1"] == Floor(50.0)
    assert updated.changes == ()


def test_update_refuses_to_lower_without_a_reason() -> None:
    with pytest.raises(FloorsError, match=r"wiki\.cue\.f1: 40\.00 is below its floor 50\.00"):
        floors.update(PINNED, [result({"wiki.cue.f1": 40.0})])


def test_update_refuses_other_data_without_a_reason() -> None:
    with pytest.raises(FloorsError, match="differs from the data"):
        floors.update(PINNED, [result({"wiki.cue.f1": 60.0}, fingerprint="sha256:b")])


def test_lowering_with_a_reason_keeps_the_reason_beside_the_floor() -> None:
    updated = floors.update(PINNED, [result({"wiki.cue.f1": 40.0})], reason="cues retyped")
    assert updated.floors["hedging"].floors["wiki.cue.f1"] == Floor(39.0, "cues retyped", 50.0)
    assert "LOWERED 50.00 -> 39.00 (cues retyped)" in updated.changes[0]


# --- the file ----------------------------------------------------------------------------


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    pinned = {
        "hedging": SuiteFloors(
            "sha256:a", 10, {"wiki.cue.f1": Floor(39.0, "cues retyped", 50.0), "x.f1": Floor(1.0)}
        )
    }
    path = floors.save(tmp_path / "floors.json", pinned)
    assert floors.load(path) == pinned
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw["suites"]["hedging"]["figures"]["wiki.cue.f1"]["reason"] == "cues retyped"
    assert "reason" not in raw["suites"]["hedging"]["figures"]["x.f1"]


def test_load_of_no_file_is_no_floors(tmp_path: Path) -> None:
    assert floors.load(tmp_path / "absent.json") == {}


def test_load_of_a_broken_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "floors.json"
    path.write_text('{"suites": {"hedging": {"figures": {}}}}', encoding="utf-8")
    with pytest.raises(FloorsError, match="cannot read floors file"):
        floors.load(path)


def test_lowered_without_reason_finds_hand_edits() -> None:
    lowered = {"hedging": SuiteFloors("sha256:a", 10, {"wiki.cue.f1": Floor(45.0)})}
    explained = {"hedging": SuiteFloors("sha256:a", 10, {"wiki.cue.f1": Floor(45.0, "why", 50)})}
    raised = {"hedging": SuiteFloors("sha256:a", 10, {"wiki.cue.f1": Floor(55.0)})}
    assert floors.lowered_without_reason(PINNED, lowered) == ["hedging wiki.cue.f1: 50.00 -> 45.00"]
    assert floors.lowered_without_reason(PINNED, explained) == []
    assert floors.lowered_without_reason(PINNED, raised) == []
    assert floors.lowered_without_reason(PINNED, {}) == ["hedging wiki.cue.f1: 50.00 -> removed"]


def test_the_project_floors_file_reads_and_pins_every_suite_it_names() -> None:
    pinned = floors.load(FLOORS_FILE)
    assert pinned, "eval/floors.json is missing or empty"
    for name, suite in pinned.items():
        assert suite.floors, f"{name} has no floors"
        assert suite.fingerprint.startswith("sha256:")
        assert all(0.0 <= floor.value <= 100.0 for floor in suite.floors.values())


def committed_floors() -> dict[str, SuiteFloors] | None:
    """eval/floors.json as last committed, or None when git or the committed file is absent."""
    git = shutil.which("git")
    if git is None:
        return None
    shown = subprocess.run(
        [git, "show", "HEAD:eval/floors.json"], cwd=ROOT, capture_output=True, text=True
    )
    if shown.returncode != 0:
        return None
    return floors.parse(shown.stdout, "HEAD:eval/floors.json")


def test_no_floor_was_lowered_without_a_reason_since_the_last_commit() -> None:
    before = committed_floors()
    if before is None:
        pytest.skip("no committed eval/floors.json to compare with (or no git)")
    assert floors.lowered_without_reason(before, floors.load(FLOORS_FILE)) == []
