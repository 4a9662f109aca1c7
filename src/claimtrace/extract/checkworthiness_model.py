"""The optional trained check-worthiness model, used instead of the default score when present.

``claimtrace train checkworthiness`` fits two models and writes them to
``<cache>/models/checkworthiness-v2/``: a logistic regression (numpy only) over hashed words,
word pairs, a length bucket, entity types and the default score's rule features
(``weights.npy``), and spaCy's own text classifier over the analyser's token vectors
(``textcat/``, a spaCy pipeline). The score is their probabilities averaged with the weight
``blend`` of ``metadata.json``, which also records a decision ``threshold`` chosen on a
held-out slice of the training file. A folder without ``textcat/`` is the regression alone.
The cache is
the one the gazetteer uses (``$CLAIMTRACE_CACHE``, else ``$XDG_CACHE_HOME/claimtrace``,
else ``~/.cache/claimtrace``). Nothing is shipped: without that folder the score is the
default rules' alone.

``$CLAIMTRACE_CHECKWORTHINESS_MODEL`` chooses: ``off`` (the rules alone), a folder (that
model), or unset/``auto`` (the cache's model when present).
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray
from spacy.language import Language
from spacy.tokens import Span

from ..errors import CheckworthinessModelError
from ..trained import META_FILE, chosen_folder, metadata_stamp, models_dir
from .checkworthiness import checkworthiness_features, logistic

MODEL_ENV = "CLAIMTRACE_CHECKWORTHINESS_MODEL"
FEATURES_VERSION = 2
MODEL_NAME = f"checkworthiness-v{FEATURES_VERSION}"
WEIGHTS_FILE, TEXTCAT_DIR = "weights.npy", "textcat"
WORTHY, NOT_WORTHY = "CHECKWORTHY", "NOT_CHECKWORTHY"
DEFAULT_DIMS = 2**18
LENGTH_BUCKET, LONGEST_BUCKET = 5, 8


def model_feature_names(tokens: Span, sentence: Span) -> list[str]:
    """The named features of a claim: rule features, lower-cased words and word pairs, its
    length in buckets of five words, and the types of the entities in it."""
    words = [t.lower_ for t in tokens if not t.is_space]
    names = [f"rule={name}" for name in sorted(checkworthiness_features(tokens, sentence))]
    names += [f"w={word}" for word in words]
    names += [f"p={a}|{b}" for a, b in zip(["<s>", *words], [*words, "</s>"], strict=True)]
    names.append(f"len={min(len(words) // LENGTH_BUCKET, LONGEST_BUCKET)}")
    names += [f"ent={label}" for label in sorted({entity.label_ for entity in tokens.ents})]
    return names


def textcat_probabilities(nlp: Language, texts: Iterable[str]) -> list[float]:
    """The text classifier's probability of check-worthiness for each text."""
    return [float(doc.cats.get(WORTHY, 0.0)) for doc in nlp.pipe(texts, batch_size=256)]


def hash_features(names: Iterable[str], dims: int) -> NDArray[np.int64]:
    """Sorted unique column indices of `names` (CRC-32 hashing: stable across runs)."""
    columns = {zlib.crc32(name.encode("utf-8")) % dims for name in names}
    return np.array(sorted(columns), dtype=np.int64)


@dataclass(frozen=True, slots=True)
class CheckworthinessModel:
    """A trained logistic regression over hashed features, and the text classifier (if any)
    whose probability is averaged with its own (weight `blend`)."""

    path: Path
    weights: NDArray[np.float64]
    bias: float
    metadata: dict[str, Any]
    textcat: Language | None = None

    @property
    def blend(self) -> float:
        return float(self.metadata.get("blend", 0.0)) if self.textcat is not None else 0.0

    @property
    def threshold(self) -> float:
        """The decision threshold chosen on held-out training sentences (0.5 if none)."""
        return float(self.metadata.get("threshold", 0.5))

    @property
    def dims(self) -> int:
        return int(self.weights.shape[0])

    def columns(self, tokens: Span, sentence: Span) -> NDArray[np.int64]:
        """The claim's feature columns."""
        return hash_features(model_feature_names(tokens, sentence), self.dims)

    def score(self, tokens: Span, sentence: Span) -> float:
        """The probability that the claim is worth checking, in [0, 1] (3 decimals)."""
        z = self.bias + float(self.weights[self.columns(tokens, sentence)].sum())
        probability = logistic(z)
        if self.textcat is not None and self.blend > 0:
            text = float(self.textcat(tokens.text).cats.get(WORTHY, 0.0))
            probability = (1 - self.blend) * probability + self.blend * text
        return round(probability, 3)


