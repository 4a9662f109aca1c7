"""Attribution: Source-Cue-Content triples over a parsed article.

One pass over the sentences, in text order (so that "the source", "the report" and "he"
resolve to the most recent compatible source):

* reporting verbs from ``lexicons/reporting_cues.toml`` with a subject (the source) and a
  content: a "that" clause, a reported clause ("..., X said"), an adjacent quotation, or an
  object ("a video ... shows Y", kind EVIDENCE); "X reported seeing Y" (REPORTED_SEEING);
  "X told/revealed to Y that ..." records Y as `via`;
* "according to X" (ACCORDING_TO); nominal cues ("accusations of ...", NOMINAL);
* quotations that stand alone in their paragraph go to the most recent source (DIRECT);
* the headline's "...: Report" (HEADLINE).

An attribution whose cue lies inside another one's content gets that one as `parent`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, lru_cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from .. import lexicons
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
from . import quotes as quotes_module
from .sources import EntityIndex, SourceRegistry, describe, source_lexicon

LEXICON = "reporting_cues"
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
INHERITS = frozenset({"xcomp", "advcl", "conj", "pcomp"})
RELATIVE = frozenset({"who", "which", "that"})
TRIM_PUNCT = frozenset({".", ",", ";", ":", "—", "–", "-", "("})
QUOTE_CHARS = frozenset('"“”«»„')
OPENING_MARKS = frozenset({"“", "«", "„"})
CLOSING_MARKS = frozenset({"”", "»"})
CONTENT_DEPS = frozenset({"ccomp"})
FIRST_PERSON = frozenset({"i", "we", "you"})


@dataclass(frozen=True, slots=True)
class CueLexicon:
    """The reporting-cue vocabulary with the stance of each entry."""

    verbs: dict[str, Stance]
    nouns: dict[str, Stance]
    carriers: frozenset[str]
    evidence_verbs: frozenset[str]
    publishers: frozenset[str]
    recipients: frozenset[str]


@cache
def cue_lexicon() -> CueLexicon:
    """Load ``reporting_cues.toml`` once."""
    data = lexicons.load(LEXICON)
    verbs = {
        verb: Stance(s) for s in ("neutral", "assertive", "distancing") for verb in data[s]["verbs"]
    }
    nouns = {noun: Stance(s) for s, words in data["nominal"].items() for noun in words}
    return CueLexicon(
        verbs=verbs,
        nouns=nouns,
        carriers=frozenset(data["carriers"]["verbs"]),
        evidence_verbs=frozenset(data["evidence"]["verbs"]),
        publishers=frozenset(data["evidence"]["publishers"]),
        recipients=frozenset(data["recipients"]["verbs"]),
    )


@lru_cache(maxsize=16)
def _according_matcher(vocab: Vocab) -> PhraseMatcher:
    """Multi-word prepositional cues: "according to", "in the words of"."""
    matcher = PhraseMatcher(vocab, attr="LOWER")
    phrases = ("according to", "in the words of", "as reported by", "as quoted by")
    matcher.add("ACCORDING", [Doc(vocab, words=p.split()) for p in phrases])
    return matcher


def publisher_source(document: Document) -> Source:
    """The publisher of the article: the root of every attribution chain."""
    return Source(id="S0", name=document.publisher or "publisher", type=SourceType.PUBLISHER)


@dataclass(slots=True)
class _Found:
    """An attribution before ids are assigned."""

    kind: AttributionKind
    source_id: str
    source_span: TextSpan | None
    cue: Cue | None
    content: TextSpan
    via: str | None = None


@dataclass(slots=True)
class _Context:
    doc: Doc
    text: str
    registry: SourceRegistry
    quotes: tuple[quotes_module.Quote, ...]
    closing: dict[int, int]  # token index of a closing quote mark -> quote index
    opening: dict[int, int]  # token index of an opening quote mark -> quote index
    used_quotes: set[int] = field(default_factory=set)
    consumed: set[int] = field(default_factory=set)  # tokens already part of a cue
    found: list[_Found] = field(default_factory=list)


def extract_attributions(
    doc: Doc, document: Document, entities: tuple[Entity, ...]
) -> AttributionResult:
    """Every Source-Cue-Content triple of the article and the distinct sources behind them."""
    registry = SourceRegistry(publisher_source(document), EntityIndex.build(entities))
    ctx = _context(doc, registry)
    _headline(ctx, document)
    standalone = _standalone_quotes(ctx)
    according = _according_starts(doc)
    for sent in doc.sents:
        for index in standalone.pop(sent.start, ()):
            _standalone(ctx, index)
        _sentence(ctx, sent, according)
    return AttributionResult(sources=registry.sources(), attributions=_finalise(ctx.found))


def _context(doc: Doc, registry: SourceRegistry) -> _Context:
    """Find the quotations and map their marks to token indices (one linear pass)."""
    text = doc.text
    found = quotes_module.find_quotes(text)
    opening: dict[int, int] = {}
    closing: dict[int, int] = {}
    for index, quote in enumerate(found):
        first = doc.char_span(quote.start, quote.start + 1, alignment_mode="expand")
        if first is not None and first[0].idx == quote.start:
            opening[first[0].i] = index
        last = doc.char_span(quote.end - 1, quote.end, alignment_mode="expand")
        if quote.closed and last is not None and last.end_char == quote.end:
            closing[last[-1].i] = index
    return _Context(doc, text, registry, found, closing, opening)


def _span(doc: Doc, start: int, end: int) -> TextSpan:
    """A TextSpan over tokens [start, end) (never reads ``doc.text``: it is rebuilt per call)."""
    first, last = doc[start], doc[end - 1]
    return TextSpan(first.idx, last.idx + len(last.text), doc[start:end].text)


def _char_span(text: str, start: int, end: int) -> TextSpan:
    return TextSpan(start, end, text[start:end])


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Token range within one paragraph, without leading/trailing punctuation and spaces.

    Closing quote marks stay; a closing bracket stays when its opening one is inside."""
    while start < end and (doc[start].is_space or doc[start].text in TRIM_PUNCT | {")"}):
        start += 1
    for index in range(start, end):
        if "\n" in doc[index].text:
            end = index
            break
    while end > start and (doc[end - 1].is_space or _dangling(doc, start, end)):
        end -= 1
    return start, end


