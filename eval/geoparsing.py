"""Score toponym recognition and resolution on LGL and GeoVirus (development splits).

Usage: python eval/geoparsing.py [--corpus lgl|geovirus|all] [--limit N]
                                 [--out eval/results/geoparsing.json]

Recognition: predicted place spans against gold toponym spans (a pair matches when the
character ranges overlap; one-to-one, greedy by overlap), precision/recall/F1.
Resolution: over correctly recognised toponyms with gold coordinates, the share whose
predicted point lies within 161 km (100 miles) of gold, and the median error in km.
An unresolved prediction counts as a miss for accuracy. Demonyms and attributive-only
roles are not counted as toponym predictions (the gold sets annotate place names).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from claimtrace.extract.places import PlaceMention, extract_places, haversine_km

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = ROOT / ".." / "shared" / "eval" / "geoparsing"
CORPORA = {"lgl": "lgl.xml", "geovirus": "GeoVirus.xml"}
ACC_KM = 161.0
ANCHOR = {"system": "Mordecai 3 (Elasticsearch + all GeoNames + transformer)", "lgl_acc161": 82.7}
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
            overlap = min(top.end, pred.end) - max(top.start, pred.start)
            if overlap > 0:
                pairs.append((overlap, g, p))
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


@dataclass(slots=True)
class Tally:
    """Running counts over articles."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    errors: list[float] | None = None
    unresolved: int = 0

    def add(self, gold: list[GoldToponym], predicted: list[Predicted]) -> None:
        """Count one article."""
        if self.errors is None:
            self.errors = []
        self.gold += len(gold)
        self.predicted += len(predicted)
        for g, p in match_spans(gold, predicted):
            self.matched += 1
            top, pred = gold[g], predicted[p]
            if top.lat is None or top.lon is None:
                continue
            if pred.lat is None or pred.lon is None:
                self.unresolved += 1
                self.errors.append(20_038.0)  # half the circumference: as wrong as can be
            else:
                self.errors.append(haversine_km(top.lat, top.lon, pred.lat, pred.lon))

    def summary(self) -> dict[str, float | int | None]:
        """Precision, recall, F1, acc@161 and median error."""
        errors = self.errors or []
        precision = self.matched / self.predicted if self.predicted else 0.0
        recall = self.matched / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        within = sum(1 for error in errors if error <= ACC_KM)
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "matched": self.matched,
            "precision": round(100 * precision, 2),
            "recall": round(100 * recall, 2),
            "f1": round(100 * f1, 2),
            "resolved_scored": len(errors),
            "unresolved": self.unresolved,
            "acc_161km": round(100 * within / len(errors), 2) if errors else None,
            "median_error_km": round(statistics.median(errors), 1) if errors else None,
        }


def score_geoparsing(path: str | Path, limit: int | None = None) -> dict[str, object]:
    """Run extract_places over every article of one gold file and score it."""
    from claimtrace.gazetteer.index import default_gazetteer
    from claimtrace.nlp import load_pipeline

    articles = parse_articles(path)[:limit]
    nlp, gazetteer = load_pipeline(), default_gazetteer()
    tally = Tally()
    started = time.perf_counter()
    for doc, article in zip(nlp.pipe(a.text for a in articles), articles, strict=True):
        tally.add(list(article.toponyms), to_predicted(extract_places(doc, gazetteer)))
    return {
        "corpus": Path(path).name,
        "articles": len(articles),
        **tally.summary(),
        "seconds": round(time.perf_counter() - started, 1),
        "anchor": ANCHOR,
    }


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=[*CORPORA, "all"], default="all")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    names = list(CORPORA) if args.corpus == "all" else [args.corpus]
    results = {name: score_geoparsing(GOLD_DIR / CORPORA[name], args.limit) for name in names}
    for name, result in results.items():
        print(
            f"{name:9} P {result['precision']:5} R {result['recall']:5} F1 {result['f1']:5} "
            f"acc@161 {result['acc_161km']} median_km {result['median_error_km']} "
            f"(n={result['resolved_scored']}; anchor Mordecai 3 LGL acc@161 {ANCHOR['lgl_acc161']})"
        )
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
