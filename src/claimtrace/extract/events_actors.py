"""The parties to an event: which words name them and what they normalise to.

A party phrase is split into its owner (a state, group or named entity: "US", "Iraqi",
"Islamic State"), its sector ("army" -> military, "police", "officials" -> government) and
its equipment ("CH-47 Chinook helicopters"). The label joins owner and sector ("US
military"); a name stands for itself ("International Coalition"); otherwise the owner joins
the head noun ("Islamic State fighters"). The words decide, never which side a party is on.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..model import Entity, EventActor, TextSpan
from .events_lexicon import ActorWords

# Dependents of a party's head word that are not part of its name.
DETACHED = frozenset({"punct", "cc", "conj", "appos", "relcl", "acl", "advcl", "prep"})
POSSESSIVE = frozenset({"'s", "’s", "'"})
OWNER_LABELS = frozenset({"GPE", "NORP", "ORG"})
STATE_LABELS = frozenset({"GPE", "NORP"})


@dataclass(frozen=True, slots=True)
class EntityIndex:
    """The article's entities, found by character offset or by any of their names."""

    starts: tuple[int, ...]
    mentions: tuple[tuple[int, int, Entity], ...]
    by_name: dict[str, Entity]

    @classmethod
    def build(cls, entities: tuple[Entity, ...]) -> EntityIndex:
        mentions = sorted(
            ((m.start, m.end, entity) for entity in entities for m in entity.mentions),
            key=lambda item: (item[0], -item[1]),
        )
        by_name: dict[str, Entity] = {}
        for entity in entities:
            for name in (entity.canonical, *entity.names):
                by_name.setdefault(name_key(name), entity)
        return cls(tuple(m[0] for m in mentions), tuple(mentions), by_name)

    def at(self, token: Token) -> tuple[int, int, Entity] | None:
        """The entity mention that covers the token, if any."""
        last = bisect_right(self.starts, token.idx) - 1
        for start, end, entity in reversed(self.mentions[max(last - 8, 0) : last + 1]):
            if start <= token.idx < end:
                return start, end, entity
        return None

    def named(self, text: str) -> Entity | None:
        return self.by_name.get(name_key(text))


def name_key(text: str) -> str:
    """Case- and spacing-insensitive form of a name."""
    return " ".join(text.lower().replace("’", "'").split())


def phrase_bounds(head: Token) -> tuple[int, int]:
    """First and last token index of the phrase that names a party (its "of" phrase kept)."""
    first = head.i
    for child in head.lefts:
        if child.dep_ not in DETACHED:
            first = min(first, child.left_edge.i)
    last = head.i
    for child in head.rights:
        if (child.dep_ == "prep" and child.lower_ == "of") or child.dep_ in ("compound", "case"):
            last = max(last, child.right_edge.i)
    doc = head.doc
    while first < head.i and doc[first].is_punct:
        first += 1
    while last > head.i and doc[last].is_punct:
        last -= 1
    return first, last


def span_of(doc: Doc, first: int, last: int) -> TextSpan:
    start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
    return TextSpan(start, end, doc[first : last + 1].text)


@dataclass(slots=True)
class _Parts:
    """A party phrase split into owner, sector and equipment tokens."""

    owner: list[Token]
    sector: str | None
    sector_end: int
    equipment: list[Token]


def _sector_at(doc: Doc, i: int, words: ActorWords) -> tuple[str | None, int]:
    """The sector named at token ``i`` (two-word names first) and its last token."""
    if i + 1 < len(doc):
        pair = f"{doc[i].lower_} {doc[i + 1].lower_}"
        if pair in words.sectors:
            return words.sectors[pair], i + 1
    for form in (doc[i].lower_, doc[i].lemma_.lower()):
        if form in words.sectors:
            return words.sectors[form], i
    return None, i


def is_equipment(token: Token, words: ActorWords) -> bool:
    return words.is_equipment(token.lower_) or words.is_equipment(token.lemma_.lower())


def _military_equipment(token: Token, words: ActorWords) -> bool:
    forms = (token.lower_, token.lemma_.lower())
    return any(form in words.military_equipment for form in forms)


def _skipped(token: Token, words: ActorWords) -> bool:
    return (
        token.is_punct
        or token.like_num
        or token.lower_ in words.determiners
        or token.lower_ in POSSESSIVE
        or token.pos_ in ("DET", "ADV", "CCONJ")
    )


def split_parts(doc: Doc, first: int, last: int, head: Token, words: ActorWords) -> _Parts:
    """Owner tokens before the first sector or equipment word; sector; equipment run."""
    parts = _Parts(owner=[], sector=None, sector_end=first - 1, equipment=[])
    i = first
    while i <= last:
        token = doc[i]
        sector, end = _sector_at(doc, i, words)
        if sector is not None:
            parts.sector = parts.sector or sector
            parts.sector_end, i = end, end + 1
            continue
        if is_equipment(token, words) and _military_equipment(token, words):
            parts.sector = parts.sector or "military"
        if _owner_word(token, head, parts, words):
            parts.owner.append(token)
        i += 1
    parts.equipment = _equipment(doc, parts, first, last, head, words)
    return parts


def _owner_word(token: Token, head: Token, parts: _Parts, words: ActorWords) -> bool:
    """A word before any sector or equipment word that may name the owner."""
    if parts.sector or token.i == head.i:
        return False
    return not (is_equipment(token, words) or _skipped(token, words))