def _dangling(doc: Doc, start: int, end: int) -> bool:
    last = doc[end - 1].text
    if last == ")":
        return "(" not in doc[start : end - 1].text
    return last in TRIM_PUNCT


# --- sources -------------------------------------------------------------------------------


def _np(token: Token, cue: Token | None = None) -> Span:
    """The noun phrase of a source token, without trailing punctuation or the cue's clause
    ("a commander ..., revealed to ..." when the cue modifies the source noun)."""
    start, end = token.left_edge.i, token.right_edge.i + 1
    if cue is not None and start <= cue.i < end:
        end = min(end, cue.left_edge.i if cue.left_edge.i > token.i else cue.i)
    start, end = _trim(token.doc, start, end)
    if not start <= token.i < end:
        return token.doc[token.i : token.i + 1]
    return token.doc[start:end]


def _register(
    ctx: _Context, head: Token, *, recipient: bool = False, cue: Token | None = None
) -> tuple[str, TextSpan]:
    """Add the mention headed by `head` to the registry; its source id and span."""
    np = _np(head, cue)
    return _register_span(ctx, np, head, recipient=recipient)


def _register_span(
    ctx: _Context, np: Span, head: Token, *, recipient: bool = False
) -> tuple[str, TextSpan]:
    info = describe(np, head, recipient=recipient)
    span = _span(ctx.doc, np.start, np.end)
    head_span = (head.idx, head.idx + len(head.text))
    return ctx.registry.add(info, span, head_span, speaker=not recipient), span


def _subject(cue: Token, lex: CueLexicon) -> Token | None:
    """The source token of a verb cue: its subject, or one it inherits from its head."""
    token: Token | None = cue
    for _ in range(4):
        if token is None:
            return None
        for child in token.children:
            if child.dep_ in SUBJECTS:
                if child.lower_ in RELATIVE and token.dep_ == "relcl":
                    return token.head
                return child
            if child.dep_ == "agent" and token.tag_ == "VBN":
                objects = [t for t in child.children if t.dep_ == "pobj"]
                if objects:
                    return objects[0]
        if token.dep_ == "relcl" or (token.dep_ == "acl" and token.tag_ != "VBN"):
            return token.head
        token = token.head if token.dep_ in INHERITS and token.head is not token else None
    return None


def _recipient(cue: Token) -> Token | None:
    """Who a statement was made to: "to Al-Ahad TV", "told Reuters"."""
    verbs = (cue, cue.head) if cue.dep_ in INHERITS else (cue,)
    for verb in verbs:
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        for child in [*verb.children, *(c for o in objects for c in o.children)]:
            if child.dep_ == "prep" and child.lower_ == "to":
                objects = [t for t in child.children if t.dep_ == "pobj"]
                if objects:
                    return objects[-1]
            if child.dep_ in {"dative", "dobj"} and child.pos_ == "PROPN":
                return child
    return None


