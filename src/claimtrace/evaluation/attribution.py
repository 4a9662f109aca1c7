"""Attribution on PolNeAR (brat stand-off), beside the published BBC Citron figures.

Data: ``polnear/`` with ``<split>/text/<name>.txt`` and ``<split>/attributions/<name>_<x>.ann``.
Every annotation file counts as one scored document: a text annotated twice is scored against
each file (its predictions are counted once per file). For each role (Cue, Source, Content)
exact-span and overlap precision, recall and F1 are reported; overlap matches are one-to-one
(greedy, largest overlap first). Gold spans may be discontinuous ("12 20;30 41"); a prediction
matches exactly only when every fragment agrees (the contents of attributions that share a cue
are one prediction's fragments). The text's first line is its headline, so it
is passed as the Document's title span.

PolNeAR annotates no nested attributions: its guidelines ("No nested attributions") keep only
the outermost one, so "Ana said that Ben claimed the vote was rigged" has one attribution,
Ana's. The extractor keeps nested ones (they are the attribution chain), so before scoring,
an attribution whose cue (or, without a cue, whose content) lies inside another attribution's
content is left out (`as_annotated`). How many were left out, and the figures with them
scored too, are reported in ``details``.

The figures are the rule extractor's (the floors gate those). Beside them stands how far
PolNeAR's own annotators agree: on every text of the scored split and of ``train`` that several
people annotated, each file is scored as a prediction against each other file
(``annotator_agreement``); a system cannot be expected to agree with the gold more often
than its annotators agree with each other. The rules' figures on the scored split's texts
that several people annotated stand beside that, as a comparison on the same texts. When a
trained model is in use (``claimtrace train attribution``; ``$CLAIMTRACE_ATTRIBUTION_MODEL``),
its figures are reported beside them as a same-run baseline, ``details.baselines``.

Figures: ``{exact,overlap}.{cue,source,content}.f1`` in percent.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .common import prf as _prf
from .common import progress, require_paths, suite_result

NAME = "attribution"
ROLES = ("Cue", "Source", "Content")
MODES = ("exact", "overlap")
ANCHORS: dict[str, dict[str, float]] = {
    "BBC Citron (PARC 3.0 test)": {
        "exact.cue.f1": 82.3,
        "exact.source.f1": 82.0,
        "exact.content.f1": 59.3,
        "overlap.content.f1": 83.3,
    },
}

Fragments = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class GoldSpan:
    """One gold Source, Cue or Content span."""

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
        """Add another document's counts to these."""
        self.tp += other.tp
        self.predicted += other.predicted
        self.gold += other.gold

    def scores(self) -> dict[str, float]:
        """Precision, recall and F1 in percent."""
        return _prf(self.tp, self.predicted, self.gold).percent()

    def as_dict(self) -> dict[str, int]:
        """The raw counts for JSON."""
        return {"tp": self.tp, "predicted": self.predicted, "gold": self.gold}


def _empty_counts() -> dict[tuple[str, str], Counts]:
    return {(mode, role): Counts() for mode in MODES for role in ROLES}


@dataclass(slots=True)
class Tally:
    """Counts per (mode, role)."""

    counts: dict[tuple[str, str], Counts] = field(default_factory=_empty_counts)

    def add(self, other: Tally) -> None:
        """Add another tally's counts to these."""
        for key, counts in other.counts.items():
            self.counts[key].add(counts)


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
            text = parts[2] if len(parts) > 2 else ""
            spans.append(GoldSpan(role, parse_fragments(offsets), text))
    return spans


