"""Check-worthiness: how much a claim states something a fact-checker could verify.

The default is a transparent additive score in log-odds, its weights and word lists in
``lexicons/checkworthiness.toml``::

    score = logistic(base + sum of the weights of the features the claim shows)

Each feature counts once per claim. Positive weights mark what makes an assertion checkable
(numbers and statistics, names, dates, events, changes, records); negative ones mark opinion,
prediction, questions, courtesies and a speaker's own views and plans. Rules never look at
which side a source is on.

A model trained with ``claimtrace train checkworthiness`` replaces the score when present
(`checkworthiness_model`); `rule_checkworthiness` is always the default alone.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.tokens import Span, Token

from .. import lexicons

LEXICON = "checkworthiness"
PAST_TAGS = frozenset({"VBD", "VBN"})
COMPARATIVE_TAGS = frozenset({"JJR", "RBR"})
SUPERLATIVE_TAGS = frozenset({"JJS", "RBS"})
VERB_POS = frozenset({"VERB", "AUX"})
WORD_POS_SKIPPED = frozenset({"PUNCT", "SPACE"})


@dataclass(frozen=True, slots=True)
class Weights:
    """The parsed check-worthiness lexicon."""

    base: float
    weights: dict[str, float]
    number_labels: frozenset[str]
    entity_labels: frozenset[str]
    date_labels: frozenset[str]
    statistic_labels: frozenset[str]
    event_verbs: frozenset[str]
    event_nouns: frozenset[str]
    change_verbs: frozenset[str]
    statistic_words: frozenset[str]
    topic_words: frozenset[str]
    opinion_words: frozenset[str]
    future_words: frozenset[str]
    hedge_modals: frozenset[str]
    first_person: frozenset[str]
    view_verbs: frozenset[str]
    courtesy_words: frozenset[str]
    comparative_phrases: tuple[str, ...]
    short_words: int


@cache
def load_weights() -> Weights:
    """Read ``lexicons/checkworthiness.toml`` once."""
    data = lexicons.load(LEXICON)
    lex: dict[str, Any] = data["lexicon"]

    def words(key: str) -> frozenset[str]:
        return frozenset(str(word).lower() for word in lex.get(key, ()))

    return Weights(
        base=float(data["base"]),
        weights={name: float(value) for name, value in data["weights"].items()},
        number_labels=frozenset(lex["number_labels"]),
        entity_labels=frozenset(lex["entity_labels"]),
        date_labels=frozenset(lex["date_labels"]),
        statistic_labels=frozenset(lex.get("statistic_labels", ())),
        event_verbs=words("event_verbs"),
        event_nouns=words("event_nouns"),
        change_verbs=words("change_verbs"),
        statistic_words=words("statistic_words"),
        topic_words=words("topic_words"),
        opinion_words=words("opinion_words"),
        future_words=words("future_words"),
        hedge_modals=words("hedge_modals"),
        first_person=words("first_person"),
        view_verbs=words("view_verbs"),
        courtesy_words=words("courtesy_words"),
        comparative_phrases=tuple(str(p).lower() for p in lex["comparative_phrases"]),
        short_words=int(lex.get("short_words", 0)),
    )


def checkworthiness_features(span: Span, sentence_span: Span) -> frozenset[str]:
    """The lexicon features a claim shows; see ``lexicons/checkworthiness.toml``."""
    w = load_weights()
    tokens, sentence = list(span), list(sentence_span)
    tests = {
        "number": any(is_number(t, w) for t in tokens),
        "statistic": any(_is_statistic(t, w) for t in tokens),
        "named_entity": any(t.ent_type_ in w.entity_labels for t in tokens),
        "event_verb": any(is_event(t, w) for t in tokens),
        "change_verb": any(_is_verb(t) and _lemma(t) in w.change_verbs for t in tokens),
        "date": any(t.ent_type_ in w.date_labels for t in sentence),
        "past_tense": any(t.tag_ in PAST_TAGS for t in tokens),
        "comparative": _comparative(tokens, w),
        "superlative": any(t.tag_ in SUPERLATIVE_TAGS for t in tokens),
        "topic": any(t.lower_ in w.topic_words for t in tokens),
        **_negative_features(span, sentence_span, tokens, w),
    }
    return frozenset(name for name, present in tests.items() if present)


def _negative_features(
    span: Span, sentence_span: Span, tokens: list[Token], w: Weights
) -> dict[str, bool]:
    words = [t for t in tokens if t.pos_ not in WORD_POS_SKIPPED and not t.is_punct]
    lowered = " " + " ".join(token.lower_ for token in tokens) + " "
    return {
        "opinion": any(_lemma(t) in w.opinion_words for t in tokens),
        "future": any(t.lower_ in w.future_words and t.tag_ in ("MD", "") for t in tokens)
        or " going to " in lowered,
        "modal": any(t.lower_ in w.hedge_modals and t.tag_ in ("MD", "") for t in tokens),
        "question": is_question(sentence_span.text) or is_question(span.text),
        "first_person": any(first_person(t, w) for t in tokens),
        "own_view": any(_own_view(t, w) for t in tokens),
        "courtesy": any(_lemma(t) in w.courtesy_words for t in tokens),
        "imperative": bool(words) and _imperative(words[0]),
        "short": 0 < len(words) < w.short_words,
    }


def raw_score(features: Iterable[str]) -> float:
    """base + the weights of `features` (log-odds)."""
    w = load_weights()
    return w.base + sum(w.weights.get(name, 0.0) for name in features)


def logistic(value: float) -> float:
    """The logistic function, safe for large magnitudes."""
    if value >= 0:
        return 1.0 / (1.0 + math.exp(-value))
    e = math.exp(value)
    return e / (1.0 + e)


def rule_checkworthiness(tokens: Span, sentence: Span) -> float:
    """The default score: logistic(base + the weights of the features present), in [0, 1]."""
    return round(logistic(raw_score(checkworthiness_features(tokens, sentence))), 3)


def checkworthiness(tokens: Span, sentence: Span) -> float:
    """The trained model's score when one is in use (`checkworthiness_model`), else the
    default `rule_checkworthiness`."""
    return checkworthiness_scorer()(tokens, sentence)


def checkworthiness_scorer() -> Callable[[Span, Span], float]:
    """The score `checkworthiness` gives now, to call for many claims: the model in use is
    looked up once (a lookup reads the environment and the file system)."""
    from .checkworthiness_model import active_model

    model = active_model()
    return rule_checkworthiness if model is None else model.score


def is_question(text: str) -> bool:
    """The text ends with a question mark (closing quotes and brackets aside)."""
    return text.strip().rstrip("\"'”’)").endswith("?")


def is_number(token: Token, w: Weights) -> bool:
    """A cardinal, quantity, percentage or amount (a date's digits do not count)."""
    if token.ent_type_ in w.number_labels:
        return True
    return bool(token.like_num) and token.ent_type_ not in w.date_labels


def is_event(token: Token, w: Weights) -> bool:
    """A verb or noun naming an event worth checking ("killed", "the shelling")."""
    lemma = _lemma(token)
    if _is_verb(token):
        return lemma in w.event_verbs
    return lemma in w.event_nouns and token.pos_ in ("NOUN", "")


def first_person(token: Token, w: Weights) -> bool:
    """I, we, our... (not the country "US" written in capitals)."""
    if token.text == "I":
        return True
    return token.lower_ in w.first_person and token.text != token.text.upper()


def _lemma(token: Token) -> str:
    return (token.lemma_ or token.text).lower()


def _is_verb(token: Token) -> bool:
    return token.pos_ in VERB_POS or token.tag_.startswith("VB")


def _is_statistic(token: Token, w: Weights) -> bool:
    return token.ent_type_ in w.statistic_labels or token.lower_ in w.statistic_words


def _comparative(tokens: list[Token], w: Weights) -> bool:
    if any(t.tag_ in COMPARATIVE_TAGS for t in tokens):
        return True
    lowered = " " + " ".join(token.lower_ for token in tokens) + " "
    return any(f" {phrase} " in lowered for phrase in w.comparative_phrases)


def _own_view(token: Token, w: Weights) -> bool:
    """A speaker's view, wish or plan: "I think", "we want", "I hope" (subject of the verb)."""
    if not first_person(token, w) or token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    return _lemma(token.head) in w.view_verbs


def _imperative(first: Token) -> bool:
    """The claim opens with a bare verb ("Look at...") or "let's"."""
    return first.lower_ in ("let", "let's") or first.tag_ == "VB"