def _via(ctx: _Context, cue: Token) -> str | None:
    """The outlet or body that carried the statement, when it has a name."""
    recipient = _recipient(cue)
    if recipient is None or recipient.pos_ == "PRON":
        return None
    if not (recipient.pos_ in {"PROPN", "X"} or recipient.text[:1].isupper()):
        return None
    source_id, _ = _register(ctx, recipient, recipient=True)
    return source_id


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


def _make_cue(doc: Doc, start: int, end: int, lemma: str, stance: Stance) -> Cue:
    return Cue(_span(doc, start, end), lemma, stance)


def _quote_next_to(ctx: _Context, left: int, right: int) -> int | None:
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


def _quote_after(ctx: _Context, right: int) -> int | None:
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
        start, end = _trim(cue.doc, chosen.left_edge.i, _clause_end(chosen))
        return (start, _close_quote(cue.doc, start, end)) if end > start else None
    if cue.dep_ == "parataxis" or (
        cue.dep_ == "ccomp" and cue.i > cue.head.i and _comma_before(cue)
    ):
        start, end = _trim(cue.doc, cue.head.left_edge.i, cue.left_edge.i)
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
            start, end = _trim(cue.doc, child.left_edge.i, child.right_edge.i + 1)
            return (start, end) if end > start else None
    return None


def _seeing(cue: Token) -> Token | None:
    """The "seeing" of "X reported seeing Y"."""
    for child in cue.children:
        if child.dep_ in {"xcomp", "ccomp"} and child.lemma_ in {"see", "witness", "observe"}:
            return child if child.tag_ == "VBG" else None
    return None


def _verb(ctx: _Context, cue: Token, lex: CueLexicon) -> None:
    """One attribution for a reporting verb, when it has both a source and a content."""
    subject = _subject(cue, lex)
    if subject is None or subject.lower_ in FIRST_PERSON or _infinitive(cue, lex):
        return
    doc = ctx.doc
    cue_start, cue_end = _cue_span(cue, lex)
    kind = AttributionKind.INDIRECT
    seeing = _seeing(cue)
    content: tuple[int, int] | None
    if seeing is not None:
        kind, cue_end = AttributionKind.REPORTED_SEEING, seeing.i + 1
        content = _trim(doc, seeing.i + 1, seeing.right_edge.i + 1)
    else:
        left = min(cue_start, subject.left_edge.i)
        right = max(cue_end, subject.right_edge.i + 1 if subject.i > cue.i else cue_end)
        quote = _quote_next_to(ctx, left, right)
        if quote is not None:
            ctx.used_quotes.add(quote)
            q = ctx.quotes[quote]
            _add_verb(ctx, cue, subject, (cue_start, cue_end), AttributionKind.DIRECT, None, q)
            return
        content = _clause_content(cue)
        if content is None and cue.lemma_ in lex.evidence_verbs | {
            "cite",
            "deny",
            "confirm",
            "announce",
        }:
            content = _object_content(cue, lex)
    if content is None or content[1] <= content[0]:
        return
    _add_verb(ctx, cue, subject, (cue_start, cue_end), kind, content, None)


def _infinitive(cue: Token, lex: CueLexicon) -> bool:
    """ "wants to say", "to know": an intended, not a made, statement ("went on to say" is)."""
    marked = any(c.dep_ == "aux" and c.lower_ == "to" for c in cue.lefts)
    return marked and not (cue.dep_ in {"xcomp", "advcl"} and cue.head.lemma_ in lex.carriers)


def _add_verb(
    ctx: _Context,
    cue: Token,
    subject: Token,
    cue_range: tuple[int, int],
    kind: AttributionKind,
    content: tuple[int, int] | None,
    quote: quotes_module.Quote | None,
) -> None:
    lex = cue_lexicon()
    doc = ctx.doc
    via = _via(ctx, cue)
    subject, kind = _evidence_source(subject, cue, kind, lex)
    source_id, source_span = _register(ctx, subject, cue=cue)
    ctx.consumed.update(range(*cue_range))
    stance = lex.verbs.get(cue.lemma_, Stance.NEUTRAL)
    cue_record = _make_cue(doc, *cue_range, cue.lemma_, stance)
    if quote is not None:
        span = _char_span(ctx.text, quote.start, quote.end)
    else:
        assert content is not None
        span = _span(doc, *content)
    ctx.found.append(_Found(kind, source_id, source_span, cue_record, span, via))


