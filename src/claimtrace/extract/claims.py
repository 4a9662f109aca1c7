"""Claims: the check-worthy factual assertions of an article, with their sourcing.

Candidates are every attribution content that states something, and every body sentence
that asserts an event or a number without attribution ("asserted by the publisher").
Each claim carries its attribution chain (publisher first), its certainty from hedges, its
polarity, a check-worthiness score whose weights live in ``lexicons/checkworthiness.toml``,
and the evidence and responses linked to it (`responses.link_responses`). One pass over the
tokens, plus work per attribution; rules never look at which side a source is on.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from ..model import (
    Attribution,
    AttributionKind,
    AttributionResult,
    Certainty,
    ChainLink,
    Claim,
    Document,
    Evidence,
    Hedge,
    Polarity,
    Response,
    Source,
    TextSpan,
)
from .attribution_base import cue_lexicon
from .checkworthiness import checkworthiness_features as checkworthiness_features
from .checkworthiness import checkworthiness_scorer, is_question, load_weights
from .checkworthiness import is_number as _is_number
from .hedges import certainty_of
from .responses import link_responses
from .time_and_place import PARAGRAPH_BREAK

PUBLISHER_ID = "S0"
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
NEGATORS = frozenset({"not", "n't", "never", "no"})
DENIAL_LEMMAS = frozenset({"deny"})
VERB_POS = frozenset({"VERB", "AUX"})
END_PUNCT = (".", "!", "?", '"', "”", "’", "'", ":", ";", "…")
DATELINE = re.compile(r"^By\b[^.!?]*[-–—|][^.!?]*\d{4}\s*$")
CREDIT = re.compile(
    r"^\(?\s*(?:(?:photo|image|picture|video|graphic)s?\s*(?:credit|courtesy|source)?|credit)\s*:",
    re.IGNORECASE,
)
HEADING_MAX_WORDS = 6


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    attribution: Attribution | None


@dataclass(slots=True)
class _Context:
    """Everything the claim builders share for one article."""

    doc: Doc
    text: str
    token_starts: list[int]
    segments: list[Span]
    segment_starts: list[int]
    attr: AttributionResult
    sources: dict[str, Source]
    attributions: dict[str, Attribution]
    hedges: Sequence[Hedge]
    evidence: Sequence[Evidence]
    responses: Sequence[Response]
    score: Callable[[Span, Span], float]

    def tokens(self, start: int, end: int) -> Span:
        """The tokens that overlap the characters ``[start, end)``."""
        first = max(bisect_right(self.token_starts, start) - 1, 0)
        last = bisect_left(self.token_starts, end)
        return self.doc[first : max(last, first)]

    def span(self, start: int, end: int) -> TextSpan:
        return TextSpan(start, end, self.text[start:end])

    def sentence(self, start: int, end: int) -> TextSpan:
        """The sentence segment(s) covering ``[start, end)``."""
        if not self.segments:
            return self.span(start, end)
        first = self.segments[max(bisect_right(self.segment_starts, start) - 1, 0)]
        last = self.segments[max(bisect_right(self.segment_starts, max(end - 1, start)) - 1, 0)]
        return self.span(min(first.start_char, start), max(last.end_char, end))


def extract_claims(
    doc: Doc,
    document: Document,
    attr: AttributionResult,
    hedges: Sequence[Hedge],
    evidence: Sequence[Evidence],
    responses: Sequence[Response],
) -> tuple[Claim, ...]:
    """Return the article's check-worthy claims, ids ``C1``... in text order."""
    ctx = _context(doc, attr, hedges, evidence, responses)
    candidates = _attribution_candidates(ctx) + _sentence_candidates(ctx)
    candidates.sort(key=lambda c: (c.start, c.end))
    claims = [_build_claim(ctx, f"C{n}", cand) for n, cand in enumerate(candidates, start=1)]
    links = link_responses(doc, claims, responses, evidence)
    return tuple(replace(claim, response_ids=links.get(claim.id, ())) for claim in claims)


def _context(
    doc: Doc,
    attr: AttributionResult,
    hedges: Sequence[Hedge],
    evidence: Sequence[Evidence],
    responses: Sequence[Response],
) -> _Context:
    segments = sentence_segments(doc)
    return _Context(
        doc=doc,
        text=doc.text,
        token_starts=[token.idx for token in doc],
        segments=segments,
        segment_starts=[segment.start_char for segment in segments],
        attr=attr,
        sources={source.id: source for source in attr.sources},
        attributions={a.id: a for a in attr.attributions},
        hedges=hedges,
        evidence=evidence,
        responses=responses,
        score=checkworthiness_scorer(),
    )


