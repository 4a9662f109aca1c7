"""Canonical entities: every name an article uses for one referent, with all its mentions.

Starts from the model's named entities, fixes known labelling mistakes with context rules from
``lexicons/entity_rules.toml`` ("the village of X" is a place, "X Desert" is a location, a
name after "news channel" is an outlet), then links names: acronyms in parentheses
("Long Name (LN)"), "also known as", acronyms matching initials, well-known equivalences
("ISIS" = "Islamic State") and repeated surnames of people. One linear pass per step.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import Any

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from .. import lexicons
from ..model import Entity, TextSpan

LEXICON = "entity_rules"
QUOTES = "\"'‘’“”«»‹›`"
EDGE_CHARS = QUOTES + " \t\n\r\u00a0"
BRACKETED = re.compile(r"[(\[]\s*([A-Z][\w.&-]*)\s*[)\]]")
OPEN_BRACKETS = {"(": ")", "[": "]"}


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of a name: token range, char range, label and the model's label."""

    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    label: str
    original: str | None = None  # the model's label when a rule changed it

    @property
    def key(self) -> str:
        return name_key(self.text)


@dataclass(frozen=True, slots=True)
class Rules:
    """entity_rules.toml, with lists turned into sets."""

    keep: frozenset[str]
    weak: frozenset[str]
    leading: frozenset[str]
    stopwords: frozenset[str]
    equivalences: dict[str, int]
    equivalence_labels: dict[str, str]
    equivalence_pattern: re.Pattern[str]
    place: dict[str, Any]
    landform: dict[str, Any]
    media: dict[str, Any]


@cache
def load_rules() -> Rules:
    """The entity rules, read once."""
    data = lexicons.load(LEXICON)
    groups = data["equivalences"]
    names = sorted({n for group in groups for n in group["names"]}, key=len, reverse=True)
    pattern = r"(?<![\w.])(?:" + "|".join(map(re.escape, names)) + r")(?!\w)"
    return Rules(
        keep=frozenset(data["keep_labels"]),
        weak=frozenset(data["weak_labels"]),
        leading=frozenset(data["leading_words"]),
        stopwords=frozenset(data["acronym_stopwords"]),
        equivalences={name_key(n): i for i, g in enumerate(groups) for n in g["names"]},
        equivalence_labels={n: g["label"] for g in groups for n in g["names"]},
        equivalence_pattern=re.compile(pattern),
        place=_setify(data["place_context"]),
        landform=_setify(data["landform"]),
        media=_setify(data["media"]),
    )


def _setify(table: dict[str, Any]) -> dict[str, Any]:
    return {k: frozenset(v) if isinstance(v, list) else v for k, v in table.items()}


@lru_cache(maxsize=16)
def _alias_matcher(vocab: Vocab) -> PhraseMatcher:
    """A matcher for "also known as" and friends, built once per vocab."""
    matcher = PhraseMatcher(vocab, attr="LOWER")
    triggers = lexicons.load(LEXICON)["alias_triggers"]
    matcher.add("ALIAS", [Doc(vocab, words=t.split()) for t in triggers])
    return matcher


@lru_cache(maxsize=16)
def _place_matcher(vocab: Vocab) -> PhraseMatcher:
    """A matcher for "<place noun> of" ("village of"), built once per vocab."""
    matcher = PhraseMatcher(vocab, attr="LOWER")
    nouns = lexicons.load(LEXICON)["place_context"]["nouns"]
    matcher.add("PLACE_OF", [Doc(vocab, words=[noun, "of"]) for noun in nouns])
    return matcher


def name_key(text: str) -> str:
    """A comparison key for names: case-folded, quotes dropped, spaces collapsed."""
    return " ".join(text.replace("’", "'").strip(QUOTES).split()).casefold()


