"""Hedge cues ("allegedly", "likely", "may") and the certainty each one implies.

Cues come from ``lexicons/hedges.toml``. Multi-word phrases are matched with a PhraseMatcher
on lower-case text; ambiguous single words ("may" the month vs the modal) count only when the
tagger agrees. One linear pass over the Doc; matchers are built once per vocab.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.util import filter_spans
from spacy.vocab import Vocab

from .. import lexicons
from ..model import Certainty, Hedge, TextSpan

LEXICON = "hedges"

# How strongly a cue weakens a claim; the highest rank among a claim's hedges wins.
# REPORTED ranks highest: the writer passes the claim on without vouching for it at all.
# POSSIBLE ("may", "could") is weaker commitment than PROBABLE ("likely"); CERTAIN is no hedge.
CERTAINTY_RANK: dict[Certainty, int] = {
    Certainty.CERTAIN: 0,
    Certainty.PROBABLE: 1,
    Certainty.POSSIBLE: 2,
    Certainty.REPORTED: 3,
}


@dataclass(frozen=True, slots=True)
class WordRule:
    """A single ambiguous cue word and the tags/parts of speech it must carry."""

    certainty: Certainty
    tags: frozenset[str]
    pos: frozenset[str]


@dataclass(frozen=True, slots=True)
class HedgeMatchers:
    phrases: PhraseMatcher
    words: PhraseMatcher
    rules: dict[str, WordRule]


def _word_rules(data: dict[str, Any]) -> dict[str, WordRule]:
    rules: dict[str, WordRule] = {}
    for certainty in Certainty:
        for entry in data.get(certainty.value, {}).get("words", []):
            rules[entry["lower"]] = WordRule(
                certainty, frozenset(entry.get("tags", ())), frozenset(entry.get("pos", ()))
            )
    return rules


@lru_cache(maxsize=16)
def _matchers(vocab: Vocab) -> HedgeMatchers:
    """Build the phrase matcher and word rules once per vocab."""
    data = lexicons.load(LEXICON)
    matcher = PhraseMatcher(vocab, attr="LOWER")
    for certainty in Certainty:
        phrases = data.get(certainty.value, {}).get("phrases", [])
        if phrases:
            matcher.add(certainty.value, [Doc(vocab, words=p.split()) for p in phrases])
    rules = _word_rules(data)
    words = PhraseMatcher(vocab, attr="LOWER")
    words.add("WORD", [Doc(vocab, words=[word]) for word in rules])
    return HedgeMatchers(matcher, words, rules)


def _word_ok(token: Token, rule: WordRule, has_tag: bool, has_pos: bool) -> bool:
    if has_tag and rule.tags:
        return token.tag_ in rule.tags
    if has_pos and rule.pos:
        return token.pos_ in rule.pos
    return not (rule.tags or rule.pos)


def _word_hedges(doc: Doc, matchers: HedgeMatchers) -> Iterable[tuple[int, int, Certainty]]:
    has_tag = doc.has_annotation("TAG")
    has_pos = doc.has_annotation("POS")
    for _, start, _ in matchers.words(doc):
        token = doc[start]
        rule = matchers.rules[token.lower_]
        if _word_ok(token, rule, has_tag, has_pos):
            yield start, start + 1, rule.certainty


def find_hedges(doc: Doc) -> tuple[Hedge, ...]:
    """Every hedge cue in the Doc with the certainty it implies, sorted by offset."""
    matchers = _matchers(doc.vocab)
    found: dict[tuple[int, int], Certainty] = {}
    for match_id, start, end in matchers.phrases(doc):
        found[(start, end)] = Certainty(doc.vocab.strings[match_id])
    for start, end, certainty in _word_hedges(doc, matchers):
        found.setdefault((start, end), certainty)
    spans = filter_spans([doc[start:end] for start, end in found])
    hedges = [
        Hedge(TextSpan(s.start_char, s.end_char, s.text), found[(s.start, s.end)]) for s in spans
    ]
    return tuple(sorted(hedges, key=lambda h: (h.span.start, h.span.end)))


def certainty_of(hedges: Iterable[Hedge]) -> Certainty:
    """The certainty of a claim with these hedges: the highest in CERTAINTY_RANK."""
    best = Certainty.CERTAIN
    for hedge in hedges:
        if CERTAINTY_RANK[hedge.certainty] > CERTAINTY_RANK[best]:
            best = hedge.certainty
    return best
