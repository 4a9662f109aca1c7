"""``claimtrace train checkworthiness``: fit the check-worthiness model on CheckThat!-style TSV.

The data is a tab-separated file with a header naming ``Text`` and ``class_label`` (Yes/No),
as CheckThat! 2024 task 1 ships its English train split. `--data` may name the file, a
folder holding one ``*train*.tsv``, or a folder with a ``checkworthiness/`` folder holding
it. A file or folder named dev or dev-test is refused: those splits are where the model is
scored, never what it learns from.

Each sentence is parsed once with the analyser's pipeline; its features are the default
score's rule features plus hashed words, word pairs, a length bucket and entity types
(`checkworthiness_model.model_feature_names`). The first model is a logistic regression fitted
with numpy (full-batch Adam, L2 penalty, Yes sentences weighted up); the second is spaCy's
text classifier (`checkworthiness_textcat`). Their probabilities are averaged (``blend``).

Before the final fit on every sentence, both are fitted on all but a held-out slice of the
training file (``holdout``, drawn with a fixed seed); the threshold that maximises
positive-class F1 on that slice is kept in the metadata with the slice's figures. No dev
file is ever read. The model is written to a temporary folder that replaces the model folder
only when training succeeded.
"""

from __future__ import annotations

import csv
import hashlib
import math
import re
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray
from spacy.language import Language

from ..errors import DevSplitRefused, TrainingFileInvalid
from ..evaluation.common import progress
from ..extract import checkworthiness_model as cwm
from ..trained import replaced_folder
from . import checkworthiness_textcat as tc

DEV_NAME = re.compile(r"(^|[^a-z])dev([^a-z]|$)", re.IGNORECASE)
TEXT, LABEL = "Text", "class_label"
POSITIVE = "yes"


@dataclass(frozen=True, slots=True)
class Settings:
    """Fitting settings, recorded in the model's metadata."""

    dims: int = cwm.DEFAULT_DIMS
    epochs: int = 150
    learning_rate: float = 0.05
    l2: float = 3e-4
    positive_weight: float = 2.0
    blend: float = 0.5
    holdout: float = 0.2
    seed: int = 0
    textcat: tc.TextcatSettings | None = field(default_factory=tc.TextcatSettings)


@dataclass(frozen=True, slots=True)
class Example:
    """One labelled sentence."""

    text: str
    worthy: bool


@dataclass(frozen=True, slots=True)
class Rows:
    """Binary feature rows in compressed sparse row form."""

    indptr: NDArray[np.int64]
    indices: NDArray[np.int64]

    @property
    def count(self) -> int:
        return len(self.indptr) - 1

    def take(self, which: NDArray[np.int64]) -> Rows:
        """The rows numbered `which`, in that order."""
        lengths = np.diff(self.indptr)[which]
        indptr = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
        parts = [self.indices[self.indptr[i] : self.indptr[i + 1]] for i in which]
        indices = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
        return Rows(indptr, indices.astype(np.int64))


@dataclass(frozen=True, slots=True)
class TrainingReport:
    """What one training run did and where the model went."""

    path: Path
    sentences: int
    positives: int
    seconds: float
    metadata: dict[str, Any]


def refuse_dev(path: Path) -> None:
    """Raise `DevSplitRefused` when `path` is named as a dev or dev-test split."""
    if DEV_NAME.search(path.name):
        raise DevSplitRefused(
            f"refusing to train on {path}: dev and dev-test are for scoring only; "
            "give the train split",
            detail={"path": str(path)},
        )


def find_training_file(data: Path) -> Path:
    """The TSV to train on: `data` itself, or the one ``*train*.tsv`` in it or in its
    ``checkworthiness/`` folder."""
    refuse_dev(data)
    if data.is_file():
        return data
    for folder in (data, data / "checkworthiness"):
        found = sorted(folder.glob("*train*.tsv")) if folder.is_dir() else []
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            names = ", ".join(p.name for p in found)
            raise TrainingFileInvalid(
                f"{folder} holds several training files ({names}); name one with --data",
                detail={"path": str(folder)},
            )
    raise TrainingFileInvalid(
        f"no *train*.tsv file at {data} or in {data / 'checkworthiness'}",
        detail={"path": str(data)},
    )