def sentence_segments(doc: Doc) -> list[Span]:
    """Sentences, split again at line breaks (parsers glue short paragraphs together)."""
    if len(doc) == 0:
        return []
    sents: Iterable[Span] = doc.sents if doc.has_annotation("SENT_START") else [doc[:]]
    segments: list[Span] = []
    for sent in sents:
        begin = sent.start
        for token in sent:
            if token.is_space and "\n" in token.text:
                segments.append(doc[begin : token.i])
                begin = token.i + 1
        segments.append(doc[begin : sent.end])
    return [seg for seg in segments if any(not token.is_space for token in seg)]


# --- candidates -------------------------------------------------------------------------


def _attribution_candidates(ctx: _Context) -> list[_Candidate]:
    """One candidate per attribution content that states something (deepest one wins); a
    refusal to speak ("declined to comment on the audit") is no claim, though a refusal to
    act ("refused to release the prisoners") is."""
    children = _children_by_span(ctx)
    chosen: dict[tuple[int, int], Attribution] = {}
    for att in ctx.attr.attributions:
        if _refuses_to_speak(ctx, att):
            continue
        start, end = _clip(ctx, att.content.start, att.content.end)
        if end <= start or not states_something(ctx.tokens(start, end)):
            continue
        inner = children.get((att.content.start, att.content.end))
        if inner and _only_frames(ctx, att, inner):
            continue
        current = chosen.get((start, end))
        if current is None or _depth(ctx, att) > _depth(ctx, current):
            chosen[(start, end)] = att
    return [_Candidate(start, end, att) for (start, end), att in chosen.items()]


def _refuses_to_speak(ctx: _Context, att: Attribution) -> bool:
    """Whether `att` is a refusal ("declined", "refused") to speak ("to comment", "to say")."""
    lexicon = cue_lexicon()
    if att.cue is None or att.cue.lemma not in lexicon.refusals:
        return False
    verbs = [t for t in ctx.tokens(att.content.start, att.content.end) if t.pos_ in VERB_POS]
    return bool(verbs) and verbs[0].lemma_.lower() in lexicon.refused_speech


def _children_by_span(ctx: _Context) -> dict[tuple[int, int], list[Attribution]]:
    """Nested attributions per parent content span; attributions sharing a span share them."""
    found: dict[tuple[int, int], list[Attribution]] = {}
    for att in ctx.attr.attributions:
        parent = ctx.attributions.get(att.parent or "")
        if parent is not None and parent.content != att.content:
            found.setdefault((parent.content.start, parent.content.end), []).append(att)
    return found


def _clip(ctx: _Context, start: int, end: int) -> tuple[int, int]:
    """Content without a leading "that" and cut before a dateline or heading it runs into."""
    index = max(bisect_right(ctx.segment_starts, start) - 1, 0) + 1
    while index < len(ctx.segments) and ctx.segments[index].start_char < end:
        if is_boilerplate(ctx.segments[index].text):
            end = max(min(end, ctx.segments[index - 1].end_char), start)
            break
        index += 1
    for token in ctx.tokens(start, end):
        complementiser = token.lower_ == "that" and (token.dep_ == "mark" or token.tag_ == "IN")
        if not (complementiser or token.is_space or token.text in (",", ":")):
            return max(start, token.idx), end
    return start, end


def _only_frames(ctx: _Context, outer: Attribution, inner: list[Attribution]) -> bool:
    """True when the outer content only frames its nested attributions (no verb of its own)."""
    covered = [a.content for a in inner]
    covered += [a.cue.span for a in inner if a.cue is not None]
    covered += [a.source_span for a in inner if a.source_span is not None]
    for token in ctx.tokens(outer.content.start, outer.content.end):
        inside = any(s.start <= token.idx < s.end for s in covered)
        if not inside and token.tag_ in FINITE_TAGS:
            return False
    return True


def _depth(ctx: _Context, att: Attribution) -> int:
    return len(lineage(att, ctx.attributions))


def states_something(tokens: Span) -> bool:
    """An attribution content worth a claim: two words and a verb, number, name or event."""
    words = [token for token in tokens if token.is_alpha]
    if len(words) < 2:
        return False
    weights = load_weights()
    return any(
        token.pos_ in VERB_POS
        or token.tag_.startswith("VB")
        or token.tag_ == "MD"
        or _is_number(token, weights)
        or token.ent_type_ in weights.entity_labels
        or _lemma(token) in weights.event_nouns
        for token in tokens
    )


def _sentence_candidates(ctx: _Context) -> list[_Candidate]:
    """Body sentences outside every attribution and response that assert an event or number."""
    blocked = _blocked_tokens(ctx)
    found = []
    for segment in ctx.segments:
        if any(blocked[segment.start : segment.end]):
            continue
        if is_boilerplate(segment.text) or not asserts_event_or_number(segment):
            continue
        start, end = _trim(segment)
        found.append(_Candidate(start, end, None))
    return found