def is_acronym(text: str) -> bool:
    """True for "PMU", "U.S.", "SOHR": two or more letters, all capitals."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and " " not in text


def initials(text: str, stopwords: frozenset[str]) -> str:
    """Upper-case initials of the content words of a name ("Syrian Observatory for ..." -> SO..)."""
    words = re.split(r"[\s\-]+", text)
    return "".join(w[0] for w in words if w and w.lower() not in stopwords).upper()


def acronym_fits(acronym: str, name: str, stopwords: frozenset[str]) -> bool:
    """Whether an acronym can stand for a name: same initials, or its letters in order."""
    letters = "".join(c for c in acronym if c.isalpha()).upper()
    if not letters or letters == initials(name, stopwords):
        return bool(letters)
    upper = name.upper()
    if not upper or upper[0] != letters[0]:
        return False
    position = 0
    for char in letters:
        position = upper.find(char, position)
        if position < 0:
            return False
        position += 1
    return True


# --- building mentions -------------------------------------------------------------------


def _trim(doc: Doc, start: int, end: int, rules: Rules) -> tuple[int, int]:
    """Drop a leading "the", edge punctuation and a trailing possessive from a token range."""
    while start < end and (doc[start].lower_ in rules.leading or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].tag_ == "POS"):
        end -= 1
    while end > start and doc[end - 1].lower_ in ("'s", "’s"):
        end -= 1
    return start, end


def make_mention(doc: Doc, start: int, end: int, label: str, rules: Rules) -> Mention | None:
    """A Mention over tokens [start, end), trimmed; None when nothing is left."""
    start, end = _trim(doc, start, end, rules)
    if start >= end:
        return None
    span = doc[start:end]
    start_char, text = span.start_char, span.text
    stripped = text.lstrip(EDGE_CHARS)
    start_char += len(text) - len(stripped)
    text = stripped.rstrip(EDGE_CHARS)
    end_char = start_char + len(text)
    if not text:
        return None
    return Mention(start, end, start_char, end_char, text, label)


def _proper_run(doc: Doc, start: int) -> int:
    """End of the run of capitalised proper-noun tokens starting at `start`."""
    end = start
    while end < len(doc) and doc[end].text[:1].isupper() and doc[end].pos_ in ("PROPN", ""):
        end += 1
    return end


def _model_mentions(doc: Doc, rules: Rules) -> list[Mention]:
    wanted = rules.keep | rules.weak
    mentions = [make_mention(doc, e.start, e.end, e.label_, rules) for e in doc.ents]
    return [m for m in mentions if m is not None and m.label in wanted]


# --- context rules that fix the model's labels ----------------------------------------------


def _after_place_noun(doc: Doc, start: int, rules: Rules) -> bool:
    """True when tokens before `start` read "<place noun> of" ("the northern province of")."""
    return (
        start >= 2
        and doc[start - 1].lower_ == "of"
        and doc[start - 2].lower_ in rules.place["nouns"]
    )


def _after_channel_word(doc: Doc, start: int, rules: Rules) -> bool:
    return start >= 1 and doc[start - 1].lower_ in rules.media["channel_words"]


def _after_reporting_to(doc: Doc, start: int, rules: Rules) -> bool:
    """True for "<reporting verb> (information) to X"."""
    if start < 2 or doc[start - 1].lower_ != "to":
        return False
    window = doc[max(0, start - 5) : start - 1]
    verbs = rules.media["reporting_verbs"]
    return any((t.lemma_ or t.lower_) in verbs for t in window)


def _has_media_word(text: str, rules: Rules) -> bool:
    return any(word in rules.media["words"] for word in re.split(r"[\s\-]+", text))


def corrected_label(doc: Doc, m: Mention, rules: Rules) -> str:
    """The label context rules give a mention (its own label when no rule applies)."""
    last_word = m.text.split()[-1]
    if m.label in rules.place["override"] and _after_place_noun(doc, m.start, rules):
        return str(rules.place["label"])
    if m.label in rules.landform["override"] and last_word in rules.landform["suffixes"]:
        return str(rules.landform["label"])
    media_label = str(rules.media["label"])
    if m.label != media_label and _after_channel_word(doc, m.start, rules):
        return media_label
    if m.label in rules.media["override"] and (
        _has_media_word(m.text, rules) or _after_reporting_to(doc, m.start, rules)
    ):
        return media_label
    return m.label


def _corrected(doc: Doc, mentions: Iterable[Mention], rules: Rules) -> list[Mention]:
    fixed = []
    for mention in mentions:
        label = corrected_label(doc, mention, rules)
        if label != mention.label:
            mention = replace(mention, label=label, original=mention.label)
        fixed.append(mention)
    return fixed


def _untagged_places(doc: Doc, covered: set[int], rules: Rules) -> Iterator[Mention]:
    """Proper nouns after "the village of" that the model did not tag at all."""
    for _, _, i in _place_matcher(doc.vocab)(doc):
        if i >= len(doc) or i in covered or not doc[i].text[:1].isupper():
            continue
        end = _proper_run(doc, i)
        mention = make_mention(doc, i, end, str(rules.place["label"]), rules) if end > i else None
        if mention is not None:
            yield mention


def _untagged_equivalents(
    doc: Doc, text: str, covered: set[int], rules: Rules
) -> Iterator[Mention]:
    """Well-known names ("Daesh") the model did not tag, spelled exactly as in the lexicon."""
    for match in rules.equivalence_pattern.finditer(text):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None or any(i in covered for i in range(span.start, span.end)):
            continue
        label = rules.equivalence_labels[match.group()]
        mention = make_mention(doc, span.start, span.end, label, rules)
        if mention is not None:
            yield mention


# --- linking names --------------------------------------------------------------------------


class Links:
    """Union-find over mention indices."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _by_end(mentions: list[Mention]) -> dict[int, int]:
    return {m.end: i for i, m in enumerate(mentions)}


