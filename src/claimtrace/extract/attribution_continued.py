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

from ..model import AttributionKind
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


def _rest_of_sentence(ctx: Context, item: Found) -> tuple[int, int] | None:
    """The rest of the sentence after a parenthetical attribution clause, as in "The plan,
    officials said, will cost more": (start, end) without the closing punctuation."""
    if item.cue is None or item.content.end > item.cue.span.start:
        return None
    if item.content.text.lstrip().startswith(tuple(OPENING)):
        return None
    clause_end = max(item.cue.span.end, item.source_span.end if item.source_span else 0)
    opening = ctx.text[item.content.end : item.content.end + 2].lstrip()
    after = ctx.text[clause_end:].lstrip(" ")
    if not opening.startswith(",") or not after.startswith(","):
        return None
    start = len(ctx.text) - len(after) + 1
    while start < len(ctx.text) and ctx.text[start] == " ":
        start += 1
    sentence = ctx.doc.char_span(item.cue.span.start, item.cue.span.end, alignment_mode="expand")
    if sentence is None:
        return None
    end = sentence.sent.end_char
    while end > start and ctx.text[end - 1] in SENTENCE_ENDS:
        end -= 1
    if end <= start or _cue_between(ctx, item, start, end):
        return None
    return start, end


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
    if item.cue is None or item.content.end > item.cue.span.start:
        return None
    if not item.content.text.lstrip().startswith(tuple(OPENING)):
        return None
    clause_end = max(item.cue.span.end, item.source_span.end if item.source_span else 0)
    index = bisect_left(starts, clause_end)
    if index >= len(ctx.quotes):
        return None
    quote = ctx.quotes[index]
    clause = ctx.text[item.content.end : quote.start]
    if (
        len(clause) > MAX_CLAUSE
        or not clause.rstrip().endswith(CLAUSE_ENDS)
        or ctx.paragraph(quote.start) != ctx.paragraph(item.cue.span.start)
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