def default_model_dir() -> Path:
    """Where `claimtrace train checkworthiness` writes its model."""
    return models_dir() / MODEL_NAME


def model_path(setting: str | None = None) -> Path | None:
    """The model folder to use, or None for the default rules alone.

    `setting` (else ``$CLAIMTRACE_CHECKWORTHINESS_MODEL``): off, auto, or a folder. A named
    folder that holds no model is an error; the default folder may simply be absent."""
    return chosen_folder(
        setting,
        MODEL_ENV,
        default_model_dir(),
        lambda path: CheckworthinessModelError(
            f"no check-worthiness model in {path} (set {MODEL_ENV}=off for the rules alone)",
            detail={"path": str(path)},
        ),
    )


def active_model(setting: str | None = None) -> CheckworthinessModel | None:
    """The model in use (`setting` as in `model_path`), or None."""
    path = model_path(setting)
    return None if path is None else load_model(path)


def load_model(path: Path) -> CheckworthinessModel:
    """Open a model folder (cached per folder and modification time)."""
    return _load(str(path), metadata_stamp(path))


@cache
def _load(folder: str, stamp: int) -> CheckworthinessModel:
    path = Path(folder)
    try:
        metadata = json.loads((path / META_FILE).read_text(encoding="utf-8"))
        weights = np.load(path / WEIGHTS_FILE, allow_pickle=False).astype(np.float64)
        bias = float(metadata["bias"])
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise CheckworthinessModelError(
            f"cannot read the check-worthiness model in {path}: {error}",
            detail={"path": str(path)},
        ) from error
    if metadata.get("features_version") != FEATURES_VERSION or weights.ndim != 1:
        raise CheckworthinessModelError(
            f"the model in {path} was trained with features version "
            f"{metadata.get('features_version')}; retrain it with claimtrace train checkworthiness",
            detail={"path": str(path)},
        )
    return CheckworthinessModel(path, weights, bias, metadata, _load_textcat(path, metadata))


def _load_textcat(path: Path, metadata: dict[str, Any]) -> Language | None:
    """The model folder's text classifier, when its metadata names one."""
    if not metadata.get(TEXTCAT_DIR):
        return None
    import spacy

    try:
        return spacy.load(path / TEXTCAT_DIR)
    except (OSError, ValueError, KeyError) as error:
        raise CheckworthinessModelError(
            f"cannot read the check-worthiness text classifier in {path}: {error}",
            detail={"path": str(path)},
        ) from error


def save_model(
    path: Path,
    weights: NDArray[np.float64],
    bias: float,
    metadata: dict[str, Any],
    textcat: Language | None = None,
) -> None:
    """Write a model folder (weights as float32, the text classifier as a spaCy pipeline)."""
    path.mkdir(parents=True, exist_ok=True)
    np.save(path / WEIGHTS_FILE, weights.astype(np.float32), allow_pickle=False)
    if textcat is not None:
        textcat.to_disk(path / TEXTCAT_DIR)
    meta = {**metadata, "features_version": FEATURES_VERSION, "bias": bias}
    meta[TEXTCAT_DIR] = textcat is not None
    meta["dims"] = int(weights.shape[0])
    (path / META_FILE).write_text(json.dumps(meta, indent=2, sort_keys=True), encoding="utf-8")
