"""Hedge cues ("allegedly", "likely", "may", "if") and the certainty each one implies.

Cues come from ``lexicons/hedges.toml``. Multi-word phrases are matched on lower-case text,
allowing stray whitespace tokens between their words; ambiguous single words ("may" the
month vs the modal) count only when the tagger agrees and their context conditions hold
("could not" states an inability, "would be delayed" is a plain report). One linear pass
over the Doc; matchers are built once per vocab. The rules need fine tags only, no parse.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from spacy.vocab import Vocab

from .. import lexicons
from ..errors import InvalidSetting
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

ADVERB_TAGS = frozenset({"RB", "RBR", "RBS"})
BE_FORMS = frozenset({"be"})
PARTICIPLE_TAGS = frozenset({"VBN"})
FIRST_PERSON = frozenset({"i", "we"})
CONDITION_WORDS = frozenset({"if", "unless"})


@dataclass(frozen=True, slots=True)
class WordRule:
    """A single ambiguous cue word, the tags it must carry and its context conditions."""

    certainty: Certainty
    tags: frozenset[str]
    pos: frozenset[str]
    not_next: tuple[tuple[str, ...], ...] = ()
    not_prev: frozenset[str] = frozenset()
    when: str | None = None


@dataclass(frozen=True, slots=True)
class HedgeMatchers:
    # first word -> the phrase rules starting with it (a dict lookup per word is much faster
    # than spaCy's token Matcher with a whitespace wildcard between every pair of words)
    phrases: dict[str, tuple[PhraseRule, ...]]
    words: PhraseMatcher
    rules: dict[str, WordRule]


def _next_words(token: Token, n: int) -> list[Token]:
    """Up to `n` tokens after `token`, whitespace tokens skipped."""
    out: list[Token] = []
    for other in token.doc[token.i + 1 :]:
        if not other.is_space:
            out.append(other)
            if len(out) == n:
                break
    return out


def _previous_word(token: Token) -> Token | None:
    for i in range(token.i - 1, -1, -1):
        if not token.doc[i].is_space:
            return token.doc[i]
    return None


def _sentence(token: Token) -> Span:
    doc = token.doc
    return token.sent if doc.has_annotation("SENT_START") else doc[:]


def _hypothetical(token: Token) -> bool:
    """Hypothetical "would": before "be" and a non-passive ("it would be a mistake"), in
    "would have to" and "I would", or in a sentence with a condition ("if asked")."""
    before = _previous_word(token)
    if before is not None and before.lower_ in FIRST_PERSON:
        return True
    if _conditional(token):
        return True
    after = [t for t in _next_words(token, 5) if t.tag_ not in ADVERB_TAGS]
    if len(after) >= 2 and after[0].lower_ == "have" and after[1].lower_ == "to":
        return True
    if not after or after[0].lower_ not in BE_FORMS:
        return False
    return len(after) < 2 or after[1].tag_ not in PARTICIPLE_TAGS


def _conditional(token: Token) -> bool:
    """The word's sentence states a condition ("if", "unless")."""
    return any(other.lower_ in CONDITION_WORDS for other in _sentence(token))


# Named context checks a lexicon entry can ask for with `when = "<name>"`.
CONDITIONS: dict[str, Callable[[Token], bool]] = {
    "hypothetical": _hypothetical,
    "conditional": _conditional,
}


