"""Reporting verbs: "X said that ...", '"...," X said', "X told Y ...", "X reported seeing
...", "a video ... shows Y" (kind EVIDENCE). A verb counts only with a source and a content."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..model import AttributionKind, Stance
from .attribution_base import (
    FIRST_PERSON,
    INHERITS,
    RELATIVE,
    SUBJECTS,
    Context,
    CueLexicon,
    Found,
    char_span,
    cue_lexicon,
    make_cue,
    pobj,
    register,
    token_span,
    trim,
)
from .sources import source_lexicon

OPENING_MARKS = frozenset({"“", "«", "„"})
CLOSING_MARKS = frozenset({"”", "»"})
CONTENT_DEPS = frozenset({"ccomp"})
OBJECT_CUES = frozenset({"cite", "deny", "confirm", "announce"})


def subject_of(cue: Token) -> Token | None:
    """The source token of a verb cue: its subject, or one it inherits from its head."""
    token: Token | None = cue
    for _ in range(4):
        if token is None:
            return None
        found = _own_subject(token)
        if found is not None:
            return found
        if token.dep_ == "relcl" or (token.dep_ == "acl" and token.tag_ != "VBN"):
            return token.head
        token = token.head if token.dep_ in INHERITS and token.head is not token else None
    return None


def _own_subject(token: Token) -> Token | None:
    """A subject (or passive agent) attached to `token` itself."""
    for child in token.children:
        if child.dep_ in SUBJECTS:
            if child.lower_ in RELATIVE and token.dep_ == "relcl":
                return token.head
            return child
        if child.dep_ == "agent" and token.tag_ == "VBN":
            agent = pobj(child)
            if agent is not None:
                return agent
    return None


def _recipient(cue: Token) -> Token | None:
    """Who a statement was made to: "to Al-Ahad TV", "told Reuters"."""
    verbs = (cue, cue.head) if cue.dep_ in INHERITS else (cue,)
    for verb in verbs:
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        for child in [*verb.children, *(c for o in objects for c in o.children)]:
            if child.dep_ == "prep" and child.lower_ == "to":
                targets = [t for t in child.children if t.dep_ == "pobj"]
                if targets:
                    return targets[-1]
            if child.dep_ in {"dative", "dobj"} and child.pos_ == "PROPN":
                return child
    return None


def _via(ctx: Context, recipient: Token | None) -> str | None:
    """The outlet or body that carried the statement, when it has a name."""
    if recipient is None or recipient.pos_ == "PRON":
        return None
    if not (recipient.pos_ in {"PROPN", "X"} or recipient.text[:1].isupper()):
        return None
    return register(ctx, recipient, recipient=True).source_id


# --- cues and contents ---------------------------------------------------------------------


def _cue_span(cue: Token, lex: CueLexicon) -> tuple[int, int]:
    """Token range of the cue: auxiliaries before it, "went on to", a particle after it."""
    start, end = cue.i, cue.i + 1
    for child in cue.lefts:
        if child.dep_ in {"aux", "auxpass", "neg"} and child.i == start - 1:
            start = child.i
    head = cue.head
    if cue.dep_ in {"xcomp", "advcl"} and head.lemma_ in lex.carriers and head.i < cue.i:
        start = head.i
    for child in cue.rights:
        if child.dep_ == "prt" and child.i == end:
            end = child.i + 1
    return start, end


def _quote_next_to(ctx: Context, left: int, right: int) -> int | None:
    """A quotation ending just before token `left` or opening just after token `right`."""
    doc = ctx.doc
    if right < len(doc) and doc[right].text == ":":
        return _quote_after(ctx, right)
    j = left - 1
    while j >= 0 and left - j <= 3 and doc[j].text in {",", "—", " "}:
        j -= 1
    if j >= 0 and j in ctx.closing:
        return ctx.closing[j]
    return _quote_after(ctx, right)


def _quote_after(ctx: Context, right: int) -> int | None:
    doc = ctx.doc
    j = right
    limit = min(len(doc), right + 4)
    while j < limit and (doc[j].is_space or doc[j].text in {",", ":", "that"}):
        j += 1
    if j < len(doc) and j in ctx.opening and (j == right or doc[j - 1].text in {",", ":"}):
        return ctx.opening[j]
    return None


def _clause_content(cue: Token) -> tuple[int, int] | None:
    """The reported clause: a complement clause, or the sentence part a parenthetical cue
    ("..., X said") hangs off."""
    complements = [c for c in cue.children if c.dep_ in CONTENT_DEPS]
    right = [c for c in complements if c.i > cue.i]
    chosen = right[0] if right else (complements[-1] if complements else None)
    if chosen is not None:
        start, end = trim(cue.doc, chosen.left_edge.i, _clause_end(chosen))
        return (start, _close_quote(cue.doc, start, end)) if end > start else None
    if cue.dep_ == "parataxis" or (
        cue.dep_ == "ccomp" and cue.i > cue.head.i and _comma_before(cue)
    ):
        start, end = trim(cue.doc, cue.head.left_edge.i, cue.left_edge.i)
        return (start, end) if end - start >= 2 else None
    return None


def _clause_end(clause: Token) -> int:
    """End of a reported clause, before a coordinated clause that is a new attribution
    ("..., and sources confirmed that ...")."""
    lex = cue_lexicon()
    for child in clause.rights:
        new_clause = any(c.dep_ in SUBJECTS for c in child.children)
        if child.dep_ == "conj" and child.lemma_ in lex.verbs and new_clause:
            return min(child.left_edge.i, *(c.i for c in child.lefts))
    return clause.right_edge.i + 1


def _close_quote(doc: Doc, start: int, end: int) -> int:
    """Take in the closing mark (and the stop before it) of a quote the content opened."""
    opened = sum(1 for t in doc[start:end] if t.text in OPENING_MARKS)
    closed = sum(1 for t in doc[start:end] if t.text in CLOSING_MARKS)
    if opened <= closed:
        return end
    for index in range(end, min(end + 3, len(doc))):
        if doc[index].text in CLOSING_MARKS:
            return index + 1
        if doc[index].text not in {".", ",", "!", "?"}:
            break
    return end


def _comma_before(cue: Token) -> bool:
    edge = cue.left_edge.i
    return edge > 0 and cue.doc[edge - 1].text == ","


def _object_content(cue: Token, lex: CueLexicon) -> tuple[int, int] | None:
    """A noun-phrase content: "shows the transfer of ...", "denied the report"."""
    if cue.lemma_ in lex.recipients or any(
        c.dep_ in INHERITS and c.lemma_ in lex.verbs for c in cue.children
    ):
        return None
    for child in cue.children:
        if child.dep_ == "dobj" and child.pos_ not in {"PRON"}:
            start, end = trim(cue.doc, child.left_edge.i, child.right_edge.i + 1)
            return (start, end) if end > start else None
    return None


def _seeing(cue: Token) -> Token | None:
    """The "seeing" of "X reported seeing Y"."""
    for child in cue.children:
        if child.dep_ in {"xcomp", "ccomp"} and child.lemma_ in {"see", "witness", "observe"}:
            return child if child.tag_ == "VBG" else None
    return None


# --- one verb cue --------------------------------------------------------------------------


def verb_cue(ctx: Context, cue: Token, lex: CueLexicon) -> None:
    """One attribution for a reporting verb, when it has both a source and a content."""
    subject = subject_of(cue)
    if subject is None or subject.lower_ in FIRST_PERSON or _infinitive(cue, lex):
        return
    cue_range = _cue_span(cue, lex)
    seeing = _seeing(cue)
    if seeing is not None:
        seen = trim(ctx.doc, seeing.i + 1, seeing.right_edge.i + 1)
        cue_range = (cue_range[0], seeing.i + 1)
        if seen[1] > seen[0]:
            _add_verb(ctx, cue, subject, cue_range, AttributionKind.REPORTED_SEEING, seen)
        return
    left = min(cue_range[0], subject.left_edge.i)
    right = max(cue_range[1], subject.right_edge.i + 1 if subject.i > cue.i else cue_range[1])
    quote = _quote_next_to(ctx, left, right)
    if quote is not None:
        ctx.used_quotes.add(quote)
        _add_verb(ctx, cue, subject, cue_range, AttributionKind.DIRECT, quote=quote)
        return
    content = _clause_content(cue)
    if content is None and cue.lemma_ in lex.evidence_verbs | OBJECT_CUES:
        content = _object_content(cue, lex)
    if content is not None and content[1] > content[0]:
        _add_verb(ctx, cue, subject, cue_range, AttributionKind.INDIRECT, content)


def _infinitive(cue: Token, lex: CueLexicon) -> bool:
    """ "wants to say", "to know": an intended, not a made, statement ("went on to say" is)."""
    marked = any(c.dep_ == "aux" and c.lower_ == "to" for c in cue.lefts)
    return marked and not (cue.dep_ in {"xcomp", "advcl"} and cue.head.lemma_ in lex.carriers)


def _add_verb(
    ctx: Context,
    cue: Token,
    subject: Token,
    cue_range: tuple[int, int],
    kind: AttributionKind,
    content: tuple[int, int] | None = None,
    quote: int | None = None,
) -> None:
    lex = cue_lexicon()
    recipient = _recipient(cue)
    via = _via(ctx, recipient)
    subject, kind = _evidence_source(subject, cue, kind, lex)
    source = register(ctx, subject, cue=cue)
    ctx.consumed.update(range(*cue_range))
    stance = lex.verbs.get(cue.lemma_, Stance.NEUTRAL)
    cue_record = make_cue(ctx.doc, *cue_range, cue.lemma_, stance)
    if quote is not None:
        span = char_span(ctx.text, ctx.quotes[quote].start, ctx.quotes[quote].end)
    else:
        assert content is not None
        span = token_span(ctx.doc, *content)
    anaphoric = source.anaphoric and recipient is None
    ctx.found.append(Found(kind, source.source_id, source.span, cue_record, span, via, anaphoric))


def _evidence_source(
    subject: Token, cue: Token, kind: AttributionKind, lex: CueLexicon
) -> tuple[Token, AttributionKind]:
    """For "a video released by X shows Y": the source is X and the kind EVIDENCE."""
    if kind is not AttributionKind.INDIRECT or cue.lemma_ not in lex.evidence_verbs:
        return subject, kind
    documents = source_lexicon().document
    if subject.lower_ not in documents and subject.lemma_ not in documents:
        return subject, kind
    for child in subject.children:
        if child.dep_ == "acl" and child.lemma_ in lex.publishers:
            for agent in child.children:
                released_by = pobj(agent) if agent.dep_ == "agent" else None
                if released_by is not None:
                    return released_by, AttributionKind.EVIDENCE
    return subject, AttributionKind.EVIDENCE
