"""The suite registry, the runner, the tables and `claimtrace eval`, with fake suites."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from click.testing import CliRunner, Result

from claimtrace import cli
from claimtrace.evaluation import (
    SUITES,
    SuiteSpec,
    SuiteUnavailable,
    floors,
    load_suite,
    report,
    runner,
    suite_names,
)
from claimtrace.evaluation.common import MissingData, suite_result

FAKE = "claimtrace_fake_suite"
ANCHORS = {"Someone (published)": {"wiki.cue.f1": 70.0}}


def fake_run(data: Path, *, limit: int | None = None) -> dict[str, Any]:
    """A suite whose figure is the number in ``score.txt``; no file is missing data."""
    path = data / "score.txt"
    if not path.is_file():
        raise MissingData(f"{path} not found")
    if path.read_text(encoding="utf-8").strip() == "boom":
        raise RuntimeError("scorer broke")
    value = float(path.read_text(encoding="utf-8"))
    details = {"baselines": {"base (this run)": {"wiki.cue.f1": 10.0}}, "note": "a note"}
    return suite_result("hedging", data, limit or 5, {"wiki.cue.f1": value}, ANCHORS, details)


@pytest.fixture
def fake_suite(monkeypatch: pytest.MonkeyPatch) -> None:
    """'hedging' served by `fake_run`, reading the folder ``hedging/``."""
    module = ModuleType(FAKE)
    module.NAME = "hedging"  # type: ignore[attr-defined]
    module.ANCHORS = ANCHORS  # type: ignore[attr-defined]
    module.run = fake_run  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, FAKE, module)
    monkeypatch.setitem(SUITES, "hedging", SuiteSpec(FAKE, "hedging", "fake"))


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "data" / "hedging").mkdir(parents=True)
    (tmp_path / "data" / "hedging" / "score.txt").write_text("60.0", encoding="utf-8")
    return tmp_path / "data"


def set_score(root: Path, value: str) -> None:
    (root / "hedging" / "score.txt").write_text(value, encoding="utf-8")


# --- registry ------------------------------------------------------------------------------


def test_registry_names_every_suite_with_its_folder() -> None:
    assert suite_names("all") == list(SUITES)
    assert SUITES["events"] == SuiteSpec(
        "claimtrace.evaluation.events", "events", SUITES["events"].about
    )
    assert {spec.folder for spec in SUITES.values()} >= {"polnear", "tempeval3-tbaq", "hedging"}
    with pytest.raises(KeyError, match="unknown suite 'nope'"):
        suite_names("nope")


@pytest.mark.parametrize("name", [n for n in SUITES if n != "events"])
def test_every_suite_module_has_the_interface(name: str) -> None:
    suite = load_suite(name)
    assert name == suite.NAME
    assert all(isinstance(v, float) for a in suite.ANCHORS.values() for v in a.values())


def test_a_missing_module_is_unavailable_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    spec = SuiteSpec("claimtrace.evaluation.not_written_yet", "events", "x")
    monkeypatch.setitem(SUITES, "events", spec)
    with pytest.raises(SuiteUnavailable, match="not part of this installation"):
        load_suite("events")


def test_a_missing_dependency_is_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "needs_dep_suite.py").write_text("import surely_absent_package\n", "utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setitem(SUITES, "events", SuiteSpec("needs_dep_suite", "events", "x"))
    with pytest.raises(SuiteUnavailable, match="needs 'surely_absent_package'"):
        load_suite("events")


def test_a_module_without_the_interface_is_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(SUITES, "events", SuiteSpec("json", "events", "x"))
    with pytest.raises(SuiteUnavailable, match="lacks NAME, ANCHORS, run"):
        load_suite("events")


# --- runner --------------------------------------------------------------------------------


@pytest.mark.usefixtures("fake_suite")
def test_run_suite_adds_fingerprint_limit_and_seconds(root: Path) -> None:
    outcome = runner.run_suite("hedging", root, limit=3)
    assert outcome.status == runner.RAN and outcome.result is not None
    assert outcome.result["figures"] == {"wiki.cue.f1": 60.0}
    assert outcome.result["fingerprint"].startswith("sha256:")
    assert (outcome.result["limit"], outcome.result["n"]) == (3, 3)


@pytest.mark.usefixtures("fake_suite")
def test_absent_folder_or_file_is_skipped_with_the_reason(root: Path) -> None:
    assert runner.run_suite("hedging", root / "elsewhere").message.startswith(
        "data folder not found"
    )
    (root / "hedging" / "score.txt").unlink()
    outcome = runner.run_suite("hedging", root)
    assert (outcome.status, outcome.message.endswith("score.txt not found")) == ("skipped", True)


@pytest.mark.usefixtures("fake_suite")
def test_a_broken_suite_is_recorded_and_the_others_run(root: Path) -> None:
    set_score(root, "boom")
    (root / "checkworthiness").mkdir()
    outcomes = runner.run_suites(["hedging", "checkworthiness"], root)
    assert outcomes[0].status == runner.FAILED
    assert outcomes[0].message == "RuntimeError: scorer broke"
    assert outcomes[1].status == runner.SKIPPED  # its files are absent: skipped, not failed


def test_an_absent_data_root_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(MissingData, match="evaluation data folder not found"):
        runner.run_suites(["hedging"], tmp_path / "nowhere")


# --- tables --------------------------------------------------------------------------------


@pytest.mark.usefixtures("fake_suite")
def test_table_shows_figure_floor_gate_and_references_in_columns(root: Path) -> None:
    outcome = runner.run_suite("hedging", root)
    pinned = {"hedging": floors.SuiteFloors("x", 5, {"wiki.cue.f1": floors.Floor(61.0)})}
    lines = report.format_report([outcome], pinned).splitlines()
    header, row, baseline = lines[0], lines[2], lines[3]
    assert row.split()[:5] == ["hedging", "wiki.cue.f1", "60.00", "61.00", "BELOW"]
    assert row.endswith("70.00  Someone (published)")
    assert baseline.strip() == "10.00  base (this run)"
    assert row.index("70.00") == baseline.index("10.00")
    assert row[header.index("reference") :].lstrip().startswith("70.00")
    assert "a note" in lines[-1]


def test_suites_table_lists_skipped_suites_with_their_reason() -> None:
    outcome = runner.Outcome("events", runner.SKIPPED, "data folder not found: x/events")
    text = report.format_report([outcome], {})
    assert text.splitlines()[2].split()[:2] == ["events", "skipped"]
    assert text.endswith("data folder not found: x/events")


# --- the command ---------------------------------------------------------------------------


def invoke(*args: str, **kwargs: Any) -> Result:
    return CliRunner().invoke(cli.claimtrace, ["eval", *args], **kwargs)


def eval_args(root: Path, tmp_path: Path, *extra: str) -> list[str]:
    return [
        "hedging",
        "--data",
        str(root),
        "--results-dir",
        str(tmp_path / "results"),
        "--floors",
        str(tmp_path / "floors.json"),
        *extra,
    ]


@pytest.mark.usefixtures("fake_suite")
def test_eval_prints_the_table_and_writes_results(root: Path, tmp_path: Path) -> None:
    result = invoke(*eval_args(root, tmp_path))
    assert result.exit_code == 0, result.output
    assert "wiki.cue.f1" in result.output and "Someone (published)" in result.output
    written = json.loads((tmp_path / "results" / "hedging.json").read_text(encoding="utf-8"))
    assert written["figures"] == {"wiki.cue.f1": 60.0}
    combined = json.loads((tmp_path / "results" / "combined.json").read_text(encoding="utf-8"))
    assert combined["suites"]["hedging"]["status"] == "ran"


@pytest.mark.usefixtures("fake_suite")
def test_eval_data_from_the_environment(root: Path, tmp_path: Path) -> None:
    args = eval_args(root, tmp_path)
    del args[1:3]
    assert invoke(*args, env={cli.EVAL_DATA_ENV: str(root)}).exit_code == 0
    missing = invoke(*args, env={cli.EVAL_DATA_ENV: ""})
    assert missing.exit_code == 2 and "--data" in missing.output


@pytest.mark.usefixtures("fake_suite")
def test_gate_round_trip_pin_pass_degrade_fail_allow_lower(root: Path, tmp_path: Path) -> None:
    floors_file = tmp_path / "floors.json"
    assert invoke(*eval_args(root, tmp_path, "--update-floors")).exit_code == 0
    assert floors.load(floors_file)["hedging"].floors["wiki.cue.f1"].value == 59.0
    passed = invoke(*eval_args(root, tmp_path, "--check-floors"))
    assert passed.exit_code == 0 and "gate passed" in passed.output

    set_score(root, "40.0")  # the stage got worse
    failed = invoke(*eval_args(root, tmp_path, "--check-floors"))
    assert failed.exit_code == 1
    assert "hedging wiki.cue.f1 = 40.00 is below its floor 59.00" in failed.output
    assert "BELOW" in failed.output

    allowed = invoke(*eval_args(root, tmp_path, "--check-floors", "--allow-regression", "why"))
    assert allowed.exit_code == 0 and "regression allowed (why)" in allowed.output
    written = json.loads((tmp_path / "results" / "hedging.json").read_text(encoding="utf-8"))
    assert written["allowed_regression"] == "why"

    refused = invoke(*eval_args(root, tmp_path, "--update-floors"))
    assert refused.exit_code == 2 and "refusing to lower floors" in refused.output
    assert floors.load(floors_file)["hedging"].floors["wiki.cue.f1"].value == 59.0

    lowered = invoke(
        *eval_args(root, tmp_path, "--update-floors", "--allow-regression", "new cues")
    )
    assert lowered.exit_code == 0
    floor = floors.load(floors_file)["hedging"].floors["wiki.cue.f1"]
    assert (floor.value, floor.reason, floor.lowered_from) == (39.0, "new cues", 59.0)


@pytest.mark.usefixtures("fake_suite")
def test_floors_are_not_checked_on_a_partial_run(root: Path, tmp_path: Path) -> None:
    result = invoke(*eval_args(root, tmp_path, "--check-floors", "--limit", "2"))
    assert result.exit_code == 2
    assert "cannot be combined with --limit" in result.output


@pytest.mark.usefixtures("fake_suite")
def test_a_broken_suite_exits_nonzero_with_one_line(root: Path, tmp_path: Path) -> None:
    set_score(root, "boom")
    result = invoke(*eval_args(root, tmp_path))
    assert result.exit_code == 1
    assert "suite hedging failed: RuntimeError: scorer broke" in result.output
    assert "Traceback" not in result.output


def test_an_absent_suite_folder_is_reported_as_skipped(tmp_path: Path) -> None:
    result = invoke(*eval_args(tmp_path, tmp_path))
    assert result.exit_code == 0
    assert "skipped" in result.output and "data folder not found" in result.output


def test_an_unknown_suite_is_a_usage_error(tmp_path: Path) -> None:
    result = invoke("nope", "--data", str(tmp_path))
    assert result.exit_code == 2 and "'nope' is not one of" in result.output


def test_help_lists_the_suites_and_an_example() -> None:
    output = invoke("--help").output
    assert "claimtrace eval all --data ../shared/eval --check-floors" in output
    assert all(name in output for name in SUITES)


def test_readme_documents_the_command_its_options_and_suites() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Evaluation", 1)[1].split("\n## ", 1)[0]
    assert "claimtrace eval all --data ../shared/eval --check-floors" in section
    for word in ("--update-floors", "--allow-regression", "--limit", "eval/floors.json"):
        assert word in section
    assert all(f"`{name}`" in section for name in SUITES)
