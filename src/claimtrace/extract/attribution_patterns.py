"""Attributions without a reporting verb: "according to X" (ACCORDING_TO), nominal cues
("accusations of ...", NOMINAL), the headline's "...: Report" and "..., officials say"
(HEADLINE), and quotations that stand alone in their paragraph (DIRECT, to the most recent
speaker)."""

from __future__ import annotations

from functools import lru_cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from ..model import AttributionKind, Cue, Document, Stance
from .attribution_base import (
    Context,
    CueLexicon,
    Found,
    char_span,
    cue_lexicon,
    make_cue,
    pobj,
    register,
    register_span,
    token_span,
    trim,
)
from .attribution_titles import title_case_headline
from .sources import source_lexicon

ACCORDING_PHRASES = ("according to", "in the words of", "as reported by", "as quoted by")


@lru_cache(maxsize=16)
def _according_matcher(vocab: Vocab) -> PhraseMatcher:
    """Multi-word prepositional cues: "according to", "in the words of"."""
    matcher = PhraseMatcher(vocab, attr="LOWER")
    matcher.add("ACCORDING", [Doc(vocab, words=p.split()) for p in ACCORDING_PHRASES])
    return matcher


def according_starts(doc: Doc) -> dict[int, tuple[int, int]]:
    """Token index of each "according to"-type phrase -> its token range."""
    return {start: (start, end) for _, start, end in _according_matcher(doc.vocab)(doc)}


def according(ctx: Context, sent: Span, start: int, end: int) -> None:
    """ "According to X, Y." and "Y, according to X." """
    doc = ctx.doc
    objects = [t for t in doc[end - 1].children if t.dep_ == "pobj"]
    if not objects:
        objects = [t for t in doc[end : sent.end] if t.pos_ in {"NOUN", "PROPN", "PRON"}][:1]
    if not objects:
        return
    source = objects[0]
    phrase_end = max(end, source.right_edge.i + 1)
    before = trim(doc, sent.start, start)
    after = trim(doc, phrase_end, sent.end)
    content = after if after[1] - after[0] >= before[1] - before[0] else before
    if content[1] - content[0] < 2:
        return
    found = register(ctx, source)
    lemma = doc[start:end].text.lower()
    cue = make_cue(doc, _with_copula(doc, start, sent.start), end, lemma, Stance.NEUTRAL)
    both = _parenthetical(doc, start, phrase_end, before, after)
    for piece in (before, after) if both else (content,):
        span = token_span(doc, *piece)
        kind = AttributionKind.ACCORDING_TO
        ctx.found.append(Found(kind, found.source_id, found.span, cue, span))


def _parenthetical(
    doc: Doc, start: int, end: int, before: tuple[int, int], after: tuple[int, int]
) -> bool:
    """ "That plan, according to the mayor, will fail": the phrase set off by commas inside
    its sentence, between the subject of the content and its verb."""
    if before[1] - before[0] < 1 or after[1] - after[0] < 1:
        return False
    opened = start > 0 and doc[start - 1].text == ","
    closed = end < len(doc) and doc[end].text == ","
    if not (opened and closed and before[1] == start - 1 and after[0] == end + 1):
        return False
    return any(
        t.dep_ in {"nsubj", "nsubjpass"} and after[0] <= t.head.i < after[1]
        for t in doc[before[0] : before[1]]
    )


def _with_copula(doc: Doc, start: int, sent_start: int) -> int:
    """ "That's according to the filings": the cue takes the "be" before the phrase."""
    if start <= sent_start:
        return start
    before = doc[start - 1]
    contracted = before.lower_ in {"’s", "'s"} and before.tag_ != "POS"
    return start - 1 if before.lemma_.lower() == "be" or contracted else start


def in_document(ctx: Context, sent: Span, lex: CueLexicon) -> None:
    """ "In a poll released Monday, most voters ...": a sentence that opens with "in" and a
    document, then a comma, attributes its main clause to that document (the cue is "In").
    Not when the main clause has a reporting verb of its own ("In a statement, X said ...")."""
    doc = ctx.doc
    first = next((t for t in sent if not t.is_space), None)
    if first is None or first.lower_ != "in" or first.i in ctx.consumed:
        return
    document = pobj(first)
    if document is None or document.lower_ not in source_lexicon().document:
        return
    comma = first.right_edge.i + 1
    root = first.head
    if comma >= sent.end or doc[comma].text != "," or lex.is_cue(root.lemma_):
        return
    start, end = trim(doc, comma + 1, sent.end)
    if end - start < 3 or root.i < start:
        return
    found = register(ctx, document)
    span = token_span(doc, document.left_edge.i, first.right_edge.i + 1)
    cue = make_cue(doc, first.i, first.i + 1, "in", Stance.NEUTRAL)
    content = token_span(doc, start, end)
    ctx.found.append(Found(AttributionKind.ACCORDING_TO, found.source_id, span, cue, content))