def read_examples(path: Path, limit: int | None = None) -> list[Example]:
    """The labelled sentences of a TSV file with ``Text`` and ``class_label`` columns."""
    refuse_dev(path)
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t"))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise TrainingFileInvalid(
            f"cannot read {path}: {error}", detail={"path": str(path)}
        ) from error
    if rows and not {TEXT, LABEL} <= set(rows[0]):
        raise TrainingFileInvalid(
            f"{path} lacks the {TEXT} and {LABEL} columns", detail={"path": str(path)}
        )
    examples = [Example(r[TEXT], (r[LABEL] or "").strip().lower() == POSITIVE) for r in rows]
    examples = examples[:limit] if limit is not None else examples
    if len({e.worthy for e in examples}) < 2:
        raise TrainingFileInvalid(
            f"{path} needs sentences of both classes (Yes and No) to train on",
            detail={"path": str(path), "sentences": len(examples)},
        )
    return examples


def featurise(texts: Sequence[str], dims: int, label: str = "parsing") -> Rows:
    """Parse `texts` with the analyser's pipeline; the hashed feature rows of each."""
    from ..nlp import load_pipeline

    indptr, chunks = [0], []
    docs = load_pipeline().pipe(texts, batch_size=128)
    for doc in progress(docs, len(texts), label):
        columns = cwm.hash_features(cwm.model_feature_names(doc[:], doc[:]), dims)
        chunks.append(columns)
        indptr.append(indptr[-1] + len(columns))
    indices = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int64)
    return Rows(np.array(indptr, dtype=np.int64), indices.astype(np.int64))


def row_sums(rows: Rows, weights: NDArray[np.float64]) -> NDArray[np.float64]:
    """The sum of `weights` over each row's columns."""
    row_of = np.repeat(np.arange(rows.count), np.diff(rows.indptr))
    sums = np.bincount(row_of, weights=weights[rows.indices], minlength=rows.count)
    return sums.astype(np.float64)


def fit(
    rows: Rows, labels: NDArray[np.float64], settings: Settings
) -> tuple[NDArray[np.float64], float]:
    """Logistic regression by full-batch Adam with an L2 penalty: (weights, bias)."""
    n = rows.count
    row_of = np.repeat(np.arange(n), np.diff(rows.indptr))
    sample = np.where(labels > 0, settings.positive_weight, 1.0)
    sample = sample / sample.mean()
    rate = float(np.clip((labels * sample).mean(), 1e-3, 1 - 1e-3))
    params = np.zeros(settings.dims + 1)
    params[-1] = math.log(rate / (1 - rate))
    first, second = np.zeros_like(params), np.zeros_like(params)
    for step in range(1, settings.epochs + 1):
        weights, bias = params[:-1], params[-1]
        z = bias + np.bincount(row_of, weights=weights[rows.indices], minlength=n)
        error = (1.0 / (1.0 + np.exp(-z)) - labels) * sample / n
        grad = np.empty_like(params)
        grad[:-1] = np.bincount(rows.indices, weights=error[row_of], minlength=settings.dims)
        grad[:-1] += settings.l2 * weights
        grad[-1] = error.sum()
        first = 0.9 * first + 0.1 * grad
        second = 0.999 * second + 0.001 * grad * grad
        corrected = first / (1 - 0.9**step)
        scale = np.sqrt(second / (1 - 0.999**step)) + 1e-8
        params -= settings.learning_rate * corrected / scale
    return params[:-1].copy(), float(params[-1])


@dataclass(frozen=True, slots=True)
class Fitted:
    """The fitted regression and text classifier (None when it is left out)."""

    weights: NDArray[np.float64]
    bias: float
    textcat: Language | None


def fit_models(
    texts: Sequence[str], rows: Rows, labels: NDArray[np.float64], settings: Settings
) -> Fitted:
    """Fit the regression on `rows` and, unless turned off, the text classifier on `texts`."""
    weights, bias = fit(rows, labels, settings)
    if settings.textcat is None or settings.blend <= 0:
        return Fitted(weights, bias, None)
    from ..nlp import load_pipeline

    textcat = tc.train_textcat(texts, [bool(y) for y in labels], settings.textcat, load_pipeline())
    return Fitted(weights, bias, textcat)


