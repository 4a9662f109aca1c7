"""Check-worthiness: the default rule features and score, and the optional trained model."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from claimtrace.errors import CheckworthinessModelError
from claimtrace.extract import checkworthiness_model as cwm
from claimtrace.extract.checkworthiness import (
    checkworthiness,
    checkworthiness_features,
    logistic,
    raw_score,
    rule_checkworthiness,
)
from handmade import make_doc

# Hand-made sentences: word|TAG|lemma|dep|head|ENT
STATISTIC = (
    "Unemployment|NN||nsubj|1 fell|VBD|fall|ROOT|1 to|IN||prep|1 4|CD||nummod|4|PERCENT "
    "percent|NN||pobj|2|PERCENT in|IN||prep|1 Ohio|NNP||pobj|5|GPE .|.||punct|1"
)
RECORD = (
    "The|DT||det|1 council|NN||nsubj|2 cut|VBD|cut|ROOT|2 the|DT||det|4 "
    "largest|JJS||amod|5 budget|NN||dobj|2 .|.||punct|2"
)
VIEW = (
    "I|PRP||nsubj|1 think|VBP|think|ROOT|1 we|PRP||nsubj|3 should|MD||aux|4 "
    "be|VB||ccomp|1 proud|JJ||acomp|4 of|IN||prep|5 them|PRP||pobj|6 .|.||punct|1"
)
THANKS = "Thank|VB|thank|ROOT|0 you|PRP||dobj|0 all|DT||det|1 .|.||punct|0"
LETS = (
    "Let|VB|let|ROOT|0 us|PRP||nsubj|2 look|VB||ccomp|0 at|IN||prep|2 "
    "the|DT||det|5 facts|NNS||pobj|3 now|RB||advmod|2 .|.||punct|0"
)
ASKED = "Did|VBD|do|aux|2 prices|NNS||nsubj|2 rise|VB|rise|ROOT|2 ?|.||punct|2"


def features(spec: str) -> frozenset[str]:
    doc = make_doc(spec)
    return checkworthiness_features(doc[:], doc[:])


@pytest.mark.parametrize(
    ("spec", "present", "absent"),
    [
        (STATISTIC, {"number", "statistic", "named_entity", "past_tense", "change_verb"}, set()),
        (RECORD, {"change_verb", "superlative", "topic", "past_tense"}, {"number", "statistic"}),
        (VIEW, {"own_view", "modal", "first_person"}, {"past_tense", "number"}),
        (THANKS, {"courtesy", "imperative", "short"}, {"own_view"}),
        (LETS, {"imperative"}, {"short", "courtesy"}),
        (ASKED, {"question", "short"}, set()),
    ],
)
def test_rule_features(spec: str, present: set[str], absent: set[str]) -> None:
    found = features(spec)
    assert present <= found
    assert not absent & found


def test_own_view_needs_the_speaker_as_subject_of_a_view_verb() -> None:
    seen = make_doc("I|PRP||nsubj|1 saw|VBD|see|ROOT|1 the|DT||det|3 fire|NN||dobj|1 .|.||punct|1")
    hoped = make_doc("They|PRP||nsubj|1 hope|VBP|hope|ROOT|1 so|RB||advmod|1 .|.||punct|1")
    assert "own_view" not in checkworthiness_features(seen[:], seen[:])
    assert "own_view" not in checkworthiness_features(hoped[:], hoped[:])


def test_default_score_is_logistic_of_the_weights_and_orders_claims() -> None:
    doc = make_doc(STATISTIC)
    expected = round(logistic(raw_score(checkworthiness_features(doc[:], doc[:]))), 3)
    assert rule_checkworthiness(doc[:], doc[:]) == expected
    scores = [rule_checkworthiness(d[:], d[:]) for d in map(make_doc, (STATISTIC, VIEW, THANKS))]
    assert scores[0] > 0.9 and scores[2] < 0.1
    assert scores == sorted(scores, reverse=True)
    assert 0.0 <= logistic(-800.0) < logistic(0.0) == 0.5 < logistic(800.0) <= 1.0


def test_model_feature_names_and_stable_hashing() -> None:
    doc = make_doc(THANKS)
    names = cwm.model_feature_names(doc[:], doc[:])
    assert {"rule=courtesy", "w=thank", "p=<s>|thank", "p=.|</s>"} <= set(names)
    columns = cwm.hash_features(names, 1024)
    assert list(columns) == sorted(set(columns)) and columns.max() < 1024
    assert list(cwm.hash_features(["w=thank"], 2**18)) == [2525815717 % 2**18]  # CRC-32


def test_model_features_name_the_length_bucket_and_entity_types() -> None:
    thanks, statistic = make_doc(THANKS), make_doc(STATISTIC)
    assert "len=0" in cwm.model_feature_names(thanks[:], thanks[:])
    assert not any(
        name.startswith("ent=") for name in cwm.model_feature_names(thanks[:], thanks[:])
    )
    names = cwm.model_feature_names(statistic[:], statistic[:])
    assert {"len=1", "ent=GPE", "ent=PERCENT"} <= set(names)
    assert cwm.default_model_dir().name == "checkworthiness-v2" == cwm.MODEL_NAME


@Language.component("fixed_checkworthy_cats")
def fixed_checkworthy_cats(doc: Doc) -> Doc:
    """A stand-in text classifier: sentences with a digit are check-worthy (0.9), others 0.1."""
    worthy = 0.9 if any(token.like_num for token in doc) else 0.1
    doc.cats = {cwm.WORTHY: worthy, cwm.NOT_WORTHY: 1.0 - worthy}
    return doc


def stand_in_textcat() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("fixed_checkworthy_cats")
    return nlp


def test_text_classifier_is_saved_read_back_and_blended(tmp_path: Path) -> None:
    thanks, statistic = make_doc(THANKS), make_doc(STATISTIC)
    weights = np.zeros(4096)
    meta = {"trained_on": "hand.tsv", "blend": 0.25, "threshold": 0.4}
    cwm.save_model(tmp_path / "m", weights, 0.0, meta, stand_in_textcat())
    model = cwm.active_model(str(tmp_path / "m"))
    assert model is not None and model.textcat is not None
    assert (model.blend, model.threshold, model.metadata["textcat"]) == (0.25, 0.4, True)
    # the regression says 0.5 everywhere: 0.75 * 0.5 + 0.25 * (0.9 or 0.1)
    assert model.score(statistic[:], statistic[:]) == 0.6
    assert model.score(thanks[:], thanks[:]) == 0.4
    cwm.save_model(tmp_path / "plain", weights, 0.0, meta)
    plain = cwm.active_model(str(tmp_path / "plain"))
    assert plain is not None and plain.textcat is None and plain.blend == 0.0
    assert plain.score(statistic[:], statistic[:]) == 0.5
    assert not (tmp_path / "plain" / cwm.TEXTCAT_DIR).exists()


def test_damaged_text_classifier_is_a_model_error(tmp_path: Path) -> None:
    cwm.save_model(tmp_path, np.zeros(64), 0.0, {"blend": 0.5}, stand_in_textcat())
    (tmp_path / cwm.TEXTCAT_DIR / "config.cfg").write_text("[broken", encoding="utf-8")
    with pytest.raises(CheckworthinessModelError, match="text classifier"):
        cwm.active_model(str(tmp_path))


def write_model(folder: Path, doc: Doc, weight: float, version: int = cwm.FEATURES_VERSION) -> None:
    """A model whose only non-zero weights are those of `doc`'s features."""
    weights = np.zeros(4096)
    weights[cwm.hash_features(cwm.model_feature_names(doc[:], doc[:]), 4096)] = weight
    cwm.save_model(folder, weights, -1.0, {"trained_on": "hand.tsv"})
    if version != cwm.FEATURES_VERSION:
        meta = json.loads((folder / cwm.META_FILE).read_text(encoding="utf-8"))
        meta["features_version"] = version
        (folder / cwm.META_FILE).write_text(json.dumps(meta), encoding="utf-8")


