"""The check-worthiness suite: TSV reading, positive-class F1, a threshold chosen on dev only."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from spacy.tokens import Span

from claimtrace.evaluation import checkworthiness as cw
from claimtrace.evaluation.common import MissingData

HEADER = "Sentence_id\tText\tclass_label\n"
DEV = (
    HEADER
    + "1\tThe council closed 40 schools in 2019.\tYes\n"
    + '2\t"You know, I saw a movie - ""Crocodile Dundee."""\tNo\n'
    + "3\tWe will win.\tNo\n"
    + "4\tUnemployment fell by 3 percent last year.\tYes\n"
)
DEV_TEST = HEADER + "7\tThe army killed 12 people.\tYes\n8\tThank you.\tNo\n"


def item(score: float, worthy: bool) -> cw.Labelled:
    return cw.Labelled(str(score), "", worthy, score)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    (tmp_path / cw.FILES["dev"]).write_text(DEV, encoding="utf-8")
    (tmp_path / cw.FILES["dev-test"]).write_text(DEV_TEST, encoding="utf-8")
    return tmp_path


def test_read_tsv_unquotes_fields(data: Path) -> None:
    items = cw.read_tsv(data / cw.FILES["dev"])
    assert [i.id for i in items] == ["1", "2", "3", "4"]
    assert items[1].text == 'You know, I saw a movie - "Crocodile Dundee."'
    assert [i.worthy for i in items] == [True, False, False, True]
    assert len(cw.read_tsv(data / cw.FILES["dev"], limit=2)) == 2


@pytest.mark.parametrize(
    ("threshold", "f1"),
    [(0.5, 66.67), (0.3, 80.0), (0.0, 66.67), (0.9, 0.0)],
)
def test_evaluate_is_positive_class_f1(threshold: float, f1: float) -> None:
    items = [item(0.6, True), item(0.4, True), item(0.4, False), item(0.1, False)]
    assert cw.evaluate(items, threshold)["f1"] == f1


def test_choose_threshold_maximises_f1_and_prefers_the_higher_on_ties() -> None:
    assert cw.choose_threshold([item(0.6, True), item(0.4, False), item(0.1, False)]) == 0.6
    tie = [item(0.6, True), item(0.4, False), item(0.1, False), item(0.05, True)]
    assert cw.evaluate(tie, 0.6)["f1"] == cw.evaluate(tie, 0.05)["f1"] == 66.67
    assert cw.choose_threshold(tie) == 0.6
    assert cw.choose_threshold([]) == 0.0


TABLES = (
    # the default: on dev only "40 schools" scores high; on dev-test the Yes sentence between
    {"1": 0.8, "2": 0.2, "3": 0.2, "4": 0.2, "7": 0.5, "8": 0.1},
    # a trained model: both Yes sentences of dev high, and dev-test right
    {"1": 0.9, "2": 0.1, "3": 0.1, "4": 0.7, "7": 0.8, "8": 0.3},
)


def fake_scores(
    items: Sequence[cw.Labelled], label: str, scorers: Sequence[cw.Scorer] = ()
) -> list[list[cw.Labelled]]:
    """One list per scorer, from TABLES."""
    return [
        [cw.Labelled(i.id, i.text, i.worthy, table[i.id]) for i in items]
        for table in TABLES[: max(1, len(scorers))]
    ]


@dataclass(frozen=True)
class FakeModel:
    path: Path = Path("/cache/models/checkworthiness-v2")
    metadata: dict[str, str | float] = field(
        default_factory=lambda: {"trained_on": "train.tsv", "threshold": 0.85}
    )

    def score(self, tokens: Span, sentence: Span) -> float:
        return 0.0


def test_threshold_is_chosen_on_dev_and_applied_to_dev_test(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cw, "score_sentences", fake_scores)
    monkeypatch.setattr(cw, "_trained_model", lambda: None)
    result = cw.run(data)
    details = result["details"]
    # dev: 0.8 (F1 66.67) beats 0.2 (F1 66.67 too, a tie: the higher wins); 0.5 from dev-test
    # would suit dev-test, but the threshold never looks there.
    assert (details["threshold"], details["threshold_chosen_on"]) == (0.8, "dev")
    assert result["figures"] == {"dev.f1": 66.67, "dev-test.f1": 0.0}
    assert details["baselines"]["all Yes (this run)"]["dev-test.f1"] == 66.67
    assert (result["suite"], result["n"]) == ("checkworthiness", 6)
    assert details["note"] == "threshold 0.800 chosen on dev"
    assert "trained" not in details


def test_trained_model_figures_are_reported_beside_but_not_as_figures(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cw, "score_sentences", fake_scores)
    monkeypatch.setattr(cw, "_trained_model", FakeModel)
    result = cw.run(data)
    details = result["details"]
    assert result["figures"] == {"dev.f1": 66.67, "dev-test.f1": 0.0}  # the default, gated
    trained = details["trained"]
    assert (trained["threshold"], trained["trained_on"]) == (0.7, "train.tsv")
    assert details["baselines"]["trained checkworthiness-v2 (not gated)"] == {
        "dev.f1": 100.0,
        "dev-test.f1": 100.0,
    }
    # the model's own threshold (0.85) keeps only "1" on dev and nothing on dev-test
    stored = trained["stored_threshold"]
    assert stored["threshold"] == 0.85
    assert (stored["dev"]["f1"], stored["dev-test"]["f1"]) == (66.67, 0.0)


def test_run_without_the_files_is_missing_data(tmp_path: Path) -> None:
    with pytest.raises(MissingData, match="CT24_checkworthy_english_dev"):
        cw.run(tmp_path)


@pytest.mark.model
def test_scores_come_from_the_default_feature_score(data: Path) -> None:
    (items,) = cw.score_sentences(cw.read_tsv(data / cw.FILES["dev"]), "dev")
    scores = {i.id: i.score for i in items}
    assert scores["1"] > scores["3"]  # a number, a date, past tense vs. a prediction
    assert all(0.0 <= score <= 1.0 for score in scores.values())
