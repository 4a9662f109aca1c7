"""The optional trained attribution tagger, used on top of the rules when the user has one.

``claimtrace train attribution`` writes two CRF taggers (`attribution_features` says what
they read) to ``<cache>/models/attribution-crf-v1/``; the cache is the one the gazetteer uses
(``$CLAIMTRACE_CACHE``, else ``$XDG_CACHE_HOME/claimtrace``, else ``~/.cache/claimtrace``).
Nothing is shipped: without that folder the analyser is the rule extractor alone.

``$CLAIMTRACE_ATTRIBUTION_MODEL`` chooses: ``off`` (the rules alone), a folder (that model),
or unset/``auto`` (the cache's model when present).

With a model, the rules run first and their output becomes features; the cue tagger then
finds the cues, the role tagger each cue's source and content. A predicted cue that overlaps a
rule cue keeps that attribution's cue, content and source spans, kind and outlet (on PolNeAR
dev the rules' edges are the more exact ones), and a rule cue the model did not find stays
unless the model gave each of its tokens under `KEEP_RULE_CUE` chance of being a cue; other
cues get a source of their own (typed from the source words by `sources.describe`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from ..errors import AttributionModelError, TrainingUnavailable
from ..model import (
    Attribution,
    AttributionKind,
    AttributionResult,
    Cue,
    Document,
    Entity,
    Source,
    SourceType,
    Stance,
    TextSpan,
)
from ..trained import META_FILE, chosen_folder, metadata_stamp, models_dir
from . import attribution_features as feats
from .attribution import extract_attributions
from .attribution_base import cue_lexicon, token_span
from .sources import describe

MODEL_ENV = "CLAIMTRACE_ATTRIBUTION_MODEL"
MODEL_NAME = f"attribution-crf-v{feats.FEATURES_VERSION}"
CUE_FILE, ROLE_FILE = "cue.crfsuite", "role.crfsuite"
# A rule cue the cue tagger did not find stays only if the tagger gave one of its tokens at
# least this chance of being a cue. Chosen on train alone (fitted on the even-numbered texts,
# scored on the odd ones): cue exact F1 68.22 (keep all) -> 68.49 (0.1), 68.53 (0.2), 68.56
# (0.3), 68.23 (0.5). At 0.2 all six figures rose (source exact 71.74 -> 72.24, content exact
# 54.97 -> 55.18); 0.3 did better on cue and source exact only.
KEEP_RULE_CUE = 0.2


def default_model_dir() -> Path:
    """Where `claimtrace train attribution` writes its model."""
    return models_dir() / MODEL_NAME


def model_path(setting: str | None = None) -> Path | None:
    """The model folder to use, or None for the rules alone.

    `setting` (else ``$CLAIMTRACE_ATTRIBUTION_MODEL``): off, auto, or a folder. A named
    folder that holds no model is an error; the default folder may simply be absent (or
    unusable without python-crfsuite)."""
    return chosen_folder(
        setting,
        MODEL_ENV,
        default_model_dir(),
        lambda path: AttributionModelError(
            f"no attribution model in {path} (set {MODEL_ENV}=off for the rules alone)",
            detail={"path": str(path)},
        ),
        usable=lambda: find_spec("pycrfsuite") is not None,
    )


@dataclass(frozen=True, slots=True)
class TrainedTagger:
    """The two CRF taggers of one model folder and its metadata."""

    path: Path
    cue: Any
    role: Any
    metadata: dict[str, Any]


def crfsuite() -> Any:
    """The ``pycrfsuite`` module (the optional ``train`` extra)."""
    try:
        import pycrfsuite  # type: ignore[import-untyped]
    except ImportError as error:
        raise TrainingUnavailable(
            "python-crfsuite is not installed; install claimtrace[train]"
        ) from error
    return pycrfsuite


def load_tagger(path: Path) -> TrainedTagger:
    """Open a model folder (cached per folder and modification time)."""
    return _load(str(path), metadata_stamp(path))


@cache
def _load(folder: str, stamp: int) -> TrainedTagger:
    path = Path(folder)
    module = crfsuite()
    try:
        metadata = json.loads((path / META_FILE).read_text(encoding="utf-8"))
        if metadata.get("features_version") != feats.FEATURES_VERSION:
            raise AttributionModelError(
                f"the model in {path} was trained with features version "
                f"{metadata.get('features_version')}; retrain it with claimtrace train attribution",
                detail={"path": str(path)},
            )
        taggers = []
        for name in (CUE_FILE, ROLE_FILE):
            tagger = module.Tagger()
            tagger.open(str(path / name))
            taggers.append(tagger)
    except (OSError, ValueError) as error:
        raise AttributionModelError(
            f"cannot read the attribution model in {path}: {error}", detail={"path": str(path)}
        ) from error
    return TrainedTagger(path, taggers[0], taggers[1], metadata)


def extract(
    doc: Doc,
    document: Document,
    entities: tuple[Entity, ...],
    *,
    setting: str | None = None,
) -> AttributionResult:
    """The attributions of an article: the rules', refined by the trained model if one is
    in use (`setting` as in `model_path`)."""
    rules = extract_attributions(doc, document, entities)
    path = model_path(setting)
    if path is None:
        return rules
    return refine(doc, rules, load_tagger(path))


# --- tagging -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Triple:
    """One predicted attribution in token ranges."""

    cue: feats.Range
    source: feats.Range | None
    content: feats.Range


@dataclass(frozen=True, slots=True)
class Prediction:
    """The model's attributions, and each token's chance of being part of a cue."""

    triples: tuple[Triple, ...]
    cue_chance: tuple[float, ...]


def predict(doc: Doc, rules: AttributionResult, tagger: TrainedTagger) -> Prediction:
    """Cues from the cue tagger, then each cue's source and content from the role tagger."""
    facts = feats.doc_facts(doc, feats.rule_marks(doc, rules))
    base = [feats.base_features(token, facts) for token in doc]
    cues, chance = predict_cues(doc, tagger.cue, base)
    triples = []
    for cue in cues:
        window = feats.cue_window(doc, cue)
        rows = feats.role_sequence(doc, window, facts, base[window.start : window.end])
        spans = feats.decode(tagger.role.tag(rows), window.start)
        source = feats.longest(spans, feats.SOURCE)
        content = feats.merged_content(spans) or feats.fallback_content(doc, cue, source)
        if content is not None:
            triples.append(Triple(cue, source, content))
    return Prediction(tuple(triples), chance)