def overlap(a: Fragments, b: Fragments) -> int:
    """Characters shared by two (possibly discontinuous) spans."""
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def match(predicted: list[Fragments], gold: list[Fragments]) -> tuple[int, int]:
    """(exact matches, one-to-one overlap matches) between predicted and gold spans."""
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
    return _exact_count(predicted, gold), len(used_p)


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
    """Cue, Source and Content spans of an AttributionResult (unique per role).

    Attributions that share a cue are one statement resumed after it ("“A,” she said. “B.”"):
    their contents are the fragments of one discontinuous Content span, as annotated."""
    spans: dict[str, set[Fragments]] = {role: set() for role in ROLES}
    pieces: dict[object, set[tuple[int, int]]] = {}
    for index, attribution in enumerate(result.attributions):
        cue = attribution.cue
        key = (cue.span.start, cue.span.end) if cue is not None else index
        pieces.setdefault(key, set()).add((attribution.content.start, attribution.content.end))
        if cue is not None:
            spans["Cue"].add(((cue.span.start, cue.span.end),))
        if attribution.source_span is not None:
            source = attribution.source_span
            spans["Source"].add(((source.start, source.end),))
    spans["Content"] = {tuple(sorted(found)) for found in pieces.values()}
    return {role: sorted(found) for role, found in spans.items()}


def as_annotated(result: Any) -> Any:
    """`result` without its nested attributions, as PolNeAR annotates: one whose cue (or,
    without a cue, whose content) lies inside the content of another is left out. The
    pieces of one statement resumed after its cue share that cue and are never nested."""
    attributions = result.attributions
    kept = tuple(item for item in attributions if not _nested(item, attributions))
    return replace(result, attributions=kept)


def _nested(item: Any, attributions: Iterable[Any]) -> bool:
    """Whether `item`'s cue (else its content) lies inside another attribution's content."""
    point = item.cue.span if item.cue is not None else item.content
    for other in attributions:
        if other is item or (item.cue is not None and other.cue == item.cue):
            continue
        outer = other.content
        same = (outer.start, outer.end) == (item.content.start, item.content.end)
        if not same and outer.start <= point.start and point.end <= outer.end:
            return True
    return False


def annotation_files(data_dir: Path, split: str) -> dict[str, list[Path]]:
    """Text name -> its annotation files (``<textname>_<annotator>.ann``)."""
    grouped: dict[str, list[Path]] = {}
    for path in sorted((data_dir / split / "attributions").glob("*.ann")):
        grouped.setdefault(path.stem.rsplit("_", 1)[0], []).append(path)
    return grouped


def _predict(text: str, doc: Any, tagger: Any = None) -> tuple[Any, Any]:
    """The rules' result, and the trained model's (None without `tagger`)."""
    from ..extract.attribution import extract_attributions
    from ..extract.attribution_model import refine
    from ..model import Document, TextSpan

    title = text.split("\n", 1)[0]
    document = Document(text=text, title=title, title_span=TextSpan(0, len(title), title))
    rules = extract_attributions(doc, document, ())
    return rules, (refine(doc, rules, tagger) if tagger is not None else None)


def _trained_tagger() -> Any:
    """The trained model in use ($CLAIMTRACE_ATTRIBUTION_MODEL, else the cache's), or None."""
    from ..extract import attribution_model

    path = attribution_model.model_path()
    return attribution_model.load_tagger(path) if path is not None else None


def _score_against(predicted: dict[str, list[Fragments]], golds: list[list[GoldSpan]]) -> Tally:
    """Counts for one text's predictions against each of its annotation files."""
    total = Tally()
    for gold in golds:
        total.add(score_document(predicted, gold))
    return total


@dataclass(slots=True)
class SplitScores:
    """Tallies of one run over a split: the rules as PolNeAR annotates (gated), the rules
    with nested attributions scored too, the rules on the texts annotated more than once
    (beside the annotators' agreement there), and the trained model."""

    rules: Tally = field(default_factory=Tally)
    nested: Tally = field(default_factory=Tally)
    shared: Tally = field(default_factory=Tally)
    trained: Tally = field(default_factory=Tally)
    nested_left_out: int = 0
    shared_texts: int = 0

    def add(self, rules: Any, refined: Any, paths: list[Path]) -> None:
        """Score one text's predictions against its annotation files (each read once)."""
        golds = [parse_ann(path.read_text(encoding="utf-8").splitlines()) for path in paths]
        annotated = as_annotated(rules)
        self.nested_left_out += len(rules.attributions) - len(annotated.attributions)
        scored = _score_against(predicted_spans(annotated), golds)
        self.rules.add(scored)
        self.nested.add(_score_against(predicted_spans(rules), golds))
        if len(golds) > 1:
            self.shared.add(scored)
            self.shared_texts += 1
        if refined is not None:
            self.trained.add(_score_against(predicted_spans(as_annotated(refined)), golds))

    def baselines(self) -> dict[str, dict[str, float]]:
        """The untrained same-run baselines, by name."""
        found = {"rules, nested attributions scored too": figures_of(self.nested)}
        if self.shared_texts:
            plural = "" if self.shared_texts == 1 else "s"
            name = f"rules on the {self.shared_texts} text{plural} annotated more than once"
            found[name] = figures_of(self.shared)
        return found


