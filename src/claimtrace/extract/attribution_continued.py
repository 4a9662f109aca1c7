"""Quotations that carry on after their attribution: “We will stay,” she said. “All of us.”

A quoted content that ends before its cue is often resumed right after the attribution
clause, in the same paragraph: ``"A," she said. "B."`` or ``"A," she said, "and B."``. The
second quotation is the same statement, so it becomes an attribution with the same source and
cue (and, when the result is scored against annotations that mark one discontinuous content,
the two contents are its pieces).

A quotation is taken only when nothing but the attribution clause stands between the two
(no other cue, at most ``MAX_CLAUSE`` characters, ending in "." "," or ":"), and when no other
attribution's content already starts there.
"""

from __future__ import annotations

from bisect import bisect_left

from ..model import AttributionKind, TextSpan
from . import quotes as quotes_module
from .attribution_base import Context, Found, char_span

MAX_CLAUSE = 300  # characters between the end of the first quotation and the second
OPENING = "\"“'‘«"
CLAUSE_ENDS = (".", ",", ":")
SENTENCE_ENDS = ".!?;: \n"


def continue_quotes(ctx: Context) -> None:
    """Add, for every content resumed after its cue, an attribution of the resumption."""
    starts = [quote.start for quote in ctx.quotes]
    for item in list(ctx.found):
        quote = _resumption(ctx, item, starts)
        if quote is not None:
            ctx.found.append(_continued(ctx, item, quote.start, quote.end))
            continue
        rest = _rest_of_sentence(ctx, item)
        if rest is not None:
            ctx.found.append(_continued(ctx, item, *rest))


def _clause(item: Found) -> tuple[TextSpan, int] | None:
    """The cue of `item` and where its attribution clause ends (the cue or a source after
    it), when the content comes before the cue; else None."""
    if item.cue is None or item.content.end > item.cue.span.start:
        return None
    cue = item.cue.span
    return cue, max(cue.end, item.source_span.end if item.source_span else 0)


def _quoted(item: Found) -> bool:
    return item.content.text.lstrip().startswith(tuple(OPENING))


def _rest_of_sentence(ctx: Context, item: Found) -> tuple[int, int] | None:
    """The rest of the sentence after a parenthetical attribution clause, as in "The plan,
    officials said, will cost more": (start, end) without the closing punctuation."""
    clause = _clause(item)
    if clause is None or _quoted(item):
        return None
    cue, clause_end = clause
    opening = ctx.text[item.content.end : item.content.end + 2].lstrip()
    comma = _past_spaces(ctx.text, clause_end)
    if not opening.startswith(",") or ctx.text[comma : comma + 1] != ",":
        return None
    start = _past_spaces(ctx.text, comma + 1)
    sentence = ctx.doc.char_span(cue.start, cue.end, alignment_mode="expand")
    if sentence is None:
        return None
    end = sentence.sent.end_char
    while end > start and ctx.text[end - 1] in SENTENCE_ENDS:
        end -= 1
    if end <= start or _cue_between(ctx, item, start, end):
        return None
    return start, end


def _past_spaces(text: str, index: int) -> int:
    """The first offset from `index` on that is not a space."""
    while index < len(text) and text[index] == " ":
        index += 1
    return index


def _cue_between(ctx: Context, item: Found, start: int, end: int) -> bool:
    """Whether another attribution's cue or content starts in [start, end)."""
    return any(
        other is not item
        and (
            start <= other.content.start < end
            or (other.cue is not None and start <= other.cue.span.start < end)
        )
        for other in ctx.found
    )


def _resumption(ctx: Context, item: Found, starts: list[int]) -> quotes_module.Quote | None:
    """The quotation that resumes `item`'s content after its cue, if there is one."""
    clause = _clause(item)
    if clause is None or not _quoted(item):
        return None
    cue, clause_end = clause
    index = bisect_left(starts, clause_end)
    if index >= len(ctx.quotes):
        return None
    quote = ctx.quotes[index]
    between = ctx.text[item.content.end : quote.start]
    if (
        len(between) > MAX_CLAUSE
        or not between.rstrip().endswith(CLAUSE_ENDS)
        or ctx.paragraph(quote.start) != ctx.paragraph(cue.start)
    ):
        return None
    return None if _claimed(ctx, item, quote) else quote


def _claimed(ctx: Context, item: Found, quote: quotes_module.Quote) -> bool:
    """Whether another cue stands between `item`'s content and `quote`, or another
    attribution's content already starts the quotation (contents nested inside it do not
    count: they are quoted within it)."""
    cue_span = item.cue.span if item.cue else None
    for other in ctx.found:
        if other is item:
            continue
        if other.content.start <= quote.start < other.content.end:
            return True
        cue = other.cue
        between = cue is not None and item.content.end <= cue.span.start < quote.start
        if between and cue is not None and cue.span != cue_span:
            return True
    return False


def _continued(ctx: Context, item: Found, start: int, end: int) -> Found:
    quoted = ctx.text[start : start + 1] in OPENING
    return Found(
        kind=AttributionKind.DIRECT if quoted else item.kind,
        source_id=item.source_id,
        source_span=item.source_span,
        cue=item.cue,
        content=char_span(ctx.text, start, end),
        via=item.via,
        anaphoric=item.anaphoric,
        deferred=item.deferred,
        fallback=item.fallback,
    )
