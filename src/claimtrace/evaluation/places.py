"""Toponym recognition and resolution on LGL and GeoVirus, beside Mordecai 3.

Data: ``geoparsing/`` with ``lgl.xml`` and ``GeoVirus.xml`` (a missing one is skipped; both
missing is an error). Recognition: predicted place spans against gold toponym spans (a pair
matches when the character ranges overlap; one-to-one, greedy by overlap), precision, recall
and F1. Resolution: over correctly recognised toponyms with gold coordinates, the share whose
predicted point lies within 161 km (100 miles) of gold (acc@161), and the median error in km
(in the details: lower is better, so it is no gated figure). An unresolved prediction counts
as a miss. Demonyms and relative places are not counted as toponym predictions.

Figures: ``{lgl,geovirus}.f1`` and ``{lgl,geovirus}.acc161`` in percent.
"""

from __future__ import annotations

import statistics
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import PlaceMention
from .common import MissingData, progress, ratio, suite_result
from .common import prf as _prf

NAME = "places"
CORPORA = {"lgl": "lgl.xml", "geovirus": "GeoVirus.xml"}
ACC_KM = 161.0
WORST_KM = 20_038.0  # half the circumference: an unresolved place is as wrong as can be
ANCHORS: dict[str, dict[str, float]] = {
    "Mordecai 3 (Elasticsearch, all GeoNames, transformer)": {"lgl.acc161": 82.7},
}
EXCLUDED_ROLES = frozenset({"demonym"})


@dataclass(frozen=True, slots=True)
class GoldToponym:
    """One annotated toponym: its character range and gold point (None when absent)."""

    start: int
    end: int
    name: str
    lat: float | None
    lon: float | None


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """One article's text and toponyms."""

    doc_id: str
    text: str
    toponyms: tuple[GoldToponym, ...]


@dataclass(frozen=True, slots=True)
class Predicted:
    """A predicted toponym span and point, as the scorer sees it."""

    start: int
    end: int
    lat: float | None
    lon: float | None


def _float(element: ET.Element | None) -> float | None:
    if element is None or element.text is None or not element.text.strip():
        return None
    return float(element.text)


def _toponym(node: ET.Element) -> GoldToponym | None:
    """An LGL <toponym> (coordinates in <gaztag>) or GeoVirus <location>."""
    start, end = node.findtext("start"), node.findtext("end")
    if start is None or end is None:
        return None
    where = node.find("gaztag")
    where = where if where is not None else node
    name = node.findtext("phrase") or node.findtext("name") or ""
    return GoldToponym(
        int(start), int(end), name, _float(where.find("lat")), _float(where.find("lon"))
    )


def parse_articles(source: str | Path) -> list[GoldArticle]:
    """Articles of an LGL or GeoVirus XML file (path, or the XML text itself)."""
    text = str(source)
    root = ET.fromstring(text) if text.lstrip().startswith("<") else ET.parse(text).getroot()
    articles = []
    for number, article in enumerate(root.iter("article")):
        nodes = [*article.iter("toponym"), *article.iter("location")]
        toponyms = tuple(t for t in (_toponym(node) for node in nodes) if t is not None)
        doc_id = article.get("docid") or str(number)
        articles.append(GoldArticle(doc_id, article.findtext("text") or "", toponyms))
    return articles


def match_spans(gold: list[GoldToponym], predicted: list[Predicted]) -> list[tuple[int, int]]:
    """One-to-one (gold, predicted) index pairs of overlapping spans, largest overlap first."""
    pairs = []
    for g, top in enumerate(gold):
        for p, pred in enumerate(predicted):
            shared = min(top.end, pred.end) - max(top.start, pred.start)
            if shared > 0:
                pairs.append((shared, g, p))
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    matched = []
    for _, g, p in sorted(pairs, reverse=True):
        if g not in used_gold and p not in used_pred:
            used_gold.add(g)
            used_pred.add(p)
            matched.append((g, p))
    return sorted(matched)


def to_predicted(mentions: Iterable[PlaceMention]) -> list[Predicted]:
    """Place mentions that count as toponym predictions."""
    return [
        Predicted(m.span.start, m.span.end, m.lat, m.lon)
        for m in mentions
        if m.role not in EXCLUDED_ROLES and m.feature != "relative"
    ]


def error_km(top: GoldToponym, pred: Predicted) -> float:
    """Distance from the gold point to the predicted one (WORST_KM when unresolved)."""
    from ..extract.places import haversine_km

    if top.lat is None or top.lon is None:
        raise ValueError("a toponym without gold coordinates has no error")
    if pred.lat is None or pred.lon is None:
        return WORST_KM
    return haversine_km(top.lat, top.lon, pred.lat, pred.lon)


@dataclass(slots=True)
class Tally:
    """Running counts over articles."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    errors: list[float] = field(default_factory=list)
    unresolved: int = 0

    def add(self, gold: list[GoldToponym], predicted: list[Predicted]) -> None:
        """Count one article."""
        self.gold += len(gold)
        self.predicted += len(predicted)
        for g, p in match_spans(gold, predicted):
            self.matched += 1
            top, pred = gold[g], predicted[p]
            if top.lat is None or top.lon is None:
                continue
            self.unresolved += pred.lat is None or pred.lon is None
            self.errors.append(error_km(top, pred))

    def summary(self) -> dict[str, float | int | None]:
        """Precision, recall, F1 (percent), acc@161 (percent) and median error."""
        scores = _prf(self.matched, self.predicted, self.gold).percent()
        within = sum(1 for error in self.errors if error <= ACC_KM)
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "matched": self.matched,
            **scores,
            "resolved_scored": len(self.errors),
            "unresolved": self.unresolved,
            "acc_161km": round(100 * ratio(within, len(self.errors)), 2),
            "median_error_km": round(statistics.median(self.errors), 1) if self.errors else None,
        }


def score_corpus(path: Path, limit: int | None = None) -> dict[str, Any]:
    """Run extract_places over every article of one gold file and score it."""
    from ..extract.places import extract_places
    from ..gazetteer.index import default_gazetteer
    from ..nlp import load_pipeline

    articles = parse_articles(path)[:limit]
    nlp, gazetteer = load_pipeline(), default_gazetteer()
    tally = Tally()
    started = time.perf_counter()
    docs = nlp.pipe(article.text for article in articles)
    for doc, article in progress(zip(docs, articles, strict=True), len(articles), path.name):
        tally.add(list(article.toponyms), to_predicted(extract_places(doc, gazetteer)))
    seconds = round(time.perf_counter() - started, 1)
    return {"corpus": path.name, "articles": len(articles), **tally.summary(), "seconds": seconds}


def run(data: Path, *, limit: int | None = None) -> dict[str, Any]:
    """Score the places stage on each gold file present under `data`."""
    present = {name: data / file for name, file in CORPORA.items() if (data / file).is_file()}
    if not present:
        files = " or ".join(CORPORA.values())
        raise MissingData(f"no {files} under {data}", detail={"path": str(data)})
    details = {name: score_corpus(path, limit) for name, path in present.items()}
    figures: dict[str, float] = {}
    for name, summary in details.items():
        figures[f"{name}.f1"] = float(summary["f1"] or 0.0)
        figures[f"{name}.acc161"] = float(summary["acc_161km"] or 0.0)
    n = sum(int(summary["articles"]) for summary in details.values())
    medians = ", ".join(f"{name} {summary['median_error_km']}" for name, summary in details.items())
    result = suite_result(NAME, data, n, figures, ANCHORS, details)
    result["details"]["note"] = f"median error km: {medians}"
    return result
