"""Responses of the party concerned: denials, "declined to comment", "has yet to comment".

Patterns come from ``lexicons/responses.toml`` (see its header for the small syntax). The party
is the grammatical subject of the matched verb, without a leading determiner; the response span
is the sentence. One Matcher pass over the Doc; the Matcher is built once per vocab.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from spacy.vocab import Vocab

from .. import lexicons
from ..model import Response, ResponseKind, TextSpan

LEXICON = "responses"
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
DETERMINERS = frozenset({"the", "a", "an"})
CUT_DEPS = frozenset({"relcl", "acl", "appos", "punct", "cc", "conj"})


@cache
def _lexicon() -> dict[str, Any]:
    return lexicons.load(LEXICON)


def token_pattern(pattern: str) -> list[dict[str, Any]]:
    """Matcher token specs for one pattern string: "a|b" alternatives, "x?" optional."""
    specs: list[dict[str, Any]] = []
    for word in pattern.split():
        optional = word.endswith("?")
        spec: dict[str, Any] = {"LOWER": {"IN": word.rstrip("?").split("|")}}
        if optional:
            spec["OP"] = "?"
        specs.append(spec)
    return specs


@dataclass(frozen=True, slots=True)
class ResponseMatchers:
    """The patterns, and a fast matcher for the words they can start with."""

    patterns: Matcher
    anchors: PhraseMatcher  # the last words of the patterns: rarer than the first ones
    width: int  # the most tokens one pattern can cover


@lru_cache(maxsize=16)
def _matchers(vocab: Vocab) -> ResponseMatchers:
    """One Matcher with a rule per response kind, built once per vocab."""
    matcher = Matcher(vocab)
    last_words: set[str] = set()
    width = 1
    for kind in ResponseKind:
        patterns = _lexicon().get(kind.value, {}).get("patterns", [])
        if patterns:
            matcher.add(kind.value, [token_pattern(p) for p in patterns])
        for pattern in patterns:
            last_words.update(pattern.split()[-1].rstrip("?").split("|"))
            width = max(width, len(pattern.split()))
    anchors = PhraseMatcher(vocab, attr="LOWER")
    anchors.add("ANCHOR", [Doc(vocab, words=[word]) for word in sorted(last_words)])
    return ResponseMatchers(matcher, anchors, width)


def _raw_matches(doc: Doc, matchers: ResponseMatchers) -> Iterator[tuple[int, int, int]]:
    """Pattern matches, found only in short windows that end at an anchor word."""
    for _, _, end in matchers.anchors(doc):
        start = max(0, end - matchers.width)
        for match_id, s, e in matchers.patterns(doc[start:end]):
            if start + e == end:
                yield match_id, start + s, end


def _is_passive(span: Span) -> bool:
    return any(child.dep_ == "auxpass" for token in span for child in token.children)


def _matches(doc: Doc) -> Iterator[tuple[ResponseKind, Span]]:
    spans = [Span(doc, s, e, label=m) for m, s, e in _raw_matches(doc, _matchers(doc.vocab))]
    for span in sorted(filter_spans(spans), key=lambda s: s.start):
        kind = ResponseKind(span.label_)
        if _lexicon()[kind.value].get("skip_passive") and _is_passive(span):
            continue
        yield kind, span


def subject_of(span: Span) -> Token | None:
    """The subject of the matched verb: nearest nsubj among the match and its ancestors."""
    for token in [*span, *span[0].ancestors]:
        for child in token.children:
            if child.dep_ in SUBJECT_DEPS:
                return _antecedent(child)
    return None


def _antecedent(subject: Token) -> Token:
    """For "the ministry, which declined ...", the noun the relative pronoun stands for."""
    clause = subject.head
    if subject.lower_ in RELATIVE_PRONOUNS and clause.dep_ == "relcl":
        return clause.head
    return subject


def party_tokens(subject: Token) -> tuple[int, int]:
    """Token range of the subject phrase, without a leading determiner or trailing clause."""
    doc = subject.doc
    start, end = subject.left_edge.i, subject.right_edge.i + 1
    for child in subject.rights:
        if child.dep_ in CUT_DEPS or child.is_punct:
            end = child.left_edge.i
            break
    while start < end - 1 and (doc[start].lower_ in DETERMINERS or doc[start].is_punct):
        start += 1
    return start, end


def _sentence(span: Span) -> Span:
    doc = span.doc
    return span[0].sent if doc.has_annotation("SENT_START") else doc[:]


def _text_span(span: Span) -> TextSpan:
    text = span.text.rstrip()
    return TextSpan(span.start_char, span.start_char + len(text), text)


def extract_responses(doc: Doc) -> tuple[Response, ...]:
    """Responses in the Doc, one per kind and sentence, ids R1.. in text order."""
    responses: list[Response] = []
    seen: set[tuple[ResponseKind, int]] = set()
    for kind, span in _matches(doc):
        sentence = _sentence(span)
        if (kind, sentence.start) in seen:
            continue
        seen.add((kind, sentence.start))
        subject = subject_of(span)
        party_span = _text_span(doc[slice(*party_tokens(subject))]) if subject else None
        responses.append(
            Response(
                id=f"R{len(responses) + 1}",
                kind=kind,
                party=party_span.text if party_span else "",
                span=_text_span(sentence),
                party_span=party_span,
            )
        )
    return tuple(responses)