def _by_start(mentions: list[Mention]) -> dict[int, int]:
    return {m.start: i for i, m in enumerate(mentions)}


def _bracket_acronyms(
    doc: Doc, text: str, mentions: list[Mention], rules: Rules
) -> Iterator[tuple[int, Mention]]:
    """("Long Name", "(LN)") pairs: index of the long mention and the acronym's mention."""
    ends = _by_end(mentions)
    for match in BRACKETED.finditer(text):
        span = doc.char_span(match.start(1), match.end(1))
        if span is None or len(span) != 1 or not 0 < span.start < len(doc) - 1:
            continue
        inner = span[0]
        close = OPEN_BRACKETS.get(doc[inner.i - 1].text)
        if close is None or doc[inner.i + 1].text != close or not is_acronym(inner.text):
            continue
        long_index = ends.get(inner.i - 1)
        if long_index is None:
            continue
        long_mention = mentions[long_index]
        if acronym_fits(inner.text, long_mention.text, rules.stopwords):
            acronym = make_mention(doc, inner.i, inner.i + 1, long_mention.label, rules)
            if acronym is not None:
                yield long_index, acronym


def _alias_pairs(doc: Doc, mentions: list[Mention], rules: Rules) -> Iterator[tuple[int, Mention]]:
    """("X", "also known as Y") pairs: index of X's mention and Y's mention."""
    starts = _by_start(mentions)
    ordered = sorted(range(len(mentions)), key=lambda i: mentions[i].end)
    for _, start, end in _alias_matcher(doc.vocab)(doc):
        left = _mention_before(doc, mentions, ordered, start)
        if left is None:
            continue
        right_start = end + 1 if end < len(doc) and doc[end].is_quote else end
        if right_start in starts:
            yield left, mentions[starts[right_start]]
            continue
        run_end = _proper_run(doc, right_start)
        alias = make_mention(doc, right_start, run_end, mentions[left].label, rules)
        if alias is not None:
            yield left, alias


def _mention_before(
    doc: Doc, mentions: list[Mention], ordered: list[int], start: int
) -> int | None:
    """The mention that ends closest before token `start`, only punctuation in between."""
    best = None
    for i in ordered:
        if mentions[i].end > start:
            break
        gap = doc[mentions[i].end : start]
        if all(t.is_punct or t.is_bracket or is_acronym(t.text) for t in gap):
            best = i
    return best


def _add_links(
    doc: Doc, text: str, mentions: list[Mention], rules: Rules
) -> tuple[list[Mention], list[tuple[int, int]]]:
    """Acronym and alias mentions added to `mentions`, with the pairs they link."""
    pairs: list[tuple[int, int]] = []
    known = {(m.start, m.end): i for i, m in enumerate(mentions)}
    found = list(_bracket_acronyms(doc, text, mentions, rules))
    found += list(_alias_pairs(doc, mentions, rules))
    for left, mention in found:
        index = known.get((mention.start, mention.end))
        if index is None:
            index = known[(mention.start, mention.end)] = len(mentions)
            mentions.append(mention)
        pairs.append((left, index))
    return mentions, pairs


def _bare_acronyms(doc: Doc, text: str, mentions: list[Mention], rules: Rules) -> list[Mention]:
    """Untagged tokens ("[SOHR]") that repeat an acronym already known as a name."""
    labels = {m.text: m.label for m in mentions if is_acronym(m.text)}
    if not labels:
        return []
    covered = {i for m in mentions for i in range(m.start, m.end)}
    pattern = r"(?<![\w.])(?:" + "|".join(map(re.escape, labels)) + r")(?!\w)"
    found = []
    for match in re.finditer(pattern, text):
        span = doc.char_span(match.start(), match.end())
        if span is not None and not any(i in covered for i in range(span.start, span.end)):
            mention = make_mention(doc, span.start, span.end, labels[match.group()], rules)
            if mention is not None:
                found.append(mention)
    return found


