"""``claimtrace train checkworthiness``: finding and reading the data, fitting, end to end."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from claimtrace.errors import DevSplitRefused, TrainingFileInvalid
from claimtrace.extract import checkworthiness_model as cwm
from claimtrace.training import checkworthiness as training

HEADER = "Sentence_id\tText\tclass_label\n"
# Invented sentences: records and figures are Yes, courtesies, plans and views are No.
ROWS = [
    ("The county hired 300 new teachers in 2021.", "Yes"),
    ("Exports of grain rose by 12 percent last year.", "Yes"),
    ("The mayor cut the transit budget by $4 million.", "Yes"),
    ("Our state lost 9,000 factory jobs since March.", "Yes"),
    ("The senator voted against the water bill twice.", "Yes"),
    ("Crime in the capital fell by a third over five years.", "Yes"),
    ("Thank you very much for having me tonight.", "No"),
    ("I think we can do better together.", "No"),
    ("Let me be clear about my hopes.", "No"),
    ("We will build a brighter future.", "No"),
    ("Good evening, everyone.", "No"),
    ("I love this wonderful town.", "No"),
]


def write_tsv(path: Path, rows: list[tuple[str, str]] = ROWS, header: str = HEADER) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"{i}\t{text}\t{label}\n" for i, (text, label) in enumerate(rows)]
    path.write_text(header + "".join(lines), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "name",
    ["CT24_checkworthy_english_dev.tsv", "CT24_checkworthy_english_dev-test.tsv", "dev", "x.dev"],
)
def test_dev_and_dev_test_are_refused(tmp_path: Path, name: str) -> None:
    path = write_tsv(tmp_path / name) if name.endswith(".tsv") else tmp_path / name
    with pytest.raises(DevSplitRefused):
        training.find_training_file(path)


def test_names_that_only_contain_dev_are_accepted(tmp_path: Path) -> None:
    path = write_tsv(tmp_path / "devices_train.tsv")
    assert training.find_training_file(path) == path


def test_training_file_is_found_in_a_folder_or_its_checkworthiness_folder(tmp_path: Path) -> None:
    folder = tmp_path / "checkworthiness"
    train = write_tsv(folder / "CT24_checkworthy_english_train.tsv")
    write_tsv(folder / "CT24_checkworthy_english_dev.tsv")
    assert training.find_training_file(folder) == train
    assert training.find_training_file(tmp_path) == train
    write_tsv(folder / "other_train.tsv")
    with pytest.raises(TrainingFileInvalid, match="several"):
        training.find_training_file(folder)
    with pytest.raises(TrainingFileInvalid, match=r"no \*train\*\.tsv"):
        training.find_training_file(tmp_path / "empty")


def test_read_examples_checks_columns_and_classes(tmp_path: Path) -> None:
    examples = training.read_examples(write_tsv(tmp_path / "train.tsv"))
    assert len(examples) == len(ROWS) and examples[0].worthy and not examples[-1].worthy
    assert len(training.read_examples(tmp_path / "train.tsv", limit=7)) == 7
    with pytest.raises(TrainingFileInvalid, match="columns"):
        training.read_examples(write_tsv(tmp_path / "a.tsv", header="id\tsentence\tlabel\n"))
    with pytest.raises(TrainingFileInvalid, match="both classes"):
        training.read_examples(write_tsv(tmp_path / "b.tsv", ROWS[:3]))
    with pytest.raises(TrainingFileInvalid, match="cannot read"):
        training.read_examples(tmp_path / "missing.tsv")


def test_fit_separates_a_tiny_problem() -> None:
    # rows: column 1 marks Yes, column 2 marks No, column 0 is everywhere
    rows = training.Rows(
        np.array([0, 2, 4, 6, 8]), np.array([0, 1, 0, 1, 0, 2, 0, 2], dtype=np.int64)
    )
    labels = np.array([1.0, 1.0, 0.0, 0.0])
    weights, bias = training.fit(rows, labels, training.Settings(dims=8, epochs=200))
    z = bias + training.row_sums(rows, weights)
    assert (z[:2] > 0).all() and (z[2:] < 0).all()
    assert weights[1] > 0 > weights[2]


def test_positive_weight_raises_the_yes_probability() -> None:
    # one column everywhere; one Yes in four: weighting Yes three times makes it an even bet
    rows = training.Rows(np.arange(5), np.zeros(4, dtype=np.int64))
    labels = np.array([1.0, 0.0, 0.0, 0.0])
    chances = []
    for weight in (1.0, 3.0):
        settings = training.Settings(dims=4, epochs=300, l2=0.0, positive_weight=weight)
        weights, bias = training.fit(rows, labels, settings)
        chances.append(1 / (1 + np.exp(-(bias + weights[0]))))
    assert chances[0] == pytest.approx(0.25, abs=0.02)
    assert chances[1] == pytest.approx(0.5, abs=0.02)


def test_rows_take_keeps_the_chosen_rows_in_order() -> None:
    rows = training.Rows(np.array([0, 2, 3, 6]), np.array([4, 5, 1, 7, 8, 9], dtype=np.int64))
    taken = rows.take(np.array([2, 0], dtype=np.int64))
    assert taken.indptr.tolist() == [0, 3, 5] and taken.indices.tolist() == [7, 8, 9, 4, 5]
    assert rows.take(np.zeros(0, dtype=np.int64)).count == 0


def test_best_threshold_maximises_positive_f1_on_ties_of_scores() -> None:
    scores = np.array([0.9, 0.8, 0.8, 0.3, 0.2])
    labels = np.array([1.0, 1.0, 0.0, 1.0, 0.0])
    # 0.9: F1 0.5; 0.8: 2 of 3 right, F1 0.667; 0.3: 3 of 4, F1 0.857; 0.2: F1 0.75
    best = training.best_threshold(scores, labels)
    assert best == {"threshold": 0.3, "f1": 85.71, "precision": 75.0, "recall": 100.0}


def test_holdout_split_is_seeded_and_disjoint() -> None:
    fitted, held = training.holdout_split(10, 0.2, seed=3)
    assert len(held) == 2 and len(fitted) == 8
    assert sorted([*fitted.tolist(), *held.tolist()]) == list(range(10))
    again = training.holdout_split(10, 0.2, seed=3)
    assert again[1].tolist() == held.tolist()


def test_cli_refuses_dev(tmp_path: Path) -> None:
    from claimtrace.cli import claimtrace

    path = write_tsv(tmp_path / "CT24_checkworthy_english_dev.tsv")
    result = CliRunner().invoke(claimtrace, ["train", "checkworthiness", "--data", str(path)])
    assert result.exit_code == 2
    assert "CT121" in result.output


def test_cli_help_has_an_example() -> None:
    from claimtrace.cli import claimtrace

    result = CliRunner().invoke(claimtrace, ["train", "checkworthiness", "--help"])
    assert result.exit_code == 0 and "claimtrace train checkworthiness --data" in result.output


@pytest.mark.model
def test_end_to_end_training_into_a_temporary_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from claimtrace.nlp import load_pipeline

    monkeypatch.setenv("CLAIMTRACE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv(cwm.MODEL_ENV, "auto")
    data = write_tsv(tmp_path / "data" / "checkworthiness" / "mine_train.tsv")
    analyser_tok2vec = load_pipeline().get_pipe("tok2vec").to_bytes(exclude=["vocab"])
    textcat = training.tc.TextcatSettings(epochs=4, batch_size=4)
    settings = training.Settings(dims=2**12, epochs=200, holdout=0.5, textcat=textcat)
    report = training.train_checkworthiness(tmp_path / "data", settings=settings)
    assert report.path == cwm.default_model_dir() and report.path.is_relative_to(tmp_path)
    assert (report.sentences, report.positives) == (len(ROWS), 6)
    assert report.metadata["trained_on"] == data.name
    assert report.metadata["holdout"]["sentences"] == 6
    assert 0.0 <= report.metadata["threshold"] <= 1.0
    model = cwm.active_model()
    assert model is not None and model.dims == 2**12
    assert model.textcat is not None and model.blend == 0.5
    nlp = load_pipeline()
    fact = nlp("The city hired 40 nurses in 2019.")
    plan = nlp("I think we will do better.")
    assert model.score(fact[:], fact[:]) > model.score(plan[:], plan[:])
    assert not list(tmp_path.glob("cache/models/*.tmp"))
    # fine-tuning works on a copy: the analyser's own tok2vec is untouched
    assert nlp.get_pipe("tok2vec").to_bytes(exclude=["vocab"]) == analyser_tok2vec


@pytest.mark.model
def test_text_classifier_splits_glued_quotes_like_the_analyser() -> None:
    from claimtrace.nlp import load_pipeline

    analyser = load_pipeline()
    nlp = training.tc.build_textcat(training.tc.TextcatSettings(), analyser)
    text = "It was unsafe,\u201dRivera said,\u201cWe left."
    words = [token.text for token in nlp.make_doc(text)]
    assert words[4:7] == ["\u201d", "Rivera", "said"]
    assert words[8:10] == ["\u201c", "We"]
    assert words == [token.text for token in analyser.make_doc(text)]


@pytest.mark.model
def test_training_without_the_text_classifier(tmp_path: Path) -> None:
    write_tsv(tmp_path / "mine_train.tsv")
    settings = training.Settings(dims=2**12, epochs=200, holdout=0.0, textcat=None)
    report = training.train_checkworthiness(
        tmp_path / "mine_train.tsv", out=tmp_path / "model", settings=settings
    )
    assert (report.metadata["blend"], report.metadata["threshold"]) == (0.0, 0.5)
    assert "holdout" not in report.metadata
    assert not (tmp_path / "model" / cwm.TEXTCAT_DIR).exists()
    model = cwm.active_model(str(tmp_path / "model"))
    assert model is not None and model.textcat is None
