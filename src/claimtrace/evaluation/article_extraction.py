"""HTML ingest on the article-extraction benchmark (181 news pages), beside trafilatura.

Data: ``article-extraction/`` with ``html/<id>.html.gz`` and ``ground-truth.json``. Each page
goes through ``claimtrace.ingest.load_input(raw_bytes, input_format="html")``; the body
(``Document.text`` after the headline that ``title_span`` marks) is compared with the gold
``articleBody``. The metric is the benchmark's own (scrapinghub/article-extraction-benchmark,
``evaluate.py``), re-implemented:

* tokens are the runs of Unicode word characters (regex ``\\w+``): punctuation is dropped,
  case is kept;
* shingles are 4-token n-grams counted as a multiset; a text of 1-3 tokens has one shorter
  shingle, an empty text none;
* per document: tp = shingles in both (multiset intersection), fp = predicted extras,
  fn = gold shingles missed; P = tp / (tp + fp), R = tp / (tp + fn);
* averaging: P is the mean over documents whose prediction has shingles, R the mean over
  documents whose gold has shingles, and F1 = 2PR / (P + R) of those two means. Accuracy is
  the share of documents whose token lists are equal.

A page our ingest rejects (CT106 no article, CT107 not English) is scored as empty output and
listed under ``rejected``. The ± figures are bootstrap standard deviations over documents
(fixed seed); ``f1_difference`` resamples both systems on the same documents. Same-run
baselines through the same scorer: ``trafilatura-default`` (``trafilatura.extract``) and
``trafilatura-benchmark`` (``include_comments=False``, as the benchmark's runner calls it).

Figures (percent): ``f1``, ``precision``, ``recall`` over all pages and ``accepted.f1`` over
the pages our ingest accepts. The details keep the benchmark's 0-1 scale.
"""

from __future__ import annotations

import gzip
import json
import random
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .common import PRF, MissingData, harmonic_mean, percent, progress, require_paths, suite_result

NAME = "article-extraction"
SHINGLE_SIZE = 4
N_BOOTSTRAP = 1000
SEED = 0
ANCHORS: dict[str, dict[str, float]] = {
    "trafilatura 2.0 (benchmark README)": {"f1": 95.8},
    "rs-trafilatura (benchmark README)": {"f1": 97.0},
    "newspaper4k (benchmark README)": {"f1": 94.9},
    "readability-lxml (benchmark README)": {"f1": 92.2},
}
COLUMNS = ("precision", "recall", "f1", "accuracy")
_TOKEN = re.compile(r"\w+")

System = Callable[[bytes], str]


@dataclass(frozen=True, slots=True)
class Page:
    """One benchmark page: its id, the gzipped-away raw HTML bytes and the gold body."""

    id: str
    html: bytes
    gold: str
    url: str = ""


@dataclass(frozen=True, slots=True)
class ShingleMatch:
    """Shingle counts for one document: found in both, predicted only, gold only."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float | None:
        """tp / predicted shingles; None when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        """tp / gold shingles; None when the gold text has none."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None


@dataclass(frozen=True, slots=True)
class DocumentScore:
    """How one system did on one page; `error` holds the rejection, if any."""

    id: str
    match: ShingleMatch
    exact: bool
    error: str | None = None


def tokenize(text: str | None) -> list[str]:
    """The benchmark's tokens: runs of word characters, case kept, punctuation dropped."""
    return _TOKEN.findall(text or "")


