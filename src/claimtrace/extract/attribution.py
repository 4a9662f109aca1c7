"""Attribution: Source-Cue-Content triples over a parsed article.

One pass over the sentences, in text order (so that "the source", "the report" and "he"
resolve to the most recent compatible source):

* reporting verbs from ``lexicons/reporting_cues.toml`` with a subject (the source) and a
  content: a "that" clause, a reported clause ("..., X said"), an adjacent quotation, or an
  object ("a video ... shows Y", kind EVIDENCE); "X reported seeing Y" (REPORTED_SEEING);
  "X told/revealed to Y that ..." records Y as `via` (`attribution_verbs`);
* "according to X" and "In a poll released Monday, ..." (ACCORDING_TO); nominal cues
  ("accusations of ...", NOMINAL); quotations that stand alone in their paragraph go to the
  most recent source (DIRECT); the headline's "...: Report" (HEADLINE)
  (`attribution_patterns`);
* a transcript's "HOST: ..." and a quotation signed "― Name" (DIRECT, `attribution_labels`);
* a linking "seem"/"appear": the writer's own impression, with no source span
  (`attribution_seeming`);
* a content resumed after its attribution clause ("“A,” she said. “B.”", "A, she said, B")
  becomes a second attribution with the same source and cue (`attribution_continued`), and
  so does a quotation alone in the paragraph after a quoted statement (`attribution_patterns`);
* "as X noted, ..." and "as X put it, ..." (`attribution_as`); "X is expected to ...", with
  no source and the subject and infinitive as content (`attribution_raising`); statements
  the parser attaches in the wrong place (`attribution_misparsed`); "..., records show."
  (`attribution_shown`); a title-case headline "Senator Endorses Mayor" (`attribution_titles`).

Span conventions follow common attribution annotation practice: the cue keeps its verb
group ("has also said", "called for", "said:"), the content keeps "that", "to" and the
quotation marks, the source keeps its determiner and a parenthetical apposition with the
comma that closes it ("Ann Lee, a nurse,").

An anaphoric source ("the source went on to ...") that names no new recipient keeps the
outlet (`via`) of the earlier attribution it points back to, when that one is at most
``VIA_PARAGRAPHS`` paragraphs back. An attribution whose cue lies inside another one's
content gets that one as `parent`; one that adds no link there (same source, or a belief or
attitude reported inside a statement) is dropped, and so is a cue inside a closed quotation
that nobody carries or that a person quotes from somebody unnamed (`_speakers_words`).
Cited material that names nobody who released it ("Satellite images show ...: Monitor")
takes the source of its parent: evidence is never a source.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..model import (
    Attribution,
    AttributionKind,
    AttributionResult,
    Document,
    Entity,
    Source,
    SourceType,
    TextSpan,
)
from . import quotes as quotes_module
from .attribution_adjectives import adjective_cue, adjective_word
from .attribution_base import Context, Found, cue_lexicon, fix_lemmas, paragraph_starts
from .attribution_colons import colon_verbs
from .attribution_complements import cue_span
from .attribution_continued import continue_quotes
from .attribution_edges import widen_cues
from .attribution_labels import (
    add_label,
    colon_quotes,
    signed_quotes,
    speaker_labels,
    without_label_marks,
)
from .attribution_patterns import (
    according,
    according_starts,
    headline,
    in_document,
    nominal,
    standalone,
    standalone_quotes,
)
from .attribution_questions import passive_question, question
from .attribution_seeming import seeming
from .attribution_shown import shown
from .attribution_trailing import trim_spans
from .attribution_verbs import add_verb, verb_cue
from .sources import (
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
    SPEAKER_PRONOUNS,
    THING_PRONOUNS,
    EntityIndex,
    SourceRegistry,
    source_lexicon,
)

VIA_PARAGRAPHS = 3  # how many paragraphs back an anaphor may inherit its antecedent's outlet
NOBODY = source_lexicon().vague | {"people", "everyone", "everybody", "anyone", "nobody"}
PRONOUNS = PERSON_PRONOUNS | PLURAL_PRONOUNS | SPEAKER_PRONOUNS | THING_PRONOUNS
# Holders whose quoted words are their own speech, and holders that name nobody.
SPEAKERS = frozenset({SourceType.PERSON, SourceType.ANONYMOUS, SourceType.VAGUE})
NAMELESS = frozenset({SourceType.ANONYMOUS, SourceType.VAGUE})


def publisher_source(document: Document) -> Source:
    """The publisher of the article: the root of every attribution chain."""
    return Source(id="S0", name=document.publisher or "publisher", type=SourceType.PUBLISHER)


def extract_attributions(
    doc: Doc, document: Document, entities: tuple[Entity, ...]
) -> AttributionResult:
    """Every Source-Cue-Content triple of the article and the distinct sources behind them."""
    registry = SourceRegistry(publisher_source(document), EntityIndex.build(entities))
    fix_lemmas(doc)
    ctx = _context(doc, registry)
    headline(ctx, document)
    alone = standalone_quotes(ctx)
    labels = speaker_labels(ctx)
    signed = signed_quotes(ctx)
    named = colon_quotes(ctx)
    starts = according_starts(doc)
    for sent in doc.sents:
        marked = (labels.pop(sent.start, ()), signed.pop(sent.start, ()), named.pop(sent.start, ()))
        for label in (label for group in marked for label in group):
            add_label(ctx, label)
        for index in alone.pop(sent.start, ()):
            standalone(ctx, index)
        _sentence(ctx, sent, starts)
    widen_cues(ctx)
    continue_quotes(ctx)
    trim_spans(ctx)
    _inherit_via(ctx)
    sources = registry.sources()
    holders = _Holders(
        vague=frozenset(s.id for s in sources if s.type is SourceType.VAGUE),
        speakers=frozenset(s.id for s in sources if s.type in SPEAKERS),
        nameless=frozenset(s.id for s in sources if s.type in NAMELESS),
        quoted=frozenset(
            id(f) for f in ctx.found if f.cue and ctx.in_closed_quote(f.cue.span.start)
        ),
    )
    return AttributionResult(sources=sources, attributions=_finalise(ctx.found, holders))


def _context(doc: Doc, registry: SourceRegistry) -> Context:
    """Find the quotations and map their marks to token indices (one linear pass)."""
    text = doc.text
    paragraphs = paragraph_starts(text)
    found = without_label_marks(text, quotes_module.find_quotes(text), paragraphs)
    opening: dict[int, int] = {}
    closing: dict[int, int] = {}
    for index, quote in enumerate(found):
        first = doc.char_span(quote.start, quote.start + 1, alignment_mode="expand")
        if first is not None and first[0].idx == quote.start:
            opening[first[0].i] = index
        last = doc.char_span(quote.end - 1, quote.end, alignment_mode="expand")
        if quote.closed and last is not None and last.end_char == quote.end:
            closing[last[-1].i] = index
    return Context(doc, text, registry, found, closing, opening, paragraphs)


def _sentence(ctx: Context, sent: Span, starts: dict[int, tuple[int, int]]) -> None:
    """Every cue of one sentence, left to right."""
    lex = cue_lexicon()
    in_document(ctx, sent, lex)
    seeming(ctx, sent)
    for token in sent:
        if token.i in starts:
            according(ctx, sent, *starts[token.i])
        elif token.i in ctx.consumed or shown(ctx, token, lex):
            continue
        elif passive_question(token, lex):
            question(ctx, token, lex)
        elif token.pos_ in {"VERB", "AUX"} and lex.is_cue(token.lemma_):
            if (token.dep_ not in {"amod", "compound"} and token.tag_ != "VBN") or _has_aux(token):
                verb_cue(ctx, token, lex)
        elif token.pos_ == "NOUN" and token.lemma_.lower() in lex.nouns:
            nominal(ctx, token, lex)
        elif token.pos_ in {"ADJ", "VERB"} and adjective_word(token, lex) is not None:
            adjective_cue(ctx, token, lex)
    for verb, subject, end, quote in colon_verbs(ctx, sent, lex):
        ctx.used_quotes.add(quote)
        cue_range = (cue_span(verb, lex)[0], end)
        add_verb(ctx, verb, subject, cue_range, AttributionKind.DIRECT, quote=quote)


def _has_aux(token: Token) -> bool:
    return any(c.dep_ in {"aux", "auxpass"} for c in token.children)


def _inherit_via(ctx: Context) -> None:
    """An anaphoric attribution with no recipient of its own keeps the outlet of the latest
    earlier attribution of the same source that had one, when that one is close enough."""
    latest: dict[str, Found] = {}
    for item in sorted(ctx.found, key=_position):
        earlier = latest.get(item.source_id)
        if item.anaphoric and item.via is None and earlier is not None:
            distance = ctx.paragraph(_position(item)) - ctx.paragraph(_position(earlier))
            if distance <= VIA_PARAGRAPHS:
                item.via = earlier.via
        if item.via is not None:
            latest[item.source_id] = item


def _position(found: Found) -> int:
    return found.cue.span.start if found.cue else found.content.start


# --- final assembly ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Holders:
    """Source ids by kind of holder, and the ``id()`` of every found attribution whose cue
    lies inside a closed quotation."""

    vague: frozenset[str]  # no identifiable holder ("critics")
    speakers: frozenset[str]  # people, named or not, whose quoted words are their own speech
    nameless: frozenset[str]  # anonymous or vague
    quoted: frozenset[int]


def _finalise(found: list[Found], holders: _Holders) -> tuple[Attribution, ...]:
    """Order by position, assign ids, and link each attribution to the one it is quoted in.
    An attribution inside another one's content that adds no link to the chain is dropped
    (see `_redundant` and `_speakers_words`)."""
    ordered = sorted(found, key=_position)
    ids = [f"A{i + 1}" for i in range(len(ordered))]
    parents = _parents(ordered, ids)
    index = {attribution_id: i for i, attribution_id in enumerate(ids)}
    kept = [
        item
        for item, parent in zip(ordered, parents, strict=True)
        if not _speakers_words(item, _parent(ordered, index, parent), holders)
        and (parent is None or not _redundant(item, ordered[index[parent]], holders.vague))
    ]
    if len(kept) < len(ordered):
        ordered = kept
        ids = [f"A{i + 1}" for i in range(len(ordered))]
        parents = _parents(ordered, ids)
    sources = _deferred_sources(ordered, ids, parents)
    return tuple(
        Attribution(
            id=ids[i],
            kind=f.kind,
            source_id=sources[i],
            source_span=f.source_span,
            cue=f.cue,
            content=f.content,
            via=f.via,
            parent=parents[i],
        )
        for i, f in enumerate(ordered)
    )


def _speakers_words(item: Found, parent: Found | None, holders: _Holders) -> bool:
    """A cue inside a closed quotation that no attribution carries ("'... as the mayor
    said ...'" quoted from nobody), one that a person quotes from somebody unnamed
    ("'A source told me ...,' Lee said"), or one that is no statement verb ("'... the
    senator has pledged to ...'", "'... they are well aware that ...'") is part of the
    quoted words, not a link of its own. A named holder's statement quoted by a person
    ("'Ann Lee told me ...,' he said") stays a link."""
    if id(item) not in holders.quoted:
        return False
    if parent is None or _aside(item):
        return True
    unnamed = item.source_id in holders.nameless or _pronoun(item.source_span)
    return parent.source_id in holders.speakers and unnamed


def _aside(item: Found) -> bool:
    """A quoted cue other than a statement verb (a speaker's label keeps its colon)."""
    lemma = item.cue.lemma if item.cue is not None else ""
    return item.kind is not AttributionKind.DIRECT and lemma not in cue_lexicon().quoted_links


def _parent(ordered: list[Found], index: dict[str, int], parent: str | None) -> Found | None:
    return None if parent is None else ordered[index[parent]]


def _redundant(item: Found, parent: Found, vague: frozenset[str]) -> bool:
    """A nested attribution that repeats its parent's source ("she said she believes ..."),
    names nobody identifiable ("she said many people say ..."), points back with a pronoun
    from inside a quotation ("'... as he said, ...'"), or reports a private state or an
    attitude inside a statement ("..., adding that voters feel ...", "the poll found most
    voters support ...") is part of the parent's content, not a link of its own."""
    if item.deferred or item.cue is None:
        return False
    if item.source_id == parent.source_id and not parent.deferred:
        return True
    lex = cue_lexicon()
    quoted = parent.kind is AttributionKind.DIRECT
    if quoted and (item.source_id in vague or _pronoun(item.source_span)):
        return True
    if item.source_id in vague and _nobody(item.source_span):
        return True
    return item.cue.lemma in lex.private_states or item.cue.lemma in lex.attitudes


def _pronoun(span: TextSpan | None) -> bool:
    return span is not None and span.text.lower() in PRONOUNS


def _nobody(span: TextSpan | None) -> bool:
    """A holder that names nobody in particular: "they", "critics", "many people"."""
    if span is None:
        return True
    words = span.text.lower().split()
    return bool(words) and (words[-1] in PRONOUNS or words[-1] in NOBODY)


def _deferred_sources(ordered: list[Found], ids: list[str], parents: list[str | None]) -> list[str]:
    """Each attribution's source; a deferred one takes its parent's (resolved first), else
    its fallback, else the publisher's."""
    index = {attribution_id: i for i, attribution_id in enumerate(ids)}
    resolved: dict[int, str] = {}

    def source(i: int, depth: int = 0) -> str:
        if i not in resolved:
            item, parent = ordered[i], parents[i]
            if not item.deferred:
                resolved[i] = item.source_id
            elif parent is not None and depth < len(ordered):
                resolved[i] = source(index[parent], depth + 1)
            else:
                resolved[i] = item.fallback or item.source_id
        return resolved[i]

    return [source(i) for i in range(len(ordered))]


def _parents(ordered: list[Found], ids: list[str]) -> list[str | None]:
    """The innermost attribution whose content holds each cue (a sweep with a stack)."""
    by_start = sorted(
        range(len(ordered)), key=lambda i: (ordered[i].content.start, -ordered[i].content.end)
    )
    parents: list[str | None] = [None] * len(ordered)
    stack: list[int] = []
    pointer = 0
    for i, item in enumerate(ordered):
        point = _position(item)
        while pointer < len(by_start) and ordered[by_start[pointer]].content.start <= point:
            stack.append(by_start[pointer])
            pointer += 1
        while stack and ordered[stack[-1]].content.end <= point:
            stack.pop()
        enclosing = [j for j in reversed(stack[-4:]) if j != i and _holds(ordered[j], item)]
        parents[i] = ids[enclosing[0]] if enclosing else None
    return parents


def _holds(outer: Found, inner: Found) -> bool:
    start = inner.cue.span.start if inner.cue else inner.content.start
    end = inner.cue.span.end if inner.cue else inner.content.end
    return outer.content.start <= start and end <= outer.content.end and outer is not inner