def predict_cues(
    doc: Doc, cue_tagger: Any, base: list[list[str]]
) -> tuple[list[feats.Range], tuple[float, ...]]:
    """Every cue the cue tagger finds, sentence by sentence (`base`: every token's
    `base_features`), and each token's marginal chance of being inside a cue."""
    cues: list[feats.Range] = []
    chance: list[float] = []
    inside = [label for label in cue_tagger.labels() if label != feats.OUTSIDE]
    for sent in doc.sents:
        labels = cue_tagger.tag(base[sent.start : sent.end])
        cues.extend(rng for _, rng in feats.decode(labels, sent.start))
        chance.extend(
            sum(cue_tagger.marginal(label, j) for label in inside) for j in range(len(sent))
        )
    return cues, tuple(chance)


# --- merging with the rules' result ----------------------------------------------------------


def refine(doc: Doc, rules: AttributionResult, tagger: TrainedTagger) -> AttributionResult:
    """The model's triples, merged with the rules' result: a rule attribution whose cue the
    model also found gives it its edges (`_attribution`); the rules' other cued attributions
    stay unless the model thought their cue unlikely (`KEEP_RULE_CUE`), and so do their
    cue-less ones (standalone quotations, headlines) where the model found nothing."""
    prediction = predict(doc, rules, tagger)
    sources = list(rules.sources)
    drafts = [_attribution(doc, triple, rules, sources) for triple in prediction.triples]
    found = [(d.cue.span.start, d.cue.span.end) for d in drafts if d.cue is not None]
    drafts += _resumptions(rules, drafts)
    drafts += [
        item
        for item in rules.attributions
        if (item.cue is None and not any(_same_content(item, other) for other in drafts))
        or (
            item.cue is not None
            and not any(_overlaps((item.cue.span.start, item.cue.span.end), c) for c in found)
            and _cue_chance(doc, item.cue, prediction.cue_chance) >= KEEP_RULE_CUE
        )
    ]
    ordered = sorted(drafts, key=lambda a: a.content.start if a.cue is None else a.cue.span.start)
    return AttributionResult(sources=tuple(sources), attributions=_numbered(ordered))


def _cue_chance(doc: Doc, cue: Cue, chance: tuple[float, ...]) -> float:
    """The highest chance the cue tagger gave a token of a rule cue."""
    tokens = feats.token_range(doc, cue.span)
    return max(chance[tokens[0] : tokens[1]]) if tokens is not None else 1.0


