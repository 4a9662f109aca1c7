"""How far PolNeAR-style annotators agree with each other, on hand-built annotation files."""

from __future__ import annotations

from pathlib import Path

from claimtrace.evaluation import attribution as polnear

TEXT = "The mayor said the bridge will open. A clerk hinted at delays."
FIRST = """T1\tSource 0 9\tThe mayor
T2\tCue 10 14\tsaid
T3\tContent 15 36\tthe bridge will open.
T4\tSource 37 44\tA clerk
T5\tCue 45 51\thinted
T6\tContent 52 62\tat delays.
"""
SECOND = """T1\tSource 0 9\tThe mayor
T2\tCue 10 14\tsaid
T3\tContent 15 35\tthe bridge will open
"""


def _split(root: Path, name: str, files: dict[str, str]) -> None:
    (root / name / "text").mkdir(parents=True)
    (root / name / "attributions").mkdir()
    for stem, ann in files.items():
        text_name = stem.rsplit("_", 1)[0]
        (root / name / "text" / f"{text_name}.txt").write_text(TEXT, encoding="utf-8")
        (root / name / "attributions" / f"{stem}.ann").write_text(ann, encoding="utf-8")


def test_agreement_scores_every_file_against_every_other(tmp_path: Path) -> None:
    _split(tmp_path, "dev", {"bridge_a": FIRST, "bridge_b": SECOND, "alone_a": FIRST})
    texts, tally = polnear.annotator_agreement(tmp_path, "dev")
    assert texts == 1  # the text annotated once says nothing about agreement
    cue = tally.counts[("exact", "Cue")]
    assert (cue.tp, cue.predicted, cue.gold) == (2, 3, 3)  # 1 of 2 against 1, then 1 of 1 against 2
    content = tally.counts[("exact", "Content")]
    assert content.tp == 0 and tally.counts[("overlap", "Content")].tp == 2
    figures = polnear.figures_of(tally)
    assert round(figures["exact.cue.f1"], 2) == 66.67 and figures["exact.source.f1"] > 60


def test_agreement_baselines_name_the_split_and_include_train(tmp_path: Path) -> None:
    _split(tmp_path, "dev", {"bridge_a": FIRST})
    assert polnear.agreement_baselines(tmp_path, "dev") == {}
    _split(tmp_path, "train", {"bridge_a": FIRST, "bridge_b": FIRST})
    [(name, figures)] = polnear.agreement_baselines(tmp_path, "dev").items()
    assert name == "PolNeAR annotators, pairwise (train, 1 text)"
    assert figures["exact.content.f1"] == 100.0
