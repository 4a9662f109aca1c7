"""The Szeged/BioScope hedge suite: reading cues, overlap matching, sentence-level F1."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from claimtrace.evaluation import hedging
from claimtrace.evaluation.common import MissingData

XML = """<?xml version="1.0" encoding="UTF-8"?>
<Annotation><DocumentSet><Document><DocumentPart>
<Sentence id="S1">The mill <ccue type="speculation_modal_possible_">may</ccue> close.</Sentence>
<Sentence id="S2">The ferry <ccue type="doxastic">is thought</ccue> lost.</Sentence>
<Sentence id="S3">The bridge reopened on Monday.</Sentence>
<Sentence id="S4">Rebels allegedly fled.</Sentence>
</DocumentPart></Document></DocumentSet></Annotation>
"""


@pytest.fixture(scope="module")
def scorer() -> ModuleType:
    return hedging


@pytest.fixture
def gold_file(tmp_path: Path) -> Path:
    path = tmp_path / "mini.xml"
    path.write_text(XML, encoding="utf-8")
    return path


def test_reads_sentences_and_cue_offsets(scorer: ModuleType, gold_file: Path) -> None:
    sentences = list(scorer.read_sentences(gold_file))
    assert [s.text for s in sentences][:2] == ["The mill may close.", "The ferry is thought lost."]
    first, second = sentences[0], sentences[1]
    assert [first.text[a:b] for a, b in first.cues] == ["may"]
    assert [second.text[a:b] for a, b in second.cues] == ["is thought"]
    assert sentences[2].cues == ()


def test_prf(scorer: ModuleType) -> None:
    assert scorer.prf(1, 2, 1, 4) == {"p": 50.0, "r": 25.0, "f1": 33.33}
    assert scorer.prf(0, 0, 0, 3) == {"p": 0.0, "r": 0.0, "f1": 0.0}


def test_counts_cues_by_overlap_and_sentences_by_presence(scorer: ModuleType) -> None:
    counts = scorer.HedgeCounts()
    counts.add([(0, 3), (10, 14)], ((1, 5),))  # one right, one spurious
    counts.add([], ((0, 2),))  # a missed uncertain sentence
    counts.add([], ())
    summary = scorer.summarise(counts)
    assert summary["cue"] == {"p": 50.0, "r": 50.0, "f1": 50.0}
    assert summary["sentence"] == {"p": 100.0, "r": 50.0, "f1": 66.67}
    assert summary["sentences"] == 3


def test_run_without_either_file_is_missing_data(scorer: ModuleType, tmp_path: Path) -> None:
    with pytest.raises(MissingData, match=r"factbank-dev\.xml or wiki\.xml"):
        scorer.run(tmp_path)


@pytest.mark.model
def test_scores_a_small_file(scorer: ModuleType, gold_file: Path) -> None:
    result = scorer.score_file(gold_file)
    assert result["sentences"] == 4 and result["gold_cues"] == 2
    # "may" and "thought" are found (correct); "allegedly" is a prediction without gold.
    assert result["predicted_cues"] == 3
    assert result["cue"] == {"p": 66.67, "r": 100.0, "f1": 80.0}
    assert result["sentence"] == {"p": 66.67, "r": 100.0, "f1": 80.0}


@pytest.mark.model
def test_run_names_figures_by_file(scorer: ModuleType, gold_file: Path) -> None:
    gold_file.rename(gold_file.with_name("wiki.xml"))
    result = scorer.run(gold_file.parent)
    assert (result["suite"], result["n"]) == ("hedging", 4)
    assert result["figures"] == {"wiki.cue.f1": 80.0, "wiki.sentence.f1": 80.0}
    assert result["anchors"]["CoNLL-2010 best (Wikipedia weasel task)"] == {
        "wiki.sentence.f1": 60.0
    }
