"""Evidence an article cites: video, photos, thermal/satellite imagery, documents, witnesses.

Evidence words and status words ("leaked", "released", "unverified") come from
``lexicons/evidence.toml``. Statuses are read from the evidence noun's modifiers, its governing
verb and the words just before it; a sentence saying the material "could not be independently
verified" marks it unverified. Repeated mentions of one item ("Leaked video ..." then "the
leaked video") become one record. One linear pass; matchers are built once per vocab.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from spacy.vocab import Vocab

from .. import lexicons
from ..model import Evidence, Source, TextSpan

LEXICON = "evidence"
IGNORE = "_ignore"
PEOPLE = "_people"
SOURCE_DEPS = frozenset({"poss", "compound", "nmod", "acl", "relcl", "agent"})
SOURCE_PREPS = frozenset({"by", "from"})
AGENT_DEPS = frozenset({"nsubj", "agent"})
WINDOW_STOP_POS = frozenset(
    {"ADP", "NOUN", "PROPN", "PRON", "AUX", "CCONJ", "SCONJ", "PART", "NUM", "PUNCT"}
)


@dataclass(slots=True)
class Mention:
    """One mention of an evidence item, before repeated mentions are merged."""

    kind: str
    span: TextSpan
    status: list[str]
    source_id: str | None
    distinct: bool
    mentions: list[TextSpan] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class EvidenceMatchers:
    kinds: PhraseMatcher
    unverified: PhraseMatcher
    people: PhraseMatcher


@cache
def _lexicon() -> dict[str, Any]:
    return lexicons.load(LEXICON)


def _docs(vocab: Vocab, phrases: Iterable[str]) -> list[Doc]:
    return [Doc(vocab, words=phrase.split()) for phrase in phrases]


@lru_cache(maxsize=16)
def _matchers(vocab: Vocab) -> EvidenceMatchers:
    """Evidence and "unverified" phrase matchers, built once per vocab."""
    lex = _lexicon()
    kinds = PhraseMatcher(vocab, attr="LOWER")
    for kind, table in lex["kinds"].items():
        kinds.add(kind, _docs(vocab, table["phrases"]))
    kinds.add(IGNORE, _docs(vocab, lex["ignore"]))
    people = PhraseMatcher(vocab, attr="LOWER")
    people.add(PEOPLE, _docs(vocab, lex["eyewitness_by_clause"]["nouns"]))
    unverified = PhraseMatcher(vocab, attr="LOWER")
    unverified.add("UNVERIFIED", _docs(vocab, lex["unverified"]["phrases"]))
    return EvidenceMatchers(kinds, unverified, people)


def _sent_start(token: Token) -> int:
    """Index of the first token of the token's sentence (0 when the Doc has no sentences)."""
    return int(token.sent.start) if token.doc.has_annotation("SENT_START") else 0


def _unverified_sentences(doc: Doc, matcher: PhraseMatcher) -> set[int]:
    return {_sent_start(doc[start]) for _, start, _ in matcher(doc)}


# --- status -----------------------------------------------------------------------------


def _status_of(token: Token, lex: dict[str, Any]) -> str | None:
    words: dict[str, str] = lex["status"]["words"]
    status = words.get(token.lower_) or words.get(token.lemma_.lower())
    if status is None:
        return None
    if any(child.dep_ == "neg" for child in token.children):
        negated: dict[str, str] = lex["status"]["negated"]
        return negated.get(status)
    return status


def _window(head: Span) -> Iterator[Token]:
    """Up to three words before the evidence phrase inside its noun phrase ("the leaked")."""
    doc = head.doc
    for i in range(head.start - 1, max(-1, head.start - 4), -1):
        token = doc[i]
        verb_ok = token.pos_ != "VERB" or token.tag_ in ("VBN", "")
        if token.is_punct or token.pos_ in WINDOW_STOP_POS or not verb_ok:
            return
        yield token


def _status_tokens(match: Span) -> Iterator[Token]:
    head = match[-1]
    yield from head.children
    if head.head is not head:
        yield head.head
    yield from _window(match)


def statuses(match: Span, lex: dict[str, Any]) -> list[str]:
    """Status words of one evidence mention, in order of first appearance in the text."""
    found: dict[str, int] = {}
    for token in _status_tokens(match):
        status = _status_of(token, lex)
        if status is not None:
            found.setdefault(status, token.i)
    return sorted(found, key=found.__getitem__)


def _distinct(match: Span, lex: dict[str, Any]) -> bool:
    words = set(lex["distinct"]["words"])
    tokens = [*match[-1].children, *_window(match)]
    return any(token.lower_ in words for token in tokens)


# --- source -----------------------------------------------------------------------------


