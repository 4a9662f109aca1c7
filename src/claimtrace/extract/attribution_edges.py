"""Cue boundaries as attribution annotators draw them, applied after the cues are found.

A reporting verb's cue grows to take in, when they touch it:

* the auxiliary it is separated from by "both", "all" or "since" ("have both argued",
  "has since said");
* the verb whose complement it is ("began by saying", "kept asking");
* a manner or time adverb right after it ("said sarcastically", "wrote recently").

The words come from ``lexicons/cue_edges.toml``. A cue never grows into its own source or
content, nor into another attribution's cue.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Token

from .. import lexicons
from ..model import Cue, TextSpan
from .attribution_base import Context, Found, char_span

LEXICON = "cue_edges"
AUXILIARIES = frozenset({"aux", "auxpass"})
COMPLEMENTS = frozenset({"xcomp", "pcomp"})


@dataclass(frozen=True, slots=True)
class EdgeLexicon:
    """The words that may join a cue at its edges."""

    manner: frozenset[str]
    excluded: frozenset[str]
    between: frozenset[str]
    gap: int
    matrix: frozenset[str]
    matrix_preps: frozenset[str]


@cache
def edge_lexicon() -> EdgeLexicon:
    """Load ``cue_edges.toml`` once."""
    data = lexicons.load(LEXICON)
    return EdgeLexicon(
        manner=frozenset(data["manner"]["adverbs"]),
        excluded=frozenset(data["manner"]["excluded"]),
        between=frozenset(data["group"]["between"]),
        gap=int(data["group"]["gap"]),
        matrix=frozenset(data["matrix"]["verbs"]),
        matrix_preps=frozenset(data["matrix"]["prepositions"]),
    )


def widen_cues(ctx: Context) -> None:
    """Rewrite every verb cue of `ctx.found` to its annotated extent (see module doc)."""
    spans: dict[tuple[int, int], list[Found]] = {}
    for item in ctx.found:
        if item.cue is not None:
            spans.setdefault((item.cue.span.start, item.cue.span.end), []).append(item)
    taken = sorted(spans)
    for (start, end), items in spans.items():
        wider = cue_extent(ctx.doc, start, end)
        if wider == (start, end) or not _free(wider, (start, end), items, taken):
            continue
        for item in items:
            cue = item.cue
            assert cue is not None
            item.cue = Cue(char_span(ctx.text, *wider), cue.lemma, cue.stance)


def cue_extent(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The character extent of the cue at [start, end) after its edges are added."""
    tokens = doc.char_span(start, end, alignment_mode="expand")
    if tokens is None or len(tokens) == 0:
        return start, end
    verbs = [t for t in tokens if t.pos_ in {"VERB", "AUX"}]
    if not verbs:
        return start, end
    lex = edge_lexicon()
    first, last = tokens.start, tokens.end
    first = _left_edge(doc, verbs[0], first, lex)
    last = _right_edge(doc, verbs[-1], last, lex)
    new_start = min(start, doc[first].idx)
    new_end = max(end, doc[last - 1].idx + len(doc[last - 1].text))
    return new_start, new_end


def _left_edge(doc: Doc, verb: Token, first: int, lex: EdgeLexicon) -> int:
    """The first token of the cue once its auxiliary or governing verb is added."""
    if verb.i != first:
        return first
    matrix = _matrix(doc, verb, lex)
    if matrix is not None:
        return matrix
    aux = _split_auxiliary(doc, verb, first, lex)
    return first if aux is None else aux


def _split_auxiliary(doc: Doc, verb: Token, first: int, lex: EdgeLexicon) -> int | None:
    """ "have both argued": an auxiliary of the verb a word or two before the cue."""
    auxiliaries = [c for c in verb.lefts if c.dep_ in AUXILIARIES and c.i < first]
    if not auxiliaries:
        return None
    aux = auxiliaries[-1]
    gap = doc[aux.i + 1 : first]
    if not 0 < len(gap) <= lex.gap or any(t.lower_ not in lex.between for t in gap):
        return None
    return min(a.i for a in auxiliaries if first - a.i <= lex.gap + len(auxiliaries))


def _matrix(doc: Doc, verb: Token, lex: EdgeLexicon) -> int | None:
    """ "began by saying", "kept asking": the governing verb right before the cue."""
    head = verb.head
    link: Token | None = None
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ in lex.matrix_preps:
        link, head = head, head.head
    elif verb.dep_ not in COMPLEMENTS:
        return None
    if head.lemma_.lower() not in lex.matrix or head.pos_ != "VERB":
        return None
    expected = (link.i if link is not None else verb.i) - 1
    if head.i != expected or (link is not None and link.i != verb.i - 1):
        return None
    return head.i


def _right_edge(doc: Doc, verb: Token, last: int, lex: EdgeLexicon) -> int:
    """The end of the cue once a manner or time adverb right after it is added."""
    if last >= len(doc):
        return last
    word = doc[last]
    lower = word.lower_
    if word.dep_ != "advmod" or word.head != verb or word.pos_ != "ADV" or lower in lex.excluded:
        return last
    if any(True for _ in word.children):
        return last
    if lower.endswith("ly") or lower in lex.manner:
        return last + 1
    return last


def _free(
    wider: tuple[int, int],
    old: tuple[int, int],
    items: list[Found],
    taken: list[tuple[int, int]],
) -> bool:
    """Whether the wider cue stays clear of its sources and contents and of other cues."""
    for item in items:
        spans: list[TextSpan | None] = [item.content, item.source_span]
        if any(s is not None and s.start < wider[1] and wider[0] < s.end for s in spans):
            return False
    return not any(span != old and span[0] < wider[1] and wider[0] < span[1] for span in taken)