def _blocked_tokens(ctx: _Context) -> bytearray:
    """Tokens inside an attribution (source, cue, content) or a response. An attribution whose
    content states nothing ("demanded immediate elections") leaves its sentence free: the
    act itself is then what the article asserts."""
    blocked = bytearray(len(ctx.doc))
    spans: list[TextSpan] = [r.span for r in ctx.responses]
    for att in ctx.attr.attributions:
        if not states_something(ctx.tokens(att.content.start, att.content.end)):
            continue
        spans.append(att.content)
        spans.extend(s for s in (att.source_span, att.cue.span if att.cue else None) if s)
    for span in spans:
        for token in ctx.tokens(span.start, span.end):
            blocked[token.i] = 1
    return blocked


def _trim(segment: Span) -> tuple[int, int]:
    """Character bounds without leading or trailing whitespace tokens."""
    doc, first, last = segment.doc, segment.start, segment.end - 1
    while first < last and doc[first].is_space:
        first += 1
    while last > first and doc[last].is_space:
        last -= 1
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def is_boilerplate(text: str) -> bool:
    """Datelines, photo credits, headings and questions: never claims."""
    text = text.strip()
    if DATELINE.match(text) or CREDIT.match(text):
        return True
    if is_question(text):
        return True
    return not text.endswith(END_PUNCT) and len(text.split()) <= HEADING_MAX_WORDS


def asserts_event_or_number(tokens: Span) -> bool:
    """A finite verb plus a number, a named entity or an event verb."""
    weights = load_weights()
    finite = any(token.tag_ in FINITE_TAGS for token in tokens)
    return finite and any(
        _is_number(token, weights)
        or token.ent_type_ in weights.entity_labels
        or (_is_verb(token) and _lemma(token) in weights.event_verbs)
        for token in tokens
    )


# --- building one claim -----------------------------------------------------------------


def _build_claim(ctx: _Context, claim_id: str, cand: _Candidate) -> Claim:
    span = ctx.span(cand.start, cand.end)
    sentence = ctx.sentence(cand.start, cand.end)
    tokens = ctx.tokens(span.start, span.end)
    region = claim_region(span, sentence, cand.attribution)
    hedges = tuple(h for h in ctx.hedges if any(_overlaps(h.span, part) for part in region))
    certainty = certainty_of(hedges)
    sources = _chain_sources(ctx, cand.attribution)
    evidence = _linked_evidence(ctx, span, region, {s.id for s in sources})
    evidence_ids = tuple(ev.id for ev in evidence)
    return Claim(
        id=claim_id,
        span=span,
        sentence=sentence,
        attribution_ids=_overlapping_attributions(ctx, span),
        chain=_chain(ctx, sources, evidence, certainty),
        asserted_by_publisher=cand.attribution is None,
        certainty=certainty,
        hedges=hedges,
        polarity=polarity_of(tokens),
        checkworthiness=ctx.score(tokens, ctx.tokens(sentence.start, sentence.end)),
        evidence_ids=evidence_ids,
    )


def _overlaps(a: TextSpan, b: TextSpan) -> bool:
    return a.start < b.end and b.start < a.end


def _overlapping_attributions(ctx: _Context, span: TextSpan) -> tuple[str, ...]:
    found = [a for a in ctx.attr.attributions if _overlaps(a.content, span)]
    found.sort(key=lambda a: (a.content.start, -a.content.end))
    return tuple(a.id for a in found)


def lineage(att: Attribution, attributions: dict[str, Attribution]) -> list[Attribution]:
    """The attribution and its parents, outermost first (cycles are cut)."""
    chain = [att]
    seen = {att.id}
    while chain[-1].parent and chain[-1].parent in attributions:
        parent = attributions[chain[-1].parent]
        if parent.id in seen:
            break
        seen.add(parent.id)
        chain.append(parent)
    return chain[::-1]


def _chain_sources(ctx: _Context, att: Attribution | None) -> list[Source]:
    """Outlets and sources from the outermost attribution inward, without repeats."""
    if att is None:
        return []
    found: list[Source] = []
    for step in lineage(att, ctx.attributions):
        for source_id in (step.via, step.source_id):
            source = ctx.sources.get(source_id or "")
            if source is not None and source.id != PUBLISHER_ID and source not in found:
                found.append(source)
    return found


