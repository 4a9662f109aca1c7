"""Score the hedges stage on the Szeged Uncertainty Corpus (BioScope-style XML, dev data).

Usage::

    python eval/hedging.py [PATH ...] [--limit N]

Defaults to ``../shared/eval/hedging/factbank-dev.xml`` and ``wiki.xml``. Each ``<Sentence>``
holds inline ``<ccue type=...>`` elements: the gold uncertainty cues. `find_hedges` runs over
every sentence (parsed with ``nlp.pipe``, parser and NER off: the stage needs tags only).

* cue level: a predicted cue is correct when it overlaps a gold cue (P over predictions,
  R over gold cues), F1 from those;
* sentence level: a sentence is uncertain iff it holds a cue; P/R/F1 of the uncertain class.

Anchor: CoNLL-2010 Wikipedia weasel task, best sentence-level F1 about 60 (a related, not the
same, task: the gold here marks hedges of every type, conditions and questions included).
"""

from __future__ import annotations

import argparse
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from claimtrace.extract.hedges import find_hedges  # noqa: E402
from claimtrace.nlp import load_pipeline  # noqa: E402

DATA = ROOT.parent / "shared" / "eval" / "hedging"
DEFAULT_FILES = (DATA / "factbank-dev.xml", DATA / "wiki.xml")
ANCHOR = "CoNLL-2010 Wikipedia weasel task best sentence-level F1 ≈ 60"
DISABLED = ("parser", "ner")


@dataclass(frozen=True, slots=True)
class GoldSentence:
    """One sentence's text and its gold cue spans (char offsets into `text`)."""

    text: str
    cues: tuple[tuple[int, int], ...]


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


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def prf(tp_p: int, predicted: int, tp_r: int, gold: int) -> dict[str, float]:
    """Precision, recall and F1 in percent (correct predictions may differ from found gold)."""
    p = 100.0 * tp_p / predicted if predicted else 0.0
    r = 100.0 * tp_r / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 1), "r": round(r, 1), "f1": round(f, 1)}


def score_hedging(path: str | Path, limit: int | None = None) -> dict[str, Any]:
    """Cue-level and sentence-level scores of `find_hedges` on one gold file."""
    gold = list(read_sentences(Path(path)))[:limit]
    nlp = load_pipeline()
    counts = dict.fromkeys(("pred", "pred_ok", "gold", "gold_found", "sp", "sg", "stp"), 0)
    with nlp.select_pipes(disable=[p for p in DISABLED if p in nlp.pipe_names]):
        docs = nlp.pipe((g.text for g in gold), batch_size=256)
        for sentence, doc in zip(gold, docs, strict=True):
            spans = [(h.span.start, h.span.end) for h in find_hedges(doc)]
            _count(counts, spans, sentence.cues)
    return {
        "file": Path(path).name,
        "sentences": len(gold),
        "gold_cues": counts["gold"],
        "predicted_cues": counts["pred"],
        "cue": prf(counts["pred_ok"], counts["pred"], counts["gold_found"], counts["gold"]),
        "sentence": prf(counts["stp"], counts["sp"], counts["stp"], counts["sg"]),
        "anchor": ANCHOR,
    }


def _count(
    counts: dict[str, int], spans: list[tuple[int, int]], cues: tuple[tuple[int, int], ...]
) -> None:
    counts["pred"] += len(spans)
    counts["gold"] += len(cues)
    counts["pred_ok"] += sum(any(_overlaps(s, c) for c in cues) for s in spans)
    counts["gold_found"] += sum(any(_overlaps(s, c) for s in spans) for c in cues)
    counts["sp"] += bool(spans)
    counts["sg"] += bool(cues)
    counts["stp"] += bool(spans) and bool(cues)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=list(DEFAULT_FILES))
    parser.add_argument("--limit", type=int, default=None, help="score the first N sentences")
    args = parser.parse_args(argv)
    for path in args.paths:
        if not path.exists():
            print(f"{path}: not found", file=sys.stderr)
            return 1
        result = score_hedging(path, args.limit)
        cue, sent = result["cue"], result["sentence"]
        print(
            f"{result['file']}: {result['sentences']} sentences, {result['gold_cues']} gold cues, "
            f"{result['predicted_cues']} predicted\n"
            f"  cue      P {cue['p']:5.1f}  R {cue['r']:5.1f}  F1 {cue['f1']:5.1f}\n"
            f"  sentence P {sent['p']:5.1f}  R {sent['r']:5.1f}  F1 {sent['f1']:5.1f}"
            f"   (anchor: {ANCHOR})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