def score_split(data: Path, split: str, limit: int | None = None) -> tuple[Tally, dict[str, Any]]:
    """Run the extractor over one split; return its tally and run facts (texts, files, time)."""
    from ..nlp import load_pipeline

    grouped = annotation_files(data, split)
    names = list(grouped)[:limit] if limit is not None else list(grouped)
    texts = [(data / split / "text" / f"{name}.txt").read_text(encoding="utf-8") for name in names]
    nlp = load_pipeline()
    tagger = _trained_tagger()
    scores = SplitScores()
    started = time.perf_counter()
    docs = nlp.pipe(texts, batch_size=32)
    for name, text, doc in progress(zip(names, texts, docs, strict=True), len(names), NAME):
        scores.add(*_predict(text, doc, tagger), grouped[name])
    facts: dict[str, Any] = {
        "split": split,
        "texts": len(names),
        "annotation_files": sum(len(grouped[name]) for name in names),
        "seconds": round(time.perf_counter() - started, 2),
        "nested_left_out": scores.nested_left_out,
    }
    baselines = {**scores.baselines(), **agreement_baselines(data, split)}
    if tagger is not None:
        facts["trained_model"] = str(tagger.path)
        baselines = {f"trained {tagger.path.name}": figures_of(scores.trained), **baselines}
    facts["baselines"] = baselines
    return scores.rules, facts


def annotator_agreement(data: Path, split: str) -> tuple[int, Tally]:
    """Pairwise agreement on the texts of `split` annotated more than once: (texts, counts
    with every file scored against every other file of its text)."""
    total, texts = Tally(), 0
    for paths in annotation_files(data, split).values():
        if len(paths) < 2:
            continue
        texts += 1
        spans = [parse_ann(path.read_text(encoding="utf-8").splitlines()) for path in paths]
        for predicted, gold in itertools.permutations(spans, 2):
            as_predicted = {
                role: [g.fragments for g in predicted if g.role == role] for role in ROLES
            }
            total.add(score_document(as_predicted, gold))
    return texts, total


def agreement_baselines(data: Path, split: str) -> dict[str, dict[str, float]]:
    """Annotator agreement of the scored split and of train (when present), as baselines."""
    found: dict[str, dict[str, float]] = {}
    for name in dict.fromkeys((split, "train")):
        if not (data / name / "attributions").is_dir():
            continue
        texts, total = annotator_agreement(data, name)
        if texts:
            plural = "" if texts == 1 else "s"
            found[f"PolNeAR annotators, pairwise ({name}, {texts} text{plural})"] = figures_of(
                total
            )
    return found


def figures_of(total: Tally) -> dict[str, float]:
    """The F1 of every (mode, role), keyed ``mode.role.f1``."""
    return {
        f"{mode}.{role.lower()}.f1": total.counts[(mode, role)].scores()["f1"]
        for mode in MODES
        for role in ROLES
    }


def run(data: Path, *, limit: int | None = None, split: str = "dev") -> dict[str, Any]:
    """Score attribution on one PolNeAR split (dev by default) under `data`."""
    require_paths(data, f"{split}/text", f"{split}/attributions")
    total, facts = score_split(data, split, limit)
    details = {
        **facts,
        "note": "the anchor is measured on PARC 3.0, not PolNeAR",
        "scores": {
            f"{mode}.{role.lower()}": total.counts[(mode, role)].scores()
            for mode in MODES
            for role in ROLES
        },
        "counts": {
            f"{mode}.{role.lower()}": total.counts[(mode, role)].as_dict()
            for mode in MODES
            for role in ROLES
        },
    }
    return suite_result(NAME, data, facts["annotation_files"], figures_of(total), ANCHORS, details)