def _evidence_source(
    subject: Token, cue: Token, kind: AttributionKind, lex: CueLexicon
) -> tuple[Token, AttributionKind]:
    """For "a video released by X shows Y": the source is X and the kind EVIDENCE."""
    if kind is not AttributionKind.INDIRECT or cue.lemma_ not in lex.evidence_verbs:
        return subject, kind
    if (
        subject.lower_ not in source_lexicon().document
        and subject.lemma_ not in source_lexicon().document
    ):
        return subject, kind
    for child in subject.children:
        if child.dep_ == "acl" and child.lemma_ in lex.publishers:
            for agent in child.children:
                objects = [t for t in agent.children if t.dep_ == "pobj"]
                if agent.dep_ == "agent" and objects:
                    return objects[0], AttributionKind.EVIDENCE
    return subject, AttributionKind.EVIDENCE


# --- according to, nominal, headline, standalone quotes -----------------------------------


def _according_starts(doc: Doc) -> dict[int, tuple[int, int]]:
    """Token index of each "according to"-type phrase -> its token range."""
    return {start: (start, end) for _, start, end in _according_matcher(doc.vocab)(doc)}


def _according(ctx: _Context, sent: Span, start: int, end: int) -> None:
    """ "According to X, Y." and "Y, according to X." """
    doc = ctx.doc
    objects = [t for t in doc[end - 1].children if t.dep_ == "pobj"]
    if not objects:
        objects = [t for t in doc[end : sent.end] if t.pos_ in {"NOUN", "PROPN", "PRON"}][:1]
    if not objects:
        return
    source = objects[0]
    phrase_end = max(end, source.right_edge.i + 1)
    before = _trim(doc, sent.start, start)
    after = _trim(doc, phrase_end, sent.end)
    content = after if after[1] - after[0] >= before[1] - before[0] else before
    if content[1] - content[0] < 2:
        return
    source_id, source_span = _register(ctx, source)
    cue = _make_cue(doc, start, end, doc[start:end].text.lower(), Stance.NEUTRAL)
    span = _span(doc, *content)
    ctx.found.append(_Found(AttributionKind.ACCORDING_TO, source_id, source_span, cue, span))


def _nominal(ctx: _Context, noun: Token, lex: CueLexicon) -> None:
    """ "accusations of ...", "claims to the contrary", "allegations that ..." """
    stance = lex.nouns[noun.lemma_.lower()]
    content = _nominal_content(noun, strict=stance is not Stance.DISTANCING)
    if content is None:
        return
    doc = ctx.doc
    holder = next((c for c in noun.children if c.dep_ == "poss"), None)
    if holder is None:
        by = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"]
        objects = [t for t in by[0].children if t.dep_ == "pobj"] if by else []
        holder = objects[0] if objects else None
    if holder is not None and holder.pos_ != "PRON":
        source_id, source_span = _register(ctx, holder)
    else:
        source_span = None
        source_id = ctx.registry.add_vague(_nominal_name(noun, content), None)
    cue = _make_cue(doc, noun.i, noun.i + 1, noun.lemma_.lower(), stance)
    found = _Found(AttributionKind.NOMINAL, source_id, source_span, cue, _span(doc, *content))
    ctx.found.append(found)


def _nominal_content(noun: Token, *, strict: bool) -> tuple[int, int] | None:
    doc = noun.doc
    for child in noun.rights:
        if child.dep_ in {"acl", "ccomp"} and any(
            t.lower_ == "that" and t.dep_ == "mark" for t in child.lefts
        ):
            return _trim(doc, child.left_edge.i, child.right_edge.i + 1)
        if strict or child.dep_ != "prep":
            continue
        if child.lower_ == "of":
            objects = [t for t in child.children if t.dep_ in {"pobj", "pcomp"}]
            if objects:
                return _trim(doc, objects[0].left_edge.i, child.right_edge.i + 1)
        if child.lower_ == "to" and any(t.lower_ == "contrary" for t in child.subtree):
            return _trim(doc, child.i, child.right_edge.i + 1)
    return None


def _nominal_name(noun: Token, content: tuple[int, int]) -> str:
    """ "claims to the contrary" keeps its complement; "accusations" stands alone."""
    if content[0] == noun.i + 1 and noun.doc[noun.i + 1].lower_ == "to":
        return noun.doc[noun.i : content[1]].text
    return noun.text


