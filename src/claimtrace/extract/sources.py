"""Sources: typing a source mention and merging mentions into one Source per party.

`describe` reads a source noun phrase (a spaCy Span and its head) and returns what it
names: a display name, a SourceType from ``lexicons/source_types.toml``, a role
("commander"; for a described party, its description: "the shipping company Delta Marine"
is Delta Marine, role "shipping company"), an affiliation ("PMU"), or the kinds of earlier
source it points back to when it is an anaphor ("the source", "the report", "he"). Only
words on the head's own line count. `SourceRegistry` turns mentions into Sources, merging
by entity id, name, acronym and surname, and resolves anaphors to the most recent
compatible source in constant time per mention.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Span, Token

from .. import lexicons
from ..model import Entity, Source, SourceType, TextSpan

LEXICON = "source_types"
INDEFINITE = frozenset({"a", "an", "another", "one", "some", "several", "two", "three", "many"})
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "another"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
PLURAL_PRONOUNS = frozenset({"they", "them"})
THING_PRONOUNS = frozenset({"it"})
SPEAKER_PRONOUNS = frozenset({"i", "we", "you"})
NAMED = frozenset(
    {
        SourceType.PERSON,
        SourceType.ORGANISATION,
        SourceType.GOVERNMENT,
        SourceType.MEDIA,
        SourceType.SOCIAL_MEDIA,
        SourceType.NGO,
    }
)
ANAPHOR_TYPES: dict[str, frozenset[SourceType]] = {
    "anonymous": frozenset({SourceType.ANONYMOUS}),
    "document": frozenset(
        {
            SourceType.DOCUMENT,
            SourceType.NGO,
            SourceType.MEDIA,
            SourceType.SOCIAL_MEDIA,
            SourceType.ORGANISATION,
            SourceType.GOVERNMENT,
        }
    ),
    "organisation": frozenset(
        {SourceType.ORGANISATION, SourceType.NGO, SourceType.GOVERNMENT, SourceType.MEDIA}
    ),
    "person": frozenset({SourceType.PERSON, SourceType.ANONYMOUS}),
    "thing": frozenset(
        {
            SourceType.ORGANISATION,
            SourceType.NGO,
            SourceType.GOVERNMENT,
            SourceType.MEDIA,
            SourceType.SOCIAL_MEDIA,
            SourceType.DOCUMENT,
        }
    ),
    "plural": frozenset(NAMED | {SourceType.ANONYMOUS}),
}
ENTITY_TYPES = {
    "PERSON": SourceType.PERSON,
    "ORG": SourceType.ORGANISATION,
    "GPE": SourceType.GOVERNMENT,
    "NORP": SourceType.VAGUE,
}


@dataclass(frozen=True, slots=True)
class SourceLexicon:
    """The word lists of ``source_types.toml``, lower-cased, as sets."""

    anonymous_markers: frozenset[str]
    anonymous_heads: frozenset[str]
    platforms: frozenset[str]
    weak_social: frozenset[str]
    ngo: frozenset[str]
    media: frozenset[str]
    government: frozenset[str]
    document: frozenset[str]
    material: frozenset[str]
    vague: frozenset[str]
    roles: frozenset[str]
    anaphora: dict[str, frozenset[str]]


@cache
def source_lexicon() -> SourceLexicon:
    """Load ``source_types.toml`` once."""
    data = lexicons.load(LEXICON)

    def words(section: str, key: str = "words") -> frozenset[str]:
        return frozenset(word.lower() for word in data[section][key])

    return SourceLexicon(
        anonymous_markers=words("anonymous", "markers"),
        anonymous_heads=words("anonymous", "heads"),
        platforms=words("social_media", "platforms"),
        weak_social=words("social_media", "weak"),
        ngo=words("ngo"),
        media=words("media"),
        government=words("government"),
        document=words("document"),
        material=words("material"),
        vague=words("vague"),
        roles=words("roles"),
        anaphora={k: frozenset(w.lower() for w in v) for k, v in data["anaphora"].items()},
    )


@dataclass(frozen=True, slots=True)
class MentionInfo:
    """What one source mention says about its source."""

    name: str
    type: SourceType
    role: str | None = None
    affiliation: str | None = None
    anaphor: frozenset[SourceType] | None = None
    indefinite: bool = False
    aliases: tuple[str, ...] = ()


def word_set(tokens: Span | list[Token]) -> frozenset[str]:
    """Lower-cased words and two-word sequences of a token run ("human rights")."""
    lower = [token.lower_ for token in tokens if not token.is_punct and not token.is_space]
    return frozenset(lower) | frozenset(f"{a} {b}" for a, b in itertools.pairwise(lower))


def type_from_words(words: frozenset[str], lex: SourceLexicon) -> SourceType | None:
    """The type the mention's own words give, tried in the lexicon's documented order."""
    ordered = (
        (lex.platforms, SourceType.SOCIAL_MEDIA),
        (lex.ngo, SourceType.NGO),
        (lex.media, SourceType.MEDIA),
        (lex.government, SourceType.GOVERNMENT),
        (lex.weak_social, SourceType.SOCIAL_MEDIA),
        (lex.document, SourceType.DOCUMENT),
    )
    for vocabulary, source_type in ordered:
        if words & vocabulary:
            return source_type
    return None


def entity_span(token: Token) -> Span | None:
    """The named-entity span (from the model's NER) that a token sits in, found locally."""
    if token.ent_iob_ not in {"B", "I"}:
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def _core(head: Token) -> list[Token]:
    """The head with its compounds, modifiers and, when it sits in a named entity, the entity;
    never across a line break (a parser may glue a headline to the next line)."""
    tokens = [t for t in head.lefts if t.dep_ in {"compound", "amod", "nmod", "nummod", "poss"}]
    expanded: list[Token] = []
    for token in tokens:
        expanded.extend(token.subtree)
    expanded.append(head)
    ent = entity_span(head)
    if ent is not None:
        expanded.extend(t for t in ent if t not in expanded)
    first = line_start(head)
    return sorted((t for t in expanded if t.i >= first), key=lambda t: t.i)


def line_start(token: Token) -> int:
    """Index of the first token of `token`'s line within its sentence (the sentence start
    when no line break comes between)."""
    doc = token.doc
    floor = token.sent.start if doc.has_annotation("SENT_START") else 0
    index = token.i
    while index > floor and "\n" not in doc[index - 1].text:
        index -= 1
    return index


def _name_tokens(head: Token, core: list[Token], lex: SourceLexicon) -> list[Token]:
    """The proper name inside the core: the entity or the run of proper nouns at the head."""
    ent = entity_span(head)
    if ent is not None and ent.root.ent_type_ not in {"DATE", "TIME", "CARDINAL", "ORDINAL"}:
        tokens = [t for t in ent if t.lower_ not in DETERMINERS]
        return _with_number(_strip_roles(tokens, lex))
    if not proper(head):
        named = appositive_name(head)
        return [] if named is None else _name_tokens(named, _core(named), lex)
    run = [head]
    index = core.index(head)
    for token in reversed(core[:index]):
        if not proper(token) and token.text not in {"-", "al"} and not _inner_number(token):
            break
        run.insert(0, token)
    return _strip_roles(_with_number(run) + _name_tail(head), lex)


def _inner_number(token: Token) -> bool:
    """A number between two words of a name ("Route 66 Radio")."""
    doc = token.doc
    return token.text.isdigit() and token.i > 0 and proper(doc[token.i - 1])


def _with_number(name: list[Token]) -> list[Token]:
    """A name with the number that belongs to it ("Kordon 24", "Channel 5"): a run of digits
    right after the name that the parser hangs on it, even when the entity recogniser left
    it out (it often takes the number for a quantity or a date)."""
    if not name:
        return name
    doc = name[-1].doc
    after = name[-1].i + 1
    if after < len(doc) and doc[after].text.isdigit() and doc[after].head in name:
        return [*name, doc[after]]
    return name


def proper(token: Token) -> bool:
    """A proper noun, or a capitalised noun right after another word that the tagger took
    for a common one ("Field Notes" in "the Telegram channel Field Notes")."""
    if token.pos_ == "PROPN" or (token.pos_ == "X" and token.text[:1].isupper()):
        return True
    if token.pos_ != "NOUN" or not token.text[:1].isupper() or token.i == 0:
        return False
    before = token.doc[token.i - 1]  # a word: not the first of a sentence, line or quote
    return before.text[:1].isalnum() and token.is_sent_start is not True


def appositive_name(head: Token) -> Token | None:
    """The name a described party goes by: "Delta Marine" in "the shipping company Delta
    Marine" or "the operator, Lorn Hydro," (an appositive proper noun right after the head)."""
    doc = head.doc
    for child in head.rights:
        after_comma = child.left_edge.i == head.i + 2 and doc[head.i + 1].text == ","
        next_to = child.left_edge.i == head.i + 1 or after_comma
        if child.dep_ == "appos" and child.pos_ == "PROPN" and next_to:
            return child
    return None


def _name_tail(head: Token) -> list[Token]:
    """ "for Human Rights" in "Observatory for Human Rights": a capitalised of/for phrase."""
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in {"of", "for"} and child.i == head.i + 1:
            tail = [t for t in child.subtree if t.dep_ != "punct"]
            proper = len(tail) > 1 and all(t.pos_ == "PROPN" for t in tail[1:])
            if proper and tail[-1].i - child.i == len(tail) - 1:
                return tail
    return []


def _strip_roles(tokens: list[Token], lex: SourceLexicon) -> list[Token]:
    while len(tokens) > 1 and tokens[0].lower_ in lex.roles:
        tokens = tokens[1:]
    return tokens


def _text(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    doc = tokens[0].doc
    return doc[tokens[0].i : tokens[-1].i + 1].text.strip(" ,([]")


def _affiliation(head: Token, core: list[Token], name: list[Token]) -> str | None:
    """An organisation the source belongs to: "PMU" in "a commander in the PMU" (not a title,
    a platform, or the source's own name)."""
    lex = source_lexicon()
    own = {t.i for t in name}
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in {"in", "of", "at", "for", "from", "with"}:
            objects = [t for t in child.children if t.dep_ == "pobj" and t.i not in own]
            if objects and objects[0].pos_ == "PROPN":
                found = _text(_name_tokens(objects[0], _core(objects[0]), lex))
                return found if found != _text(name) else None
    if head.lower_ not in lex.roles | lex.anonymous_heads and head.lemma_ not in lex.roles:
        return None  # "Red Sea Watch monitoring group" is not affiliated with itself
    skip = lex.roles | lex.platforms
    before = [
        t
        for t in core
        if t.i not in own and t.pos_ == "PROPN" and t.i < head.i and t.lower_ not in skip
    ]
    return _text(before) or None


def _role(head: Token, core: list[Token], name: list[Token], lex: SourceLexicon) -> str | None:
    if name and head.i < name[0].i:  # "the shipping company Delta Marine": the description
        start = next((t.i for t in core if t.lower_ not in DETERMINERS), head.i)
        return head.doc[start : head.i + 1].text
    if not name:
        return head.lemma_.lower() if head.lower_ in lex.roles or head.lemma_ in lex.roles else None
    left = [t for t in core if t.i < name[0].i and t.pos_ in {"NOUN", "PROPN"}]
    titles = [t for t in left if t.lower_ in lex.roles]
    if titles:
        return head.doc[titles[0].i : name[0].i].text.strip()
    if left and left[-1].pos_ == "NOUN" and left[-1].i == name[0].i - 1:
        return head.doc[left[0].i : name[0].i].text  # "the Telegram channel Port Voices"
    for child in head.rights:
        if child.dep_ == "appos" and child.lower_ in lex.roles:
            return child.text
    return None


def _anaphor(head: Token, np_tokens: Span, lex: SourceLexicon) -> frozenset[SourceType] | None:
    """The source types an anaphoric mention may point back to, or None when it is not one."""
    lower = head.lower_
    if head.pos_ == "PRON":
        if lower in PERSON_PRONOUNS:
            return ANAPHOR_TYPES["person"]
        if lower in PLURAL_PRONOUNS:
            return ANAPHOR_TYPES["plural"]
        if lower in THING_PRONOUNS:
            return ANAPHOR_TYPES["thing"]
        return None
    lefts = list(head.lefts)
    if len(lefts) != 1 or lefts[0].lower_ not in {"the", "this", "that"}:
        return None
    if head.pos_ == "PROPN" or any(t.dep_ == "prep" for t in head.rights):
        return None
    if appositive_name(head) is not None:
        return None
    for kind, words in lex.anaphora.items():
        if lower in words or head.lemma_.lower() in words:
            return ANAPHOR_TYPES[kind]
    return None


def describe(np_tokens: Span, head: Token, *, recipient: bool = False) -> MentionInfo:
    """Type, name, role and affiliation of the source that a noun phrase names."""
    lex = source_lexicon()
    indefinite = np_tokens[0].lower_ in INDEFINITE or (
        head.tag_ in {"NNS"} and np_tokens[0].lower_ not in DETERMINERS
    )
    anaphor = _anaphor(head, np_tokens, lex)
    core = _core(head)
    name_tokens = _name_tokens(head, core, lex)
    name = _text(name_tokens) or _plain_name(np_tokens, head)
    role = _role(head, core, name_tokens, lex)
    affiliation = _affiliation(head, core, name_tokens)
    source_type = _classify(np_tokens, head, core, name_tokens, recipient, lex)
    if source_type is SourceType.ANONYMOUS and role is None:
        role = head.lemma_.lower() if head.pos_ == "NOUN" else None
    return MentionInfo(
        name=name,
        type=source_type,
        role=role,
        affiliation=affiliation,
        anaphor=anaphor,
        indefinite=indefinite,
        aliases=_aliases(np_tokens, name),
    )


def _classify(
    np_tokens: Span,
    head: Token,
    core: list[Token],
    name: list[Token],
    recipient: bool,
    lex: SourceLexicon,
) -> SourceType:
    if word_set(np_tokens) & lex.anonymous_markers:
        return SourceType.ANONYMOUS
    by_words = type_from_words(word_set(core), lex)
    if by_words is not None:
        return by_words
    if name:
        label = name[-1].ent_type_
        if _titled(name, lex):
            return SourceType.PERSON
        if label in ENTITY_TYPES and not (recipient and label != "PERSON"):
            return ENTITY_TYPES[label]
        return SourceType.MEDIA if recipient else _unknown_name(name)
    if head.lower_ in lex.anonymous_heads or head.lemma_.lower() in lex.anonymous_heads:
        return SourceType.ANONYMOUS
    if head.lower_ in lex.vague or head.pos_ == "PRON":
        return SourceType.VAGUE
    return (
        SourceType.ORGANISATION
        if head.lower_ in lex.anaphora["organisation"]
        else (SourceType.VAGUE)
    )


def _titled(name: list[Token], lex: SourceLexicon) -> bool:
    """A title word right before the name ("Mayor Ilse Varga"): a person, whatever the
    entity recogniser said."""
    first = name[0]
    before = first.doc[first.i - 1] if first.i > 0 else None
    return (
        before is not None and before.lower_ in lex.roles and before.head.i in {t.i for t in name}
    )


def _unknown_name(name: list[Token]) -> SourceType:
    """A proper name the model did not label: two capitalised words look like a person."""
    if len(name) >= 2 and all(t.is_title for t in name) and not any(t.is_upper for t in name):
        return SourceType.PERSON
    return SourceType.ORGANISATION


def _plain_name(np_tokens: Span, head: Token) -> str:
    """A common-noun mention as a name: "informed source" from "an informed source"."""
    start = np_tokens.start
    while start < head.i and np_tokens.doc[start].lower_ in DETERMINERS:
        start += 1
    end = head.i + 1
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in {"in", "of", "at", "from", "with", "for"}:
            objects = [t for t in child.children if t.dep_ == "pobj"]
            if objects:
                end = max(end, max(t.i for t in _core(objects[0])) + 1)
    return np_tokens.doc[start:end].text.strip(" ,")


def _aliases(np_tokens: Span, name: str) -> tuple[str, ...]:
    """Other names of the same party given in the mention: "(SOHR)" and the initials."""
    aliases = [
        m.group(1) for m in re.finditer(r"[(\[]\s*([A-Z][A-Za-z\-]{1,12})\s*[)\]]", np_tokens.text)
    ]
    initials = "".join(w[0] for w in name.split() if w[:1].isupper())
    if len(initials) >= 3:
        aliases.append(initials)
    return tuple(aliases)


def normalise(name: str) -> str:
    """A merge key for a name: lower case, no determiners, brackets or punctuation."""
    words = re.sub(r"[^\w\s-]", " ", name.lower()).split()
    while words and words[0] in DETERMINERS:
        words = words[1:]
    return " ".join(words)


@dataclass(frozen=True, slots=True)
class EntityIndex:
    """Entity mentions sorted by start offset, to find the entity at a character offset."""

    starts: tuple[int, ...]
    spans: tuple[tuple[int, int, Entity], ...]

    @classmethod
    def build(cls, entities: tuple[Entity, ...]) -> EntityIndex:
        spans = sorted(((m.start, m.end, e) for e in entities for m in e.mentions), key=_first)
        return cls(tuple(s[0] for s in spans), tuple(spans))

    def at(self, start: int, end: int) -> Entity | None:
        """The entity with a mention overlapping [start, end), if any."""
        index = bisect_right(self.starts, end - 1) - 1
        for candidate in range(index, max(index - 8, -1), -1):
            m_start, m_end, entity = self.spans[candidate]
            if m_end > start and m_start < end:
                return entity
        return None


def _first(item: tuple[int, int, Entity]) -> int:
    return item[0]


@dataclass(slots=True)
class _Draft:
    id: str
    name: str
    type: SourceType
    role: str | None
    affiliation: str | None
    entity_id: str | None
    mentions: list[TextSpan] = field(default_factory=list)


@dataclass(slots=True)
class SourceRegistry:
    """Collects one Source per party, in order of first mention; ``S0`` is the publisher."""

    publisher: Source
    entities: EntityIndex
    drafts: list[_Draft] = field(default_factory=list)
    keys: dict[str, int] = field(default_factory=dict)
    last_by_type: dict[SourceType, tuple[int, int]] = field(default_factory=dict)
    clock: int = 0  # counts speaker mentions, so "most recent" needs no offsets

    def add(
        self, info: MentionInfo, span: TextSpan, head_span: tuple[int, int], *, speaker: bool = True
    ) -> str:
        """The id of the source a mention names, creating the Source when it is new.

        Only speakers (not the outlets a statement was made to) become antecedents.
        """
        if info.anaphor is not None:
            found = self._antecedent(info.anaphor)
            if found is not None:
                return self._mention(found, span, speaker)
        entity = self.entities.at(*head_span)
        index = self._lookup(info, entity)
        if index is None:
            index = self._create(info, entity)
        return self._mention(index, span, speaker)

    def add_vague(self, name: str, span: TextSpan | None) -> str:
        """A source with no identifiable holder ("accusations", "it is believed")."""
        info = MentionInfo(name=name, type=SourceType.VAGUE, indefinite=True)
        index = self._create(info, None)
        return self._mention(index, span, False) if span else self.drafts[index].id

    def recent(self, types: frozenset[SourceType] | None = None) -> str | None:
        """The most recently cited source (of one of `types`, when given)."""
        found = self._antecedent(types or frozenset(SourceType) - {SourceType.VAGUE})
        return None if found is None else self.drafts[found].id

    def sources(self) -> tuple[Source, ...]:
        """Every Source, the publisher first."""
        return (self.publisher, *(self._freeze(d) for d in self.drafts))

    def _freeze(self, draft: _Draft) -> Source:
        return Source(
            id=draft.id,
            name=draft.name,
            type=draft.type,
            mentions=tuple(draft.mentions),
            role=draft.role,
            affiliation=draft.affiliation,
            entity_id=draft.entity_id,
        )

    def _antecedent(self, types: frozenset[SourceType]) -> int | None:
        best: tuple[int, int] | None = None
        for source_type in types:
            seen = self.last_by_type.get(source_type)
            if seen is not None and (best is None or seen[0] > best[0]):
                best = seen
        return None if best is None else best[1]

    def _merge_keys(self, info: MentionInfo, entity: Entity | None) -> list[str]:
        keys = [f"e:{entity.id}"] if entity is not None else []
        if info.type in NAMED or (info.type is SourceType.DOCUMENT and not info.indefinite):
            keys.append(f"n:{normalise(info.name)}")
            keys.extend(f"n:{normalise(alias)}" for alias in info.aliases)
            if entity is not None:
                keys.extend(f"n:{normalise(name)}" for name in entity.names)
        return [key for key in keys if key not in {"e:", "n:"}]

    def _lookup(self, info: MentionInfo, entity: Entity | None) -> int | None:
        for key in self._merge_keys(info, entity):
            if key in self.keys:
                return self.keys[key]
        if info.type is SourceType.PERSON and " " not in info.name.strip():
            return self.keys.get(f"p:{normalise(info.name)}")
        return None

    def _create(self, info: MentionInfo, entity: Entity | None) -> int:
        index = len(self.drafts)
        name = entity.canonical if entity is not None and info.type in NAMED else info.name
        affiliation = info.affiliation
        draft = _Draft(
            f"S{index + 1}",
            name or "unnamed",
            info.type,
            info.role,
            affiliation,
            entity.id if entity else None,
        )
        self.drafts.append(draft)
        for key in self._merge_keys(info, entity):
            self.keys.setdefault(key, index)
        if info.type is SourceType.PERSON and " " in info.name:
            self.keys[f"p:{normalise(info.name.split()[-1])}"] = index
        return index

    def _mention(self, index: int, span: TextSpan, speaker: bool = True) -> str:
        draft = self.drafts[index]
        draft.mentions.append(span)
        if speaker:
            self.clock += 1
            self.last_by_type[draft.type] = (self.clock, index)
        return draft.id
