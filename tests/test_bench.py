"""The benchmark scripts under bench/ run and report sane numbers."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"

TEXTS = [
    "The mayor said the bridge would reopen in May. Residents were not convinced.",
    'According to the port authority, two tankers left the harbour. "We acted fast," '
    "a spokesman told reporters.",
    "Police reportedly arrested three men on Sunday. The ministry declined to comment.",
]


def load_bench(name: str) -> ModuleType:
    """Import bench/<name>.py (bench/ is a folder of scripts, not a package)."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def throughput() -> ModuleType:
    return load_bench("throughput")


@pytest.fixture(scope="module")
def result(throughput: ModuleType) -> dict[str, Any]:
    return throughput.benchmark(TEXTS, batch_size=2, repeat=1)


@pytest.mark.model
def test_rates_are_positive(result: dict[str, Any]) -> None:
    assert result["articles"] == 3
    assert result["words"] > 30
    for side in ("baseline", "claimtrace"):
        assert result[side]["articles_per_s"] > 0
        assert result[side]["words_per_s"] > 0
        assert len(result[side]["runs_s"]) == 1


@pytest.mark.model
def test_ratio_is_plausible(result: dict[str, Any]) -> None:
    assert 0 < result["ratio"] < 2
    assert result["target_ratio"] == 0.80


@pytest.mark.model
def test_every_stage_is_timed(throughput: ModuleType, result: dict[str, Any]) -> None:
    assert list(result["stages_s"]) == list(throughput.STAGES)
    assert all(seconds >= 0 for seconds in result["stages_s"].values())
    assert "ratio claimtrace / plain spaCy" in throughput.format_results(result)


def test_missing_data_exits_non_zero(
    throughput: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = throughput.main(["--data", str(tmp_path / "nowhere"), "--out", str(tmp_path / "o")])
    assert status == 2
    assert "data folder not found" in capsys.readouterr().err


def test_empty_data_folder_exits_non_zero(throughput: ModuleType, tmp_path: Path) -> None:
    assert throughput.main(["--data", str(tmp_path), "--out", str(tmp_path / "o.json")]) == 2


def test_texts_come_from_split_text_folders(throughput: ModuleType, tmp_path: Path) -> None:
    for split, name in (("dev", "b"), ("dev", "a"), ("train", "c")):
        folder = tmp_path / split / "text"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{name}.txt").write_text(name, encoding="utf-8")
    assert throughput.find_texts(tmp_path, 2) == ["a", "b"]
    assert throughput.find_texts(tmp_path, 10) == ["a", "b", "c"]


def test_coldstart_reports_missing_executable(tmp_path: Path) -> None:
    coldstart = load_bench("coldstart")
    assert coldstart.main(["--exe", str(tmp_path / "nope"), "--out", str(tmp_path / "o")]) == 2
