"""Check-worthiness on CheckThat! 2024 task 1 (English), beside the task's best system.

Data: ``checkworthiness/`` with ``CT24_checkworthy_english_dev.tsv`` and
``CT24_checkworthy_english_dev-test.tsv`` (columns ``Sentence_id``, ``Text``, ``class_label``
Yes/No). Each sentence is parsed on its own and scored with the default score of
`claimtrace.extract.checkworthiness.rule_checkworthiness` (weights in
``lexicons/checkworthiness.toml``), the whole sentence being the claim. A sentence is
predicted check-worthy when its score reaches a threshold. The threshold is chosen on the dev
file only (the one that maximises positive-class F1 there; ties go to the higher threshold)
and then applied unchanged to dev-test, so the dev figure is tuned and the dev-test figure is
not. Same-run baseline: "all Yes" (every sentence check-worthy).

The figures are the default score's (the floors gate those). When a trained model is in use
(``claimtrace train checkworthiness``; ``$CLAIMTRACE_CHECKWORTHINESS_MODEL``), it is scored
the same way, its own threshold chosen on dev, and its figures are reported beside the
default's as a same-run baseline (``details.baselines``, ``details.trained``), never gated.
A model that records its own threshold (chosen on held-out training sentences) is also scored
at that threshold (``details.trained.stored_threshold``), which never looks at dev.

Figures: ``dev.f1`` and ``dev-test.f1``, positive-class F1 in percent.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.tokens import Span

from .common import prf, progress, require_paths, suite_result

NAME = "checkworthiness"
FILES = {
    "dev": "CT24_checkworthy_english_dev.tsv",
    "dev-test": "CT24_checkworthy_english_dev-test.tsv",
}
TUNING_SPLIT = "dev"
ANCHORS: dict[str, dict[str, float]] = {
    "CheckThat! 2024 best (English test)": {"dev-test.f1": 80.0},
}


@dataclass(frozen=True, slots=True)
class Labelled:
    """One sentence, its gold label and our score."""

    id: str
    text: str
    worthy: bool
    score: float = 0.0


def read_tsv(path: Path, limit: int | None = None) -> list[Labelled]:
    """The labelled sentences of one CheckThat! TSV file (quoted fields allowed)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    items = [
        Labelled(row["Sentence_id"], row["Text"], row["class_label"].strip().lower() == "yes")
        for row in rows
    ]
    return items[:limit] if limit is not None else items


Scorer = Callable[[Span, Span], float]


def score_sentences(
    items: Sequence[Labelled], label: str, scorers: Sequence[Scorer] = ()
) -> list[list[Labelled]]:
    """The items scored by each of `scorers` (default: the rules alone), each sentence
    taken as one claim; one list per scorer. Each sentence is parsed once."""
    from ..extract.checkworthiness import rule_checkworthiness
    from ..nlp import load_pipeline

    scorers = scorers or (rule_checkworthiness,)
    docs = load_pipeline().pipe((item.text for item in items), batch_size=64)
    scored: list[list[Labelled]] = [[] for _ in scorers]
    for item, doc in progress(zip(items, docs, strict=True), len(items), label):
        for out, scorer in zip(scored, scorers, strict=True):
            out.append(Labelled(item.id, item.text, item.worthy, scorer(doc[:], doc[:])))
    return scored


def _trained_model() -> Any:
    """The trained model in use ($CLAIMTRACE_CHECKWORTHINESS_MODEL, else the cache's), or None."""
    from ..extract.checkworthiness_model import active_model

    return active_model()


def evaluate(items: Sequence[Labelled], threshold: float) -> dict[str, float]:
    """Positive-class precision, recall and F1 (percent) of `score >= threshold`."""
    predicted = [item.score >= threshold for item in items]
    tp = sum(p and item.worthy for p, item in zip(predicted, items, strict=True))
    return prf(tp, sum(predicted), sum(item.worthy for item in items)).percent()


def choose_threshold(items: Sequence[Labelled]) -> float:
    """The score threshold with the best positive-class F1 on `items` (higher on ties)."""
    candidates = sorted({item.score for item in items}, reverse=True)
    if not candidates:
        return 0.0
    return max(candidates, key=lambda t: (evaluate(items, t)["f1"], t))


def _split_details(items: Sequence[Labelled], threshold: float) -> dict[str, Any]:
    return {
        "sentences": len(items),
        "positives": sum(item.worthy for item in items),
        "scores": evaluate(items, threshold),
        "all_yes": evaluate(items, float("-inf")),
    }


def _trained_details(scored: dict[str, list[Labelled]], model: Any) -> dict[str, Any]:
    """The trained model's figures, its threshold chosen on dev like the default's."""
    threshold = choose_threshold(scored[TUNING_SPLIT])
    details: dict[str, Any] = {
        "model": str(model.path),
        "trained_on": model.metadata.get("trained_on"),
        "threshold": threshold,
        **{split: _split_details(items, threshold) for split, items in scored.items()},
    }
    stored = model.metadata.get("threshold")
    if isinstance(stored, int | float):  # chosen on held-out training sentences
        details["stored_threshold"] = {
            "threshold": float(stored),
            **{split: evaluate(items, float(stored)) for split, items in scored.items()},
        }
    return details


def run(data: Path, *, limit: int | None = None) -> dict[str, Any]:
    """Score check-worthiness on dev and dev-test, the threshold chosen on dev (limit: per file)."""
    from ..extract.checkworthiness import rule_checkworthiness

    require_paths(data, *FILES.values())
    model = _trained_model()
    scorers: list[Scorer] = [rule_checkworthiness] + ([model.score] if model else [])
    both = {
        split: score_sentences(read_tsv(data / file, limit), split, scorers)
        for split, file in FILES.items()
    }
    scored = {split: lists[0] for split, lists in both.items()}
    threshold = choose_threshold(scored[TUNING_SPLIT])
    details: dict[str, Any] = {
        "threshold": threshold,
        "threshold_chosen_on": TUNING_SPLIT,
        "note": f"threshold {threshold:.3f} chosen on {TUNING_SPLIT}",
        **{split: _split_details(items, threshold) for split, items in scored.items()},
    }
    figures = {f"{split}.f1": details[split]["scores"]["f1"] for split in FILES}
    details["baselines"] = {
        "all Yes (this run)": {f"{split}.f1": details[split]["all_yes"]["f1"] for split in FILES}
    }
    if model is not None:
        trained = _trained_details({split: lists[1] for split, lists in both.items()}, model)
        details["trained"] = trained
        details["baselines"][f"trained {model.path.name} (not gated)"] = {
            f"{split}.f1": trained[split]["scores"]["f1"] for split in FILES
        }
    n = sum(len(items) for items in scored.values())
    return suite_result(NAME, data, n, figures, ANCHORS, details)