# --- nominal cues --------------------------------------------------------------------------


def nominal(ctx: Context, noun: Token, lex: CueLexicon) -> None:
    """ "accusations of ...", "claims to the contrary", "allegations that ..." """
    stance = lex.nouns[noun.lemma_.lower()]
    content = _nominal_content(noun, strict=stance is not Stance.DISTANCING)
    if content is None:
        return
    doc = ctx.doc
    holder = _holder(noun)
    if holder is not None and holder.pos_ != "PRON":
        registered = register(ctx, holder)
        source_id, source_span = registered.source_id, registered.span
    else:
        source_span = None
        source_id = ctx.registry.add_vague(_nominal_name(noun, content), None)
    cue_end = (
        noun.i + 2 if content[0] == noun.i + 2 and doc[noun.i + 1].lower_ == "of" else noun.i + 1
    )
    cue = make_cue(doc, noun.i, cue_end, noun.lemma_.lower(), stance)
    found = Found(AttributionKind.NOMINAL, source_id, source_span, cue, token_span(doc, *content))
    ctx.found.append(found)


def _holder(noun: Token) -> Token | None:
    """Whose claim it is: "his claim", "claims by the campaign"."""
    holder = next((c for c in noun.children if c.dep_ == "poss"), None)
    if holder is None:
        by = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"]
        objects = [t for t in by[0].children if t.dep_ == "pobj"] if by else []
        holder = objects[0] if objects else None
    return holder


def _nominal_content(noun: Token, *, strict: bool) -> tuple[int, int] | None:
    doc = noun.doc
    for child in noun.rights:
        if child.dep_ in {"acl", "ccomp"} and any(
            t.lower_ == "that" and t.dep_ == "mark" for t in child.lefts
        ):
            return trim(doc, child.left_edge.i, child.right_edge.i + 1)
        if strict or child.dep_ != "prep":
            continue
        if child.lower_ == "of":
            objects = [t for t in child.children if t.dep_ in {"pobj", "pcomp"}]
            if objects:
                return trim(doc, objects[0].left_edge.i, child.right_edge.i + 1)
        if child.lower_ == "to" and any(t.lower_ == "contrary" for t in child.subtree):
            return trim(doc, child.i, child.right_edge.i + 1)
    return None


def _nominal_name(noun: Token, content: tuple[int, int]) -> str:
    """ "claims to the contrary" keeps its complement; "accusations" stands alone."""
    if content[0] == noun.i + 1 and noun.doc[noun.i + 1].lower_ == "to":
        return noun.doc[noun.i : content[1]].text
    return noun.text


# --- headline ------------------------------------------------------------------------------


def headline(ctx: Context, document: Document) -> None:
    """ "Leaked files show ...: Report" (source after the colon) and "Pentagon: No troops
    will ..." (source before it): the colon is the cue, kind HEADLINE. Without a colon,
    "..., officials say" (`said_headline`)."""
    title = document.title_span
    if title is None or title.end > len(ctx.text):
        return
    text = ctx.text[title.start : title.end]
    colon = text.rfind(":")
    if colon <= 0:
        if not title_case_headline(ctx, title.start, text):
            said_headline(ctx, title.start, text)
        return
    head, tail = text[:colon].strip(), text[colon + 1 :].strip().rstrip(".")
    if not head or not tail:
        return
    tail_at = title.start + text.index(tail, colon)
    if 1 <= len(tail.split()) <= 3 and tail[:1].isupper() and len(head.split()) >= 3:
        added = _headline_triple(ctx, tail_at, tail, head, title.start)
    elif _headline_source(head) and len(tail.split()) >= 3:
        added = _headline_triple(ctx, title.start, head, tail, tail_at)
    else:
        return
    if added:
        colon_at = title.start + colon
        ctx.found[-1].cue = Cue(char_span(ctx.text, colon_at, colon_at + 1), ":", Stance.NEUTRAL)


