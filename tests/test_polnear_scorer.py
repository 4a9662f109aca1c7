"""Pure scorer logic of eval/polnear.py on hand-built inputs."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

EVAL = Path(__file__).resolve().parents[1] / "eval" / "polnear.py"
spec = importlib.util.spec_from_file_location("polnear_scorer", EVAL)
assert spec is not None and spec.loader is not None
polnear = importlib.util.module_from_spec(spec)
sys.modules["polnear_scorer"] = polnear
spec.loader.exec_module(polnear)

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "polnear"

ANN = """T1\tSource 0 9\tThe mayor
T2\tCue 10 14\tsaid
T3\tContent 15 40;50 60\tthat the bridge ...
T4\tAttribution 10 14\tsaid
E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1
T5\tDiscard 70 80\tRead more
"""


def test_parse_fragments() -> None:
    assert polnear.parse_fragments("12 20;30 41") == ((12, 20), (30, 41))


def test_parse_ann_keeps_roles_only() -> None:
    spans = polnear.parse_ann(ANN.splitlines())
    assert [s.role for s in spans] == ["Source", "Cue", "Content"]
    assert spans[2].fragments == ((15, 40), (50, 60))


def test_overlap_of_discontinuous_spans() -> None:
    assert polnear.overlap(((0, 10), (20, 30)), ((5, 25),)) == 10
    assert polnear.overlap(((0, 5),), ((5, 9),)) == 0


def test_match_is_one_to_one() -> None:
    predicted = [((0, 10),), ((2, 8),)]
    gold = [((0, 10),)]
    exact, over = polnear.match(predicted, gold)
    assert (exact, over) == (1, 1)


def test_score_document_counts_per_role() -> None:
    gold = polnear.parse_ann(ANN.splitlines())
    predicted = {"Source": [((0, 9),)], "Cue": [((10, 14),)], "Content": [((15, 40),)]}
    tally = polnear.score_document(predicted, gold)
    content_exact = tally.counts[("exact", "Content")]
    content_overlap = tally.counts[("overlap", "Content")]
    assert (content_exact.tp, content_overlap.tp) == (0, 1)
    assert tally.counts[("exact", "Cue")].tp == 1
    assert tally.counts[("exact", "Source")].scores()["f1"] == 100.0


def test_scores_handle_zero_counts() -> None:
    assert polnear.Counts().scores() == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert polnear.Counts(1, 2, 4).scores() == {"precision": 50.0, "recall": 25.0, "f1": 33.3}


@pytest.mark.shared
@pytest.mark.skipif(not (DATA / "dev").is_dir(), reason="../shared/eval/polnear is absent")
def test_annotation_files_group_by_text() -> None:
    grouped = polnear.annotation_files(DATA, "dev")
    assert grouped and all(
        path.name.startswith(name) for name, paths in grouped.items() for path in paths
    )