def _as_list(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _rule(certainty: Certainty, entry: dict[str, Any]) -> WordRule:
    when = entry.get("when")
    if when is not None and when not in CONDITIONS:
        raise InvalidSetting(
            f"hedges lexicon: unknown condition {when!r} (known: {', '.join(CONDITIONS)})",
            detail={"lexicon": LEXICON, "when": when},
        )
    return WordRule(
        certainty,
        frozenset(entry.get("tags", ())),
        frozenset(entry.get("pos", ())),
        tuple(tuple(p.lower().split()) for p in entry.get("not_next", ())),
        frozenset(w.lower() for w in entry.get("not_prev", ())),
        when,
    )


def _word_rules(data: dict[str, Any]) -> dict[str, WordRule]:
    rules: dict[str, WordRule] = {}
    for certainty in Certainty:
        for entry in data.get(certainty.value, {}).get("words", []):
            rule = _rule(certainty, entry)
            for word in _as_list(entry["lower"]):
                rules[word.lower()] = rule
    return rules


@dataclass(frozen=True, slots=True)
class PhraseRule:
    """A lexicon phrase: its words and which of them (first, last index) are the cue."""

    certainty: Certainty
    words: tuple[str, ...]
    cue_first: int
    cue_last: int


def _phrase_rule(certainty: Certainty, phrase: str) -> PhraseRule:
    """Parse "it is [believed]": brackets mark the cue words, the rest is context."""
    raw = phrase.lower().split()
    words = tuple(word.strip("[]") for word in raw)
    opened = [i for i, word in enumerate(raw) if word.startswith("[")]
    closed = [i for i, word in enumerate(raw) if word.endswith("]")]
    if not opened and not closed:
        return PhraseRule(certainty, words, 0, len(words) - 1)
    if len(opened) != 1 or len(closed) != 1 or closed[0] < opened[0]:
        raise InvalidSetting(
            f"hedges lexicon: phrase {phrase!r} needs one [bracketed] group of cue words",
            detail={"lexicon": LEXICON, "phrase": phrase},
        )
    return PhraseRule(certainty, words, opened[0], closed[0])


def _phrase_rules(data: dict[str, Any]) -> dict[str, PhraseRule]:
    rules: dict[str, PhraseRule] = {}
    for certainty in Certainty:
        for phrase in data.get(certainty.value, {}).get("phrases", []):
            rules[f"{certainty.value}:{phrase.lower()}"] = _phrase_rule(certainty, phrase)
    return rules


@lru_cache(maxsize=16)
def _matchers(vocab: Vocab) -> HedgeMatchers:
    """Build the phrase index, the word matcher and the word rules once per vocab."""
    data = lexicons.load(LEXICON)
    phrases: dict[str, list[PhraseRule]] = {}
    for phrase_rule in _phrase_rules(data).values():
        phrases.setdefault(phrase_rule.words[0], []).append(phrase_rule)
    rules = _word_rules(data)
    words = PhraseMatcher(vocab, attr="LOWER")
    words.add("WORD", [Doc(vocab, words=[word]) for word in rules])
    return HedgeMatchers({k: tuple(v) for k, v in phrases.items()}, words, rules)


def _tags_ok(token: Token, rule: WordRule, has_tag: bool, has_pos: bool) -> bool:
    if has_tag and rule.tags:
        return token.tag_ in rule.tags
    if has_pos and rule.pos:
        return token.pos_ in rule.pos
    return not (rule.tags or rule.pos)


def _context_ok(token: Token, rule: WordRule) -> bool:
    before = _previous_word(token)
    if before is not None and before.lower_ in rule.not_prev:
        return False
    if rule.not_next:
        following = [t.lower_ for t in _next_words(token, max(map(len, rule.not_next)))]
        if any(tuple(following[: len(phrase)]) == phrase for phrase in rule.not_next):
            return False
    return rule.when is None or CONDITIONS[rule.when](token)


def _word_hedges(doc: Doc, matchers: HedgeMatchers) -> Iterable[tuple[int, int, Certainty]]:
    has_tag = doc.has_annotation("TAG")
    has_pos = doc.has_annotation("POS")
    for _, start, _ in matchers.words(doc):
        token = doc[start]
        rule = matchers.rules[token.lower_]
        if _tags_ok(token, rule, has_tag, has_pos) and _context_ok(token, rule):
            yield start, start + 1, rule.certainty


def _phrase_hedges(doc: Doc, matchers: HedgeMatchers) -> Iterable[tuple[int, int, Certainty]]:
    """The cue words of every phrase match, left to right and shorter phrases first
    (whitespace tokens between the words of a phrase are skipped)."""
    words = [token for token in doc if not token.is_space]
    lowered = [token.lower_ for token in words]
    for at, first in enumerate(lowered):
        candidates = matchers.phrases.get(first)
        if candidates is None:
            continue
        found = [
            rule for rule in candidates if tuple(lowered[at : at + len(rule.words)]) == rule.words
        ]
        for rule in sorted(found, key=lambda r: len(r.words)):
            yield words[at + rule.cue_first].i, words[at + rule.cue_last].i + 1, rule.certainty


def find_hedges(doc: Doc) -> tuple[Hedge, ...]:
    """Every hedge cue in the Doc with the certainty it implies, sorted by offset."""
    matchers = _matchers(doc.vocab)
    found: dict[tuple[int, int], Certainty] = {}
    for start, end, certainty in _phrase_hedges(doc, matchers):
        found.setdefault((start, end), certainty)
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