def _resumptions(rules: AttributionResult, drafts: list[Attribution]) -> list[Attribution]:
    """The rules' resumed contents ("“A,” she said. “B.”": the one after the cue), each kept
    with the model's attribution of the same cue when the model found that cue."""
    kept = []
    for item in rules.attributions:
        cue = item.cue
        if cue is None or item.content.start < cue.span.end:
            continue
        if not any(o.cue == cue and o.content.end <= cue.span.start for o in rules.attributions):
            continue
        for draft in drafts:
            found = draft.cue
            if found is not None and _overlaps(
                (found.span.start, found.span.end), (cue.span.start, cue.span.end)
            ):
                kept.append(
                    replace(
                        item, source_id=draft.source_id, source_span=draft.source_span, cue=found
                    )
                )
                break
    return kept


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _same_content(a: Attribution, b: Attribution) -> bool:
    return _overlaps((a.content.start, a.content.end), (b.content.start, b.content.end))


def _rule_match(triple: Triple, doc: Doc, rules: AttributionResult) -> Attribution | None:
    start, end = doc[triple.cue[0]].idx, doc[triple.cue[1] - 1].idx + len(doc[triple.cue[1] - 1])
    for item in rules.attributions:
        if item.cue is not None and _overlaps(
            (start, end), (item.cue.span.start, item.cue.span.end)
        ):
            return item
    return None


def _attribution(
    doc: Doc, triple: Triple, rules: AttributionResult, sources: list[Source]
) -> Attribution:
    cue_span = token_span(doc, *triple.cue)
    content = token_span(doc, *triple.content)
    source_span = token_span(doc, *triple.source) if triple.source else None
    match = _rule_match(triple, doc, rules)
    if match is not None and match.cue is not None:
        cue = Cue(match.cue.span, match.cue.lemma, match.cue.stance)
        content = match.content  # on PolNeAR dev the rules' edges are the more exact ones
        source_span = match.source_span or source_span
        source_id = _source_at(sources, source_span) or match.source_id
        return Attribution("", match.kind, source_id, source_span, cue, content, match.via)
    root = feats.cue_head(doc, triple.cue)
    cue = Cue(cue_span, root.lemma_.lower(), _stance(root.lemma_.lower()))
    source_id = _source_at(sources, source_span) or _new_source(doc, triple.source, sources)
    return Attribution("", _kind(doc, triple), source_id, source_span, cue, content)


def _stance(lemma: str) -> Stance:
    lex = cue_lexicon()
    return lex.verbs.get(lemma) or lex.nouns.get(lemma) or Stance.NEUTRAL


def _kind(doc: Doc, triple: Triple) -> AttributionKind:
    first, last = doc[triple.content[0]], doc[triple.content[1] - 1]
    quoted = first.text in "\"“'" or last.text in "\"”'"
    return AttributionKind.DIRECT if quoted else AttributionKind.INDIRECT


def _source_at(sources: list[Source], span: TextSpan | None) -> str | None:
    """The id of a known source with a mention overlapping `span`."""
    if span is None:
        return None
    for source in sources:
        for mention in source.mentions:
            if _overlaps((mention.start, mention.end), (span.start, span.end)):
                return source.id
    return None


def _new_source(doc: Doc, tokens: feats.Range | None, sources: list[Source]) -> str:
    """A source for a mention the rules did not know (vague when there is no mention)."""
    source_id = f"S{len(sources)}"
    if tokens is None:
        sources.append(Source(source_id, "unnamed", SourceType.VAGUE))
        return source_id
    span = doc[tokens[0] : tokens[1]]
    info = describe(span, span.root)
    mention = token_span(doc, *tokens)
    sources.append(
        Source(
            source_id, info.name or mention.text, info.type, (mention,), info.role, info.affiliation
        )
    )
    return source_id


def _numbered(ordered: list[Attribution]) -> tuple[Attribution, ...]:
    """Ids in text order; each attribution's parent is the innermost one whose content
    holds its cue."""
    ids = [f"A{i + 1}" for i in range(len(ordered))]
    out = []
    for i, item in enumerate(ordered):
        point = item.cue.span if item.cue is not None else item.content
        holders = [
            j
            for j, other in enumerate(ordered)
            if j != i and other.content.start <= point.start and point.end <= other.content.end
        ]
        inner = min(
            holders, key=lambda j: ordered[j].content.end - ordered[j].content.start, default=None
        )
        parent = ids[inner] if inner is not None else None
        out.append(
            Attribution(
                ids[i],
                item.kind,
                item.source_id,
                item.source_span,
                item.cue,
                item.content,
                item.via,
                parent,
            )
        )
    return tuple(out)
