"""The hedges stage on the Szeged Uncertainty Corpus (BioScope-style XML), beside CoNLL-2010.

Data: ``hedging/`` with ``factbank-dev.xml`` (news) and ``wiki.xml`` (Wikipedia); a missing
file is skipped, both missing is an error. Each ``<Sentence>`` holds inline
``<ccue type=...>`` elements: the gold uncertainty cues. `find_hedges` runs over every
sentence (parsed with ``nlp.pipe``, parser and NER off: the stage needs tags only).

* cue level: a predicted cue is correct when it overlaps a gold cue (P over predictions,
  R over gold cues), F1 from those;
* sentence level: a sentence is uncertain iff it holds a cue; P/R/F1 of the uncertain class.

Anchor: CoNLL-2010 Wikipedia weasel task, best sentence-level F1 about 60 (a related, not the
same, task: the gold here marks cues of every type, conditions and questions included).
Figures: ``{factbank,wiki}.{cue,sentence}.f1`` in percent.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .common import MissingData, harmonic_mean, progress, ratio, suite_result

NAME = "hedging"
FILES = {"factbank": "factbank-dev.xml", "wiki": "wiki.xml"}
ANCHORS: dict[str, dict[str, float]] = {
    "CoNLL-2010 best (Wikipedia weasel task)": {"wiki.sentence.f1": 60.0},
}
DISABLED = ("parser", "ner")

Cue = tuple[int, int]


@dataclass(frozen=True, slots=True)
class GoldSentence:
    """One sentence's text and its gold cue spans (char offsets into `text`)."""

    text: str
    cues: tuple[Cue, ...]


@dataclass(slots=True)
class HedgeCounts:
    """Cue-level and sentence-level tallies."""

    predicted: int = 0
    predicted_ok: int = 0
    gold: int = 0
    gold_found: int = 0
    sentences_predicted: int = 0
    sentences_gold: int = 0
    sentences_ok: int = 0
    sentences: int = 0

    def add(self, spans: list[Cue], cues: tuple[Cue, ...]) -> None:
        """Count one sentence's predicted spans against its gold cues."""
        self.sentences += 1
        self.predicted += len(spans)
        self.gold += len(cues)
        self.predicted_ok += sum(any(_overlaps(s, c) for c in cues) for s in spans)
        self.gold_found += sum(any(_overlaps(s, c) for s in spans) for c in cues)
        self.sentences_predicted += bool(spans)
        self.sentences_gold += bool(cues)
        self.sentences_ok += bool(spans) and bool(cues)


def read_sentences(path: Path) -> Iterator[GoldSentence]:
    """Every sentence of a BioScope-style file with its ``ccue`` spans."""
    for element in ET.parse(path).getroot().iter():
        if element.tag.lower() == "sentence":
            yield _sentence(element)


def _sentence(element: ET.Element) -> GoldSentence:
    parts, cues = [element.text or ""], []
    length = len(parts[0])
    for child in element:
        inner = "".join(child.itertext())
        if child.tag == "ccue" and inner.strip():
            cues.append((length, length + len(inner)))
        parts += [inner, child.tail or ""]
        length += len(inner) + len(child.tail or "")
    return GoldSentence("".join(parts), tuple(cues))


def _overlaps(a: Cue, b: Cue) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def prf(tp_p: int, predicted: int, tp_r: int, gold: int) -> dict[str, float]:
    """Precision, recall and F1 in percent (correct predictions may differ from found gold)."""
    p, r = ratio(tp_p, predicted), ratio(tp_r, gold)
    return {
        "p": round(100 * p, 2),
        "r": round(100 * r, 2),
        "f1": round(100 * harmonic_mean(p, r), 2),
    }


def summarise(counts: HedgeCounts) -> dict[str, Any]:
    """Cue-level and sentence-level scores of one file's tallies."""
    c = counts
    return {
        "sentences": c.sentences,
        "gold_cues": c.gold,
        "predicted_cues": c.predicted,
        "cue": prf(c.predicted_ok, c.predicted, c.gold_found, c.gold),
        "sentence": prf(c.sentences_ok, c.sentences_predicted, c.sentences_ok, c.sentences_gold),
    }


def score_file(path: Path, limit: int | None = None) -> dict[str, Any]:
    """Cue-level and sentence-level scores of `find_hedges` on one gold file."""
    from ..extract.hedges import find_hedges
    from ..nlp import load_pipeline

    gold = list(read_sentences(path))[:limit]
    nlp = load_pipeline()
    counts = HedgeCounts()
    with nlp.select_pipes(disable=[p for p in DISABLED if p in nlp.pipe_names]):
        docs = nlp.pipe((g.text for g in gold), batch_size=256)
        for sentence, doc in progress(zip(gold, docs, strict=True), len(gold), path.name):
            spans = [(h.span.start, h.span.end) for h in find_hedges(doc)]
            counts.add(spans, sentence.cues)
    return {"file": path.name, **summarise(counts)}


def run(data: Path, *, limit: int | None = None) -> dict[str, Any]:
    """Score the hedges stage on each gold file present under `data` (limit: per file)."""
    present = {name: data / file for name, file in FILES.items() if (data / file).is_file()}
    if not present:
        files = " or ".join(FILES.values())
        raise MissingData(f"no {files} under {data}", detail={"path": str(data)})
    details = {name: score_file(path, limit) for name, path in present.items()}
    figures = {
        f"{name}.{level}.f1": summary[level]["f1"]
        for name, summary in details.items()
        for level in ("cue", "sentence")
    }
    n = sum(int(summary["sentences"]) for summary in details.values())
    return suite_result(NAME, data, n, figures, ANCHORS, details)
