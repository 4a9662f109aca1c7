"""Content and source boundaries as attribution annotators draw them, once every cue is found.

A content that is a noun phrase, not a clause ("criticized the new plan, which ..."), ends
before a description the writer adds after a comma about its last words: a relative clause
("the plan, which passed in May") or an apposition ("Jane Roe, a former adviser"). The
description is the writer's, not part of what was said or referred to. Contents holding
quotation marks are kept whole. No content ends on a conjunction left hanging ("she is
honest, and"), and no source starts on a focusing adverb ("even his allies"), while the
dash closing an aside in a source joins it ("Ann Roe — a teacher — says"). The words
come from ``lexicons/content_edges.toml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span, Token

from .. import lexicons
from .attribution_base import Context, char_span

LEXICON = "content_edges"
QUOTE_MARKS = ('"', "“", "”", "''", "``")
CLAUSE_ROOTS = frozenset({"VERB", "AUX"})


@dataclass(frozen=True, slots=True)
class ContentLexicon:
    """The words that open a description a nominal content stops before."""

    relatives: frozenset[str]
    determiners: frozenset[str]
    conjunctions: frozenset[str]
    leading: frozenset[str]
    dashes: tuple[str, ...]


@cache
def content_lexicon() -> ContentLexicon:
    """Load ``content_edges.toml`` once."""
    data = lexicons.load(LEXICON)
    return ContentLexicon(
        relatives=frozenset(data["nominal"]["relatives"]),
        determiners=frozenset(data["nominal"]["determiners"]),
        conjunctions=frozenset(data["ending"]["conjunctions"]),
        leading=frozenset(data["source"]["leading"]),
        dashes=tuple(data["source"]["dashes"]),
    )


def trim_spans(ctx: Context) -> None:
    """Cut a hanging conjunction and the trailing description from every content of
    `ctx.found`, and a leading focusing adverb from every source, which takes in the dash
    closing an aside it holds; a content stays whole when the description holds another
    attribution's cue, or ends on a conjunction that its cue's next content piece goes on
    from."""
    cues = [item.cue.span.start for item in ctx.found if item.cue is not None]
    for item in ctx.found:
        end = hanging_end(ctx.doc, item.content.start, item.content.end)
        if end is not None and cues.count(item.cue.span.start if item.cue else -1) < 2:
            item.content = char_span(ctx.text, item.content.start, end)
        if item.source_span is not None:
            start = source_start(ctx.doc, item.source_span.start, item.source_span.end)
            if start is not None:
                item.source_span = char_span(ctx.text, start, item.source_span.end)
            end = source_end(ctx.text, item.source_span.start, item.source_span.end)
            if end is not None:
                item.source_span = char_span(ctx.text, item.source_span.start, end)
        end = nominal_end(ctx.doc, item.content.start, item.content.end)
        if end is not None and not any(end <= cue < item.content.end for cue in cues):
            item.content = char_span(ctx.text, item.content.start, end)


def hanging_end(doc: Doc, start: int, end: int) -> int | None:
    """The end of the content at [start, end) before a conjunction it ends on, or None."""
    span = doc.char_span(start, end, alignment_mode="expand")
    words = content_lexicon().conjunctions
    if span is None or len(span) < 3 or span[-1].lower_ not in words:
        return None
    last = span.end - 2
    while last > span.start and doc[last].is_punct:
        last -= 1
    if doc[last].lower_ in words:
        return None
    return doc[last].idx + len(doc[last].text)


def source_start(doc: Doc, start: int, end: int) -> int | None:
    """The start of the source at [start, end) after a focusing adverb it opens with, or None."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) < 2 or span[0].lower_ not in content_lexicon().leading:
        return None
    return span[1].idx


def source_end(text: str, start: int, end: int) -> int | None:
    """The end of the source at [start, end) after the dash closing an aside it opens, or
    None."""
    dashes = content_lexicon().dashes
    if not any(dash in text[start:end] for dash in dashes):
        return None
    after = text[end : end + 4]
    gap = len(after) - len(after.lstrip(" \xa0"))
    for dash in dashes:
        if after[gap:].startswith(dash):
            return end + gap + len(dash)
    return None


def nominal_end(doc: Doc, start: int, end: int) -> int | None:
    """The new end of a nominal content at [start, end), or None when it stays whole."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) < 3 or span.root.pos_ in CLAUSE_ROOTS:
        return None
    if any(mark in span.text for mark in QUOTE_MARKS):  # never doc.text: it is rebuilt per call
        return None
    first = _description(span, content_lexicon())
    if first is None:
        return None
    before = doc[first.i - 2]
    return before.idx + len(before.text)


def _description(span: Span, lex: ContentLexicon) -> Token | None:
    """The first word of the earliest ", which ..." or ", a ..." that runs to the span's end."""
    doc = span.doc
    last = span[-1]
    while last.is_punct and last.i > span.start:
        last = doc[last.i - 1]
    best: Token | None = None
    for token in span:
        head = token.head
        if head.i >= token.i or head.i < span.start:
            continue
        words = list(token.subtree)
        first = words[0]
        if first.i <= span.start + 1 or doc[first.i - 1].text != "," or words[-1].i < last.i:
            continue
        lower = first.lower_
        relative = token.dep_ == "relcl" and lower in lex.relatives
        apposition = token.dep_ == "appos" and lower in lex.determiners
        if (relative or apposition) and (best is None or first.i < best.i):
            best = first
    return best