def claim_region(
    span: TextSpan, sentence: TextSpan, attribution: Attribution | None
) -> tuple[TextSpan, ...]:
    """Where a claim's own hedges and evidence may sit: its span and its attribution frame.

    The frame runs from the source (or the cue) to the end of the cue ("a video released by X
    allegedly shows"); for evidence attributions it starts at the sentence, where the evidence
    is named. Another clause of the same sentence is not part of the claim.
    """
    if attribution is None:
        return (span,)
    anchors = [a for a in (attribution.source_span, attribution.cue and attribution.cue.span) if a]
    if not anchors:
        return (span,)
    start = min(a.start for a in anchors)
    if attribution.kind is AttributionKind.EVIDENCE:
        start = min(start, sentence.start)
    end = max(a.end for a in anchors)
    return (span, TextSpan(start, end, ""))


def _linked_evidence(
    ctx: _Context, span: TextSpan, region: tuple[TextSpan, ...], source_ids: set[str]
) -> list[Evidence]:
    """Evidence named in the claim's region, or released by one of its sources and named in
    the claim's paragraph (a channel's video backs what it says there, not all it says)."""
    return [
        ev
        for ev in ctx.evidence
        if any(_overlaps(m, part) for m in _mentions(ev) for part in region)
        or (
            ev.source_id in source_ids
            and any(same_paragraph(ctx.text, m, span) for m in _mentions(ev))
        )
    ]


def same_paragraph(text: str, first: TextSpan, second: TextSpan) -> bool:
    """No blank line (`time_and_place.PARAGRAPH_BREAK`) lies between the two spans."""
    start, end = min(first.start, second.start), max(first.end, second.end)
    return PARAGRAPH_BREAK.search(text, start, end) is None


def _mentions(ev: Evidence) -> tuple[TextSpan, ...]:
    """Every place the evidence is mentioned, its main span first."""
    return (ev.span, *ev.mentions)


def _chain(
    ctx: _Context, sources: list[Source], evidence: list[Evidence], certainty: Certainty
) -> tuple[ChainLink, ...]:
    """Publisher first, then outlets and sources outward, then the evidence cited."""
    links = [publisher_link(ctx.attr)]
    for source in sources:
        if any(_is_same_evidence(source, ev) for ev in evidence):
            continue  # the source *is* the evidence ("the video shows"): one link is enough
        links.append(ChainLink(label=source.name, type=source.type.value, source_id=source.id))
    links.extend(evidence_link(ev, certainty) for ev in evidence)
    return tuple(links)


def _is_same_evidence(source: Source, ev: Evidence) -> bool:
    named = source.name.lower().endswith(ev.kind.replace("_", " "))
    return named and any(_overlaps(m, e) for m in source.mentions for e in _mentions(ev))


def publisher_link(attr: AttributionResult) -> ChainLink:
    name = attr.sources[0].name if attr.sources else "publisher"
    return ChainLink(label=name, type="publisher", source_id=PUBLISHER_ID)


def evidence_link(ev: Evidence, certainty: Certainty) -> ChainLink:
    """An evidence step; reported claims mark evidence nobody verified as "unverified".

    "leaked" says more about provenance than "released", so the chain keeps only the former.
    """
    detail = ev.status
    if "leaked" in detail:
        detail = tuple(word for word in detail if word != "released")
    unchecked = "verified" not in detail and "unverified" not in detail
    if certainty is Certainty.REPORTED and unchecked:
        detail = (*detail, "unverified")
    return ChainLink(
        label=ev.kind.replace("_", " "), type="evidence", evidence_id=ev.id, detail=detail
    )


# --- polarity and check-worthiness ------------------------------------------------------


def main_verb(tokens: Span) -> Token | None:
    """The highest token of the span, preferring a verb."""
    if len(tokens) == 0:
        return None
    lo, hi = tokens.start, tokens.end
    tops = [t for t in tokens if t.head.i == t.i or not lo <= t.head.i < hi]
    verbs = [t for t in tops if _is_verb(t)]
    return (verbs or tops or [tokens[0]])[0]


def polarity_of(tokens: Span) -> Polarity:
    """NEGATIVE when the main verb is negated ("not", "never", "no X") or is a denial."""
    verb = main_verb(tokens)
    if verb is None:
        return Polarity.POSITIVE
    if _lemma(verb) in DENIAL_LEMMAS:
        return Polarity.NEGATIVE
    for child in verb.children:
        if child.dep_ == "neg" or child.lower_ in NEGATORS:
            return Polarity.NEGATIVE
        if any(grand.lower_ == "no" and grand.dep_ == "det" for grand in child.children):
            return Polarity.NEGATIVE
    return Polarity.POSITIVE


def _lemma(token: Token) -> str:
    return (token.lemma_ or token.text).lower()


def _is_verb(token: Token) -> bool:
    return token.pos_ in VERB_POS or token.tag_.startswith("VB")
