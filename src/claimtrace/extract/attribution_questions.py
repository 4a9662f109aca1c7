"""Questions put to somebody in the passive: "Asked whether the plan works, the mayor said
...", "when asked about the budget", "She was asked to name ...", "was asked by a reporter
if ...". The cue is the participle with its auxiliaries ("was asked"; "asked about" when the
preposition follows it at once), the content the question (an "if"/"whether"/wh-clause, an
infinitive with its "to", the object of "about", a question noun or a quotation after a
comma or colon), the source the agent ("by a reporter"), else an unnamed questioner with no
span. The person asked is never the source."""

from __future__ import annotations

from spacy.tokens import Token

from ..model import AttributionKind, Stance, TextSpan
from .attribution_base import (
    Context,
    CueLexicon,
    Found,
    char_span,
    make_cue,
    pobj,
    register,
    token_span,
    trim,
)
from .attribution_complements import cue_span

QUESTION_MARKS = frozenset({"if", "whether"})
WH_WORDS = frozenset({"what", "who", "whom", "whose", "which", "why", "how", "when", "where"})
QUESTIONER = "unnamed questioner"


def passive_question(token: Token, lex: CueLexicon) -> bool:
    """A participle of a question verb with no subject of its own that asks: "Asked if ...",
    "when asked about ...", "was asked to ..." (not "has asked", "the question asked")."""
    if token.lemma_ not in lex.questions or token.tag_ != "VBN" or token.pos_ != "VERB":
        return False
    if any(c.dep_ in {"nsubj", "aux"} and c.lower_ != "to" for c in token.children):
        return False
    if any(c.dep_ == "auxpass" for c in token.children):
        return True
    return token.dep_ in {"advcl", "ROOT", "conj", "ccomp"}


def question(ctx: Context, token: Token, lex: CueLexicon) -> None:
    """One attribution for a passive question verb, when the question can be found."""
    start, end = cue_span(token, lex)
    found = _content(ctx, token, end)
    if found is None:
        return
    cue_end, content = found
    agent = next((pobj(c) for c in token.children if c.dep_ == "agent"), None)
    if agent is not None:
        registered = register(ctx, agent)
        source_id, source_span = registered.source_id, registered.span
    else:
        source_id, source_span = ctx.registry.add_vague(QUESTIONER, None), None
    ctx.consumed.update(range(start, cue_end))
    cue = make_cue(
        ctx.doc, start, cue_end, token.lemma_, lex.verbs.get(token.lemma_, Stance.NEUTRAL)
    )
    ctx.found.append(Found(AttributionKind.INDIRECT, source_id, source_span, cue, content))


def _content(ctx: Context, token: Token, end: int) -> tuple[int, TextSpan] | None:
    """The cue's end and the question's span."""
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ == "about":
            target = pobj(child)
            if target is None:
                return None
            at_once = child.i == end
            first = target.left_edge.i if at_once else child.i
            span = _span(ctx, first, child.right_edge.i + 1)
            return (child.i + 1 if at_once else end, span) if span else None
        if asks(child):
            span = _span(ctx, child.left_edge.i, child.right_edge.i + 1)
            return (end, span) if span else None
        if child.dep_ == "dobj" and child.lemma_.lower() == "question":
            span = _span(ctx, child.left_edge.i, child.right_edge.i + 1)
            return (end, span) if span else None
    quote = _quote(ctx, end)
    return None if quote is None else (end, quote)


def asked_clause(cue: Token) -> tuple[int, int] | None:
    """The question after an active question verb's object: "asked the board whether ...",
    "asked voters why ...", "asked her to ..."."""
    for child in cue.rights:
        if asks(child):
            start, end = trim(cue.doc, child.left_edge.i, child.right_edge.i + 1)
            return (start, end) if end > start else None
        if child.dep_ not in {"dobj", "dative", "npadvmod", "advmod", "prep"}:
            return None
    return None


def asks(child: Token) -> bool:
    """An embedded question or an infinitive: "if ...", "whether ...", "why ...", "to ..."."""
    if child.dep_ == "xcomp":
        return any(c.lower_ == "to" and c.dep_ == "aux" for c in child.lefts)
    if child.dep_ not in {"ccomp", "advcl"}:
        return False
    first = child.left_edge
    return first.lower_ in QUESTION_MARKS or first.lower_ in WH_WORDS


def _span(ctx: Context, start: int, end: int) -> TextSpan | None:
    start, end = trim(ctx.doc, start, end)
    return token_span(ctx.doc, start, end) if end - start >= 1 else None


def _quote(ctx: Context, end: int) -> TextSpan | None:
    """A quotation right after the cue, past a comma or colon: 'was asked, "Why now?"'."""
    doc = ctx.doc
    index = end
    while index < len(doc) and doc[index].text in {",", ":"}:
        index += 1
    if index == end or index not in ctx.opening:
        return None
    ctx.used_quotes.add(ctx.opening[index])
    quote = ctx.quotes[ctx.opening[index]]
    return char_span(ctx.text, quote.start, quote.end)