def _link_names(mentions: list[Mention], links: Links, rules: Rules) -> None:
    """Same name, equivalent name, or acronym of a name already seen: one entity."""
    first: dict[str, int] = {}
    initials_of: dict[str, int] = {}
    for i, mention in enumerate(mentions):
        key = mention.key
        group = rules.equivalences.get(key)
        for k in (key, f"={group}" if group is not None else None):
            if k is not None:
                links.union(first.setdefault(k, i), i)
        if is_acronym(mention.text):
            target = initials_of.get(key.upper().replace(".", ""))
            if target is not None:
                links.union(target, i)
        elif len(mention.text.split()) > 1 and mention.label in ("ORG", "FAC", "GPE"):
            letters = initials(mention.text, rules.stopwords)
            if len(letters) >= 3:
                initials_of.setdefault(letters, i)


def _link_surnames(mentions: list[Mention], links: Links) -> None:
    """A lone surname ("Haddad") after a full name ("Amira Haddad") is the same person."""
    surnames: dict[str, int] = {}
    for i, mention in enumerate(mentions):
        if mention.label != "PERSON":
            continue
        words = mention.text.split()
        if len(words) > 1:
            surnames.setdefault(name_key(words[-1]), i)
        elif mention.key in surnames:
            links.union(surnames[mention.key], i)


# --- entities -------------------------------------------------------------------------------


def _entity_label(group: list[Mention], rules: Rules) -> tuple[str, str | None] | None:
    """The label of a group of mentions and the model label it replaced, if any."""
    for mention in group:
        if mention.original is not None:
            return mention.label, mention.original
    for mention in group:
        if mention.label in rules.keep:
            return mention.label, None
    return None


def _canonical(names: list[str]) -> str:
    """The fullest non-acronym name; the first name when all are acronyms."""
    full = [n for n in names if not is_acronym(n)] or names
    return max(full, key=lambda n: (len(n.split()), -full.index(n)))


def _names(group: list[Mention]) -> list[str]:
    seen: dict[str, str] = {}
    for mention in group:
        seen.setdefault(mention.key, mention.text)
    return list(seen.values())


def _build(groups: list[list[Mention]], rules: Rules) -> tuple[Entity, ...]:
    entities: list[Entity] = []
    for group in sorted(groups, key=lambda g: g[0].start_char):
        labelled = _entity_label(group, rules)
        if labelled is None:
            continue
        names = _names(group)
        mentions = tuple(TextSpan(m.start_char, m.end_char, m.text) for m in group)
        entities.append(
            Entity(
                id=f"E{len(entities) + 1}",
                label=labelled[0],
                canonical=_canonical(names),
                names=tuple(names),
                mentions=mentions,
                corrected_from=labelled[1],
            )
        )
    return tuple(entities)


def _collect_mentions(doc: Doc, rules: Rules) -> tuple[list[Mention], list[tuple[int, int]]]:
    text = doc.text
    mentions = _corrected(doc, _model_mentions(doc, rules), rules)
    covered = {i for m in mentions for i in range(m.start, m.end)}
    mentions += _untagged_places(doc, covered, rules)
    mentions += _untagged_equivalents(doc, text, covered, rules)
    mentions, pairs = _add_links(doc, text, mentions, rules)
    mentions += _bare_acronyms(doc, text, mentions, rules)
    return mentions, pairs


def extract_entities(doc: Doc) -> tuple[Entity, ...]:
    """Canonical entities of the Doc with all names and mentions, ids E1.. by first mention."""
    rules = load_rules()
    mentions, pairs = _collect_mentions(doc, rules)
    order = sorted(range(len(mentions)), key=lambda i: mentions[i].start_char)
    position = {old: new for new, old in enumerate(order)}
    mentions = [mentions[i] for i in order]
    links = Links(len(mentions))
    for a, b in pairs:
        links.union(position[a], position[b])
    _link_names(mentions, links, rules)
    _link_surnames(mentions, links)
    groups: dict[int, list[Mention]] = {}
    for i, mention in enumerate(mentions):
        groups.setdefault(links.find(i), []).append(mention)
    return _build(list(groups.values()), rules)
