"""Score claimtrace attribution on PolNeAR (brat stand-off) beside the Citron anchors.

    python eval/polnear.py --data ../shared/eval/polnear --split dev [--limit N] [--out PATH]

Every annotation file counts as one scored document: a text with annotation files from two
annotators is scored against each of them (its predictions are counted once per file).
For each role (Cue, Source, Content) it reports exact-span and overlap precision, recall and
F1; overlap matches are one-to-one (greedy, largest overlap first). Gold spans may be
discontinuous ("12 20;30 41"); a prediction matches exactly only when every fragment agrees.
The text's first line is its headline, so it is passed as the Document's title span.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROLES = ("Cue", "Source", "Content")
CITRON = {  # BBC Citron on PARC 3.0 test (exact F1; overlap only published for content)
    ("exact", "Cue"): 82.3,
    ("exact", "Source"): 82.0,
    ("exact", "Content"): 59.3,
    ("overlap", "Content"): 83.3,
}
DEFAULT_OUT = Path(__file__).resolve().parent / "results" / "polnear-dev.json"

Fragments = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class GoldSpan:
    role: str
    fragments: Fragments
    text: str


@dataclass(slots=True)
class Counts:
    """True positives, predicted and gold totals for one role and one matching mode."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.predicted += other.predicted
        self.gold += other.gold

    def scores(self) -> dict[str, float]:
        precision = self.tp / self.predicted if self.predicted else 0.0
        recall = self.tp / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "precision": round(100 * precision, 1),
            "recall": round(100 * recall, 1),
            "f1": round(100 * f1, 1),
        }


@dataclass(slots=True)
class Tally:
    counts: dict[tuple[str, str], Counts] = field(
        default_factory=lambda: {(m, r): Counts() for m in ("exact", "overlap") for r in ROLES}
    )


def parse_fragments(field_text: str) -> Fragments:
    """ "12 20;30 41" -> ((12, 20), (30, 41))."""
    pieces = []
    for piece in field_text.split(";"):
        start, end = piece.split()
        pieces.append((int(start), int(end)))
    return tuple(pieces)


def parse_ann(lines: Iterable[str]) -> list[GoldSpan]:
    """The Source/Cue/Content text-bound annotations of one brat file."""
    spans: list[GoldSpan] = []
    for line in lines:
        parts = line.rstrip("\n").split("\t")
        if len(parts) < 2 or not parts[0].startswith("T"):
            continue
        role, _, offsets = parts[1].partition(" ")
        if role in ROLES and offsets:
            spans.append(
                GoldSpan(role, parse_fragments(offsets), parts[2] if len(parts) > 2 else "")
            )
    return spans


def _length(fragments: Fragments) -> int:
    return sum(end - start for start, end in fragments)