def _headline(ctx: _Context, document: Document) -> None:
    """ "Leaked files show ...: Report" (source after the colon) and "Pentagon: No troops
    will ..." (source before it): the colon is the cue, kind HEADLINE."""
    title = document.title_span
    if title is None or title.end > len(ctx.text):
        return
    text = ctx.text[title.start : title.end]
    colon = text.rfind(":")
    if colon <= 0:
        return
    head, tail = text[:colon].strip(), text[colon + 1 :].strip().rstrip(".")
    if not head or not tail:
        return
    if 1 <= len(tail.split()) <= 3 and tail[:1].isupper() and len(head.split()) >= 3:
        _headline_triple(ctx, title.start + text.index(tail, colon), tail, head, title.start)
    elif len(head.split()) <= 5 and head[:1].isupper() and len(tail.split()) >= 3:
        _headline_triple(ctx, title.start, head, tail, title.start + text.index(tail, colon))
    else:
        return
    colon_at = title.start + colon
    ctx.found[-1].cue = Cue(_char_span(ctx.text, colon_at, colon_at + 1), ":", Stance.NEUTRAL)


def _headline_triple(
    ctx: _Context, source_at: int, source: str, content: str, content_at: int
) -> None:
    span = ctx.doc.char_span(source_at, source_at + len(source), alignment_mode="expand")
    if span is None:
        return
    source_id, source_span = _register_span(ctx, span, span.root)
    found = _char_span(ctx.text, content_at, content_at + len(content))
    ctx.found.append(_Found(AttributionKind.HEADLINE, source_id, source_span, None, found))


def _standalone_quotes(ctx: _Context) -> dict[int, list[int]]:
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


def _standalone(ctx: _Context, index: int) -> None:
    """A quotation with no cue of its own belongs to the most recent speaker."""
    source_id = ctx.registry.recent()
    if source_id is None or index in ctx.used_quotes:
        return
    ctx.used_quotes.add(index)
    quote = ctx.quotes[index]
    content = _char_span(ctx.text, quote.start, quote.end)
    ctx.found.append(_Found(AttributionKind.DIRECT, source_id, None, None, content))


# --- per sentence and final assembly -------------------------------------------------------


def _sentence(ctx: _Context, sent: Span, according: dict[int, tuple[int, int]]) -> None:
    """Every cue of one sentence, left to right."""
    lex = cue_lexicon()
    for token in sent:
        if token.i in according:
            _according(ctx, sent, *according[token.i])
        elif token.i in ctx.consumed:
            continue
        elif token.pos_ in {"VERB", "AUX"} and token.lemma_ in lex.verbs:
            if (token.dep_ not in {"amod", "compound"} and token.tag_ != "VBN") or _has_aux(token):
                _verb(ctx, token, lex)
        elif token.pos_ == "NOUN" and token.lemma_.lower() in lex.nouns:
            _nominal(ctx, token, lex)


def _has_aux(token: Token) -> bool:
    return any(c.dep_ in {"aux", "auxpass"} for c in token.children)


def _finalise(found: list[_Found]) -> tuple[Attribution, ...]:
    """Order by position, assign ids, and link each attribution to the one it is quoted in."""
    ordered = sorted(found, key=lambda f: f.cue.span.start if f.cue else f.content.start)
    ids = [f"A{i + 1}" for i in range(len(ordered))]
    parents = _parents(ordered, ids)
    return tuple(
        Attribution(
            id=ids[i],
            kind=f.kind,
            source_id=f.source_id,
            source_span=f.source_span,
            cue=f.cue,
            content=f.content,
            via=f.via,
            parent=parents[i],
        )
        for i, f in enumerate(ordered)
    )


def _parents(ordered: list[_Found], ids: list[str]) -> list[str | None]:
    """The innermost attribution whose content holds each cue (a sweep with a stack)."""
    by_start = sorted(
        range(len(ordered)), key=lambda i: (ordered[i].content.start, -ordered[i].content.end)
    )
    parents: list[str | None] = [None] * len(ordered)
    stack: list[int] = []
    pointer = 0
    for i, item in enumerate(ordered):
        point = item.cue.span.start if item.cue else item.content.start
        while pointer < len(by_start) and ordered[by_start[pointer]].content.start <= point:
            stack.append(by_start[pointer])
            pointer += 1
        while stack and ordered[stack[-1]].content.end <= point:
            stack.pop()
        enclosing = [j for j in reversed(stack[-4:]) if j != i and _holds(ordered[j], item)]
        parents[i] = ids[enclosing[0]] if enclosing else None
    return parents


def _holds(outer: _Found, inner: _Found) -> bool:
    start = inner.cue.span.start if inner.cue else inner.content.start
    end = inner.cue.span.end if inner.cue else inner.content.end
    return outer.content.start <= start and end <= outer.content.end and outer is not inner
