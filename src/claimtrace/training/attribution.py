"""``claimtrace train attribution``: fit the CRF attribution taggers on PolNeAR-style data.

The data is a brat folder laid out as PolNeAR's splits are: ``text/<name>.txt`` and
``attributions/<name>_<annotator>.ann`` (``T`` spans Source/Cue/Content, ``E`` Attribution
links). `--data` may name the split itself or a folder holding ``train/``. A folder named
``dev`` is refused: dev is where the model is scored, never what it learns from.

Each text is parsed once; the rule extractor runs on it (its output is a feature); each
annotation file then adds its sentences to the cue tagger's data and each of its
attributions to the role tagger's. Both taggers are written to a temporary folder that
replaces the model folder only when training succeeded.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from ..errors import DevSplitRefused, TrainingDataNotFound
from ..evaluation.attribution import Fragments, annotation_files, parse_fragments
from ..evaluation.common import fingerprint, progress
from ..extract import attribution_features as feats
from ..extract import attribution_model as model
from ..extract.attribution import extract_attributions
from ..model import AttributionResult, Document, TextSpan
from ..trained import META_FILE, replaced_folder

REFUSED_SPLITS = frozenset({"dev"})
DEFAULT_SPLIT = "train"
CRF_PARAMS: dict[str, Any] = {
    # L1 of 1.0 rather than 0.05: fitted on half of train and scored on the other half, cue
    # exact F1 66.13 -> 67.65, role source exact 80.85 -> 81.86, content exact 58.23 -> 60.82
    "c1": 1.0,
    "c2": 0.01,
    "max_iterations": 200,
    "feature.possible_transitions": True,
}


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """One annotated attribution: character fragments of its cue, source and content."""

    cue: Fragments
    source: Fragments | None
    content: Fragments


@dataclass(frozen=True, slots=True)
class TrainingReport:
    """What one training run did and where the model went."""

    path: Path
    texts: int
    annotation_files: int
    attributions: int
    seconds: float
    metadata: dict[str, Any]


def parse_links(lines: list[str]) -> list[GoldAttribution]:
    """The attributions of one brat file: ``E`` lines joined to the ``T`` spans they name."""
    spans: dict[str, Fragments] = {}
    for line in lines:
        parts = line.rstrip("\n").split("\t")
        if len(parts) >= 2 and parts[0].startswith("T"):
            _, _, offsets = parts[1].partition(" ")
            if offsets:
                spans[parts[0]] = parse_fragments(offsets)
    found = []
    for line in lines:
        parts = line.rstrip("\n").split("\t")
        if len(parts) < 2 or not parts[0].startswith("E"):
            continue
        args = dict(arg.split(":", 1) for arg in parts[1].split()[1:] if ":" in arg)
        cue, content = spans.get(args.get("Cue", "")), spans.get(args.get("Content", ""))
        if cue is not None and content is not None:
            found.append(GoldAttribution(cue, spans.get(args.get("Source", "")), content))
    return found


def resolve_split(data: Path) -> tuple[Path, str]:
    """(folder holding the split, split name) for `--data`; refuses dev and odd layouts."""
    if not data.is_dir():
        raise TrainingDataNotFound(f"training data folder not found: {data}", detail=_at(data))
    if _is_split(data):
        root, split = data.resolve().parent, data.resolve().name
    elif _is_split(data / DEFAULT_SPLIT):
        root, split = data, DEFAULT_SPLIT
    else:
        raise TrainingDataNotFound(
            f"{data} holds neither text/ and attributions/ nor a train/ folder with them",
            detail=_at(data),
        )
    if split.lower() in REFUSED_SPLITS:
        raise DevSplitRefused(
            f"refusing to train on {data}: dev is for scoring only; give the train split",
            detail=_at(data),
        )
    return root, split


def _is_split(folder: Path) -> bool:
    return (folder / "text").is_dir() and (folder / "attributions").is_dir()


def _at(path: Path) -> dict[str, Any]:
    return {"path": str(path)}


def document_for(text: str) -> Document:
    """The Document of a PolNeAR text: its first line is the headline."""
    title = text.split("\n", 1)[0]
    return Document(text=text, title=title, title_span=TextSpan(0, len(title), title))


def _ranges(doc: Doc, fragments: Fragments) -> list[feats.Range]:
    ranges = []
    for start, end in fragments:
        rng = feats.token_range(doc, TextSpan(start, end, ""))
        if rng is not None:
            ranges.append(rng)
    return ranges


def examples(
    doc: Doc, facts: feats.DocFacts, gold: list[GoldAttribution]
) -> Iterator[tuple[str, list[list[str]], list[str]]]:
    """("cue" or "role", features, labels) for every sentence and every gold attribution."""
    base = [feats.base_features(token, facts) for token in doc]
    cue_spans = [(feats.CUE, rng) for item in gold for rng in _ranges(doc, item.cue)]
    for sent in doc.sents:
        labels = feats.encode(len(sent), cue_spans, sent.start)
        yield "cue", base[sent.start : sent.end], labels
    for item in gold:
        cue_ranges = _ranges(doc, item.cue)
        if not cue_ranges:
            continue
        cue = (cue_ranges[0][0], cue_ranges[-1][1])
        window = feats.cue_window(doc, cue)
        roles = [(feats.SOURCE, rng) for rng in _ranges(doc, item.source or ())]
        roles += [(feats.CONTENT, rng) for rng in _ranges(doc, item.content)]
        rows = feats.role_sequence(doc, window, facts, base[window.start : window.end])
        yield "role", rows, feats.encode(window.end - window.start, roles, window.start)


def train_attribution(
    data: Path,
    *,
    out: Path | None = None,
    limit: int | None = None,
    nlp: Any = None,
    params: dict[str, Any] | None = None,
) -> TrainingReport:
    """Fit both taggers on the split under `data` and write them to `out` (default: the
    cache's model folder)."""
    root, split = resolve_split(data)
    target = out or model.default_model_dir()
    module = model.crfsuite()
    started = time.perf_counter()
    trainers = {name: _trainer(module, params) for name in ("cue", "role")}
    counts = _fill(trainers, root, split, limit, nlp)
    with replaced_folder(target) as staging:
        for name, file_name in (("cue", model.CUE_FILE), ("role", model.ROLE_FILE)):
            _fit(trainers[name], staging / file_name, f"training the {name} tagger")
        seconds = round(time.perf_counter() - started, 1)
        metadata = {
            "model": model.MODEL_NAME,
            "features_version": feats.FEATURES_VERSION,
            "split": split,
            "data_fingerprint": fingerprint(root / split),
            "crf_params": {**CRF_PARAMS, **(params or {})},
            **counts,
            "seconds": seconds,
        }
        (staging / META_FILE).write_text(json.dumps(metadata, indent=2) + "\n", "utf-8")
    return TrainingReport(
        target,
        counts["texts"],
        counts["annotation_files"],
        counts["attributions"],
        seconds,
        metadata,
    )


def _trainer(module: Any, params: dict[str, Any] | None) -> Any:
    trainer = _quiet_trainer(module)(verbose=False, algorithm="lbfgs")
    trainer.set_params({**CRF_PARAMS, **(params or {})})
    return trainer


@cache
def _quiet_trainer(module: Any) -> Any:
    """A crfsuite Trainer that prints nothing and calls its ``step`` after each iteration."""

    class QuietTrainer(module.Trainer):  # type: ignore[misc]
        step: Callable[[], None] = staticmethod(lambda: None)

        def message(self, message: str) -> None:
            if self.logparser.feed(message) == "iteration":
                self.step()

    return QuietTrainer


def _fill(
    trainers: dict[str, Any], root: Path, split: str, limit: int | None, nlp: Any
) -> dict[str, int]:
    """Parse every text, run the rules on it and append its sequences to the trainers."""
    from ..nlp import load_pipeline

    grouped = annotation_files(root, split)
    names = list(grouped)[:limit] if limit is not None else list(grouped)
    if not names:
        raise TrainingDataNotFound(
            f"no annotation files in {root / split / 'attributions'}", detail=_at(root / split)
        )
    texts = [(root / split / "text" / f"{name}.txt").read_text(encoding="utf-8") for name in names]
    pipeline = nlp if nlp is not None else load_pipeline()
    docs = pipeline.pipe(texts, batch_size=32)
    counts = {"texts": len(names), "annotation_files": 0, "attributions": 0}
    for name, text, doc in progress(zip(names, texts, docs, strict=True), len(names), "parsing"):
        rules = _rules(doc, text)
        facts = feats.doc_facts(doc, feats.rule_marks(doc, rules))
        for path in grouped[name]:
            gold = parse_links(path.read_text(encoding="utf-8").splitlines())
            counts["annotation_files"] += 1
            counts["attributions"] += len(gold)
            for kind, rows, labels in examples(doc, facts, gold):
                trainers[kind].append(rows, labels)
    return counts


def _rules(doc: Doc, text: str) -> AttributionResult:
    """The rule extractor's result; nothing (so no rule features) when it fails on a text."""
    try:
        return extract_attributions(doc, document_for(text), ())
    except Exception:  # one text the rules cannot handle must not stop training
        return AttributionResult(sources=(), attributions=())


def _fit(trainer: Any, path: Path, label: str) -> None:
    """Train one tagger, with a progress bar over L-BFGS iterations on a terminal."""
    total = int(trainer.get("max_iterations"))
    with _iteration_bar(label, total) as step:
        trainer.step = step
        trainer.train(str(path))


class _iteration_bar:
    """A rich progress bar when stderr is a terminal; a no-op otherwise."""

    def __init__(self, label: str, total: int) -> None:
        self.label, self.total = label, total
        self.bar: Any = None

    def __enter__(self) -> Callable[[], None]:
        if not sys.stderr.isatty():
            return lambda: None
        from rich.console import Console
        from rich.progress import Progress

        self.bar = Progress(console=Console(stderr=True), transient=True)
        self.bar.start()
        task = self.bar.add_task(self.label, total=self.total)
        return lambda: self.bar.advance(task)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()