def shingles(text: str | None, size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """The multiset of `size`-token shingles; a shorter non-empty text is one shingle."""
    tokens = tokenize(text)
    if not tokens:
        return Counter()
    count = max(1, len(tokens) - size + 1)
    return Counter(tuple(tokens[i : i + size]) for i in range(count))


def match_texts(gold: str | None, predicted: str | None) -> ShingleMatch:
    """tp/fp/fn over the two texts' shingle multisets."""
    gold_shingles, predicted_shingles = shingles(gold), shingles(predicted)
    tp = sum((gold_shingles & predicted_shingles).values())
    return ShingleMatch(
        tp=tp,
        fp=sum(predicted_shingles.values()) - tp,
        fn=sum(gold_shingles.values()) - tp,
    )


def exact_match(gold: str | None, predicted: str | None) -> bool:
    """The benchmark's accuracy test: the same token sequence."""
    return tokenize(gold) == tokenize(predicted)


def _mean(values: Sequence[float]) -> float:
    return statistics.fmean(values) if values else 0.0


def average(matches: Sequence[ShingleMatch]) -> PRF:
    """Mean precision (defined documents), mean recall (defined documents), F1 of the two."""
    precision = _mean([m.precision for m in matches if m.precision is not None])
    recall = _mean([m.recall for m in matches if m.recall is not None])
    return PRF(precision, recall, harmonic_mean(precision, recall))


def bootstrap(
    scores: Sequence[DocumentScore], n: int = N_BOOTSTRAP, seed: int = SEED
) -> dict[str, float]:
    """Standard deviations of P, R, F1 and accuracy over `n` resamples of the documents."""
    rng = random.Random(seed)
    samples: dict[str, list[float]] = {f"{column}_std": [] for column in COLUMNS}
    for _ in range(n):
        chosen = rng.choices(scores, k=len(scores))
        figures = summary_figures(chosen)
        for column in COLUMNS:
            samples[f"{column}_std"].append(figures[column])
    return {key: _stdev(values) for key, values in samples.items()}


def _stdev(values: Sequence[float]) -> float:
    return round(statistics.stdev(values), 4) if len(values) > 1 else 0.0


def f1_difference(
    ours: Sequence[DocumentScore],
    theirs: Sequence[DocumentScore],
    n: int = N_BOOTSTRAP,
    seed: int = SEED,
) -> dict[str, float]:
    """F1(ours) - F1(theirs), and its bootstrap std with both resampled on the same pages."""
    rng = random.Random(seed)
    indices = range(len(ours))
    diffs = []
    for _ in range(n):
        chosen = rng.choices(indices, k=len(ours))
        diffs.append(_f1([ours[i] for i in chosen]) - _f1([theirs[i] for i in chosen]))
    return {"difference": round(_f1(ours) - _f1(theirs), 4), "std": _stdev(diffs)}


def _f1(scores: Sequence[DocumentScore]) -> float:
    return average([score.match for score in scores]).f1


def summary_figures(scores: Sequence[DocumentScore]) -> dict[str, float]:
    """P, R, F1 (benchmark averaging) and accuracy over the documents."""
    figures = average([score.match for score in scores]).as_dict()
    figures["accuracy"] = round(_mean([float(score.exact) for score in scores]), 4)
    return figures


def summarise(scores: Sequence[DocumentScore], n_bootstrap: int = N_BOOTSTRAP) -> dict[str, Any]:
    """Figures, their bootstrap stds, and how many documents had empty output."""
    summary: dict[str, Any] = summary_figures(scores)
    if n_bootstrap > 1:
        summary.update(bootstrap(scores, n_bootstrap))
    summary["documents"] = len(scores)
    summary["empty_output"] = sum(1 for score in scores if score.match.precision is None)
    summary["rejected"] = sum(1 for score in scores if score.error)
    return summary


def claimtrace_body(html: bytes) -> str:
    """Our ingest's body: the Document text after the headline that opens it."""
    from ..ingest import load_input

    document = load_input(html, input_format="html")
    if document.title_span is not None:
        return document.text[document.title_span.end :].strip()
    return document.text.strip()


def trafilatura_default(html: bytes) -> str:
    """Plain ``trafilatura.extract`` with its default settings."""
    import trafilatura

    return str(trafilatura.extract(html.decode("utf-8")) or "")


def trafilatura_benchmark(html: bytes) -> str:
    """``trafilatura.extract(html, include_comments=False)``, as the benchmark's runner calls it."""
    import trafilatura

    return str(trafilatura.extract(html.decode("utf-8"), include_comments=False) or "")


SYSTEMS: dict[str, System] = {
    "claimtrace": claimtrace_body,
    "trafilatura-default": trafilatura_default,
    "trafilatura-benchmark": trafilatura_benchmark,
}


def score_page(system: System, page: Page) -> DocumentScore:
    """Run one system on one page; a ClaimtraceError is recorded as empty output."""
    from ..errors import ClaimtraceError

    try:
        predicted, error = system(page.html), None
    except ClaimtraceError as failure:
        predicted, error = "", str(failure)
    return DocumentScore(
        id=page.id,
        match=match_texts(page.gold, predicted),
        exact=exact_match(page.gold, predicted),
        error=error,
    )


def run_system(
    system: System, pages: Sequence[Page], label: str = NAME
) -> tuple[list[DocumentScore], float]:
    """Score every page with one system; also the seconds it took."""
    began = time.perf_counter()
    scores = [score_page(system, page) for page in progress(pages, len(pages), label)]
    return scores, time.perf_counter() - began


def load_pages(data_dir: Path, limit: int | None = None) -> list[Page]:
    """The benchmark pages in id order (at most `limit`), with their gold bodies."""
    require_paths(data_dir, "ground-truth.json", "html")
    truth = json.loads((data_dir / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)[:limit] if limit is not None else sorted(truth)
    return [_load_page(data_dir, key, truth[key]) for key in ids]


def _load_page(data_dir: Path, key: str, record: Mapping[str, Any]) -> Page:
    path = data_dir / "html" / f"{key}.html.gz"
    if not path.is_file():
        raise MissingData(f"ground truth names page {key} but {path} does not exist")
    with gzip.open(path, "rb") as handle:
        html = handle.read()
    return Page(key, html, record.get("articleBody") or "", record.get("url") or "")


def per_document(scores: Sequence[DocumentScore]) -> list[dict[str, Any]]:
    """Each page's precision and recall (None where undefined), for looking at failures."""
    return [
        {
            "id": score.id,
            "precision": _round(score.match.precision),
            "recall": _round(score.match.recall),
        }
        for score in scores
    ]


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def rejected(scores: Sequence[DocumentScore], pages: Sequence[Page]) -> list[dict[str, str]]:
    """The pages a system refused, with the error it gave."""
    urls = {page.id: page.url for page in pages}
    return [
        {"id": score.id, "url": urls.get(score.id, ""), "error": score.error}
        for score in scores
        if score.error
    ]


def score_article_extraction(
    data_dir: Path | str,
    limit: int | None = None,
    *,
    systems: Mapping[str, System] | None = None,
    n_bootstrap: int = N_BOOTSTRAP,
) -> dict[str, Any]:
    """Score claimtrace's ingest and the baselines on the pages under `data_dir`."""
    pages = load_pages(Path(data_dir), limit)
    chosen = dict(systems if systems is not None else SYSTEMS)
    scored = {name: run_system(system, pages, name) for name, system in chosen.items()}
    result: dict[str, Any] = {
        "documents": len(pages),
        "metric": "4-token shingle F1 of mean P and mean R (scrapinghub benchmark)",
        "systems": {},
        "rejected": {name: rejected(scores, pages) for name, (scores, _) in scored.items()},
        "per_document": {name: per_document(scores) for name, (scores, _) in scored.items()},
    }
    for name, (scores, seconds) in scored.items():
        result["systems"][name] = summarise(scores, n_bootstrap) | {"seconds": round(seconds, 2)}
    result["f1_difference"] = differences(scored, n_bootstrap)
    result["on_accepted_pages"] = on_accepted_pages(scored)
    return result


def on_accepted_pages(
    scored: Mapping[str, tuple[list[DocumentScore], float]],
) -> dict[str, dict[str, float]]:
    """Every system's figures on only the pages claimtrace accepted: extraction without the gate."""
    if "claimtrace" not in scored:
        return {}
    kept = {score.id for score in scored["claimtrace"][0] if not score.error}
    return {
        name: summary_figures([score for score in scores if score.id in kept])
        | {"pages": len(kept)}
        for name, (scores, _) in scored.items()
    }


def differences(
    scored: Mapping[str, tuple[list[DocumentScore], float]], n_bootstrap: int
) -> dict[str, dict[str, float]]:
    """claimtrace's F1 minus each baseline's, paired over the same pages."""
    if "claimtrace" not in scored:
        return {}
    ours = scored["claimtrace"][0]
    return {
        f"claimtrace - {name}": f1_difference(ours, scores, max(n_bootstrap, 2))
        for name, (scores, _) in scored.items()
        if name != "claimtrace"
    }


def figures_of(result: Mapping[str, Any], system: str = "claimtrace") -> dict[str, float]:
    """One system's figures in percent: F1, P, R on all pages, F1 on the accepted pages."""
    summary = result["systems"][system]
    figures = {key: percent(summary[key]) for key in ("f1", "precision", "recall")}
    accepted = result["on_accepted_pages"].get(system)
    if accepted is not None:
        figures["accepted.f1"] = percent(accepted["f1"])
    return figures


def run(data: Path, *, limit: int | None = None, n_bootstrap: int = N_BOOTSTRAP) -> dict[str, Any]:
    """Score our ingest and the trafilatura baselines on the benchmark pages under `data`."""
    details = score_article_extraction(data, limit, n_bootstrap=n_bootstrap)
    details["baselines"] = {
        f"{name} (this run)": figures_of(details, name)
        for name in details["systems"]
        if name != "claimtrace"
    }
    figures = figures_of(details) if "claimtrace" in details["systems"] else {}
    refused = len(details["rejected"].get("claimtrace", []))
    details["note"] = (
        f"{refused} of {details['documents']} pages refused by the ingest (CT106/CT107)"
    )
    return suite_result(NAME, data, details["documents"], figures, ANCHORS, details)