def _headline_source(head: str) -> bool:
    """ "Pentagon: ..." names a source; "The Latest: ..." and "VIDEO: ..." name a rubric."""
    words = head.split()
    if not 1 <= len(words) <= 5 or not head[:1].isupper():
        return False
    return words[0].lower() != "the" and head.upper() not in cue_lexicon().rubrics


def said_headline(ctx: Context, start: int, text: str) -> None:
    """ "Drones landed at the airfield, commander says": after the last comma, a source of
    one to four words and a reporting verb (the cue)."""
    comma = text.rfind(",")
    content, tail = text[:comma].strip(), text[comma + 1 :].strip().rstrip(".")
    if comma <= 0 or not 2 <= len(tail.split()) <= 5 or len(content.split()) < 3:
        return
    tail_at = start + text.index(tail, comma)
    span = ctx.doc.char_span(tail_at, tail_at + len(tail), alignment_mode="expand")
    lex = cue_lexicon()
    verb = span[-1] if span is not None else None
    if span is None or verb is None or not span[0].text[:1].isalpha():
        return
    lemma = verb.lemma_.lower() if verb.lemma_.lower() in lex.verbs else verb.lower_[:-1]
    if lemma not in lex.verbs or verb.i in ctx.consumed:
        return
    source = ctx.doc[span.start : span.end - 1]
    registered = register_span(ctx, source, source.root)
    ctx.consumed.add(verb.i)
    cue = make_cue(ctx.doc, verb.i, verb.i + 1, lemma, lex.verbs[lemma])
    found = char_span(
        ctx.text, start + text.index(content), start + text.index(content) + len(content)
    )
    ctx.found.append(
        Found(AttributionKind.HEADLINE, registered.source_id, registered.span, cue, found)
    )


def _headline_triple(
    ctx: Context, source_at: int, source: str, content: str, content_at: int
) -> bool:
    span = ctx.doc.char_span(source_at, source_at + len(source), alignment_mode="expand")
    if span is None:
        return False
    registered = register_span(ctx, span, span.root)
    found = char_span(ctx.text, content_at, content_at + len(content))
    ctx.found.append(
        Found(AttributionKind.HEADLINE, registered.source_id, registered.span, None, found)
    )
    return True


# --- standalone quotations -----------------------------------------------------------------


def standalone_quotes(ctx: Context) -> dict[int, list[int]]:
    """Quotations that fill their paragraph(s), keyed by the first token of their sentence."""
    text = ctx.text
    found: dict[int, list[int]] = {}
    for index, quote in enumerate(ctx.quotes):
        line_start = text.rfind("\n", 0, quote.start) + 1
        line_end = text.find("\n", quote.end)
        line_end = len(text) if line_end < 0 else line_end
        before = text[line_start : quote.start].strip()
        after = text[quote.end : line_end].strip()
        if before or after.strip(".,;") or quote.end - quote.start < 40:
            continue
        span = ctx.doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if span is not None:
            found.setdefault(span[0].sent.start, []).append(index)
    return found


def standalone(ctx: Context, index: int) -> None:
    """A quotation with no cue of its own belongs to the most recent speaker. When it opens
    the paragraph right after that speaker's quoted statement, it resumes that statement and
    shares its cue ("“A,” she said.", then "“B.”" alone in the next paragraph)."""
    source_id = ctx.registry.recent()
    if source_id is None or index in ctx.used_quotes:
        return
    ctx.used_quotes.add(index)
    quote = ctx.quotes[index]
    content = char_span(ctx.text, quote.start, quote.end)
    resumed = _resumed(ctx, source_id, quote.start)
    cue = resumed.cue if resumed is not None else None
    span = resumed.source_span if resumed is not None else None
    ctx.found.append(Found(AttributionKind.DIRECT, source_id, span, cue, content))


def _resumed(ctx: Context, source_id: str, start: int) -> Found | None:
    """The attribution a quotation resumes: the last one before it, when that is the same
    source's quoted statement and only blank lines stand between its paragraph and the
    quotation."""
    earlier = [f for f in ctx.found if f.cue is not None and f.cue.span.start < start]
    if not earlier:
        return None
    last = max(earlier, key=lambda f: f.cue.span.start if f.cue else 0)
    if last.source_id != source_id or last.cue is None or last.kind is not AttributionKind.DIRECT:
        return None
    line_end = ctx.text.find("\n", max(last.cue.span.end, last.content.end))
    if not 0 <= line_end < start or ctx.text[line_end:start].strip():
        return None
    return last
