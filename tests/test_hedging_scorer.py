"""The Szeged/BioScope hedge scorer: reading cues, overlap matching, sentence-level F1."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
FACTBANK = ROOT.parent / "shared" / "eval" / "hedging" / "factbank-dev.xml"

XML = """<?xml version="1.0" encoding="UTF-8"?>
<Annotation><DocumentSet><Document><DocumentPart>
<Sentence id="S1">The mill <ccue type="speculation_modal_possible_">may</ccue> close.</Sentence>
<Sentence id="S2">The ferry <ccue type="doxastic">is thought</ccue> lost.</Sentence>
<Sentence id="S3">The bridge reopened on Monday.</Sentence>
<Sentence id="S4">Rebels allegedly fled.</Sentence>
</DocumentPart></Document></DocumentSet></Annotation>
"""


def load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("eval_hedging", ROOT / "eval" / "hedging.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_hedging"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scorer() -> ModuleType:
    return load_scorer()


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
    assert scorer.prf(1, 2, 1, 4) == {"p": 50.0, "r": 25.0, "f1": 33.3}
    assert scorer.prf(0, 0, 0, 3) == {"p": 0.0, "r": 0.0, "f1": 0.0}


@pytest.mark.model
def test_scores_a_small_file(scorer: ModuleType, gold_file: Path) -> None:
    result = scorer.score_hedging(gold_file)
    assert result["sentences"] == 4 and result["gold_cues"] == 2
    # "may" is found (correct); "allegedly" is a prediction without gold; "is thought" missed.
    assert result["predicted_cues"] == 2
    assert result["cue"] == {"p": 50.0, "r": 50.0, "f1": 50.0}
    assert result["sentence"] == {"p": 50.0, "r": 50.0, "f1": 50.0}
    assert "60" in result["anchor"]


@pytest.mark.model
@pytest.mark.shared
@pytest.mark.skipif(not FACTBANK.exists(), reason="../shared/eval/hedging is absent")
def test_factbank_dev_floor(scorer: ModuleType) -> None:
    result = scorer.score_hedging(FACTBANK, limit=400)
    assert result["sentence"]["p"] >= 70.0
    assert result["sentence"]["f1"] >= 40.0