def _equipment(
    doc: Doc, parts: _Parts, first: int, last: int, head: Token, words: ActorWords
) -> list[Token]:
    """The run of words naming equipment, ending at the equipment noun."""
    ends = [t for t in doc[first : last + 1] if is_equipment(t, words)]
    if not ends:
        return []
    end = ends[-1].i
    begin = max(parts.sector_end + 1, parts.owner[-1].i + 1 if parts.owner else first)
    run = [t for t in doc[begin : end + 1] if not _skipped(t, words)]
    return run or [doc[end]]


def resolve_owner(
    doc: Doc, tokens: list[Token], index: EntityIndex
) -> tuple[str | None, Entity | None]:
    """The name the owner tokens stand for, and its entity when the article has one."""
    if not tokens:
        return None, None
    text = doc[tokens[0].i : tokens[-1].i + 1].text
    entity = index.named(text)
    if entity is not None:
        return entity.canonical, entity
    inside = _mentions_within(tokens, index)
    if inside:
        return " and ".join(e.canonical for e in inside), inside[0]
    for token in reversed(tokens):
        entity = index.named(token.text)
        if entity is not None:
            return entity.canonical, entity
    named = [t for t in tokens if t.ent_type_ in OWNER_LABELS]
    if named:
        return " ".join(t.text for t in named), None
    return None, None


def _mentions_within(tokens: list[Token], index: EntityIndex) -> list[Entity]:
    lo = tokens[0].idx
    hi = tokens[-1].idx + len(tokens[-1].text)
    found: list[Entity] = []
    for start, end, entity in index.mentions:
        if lo <= start and end <= hi and entity not in found:
            found.append(entity)
    return found


def _state_owner(entity: Entity | None, tokens: list[Token]) -> bool:
    """The owner names a state or people ("US", "Iraqi"), not the party itself."""
    if entity is not None:
        return entity.label in STATE_LABELS
    return any(t.ent_type_ in STATE_LABELS for t in tokens)


def party(doc: Doc, head: Token, index: EntityIndex, words: ActorWords) -> EventActor:
    """The party named by the phrase around ``head``."""
    first, last = phrase_bounds(head)
    span = span_of(doc, first, last)
    if head.lower_ in words.pronouns:
        return EventActor(span=span, label=head.text)
    mention = index.at(head)
    if mention is not None and mention[2].label == "PERSON":
        return EventActor(span=span, label=mention[2].canonical, entity_id=mention[2].id)
    parts = split_parts(doc, first, last, head, words)
    owner, entity = _owner(doc, parts, head, last, index)
    equipment = (
        span_of(doc, parts.equipment[0].i, parts.equipment[-1].i) if parts.equipment else None
    )
    if mention is not None and not (parts.sector and owner and _state_owner(entity, parts.owner)):
        return EventActor(span, mention[2].canonical, mention[2].id, equipment)
    label = _label(doc, parts, owner, head, first, last, words)
    return EventActor(span, label, entity.id if entity else None, equipment)


def equipment_party(
    doc: Doc, head: Token, index: EntityIndex, words: ActorWords
) -> EventActor | None:
    """The party whose equipment the phrase names ("US choppers"); None when no owner is said."""
    first, last = phrase_bounds(head)
    parts = split_parts(doc, first, last, head, words)
    owner, _ = _owner(doc, parts, head, last, index)
    return party(doc, head, index, words) if owner is not None else None


def _owner(
    doc: Doc, parts: _Parts, head: Token, last: int, index: EntityIndex
) -> tuple[str | None, Entity | None]:
    """The owner from the words before the head, else from an "of" phrase or possessor."""
    owner, entity = resolve_owner(doc, parts.owner, index)
    if owner is not None:
        return owner, entity
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in (t for t in child.children if t.dep_ == "pobj"):
                mention = index.at(obj)
                if mention is not None:
                    return mention[2].canonical, mention[2]
                first, last = phrase_bounds(obj)
                return resolve_owner(doc, list(doc[first : last + 1]), index)
    return None, None


def _label(
    doc: Doc,
    parts: _Parts,
    owner: str | None,
    head: Token,
    first: int,
    last: int,
    words: ActorWords,
) -> str:
    if owner and parts.sector:
        return f"{owner} {parts.sector}"
    if owner and is_equipment(head, words):
        return owner
    if owner:
        return f"{owner} {head.text}"
    if parts.sector:
        return parts.sector
    kept = [t for t in doc[first : last + 1] if not _skipped(t, words)]
    return " ".join(t.text for t in kept) or head.text


def modifier_party(
    doc: Doc, noun: Token, index: EntityIndex, words: ActorWords
) -> EventActor | None:
    """The party named inside an event noun's modifiers ("a US drone strike" -> US military)."""
    mods = [c for c in noun.lefts if c.dep_ in ("compound", "amod", "nmod", "poss")]
    if not mods:
        return None
    first = min(c.left_edge.i for c in mods)
    parts = split_parts(doc, first, noun.i - 1, noun, words)
    owner, entity = resolve_owner(doc, parts.owner, index)
    if owner is None:
        return None
    equipment = (
        span_of(doc, parts.equipment[0].i, parts.equipment[-1].i) if parts.equipment else None
    )
    label = f"{owner} {parts.sector}" if parts.sector else owner
    span = span_of(doc, parts.owner[0].i, noun.i - 1)
    return EventActor(span, label, entity.id if entity else None, equipment)
