"""Responses of the party concerned: denials, "declined to comment", "has yet to comment".

Patterns come from ``lexicons/responses.toml`` (see its header for the small syntax). The party
is the grammatical subject of the matched verb, without a leading determiner ("the shipping
company Delta Marine" is Delta Marine); the response span is the sentence. One Matcher pass
over the Doc; the Matcher is built once per vocab. `link_responses` says which claims each
response concerns.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from spacy.vocab import Vocab

from .. import lexicons
from ..model import Claim, Evidence, Response, ResponseKind, TextSpan
from .sources import appositive_name

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


def _is_negated(span: Span) -> bool:
    """A negated verb ("did not deny"), or a negator just before it ("unable to confirm")."""
    negators = set(_lexicon().get("negators", []))
    if any(child.dep_ == "neg" for child in span[0].children):
        return True
    before = span.doc[max(0, span.start - 3) : span.start]
    return any(token.lower_ in negators for token in before)


def _matches(doc: Doc) -> Iterator[tuple[ResponseKind, Span]]:
    spans = [Span(doc, s, e, label=m) for m, s, e in _raw_matches(doc, _matchers(doc.vocab))]
    for span in sorted(filter_spans(spans), key=lambda s: s.start):
        kind = ResponseKind(span.label_)
        rules = _lexicon()[kind.value]
        if rules.get("skip_passive") and _is_passive(span):
            continue
        if rules.get("skip_negated") and _is_negated(span):
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
    """Token range of the subject phrase, without a leading determiner or trailing clause;
    the name alone when a description comes first ("the shipping company Delta Marine")."""
    named = appositive_name(subject)
    if named is not None:
        subject = named
    doc = subject.doc
    start, end = subject.left_edge.i, subject.right_edge.i + 1
    for child in subject.rights:
        if child.dep_ in CUT_DEPS or child.is_punct:
            end = child.left_edge.i
            break
    while start < end - 1 and (doc[start].lower_ in DETERMINERS or doc[start].is_punct):
        start += 1
    if subject.pos_ == "PROPN" and doc[start].pos_ != "PROPN":
        name = subject.i  # "the construction firm Brandt Holdings": the name only
        while name > start and doc[name - 1].pos_ == "PROPN":
            name -= 1
        start = name
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


# --- which claims a response concerns ------------------------------------------------------

PARTY_STOP = frozenset({"the", "a", "an", "its", "their", "his", "her"})
PREPOSITIONS = frozenset({"in", "of", "at", "for", "to", "from", "on", "with", "by"})
TOPIC_CLAUSES = frozenset({"ccomp", "dobj"})


def link_responses(
    doc: Doc, claims: Sequence[Claim], responses: Sequence[Response], evidence: Sequence[Evidence]
) -> dict[str, tuple[str, ...]]:
    """Claim id -> the ids of the responses that concern it. Conservative, in this order:

    * a response that names evidence ("has yet to comment on the leaked video") concerns the
      claims citing that kind of evidence, and nothing else;
    * a response concerns the claims inside its own sentence (what a denial denies);
    * a response with a topic (the nouns of "comment on the cause of the fire", or of the
      clause a denial takes) concerns the earlier claim sharing the most topic nouns (every
      topic noun when there are one or two, at least two otherwise), the nearest one on a tie;
    * a response concerns the claims that name its party ("the Valdorian army denied it").
    """
    linked: dict[str, list[str]] = {}
    for response in responses:
        for claim_id in _concerned(doc, claims, response, evidence):
            linked.setdefault(claim_id, []).append(response.id)
    return {claim_id: tuple(ids) for claim_id, ids in linked.items()}


def _concerned(
    doc: Doc, claims: Sequence[Claim], response: Response, evidence: Sequence[Evidence]
) -> list[str]:
    kinds = evidence_topics(response, evidence)
    if kinds:
        cited = {ev.id for ev in evidence if ev.kind in kinds}
        return [c.id for c in claims if cited & set(c.evidence_ids)]
    found = [c.id for c in claims if _inside(c.span, response.span)]
    found += _topic_claims(doc, claims, response)
    found += [c.id for c in claims if _names_party(doc, c, response.party)]
    return sorted(set(found), key=found.index)


def evidence_topics(response: Response, evidence: Sequence[Evidence]) -> set[str]:
    """Evidence kinds a response is about ("has yet to comment on the leaked video")."""
    text = response.span.text.lower()
    return {
        ev.kind
        for ev in evidence
        if any(_inside(m, response.span) for m in (ev.span, *ev.mentions))
        or ev.kind.replace("_", " ") in text
    }


def _inside(inner: TextSpan, outer: TextSpan) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def topic_words(doc: Doc, response: Response) -> frozenset[str]:
    """Lemmas of the nouns a response is about."""
    lex = _lexicon()["topics"]
    sentence = doc.char_span(response.span.start, response.span.end, alignment_mode="expand")
    if sentence is None:
        return frozenset()
    found: set[str] = set()
    for verb in sentence:
        if verb.lemma_.lower() not in lex["verbs"]:
            continue
        for child in verb.children:
            preposition = child.dep_ == "prep" and child.lower_ in lex["prepositions"]
            if preposition or child.dep_ in TOPIC_CLAUSES:
                found.update(t.lemma_.lower() for t in child.subtree if t.pos_ in {"NOUN", "PROPN"})
    return frozenset(found - set(lex["ignore"]))


def _topic_claims(doc: Doc, claims: Sequence[Claim], response: Response) -> list[str]:
    topic = topic_words(doc, response)
    if not topic:
        return []
    best, best_score = None, min(2, len(topic))
    for claim in claims:
        if claim.span.start >= response.span.start:
            break
        span = doc.char_span(claim.span.start, claim.span.end, alignment_mode="expand")
        lemmas = {t.lemma_.lower() for t in span} if span is not None else set()
        score = len(topic & lemmas)
        if score >= best_score:
            best, best_score = claim, score
    return [best.id] if best is not None else []


def party_keys(party: str) -> tuple[frozenset[str], str | None]:
    """Names inside a party ("US", "Baghdad") and its head word ("embassy")."""
    words = [word.strip(".,;:()\"'") for word in party.split()]
    words = [word for word in words if word]
    names = frozenset(
        word.replace(".", "")
        for word in words
        if word[0].isupper() and word.lower() not in PARTY_STOP
    )
    head_zone: list[str] = []
    for word in words:
        if word.lower() in PREPOSITIONS:
            break
        head_zone.append(word)
    heads = [word.lower() for word in head_zone if word.islower() and word not in PARTY_STOP]
    return names, (heads[-1] if heads else None)


def _names_party(doc: Doc, claim: Claim, party: str) -> bool:
    span = doc.char_span(claim.span.start, claim.span.end, alignment_mode="expand")
    if span is None:
        return False
    names, head = party_keys(party)
    return bool(names & {t.text.replace(".", "") for t in span}) or (
        head is not None and head in {t.lower_ for t in span}
    )