def predict(fitted: Fitted, texts: Sequence[str], rows: Rows, blend: float) -> NDArray[np.float64]:
    """The blended probabilities of check-worthiness of sentences."""
    probability = 1.0 / (1.0 + np.exp(-(fitted.bias + row_sums(rows, fitted.weights))))
    if fitted.textcat is None or blend <= 0:
        return probability
    return (1 - blend) * probability + blend * tc.textcat_scores(fitted.textcat, texts)


def best_threshold(scores: NDArray[np.float64], labels: NDArray[np.float64]) -> dict[str, float]:
    """The threshold (3 decimals) with the best positive-class F1, and its figures (percent)."""
    rounded = np.round(scores, 3)
    order = np.argsort(-rounded, kind="stable")
    ranked, gold = rounded[order], labels[order] > 0
    true_pos = np.cumsum(gold)
    last = np.flatnonzero(np.append(ranked[1:] != ranked[:-1], True))  # end of each tie run
    predicted, hits = last + 1.0, true_pos[last].astype(np.float64)
    f1 = 2 * hits / (predicted + max(gold.sum(), 1))
    best = int(np.argmax(f1))
    precision, recall = hits[best] / predicted[best], hits[best] / max(gold.sum(), 1)
    return {
        "threshold": float(ranked[last[best]]),
        "f1": round(100 * float(f1[best]), 2),
        "precision": round(100 * float(precision), 2),
        "recall": round(100 * float(recall), 2),
    }


def holdout_split(count: int, fraction: float, seed: int) -> tuple[NDArray[np.int64], ...]:
    """(fitted, held out) sentence numbers: a seeded random `fraction` is held out."""
    order = np.random.default_rng(seed).permutation(count).astype(np.int64)
    held = round(count * fraction)
    return order[held:], order[:held]


def holdout_figures(
    texts: Sequence[str], rows: Rows, labels: NDArray[np.float64], settings: Settings
) -> dict[str, Any]:
    """Fit on all but the held-out slice; its best threshold and figures (empty if none)."""
    fitted_on, held = holdout_split(rows.count, settings.holdout, settings.seed)
    if len(set(labels[held].tolist())) < 2 or len(set(labels[fitted_on].tolist())) < 2:
        return {}
    fitted = fit_models(
        [texts[i] for i in fitted_on], rows.take(fitted_on), labels[fitted_on], settings
    )
    scores = predict(fitted, [texts[i] for i in held], rows.take(held), settings.blend)
    figures = best_threshold(scores, labels[held])
    threshold = figures.pop("threshold")
    counts = {"sentences": len(held), "positives": int(labels[held].sum())}
    return {"threshold": threshold, "holdout": {**counts, **figures}}


def train_checkworthiness(
    data: Path,
    *,
    out: Path | None = None,
    limit: int | None = None,
    settings: Settings | None = None,
) -> TrainingReport:
    """Fit the model on the training TSV found at `data`; write it to `out` or the cache."""
    started = time.perf_counter()
    settings = settings or Settings()
    path = find_training_file(data)
    examples = read_examples(path, limit)
    texts = [e.text for e in examples]
    rows = featurise(texts, settings.dims)
    labels = np.array([e.worthy for e in examples], dtype=np.float64)
    heldout = holdout_figures(texts, rows, labels, settings) if settings.holdout > 0 else {}
    fitted = fit_models(texts, rows, labels, settings)
    target = out or cwm.default_model_dir()
    metadata = {
        "model": cwm.MODEL_NAME,
        "trained_on": path.name,
        "data_sha256": hashlib.sha256(path.read_bytes()).hexdigest()[:16],
        "sentences": len(examples),
        "positives": int(labels.sum()),
        "settings": asdict(settings),
        "blend": settings.blend if fitted.textcat is not None else 0.0,
        "threshold": 0.5,
        **heldout,
        "seconds": round(time.perf_counter() - started, 1),
    }
    _write(target, fitted, metadata)
    return TrainingReport(
        target, len(examples), int(labels.sum()), time.perf_counter() - started, metadata
    )


def _write(target: Path, fitted: Fitted, metadata: dict[str, Any]) -> None:
    """Write to a sibling temporary folder, then replace `target` with it."""
    with replaced_folder(target) as staging:
        cwm.save_model(staging, fitted.weights, fitted.bias, metadata, fitted.textcat)