def _regions(match: Span, lex: dict[str, Any]) -> list[tuple[int, int]]:
    """Char ranges where the provider of the evidence is named: its phrase and its agent."""
    head = match[-1]
    regions = [(match.start_char, match.end_char)]
    for child in head.children:
        if child.dep_ in SOURCE_DEPS or (child.dep_ == "prep" and child.lower_ in SOURCE_PREPS):
            regions.append(_subtree_chars(child))
    governor = head.head
    if governor is not head and _status_of(governor, lex) is not None:
        regions += [_subtree_chars(c) for c in governor.children if c.dep_ in AGENT_DEPS]
    return regions


def _subtree_chars(token: Token) -> tuple[int, int]:
    left, right = token.left_edge, token.right_edge
    return left.idx, right.idx + len(right)


def source_for(regions: list[tuple[int, int]], sources: tuple[Source, ...]) -> str | None:
    """The first Source with a mention inside one of the regions."""
    for source in sources:
        for mention in source.mentions:
            if any(a <= mention.start and mention.end <= b for a, b in regions):
                return source.id
    return None


# --- mentions and merging ---------------------------------------------------------------


def _is_verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX")


def _kind_spans(doc: Doc, matcher: PhraseMatcher) -> Iterator[tuple[str, Span]]:
    spans = [Span(doc, s, e, label=m) for m, s, e in matcher(doc)]
    for span in filter_spans(spans):
        if span.label_ != IGNORE and not _is_verb(span[-1]):
            yield span.label_, span


def _clause_witnesses(
    doc: Doc, people: PhraseMatcher, lex: dict[str, Any]
) -> Iterator[tuple[str, Span]]:
    """ "residents who saw ...": a people noun with a seeing verb in its relative clause."""
    verbs = set(lex["eyewitness_by_clause"]["verbs"])
    for _, start, _ in people(doc):
        token = doc[start]
        for child in token.children:
            if child.dep_ == "relcl" and (child.lemma_ in verbs or child.lower_ in verbs):
                yield "eyewitness", doc[token.i : max(child.i, token.i) + 1]
                break


def _mentions(doc: Doc, sources: tuple[Source, ...]) -> list[Mention]:
    lex = _lexicon()
    matchers = _matchers(doc.vocab)
    unverified = _unverified_sentences(doc, matchers.unverified)
    found = [*_kind_spans(doc, matchers.kinds), *_clause_witnesses(doc, matchers.people, lex)]
    mentions = []
    for kind, span in sorted(found, key=lambda pair: pair[1].start):
        status = statuses(span, lex)
        if _sent_start(span[0]) in unverified:
            status = [s for s in status if s not in ("verified", "unverified")] + ["unverified"]
        text = TextSpan(span.start_char, span.end_char, span.text)
        source_id = source_for(_regions(span, lex), sources)
        mentions.append(Mention(kind, text, status, source_id, _distinct(span, lex)))
    return mentions


def _same_item(record: Mention, mention: Mention) -> bool:
    sources = {record.source_id, mention.source_id} - {None}
    return len(sources) <= 1


def _best_record(records: list[Mention], mention: Mention) -> Mention | None:
    """The earlier item this mention most likely repeats: shared statuses, then the latest."""
    best, best_score = None, -1
    for record in records:
        if not _same_item(record, mention):
            continue
        score = len(set(record.status) & set(mention.status))
        if score >= best_score:
            best, best_score = record, score
    return best


def merge(mentions: Iterable[Mention]) -> list[Mention]:
    """Fold each mention into the earlier record of its kind it repeats, if any."""
    records: list[Mention] = []
    by_kind: dict[str, list[Mention]] = {}
    for mention in mentions:
        same_kind = by_kind.setdefault(mention.kind, [])
        record = None if mention.distinct else _best_record(same_kind, mention)
        if record is None:
            mention.mentions = [mention.span]
            records.append(mention)
            same_kind.append(mention)
            continue
        record.mentions.append(mention.span)
        record.status += [s for s in mention.status if s not in record.status]
        record.source_id = record.source_id or mention.source_id
    return records


def _resolve_unverified(status: list[str]) -> tuple[str, ...]:
    """'unverified' wins over 'verified' when both were said of one item."""
    if "unverified" in status:
        status = [s for s in status if s != "verified"]
    return tuple(status)


def extract_evidence(doc: Doc, sources: tuple[Source, ...]) -> tuple[Evidence, ...]:
    """Evidence items cited in the Doc, one record per item, ids V1.. by first mention."""
    return tuple(
        Evidence(
            id=f"V{number}",
            kind=record.kind,
            span=record.span,
            status=_resolve_unverified(record.status),
            source_id=record.source_id,
            mentions=tuple(record.mentions),
        )
        for number, record in enumerate(merge(_mentions(doc, sources)), start=1)
    )