def test_trained_model_scores_and_is_used_when_present(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLAIMTRACE_CACHE", str(tmp_path))
    monkeypatch.delenv(cwm.MODEL_ENV, raising=False)
    thanks, other = make_doc(THANKS), make_doc(LETS)
    assert cwm.model_path() is None  # nothing in the cache: the rules alone
    assert checkworthiness(thanks[:], thanks[:]) == rule_checkworthiness(thanks[:], thanks[:])
    write_model(cwm.default_model_dir(), thanks, 1.0)
    assert cwm.model_path() == cwm.default_model_dir()
    model = cwm.active_model()
    assert model is not None and model.dims == 4096 and model.metadata["trained_on"] == "hand.tsv"
    assert checkworthiness(thanks[:], thanks[:]) == model.score(thanks[:], thanks[:]) > 0.9
    assert model.score(other[:], other[:]) < model.score(thanks[:], thanks[:])
    monkeypatch.setenv(cwm.MODEL_ENV, "off")
    assert checkworthiness(thanks[:], thanks[:]) == rule_checkworthiness(thanks[:], thanks[:])


def test_model_setting_errors(tmp_path: Path) -> None:
    with pytest.raises(CheckworthinessModelError, match="no check-worthiness model"):
        cwm.model_path(str(tmp_path / "absent"))
    old = tmp_path / "old"
    write_model(old, make_doc(THANKS), 1.0, version=0)
    with pytest.raises(CheckworthinessModelError, match="retrain"):
        cwm.active_model(str(old))
    damaged = tmp_path / "damaged"
    write_model(damaged, make_doc(THANKS), 1.0)
    (damaged / cwm.WEIGHTS_FILE).write_bytes(b"not numpy")
    with pytest.raises(CheckworthinessModelError, match="cannot read"):
        cwm.active_model(str(damaged))
    assert cwm.active_model("off") is None