def overlap(a: Fragments, b: Fragments) -> int:
    """Characters shared by two (possibly discontinuous) spans."""
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def match(predicted: list[Fragments], gold: list[Fragments]) -> tuple[int, int]:
    """(exact matches, one-to-one overlap matches) between predicted and gold spans."""
    exact = _exact_count(predicted, gold)
    pairs = sorted(
        ((overlap(p, g), i, j) for i, p in enumerate(predicted) for j, g in enumerate(gold)),
        reverse=True,
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    for shared, i, j in pairs:
        if shared <= 0:
            break
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
    return exact, len(used_p)


def _exact_count(predicted: list[Fragments], gold: list[Fragments]) -> int:
    """One-to-one exact matches (a span predicted twice matches one gold span once)."""
    remaining: dict[Fragments, int] = {}
    for span in gold:
        remaining[span] = remaining.get(span, 0) + 1
    found = 0
    for span in predicted:
        if remaining.get(span, 0) > 0:
            remaining[span] -= 1
            found += 1
    return found


def score_document(predicted: dict[str, list[Fragments]], gold: list[GoldSpan]) -> Tally:
    """Counts for one annotation file."""
    tally = Tally()
    for role in ROLES:
        pred = predicted.get(role, [])
        gold_role = [g.fragments for g in gold if g.role == role]
        exact, over = match(pred, gold_role)
        for mode, tp in (("exact", exact), ("overlap", over)):
            tally.counts[(mode, role)].add(Counts(tp, len(pred), len(gold_role)))
    return tally


def predicted_spans(result: Any) -> dict[str, list[Fragments]]:
    """Cue, Source and Content spans of an AttributionResult (unique per role)."""
    spans: dict[str, set[Fragments]] = {role: set() for role in ROLES}
    for attribution in result.attributions:
        spans["Content"].add(((attribution.content.start, attribution.content.end),))
        if attribution.cue is not None:
            spans["Cue"].add(((attribution.cue.span.start, attribution.cue.span.end),))
        if attribution.source_span is not None:
            source = attribution.source_span
            spans["Source"].add(((source.start, source.end),))
    return {role: sorted(found) for role, found in spans.items()}


def annotation_files(data_dir: Path, split: str) -> dict[str, list[Path]]:
    """Text name -> its annotation files (``<textname>_<annotator>.ann``)."""
    grouped: dict[str, list[Path]] = {}
    for path in sorted((data_dir / split / "attributions").glob("*.ann")):
        grouped.setdefault(path.stem.rsplit("_", 1)[0], []).append(path)
    return grouped


def score_polnear(data_dir: str | Path, split: str, limit: int | None = None) -> dict[str, Any]:
    """Run the extractor over a PolNeAR split and return scores, timings and anchors."""
    from claimtrace.extract.attribution import extract_attributions
    from claimtrace.model import Document, TextSpan
    from claimtrace.nlp import load_pipeline

    data = Path(data_dir)
    grouped = annotation_files(data, split)
    names = list(grouped)[:limit] if limit else list(grouped)
    texts = [(data / split / "text" / f"{name}.txt").read_text(encoding="utf-8") for name in names]
    nlp = load_pipeline()
    started = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=32))
    parse_s = time.perf_counter() - started
    total = Tally()
    stage_s = 0.0
    for name, text, doc in zip(names, texts, docs, strict=True):
        title = text.split("\n", 1)[0]
        document = Document(text=text, title=title, title_span=TextSpan(0, len(title), title))
        started = time.perf_counter()
        result = extract_attributions(doc, document, ())
        stage_s += time.perf_counter() - started
        predicted = predicted_spans(result)
        for path in grouped[name]:
            gold = parse_ann(path.read_text(encoding="utf-8").splitlines())
            tally = score_document(predicted, gold)
            for key, counts in tally.counts.items():
                total.counts[key].add(counts)
    return _summary(split, names, grouped, total, parse_s, stage_s)


def _summary(
    split: str,
    names: list[str],
    grouped: dict[str, list[Path]],
    total: Tally,
    parse_s: float,
    stage_s: float,
) -> dict[str, Any]:
    scores = {
        mode: {role: total.counts[(mode, role)].scores() for role in ROLES}
        for mode in ("exact", "overlap")
    }
    counts = {
        f"{mode}/{role}": vars_of(total.counts[(mode, role)])
        for mode in ("exact", "overlap")
        for role in ROLES
    }
    return {
        "split": split,
        "texts": len(names),
        "annotation_files": sum(len(grouped[n]) for n in names),
        "scores": scores,
        "counts": counts,
        "citron_parc3_test": {f"{m}/{r}": v for (m, r), v in CITRON.items()},
        "timing": {
            "parse_s": round(parse_s, 3),
            "attribution_s": round(stage_s, 3),
            "attribution_vs_parse": round(stage_s / parse_s, 4) if parse_s else None,
        },
    }


def vars_of(counts: Counts) -> dict[str, int]:
    return {"tp": counts.tp, "predicted": counts.predicted, "gold": counts.gold}


def table(result: dict[str, Any]) -> str:
    """A plain-text table of the scores with the Citron anchors beside them."""
    files = result["annotation_files"]
    lines = [f"PolNeAR {result['split']}: {result['texts']} texts, {files} annotation files"]
    lines.append(f"{'mode':8} {'role':8} {'P':>6} {'R':>6} {'F1':>6}   Citron F1 (PARC3 test)")
    for mode in ("exact", "overlap"):
        for role in ROLES:
            s = result["scores"][mode][role]
            anchor = CITRON.get((mode, role))
            ref = f"{anchor:.1f}" if anchor is not None else "-"
            lines.append(
                f"{mode:8} {role:8} {s['precision']:6.1f} {s['recall']:6.1f} {s['f1']:6.1f}   {ref}"
            )
    timing = result["timing"]
    lines.append(
        f"parse {timing['parse_s']}s, attribution {timing['attribution_s']}s "
        f"({100 * (timing['attribution_vs_parse'] or 0):.1f}% of parsing)"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default="../shared/eval/polnear", help="PolNeAR folder")
    parser.add_argument("--split", default="dev", choices=("dev", "train"))
    parser.add_argument("--limit", type=int, default=None, help="score only the first N texts")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="JSON result file")
    args = parser.parse_args(argv)
    if not (Path(args.data) / args.split / "attributions").is_dir():
        print(f"no PolNeAR {args.split} split under {args.data}", file=sys.stderr)
        return 2
    result = score_polnear(args.data, args.split, args.limit)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
