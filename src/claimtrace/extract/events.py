"""Events: the action a claim describes, coded to PLOVER with its actor, targets and spans.

For each claim the trigger is the highest word of the claim, in dependency order from its
main verb, that ``lexicons/plover.toml`` codes: a verb ("killed", "blew up"), a noun ("the
transfer of ...") or a noun carried by a light verb ("carried out two transfers"). Verbs
joined to the trigger by "and" are events of their own. The actor is the subject (the "by"
phrase in passives and for nouns; the modifiers of an event noun: "a US drone strike"); the
targets come from the object and the prepositions the lexicon names for the type. The mode
comes from the trigger, its modifiers, its instrument and the actor's equipment. Place and
time come from the claim; ``hedged`` is true when the claim is not stated as certain.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from ..model import Attribution, Certainty, Claim, Entity, Event, EventActor, TextSpan
from .claims import main_verb
from .events_actors import (
    EntityIndex,
    equipment_party,
    is_equipment,
    modifier_party,
    party,
    span_of,
)
from .events_lexicon import Coding, PloverLexicon, load_lexicon

EVENT_ID = "EV"
NOT_TRIGGERS = frozenset({"amod", "compound", "aux", "auxpass", "det", "case", "punct"})
NOT_FOLLOWED = frozenset({"relcl", "appos"})
OBJECT_DEPS = frozenset({"dobj", "attr", "oprd", "dative"})
PHRASE_DEPS = frozenset({"prt", "dobj", "attr", "oprd", "prep", "acomp", "advmod", "dative"})
SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
INHERITS_SUBJECT = frozenset({"conj", "xcomp", "advcl"})
INSTRUMENT_PREPS = frozenset({"with", "by", "in", "using", "from"})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod"})
NEGATORS = frozenset({"not", "n't", "never", "no"})
WH_WORDS = frozenset({"who", "which", "that"})
MAX_ACTION_GAP = 3


@dataclass(frozen=True, slots=True)
class FoundActor:
    """The actor, the head word naming it, and the event or weapon noun it acted through."""

    actor: EventActor | None = None
    head: Token | None = None
    means: Token | None = None


@dataclass(frozen=True, slots=True)
class Trigger:
    """A coded trigger: its head word, the words of a phrase, and the verb carrying a noun."""

    token: Token
    coding: Coding
    words: tuple[Token, ...]
    carrier: Token | None = None


def extract_events(
    doc: Doc,
    claims: Sequence[Claim],
    entities: Sequence[Entity],
    attributions: Sequence[Attribution] = (),
) -> tuple[Event, ...]:
    """The coded actions the claims describe, ids EV1... in claim order.

    A claim reported with a cue that is itself a coded act ("accused", "demanded",
    "promised") gives that speech act first; then comes the action the claim states and
    the coded verbs joined to it by "and". A trigger shared by several claims is kept once.
    """
    lex = load_lexicon()
    index = EntityIndex.build(tuple(entities))
    cues = {a.id: a for a in attributions if a.cue is not None}
    events: list[Event] = []
    seen: set[int] = set()
    for claim in claims:
        for trigger in (*cue_triggers(doc, claim, cues, lex), *claim_triggers(doc, claim, lex)):
            if trigger.token.i in seen:
                continue
            seen.add(trigger.token.i)
            event_id = f"{EVENT_ID}{len(events) + 1}"
            events.append(build_event(doc, event_id, claim, trigger, index, lex))
    return tuple(events)


# --- finding triggers -------------------------------------------------------------------


def claim_tokens(doc: Doc, claim: Claim) -> Span | None:
    """The tokens of the claim's span."""
    return doc.char_span(claim.span.start, claim.span.end, alignment_mode="expand")


def cue_triggers(
    doc: Doc, claim: Claim, cues: dict[str, Attribution], lex: PloverLexicon
) -> list[Trigger]:
    """The reporting cue of the claim's innermost attribution that the lexicon codes."""
    for attribution_id in reversed(claim.attribution_ids):
        attribution = cues.get(attribution_id)
        if attribution is None or attribution.cue is None:
            continue
        cue = attribution.cue.span
        if cue.end <= cue.start:
            return []  # an empty cue has no verb to code (and spaCy refuses reversed offsets)
        tokens = doc.char_span(cue.start, cue.end, alignment_mode="expand")
        if tokens is None or len(tokens) == 0:
            return []
        trigger = trigger_of(tokens.root, lex)
        if trigger is not None:
            return [trigger]
    return []


def claim_triggers(doc: Doc, claim: Claim, lex: PloverLexicon) -> list[Trigger]:
    """The claim's highest coded trigger and the coded verbs joined to it by "and"."""
    tokens = claim_tokens(doc, claim)
    if tokens is None or len(tokens) == 0:
        return []
    first = next(_coded_in(tokens, lex), None)
    if first is None:
        return []
    found = [first]
    for other in first.token.conjuncts:
        if tokens.start <= other.i < tokens.end:
            joined = trigger_of(other, lex)
            if joined is not None:
                found.append(joined)
    return found


def _coded_in(tokens: Span, lex: PloverLexicon) -> Iterator[Trigger]:
    """Coded triggers in breadth-first order from the span's main verb."""
    root = main_verb(tokens)
    if root is None:
        return
    queue, seen = deque([root]), {root.i}
    while queue:
        token = queue.popleft()
        trigger = trigger_of(token, lex)
        if trigger is not None:
            yield trigger
        for child in token.children:
            inside = tokens.start <= child.i < tokens.end
            if inside and child.i not in seen and child.dep_ not in NOT_FOLLOWED:
                seen.add(child.i)
                queue.append(child)


def trigger_of(token: Token, lex: PloverLexicon) -> Trigger | None:
    """The trigger this word is, if the lexicon codes it."""
    if token.dep_ in NOT_TRIGGERS:
        return None
    if is_verb(token):
        return _light_verb_noun(token, lex) or _verb_trigger(token, lex)
    if token.pos_ in ("NOUN", "PROPN"):
        return noun_trigger(token, lex)
    return None


def is_verb(token: Token) -> bool:
    return token.pos_ == "VERB" or (token.tag_.startswith("VB") and token.pos_ != "AUX")


def lemma(token: Token) -> str:
    return (token.lemma_ or token.text).lower()


def _verb_keys(verb: Token) -> Iterator[tuple[str, tuple[Token, ...]]]:
    """Phrase keys of a verb ("open fire", "impose martial law"), then its lemma."""
    base = lemma(verb)
    for child in verb.children:
        if child.dep_ not in PHRASE_DEPS:
            continue
        yield f"{base} {lemma(child)}", (verb, child)
        if child.dep_ == "advmod":
            yield f"{lemma(child)} {base}", (child, verb)
        for word in (child, *_prep_objects(child)):
            mods = [m for m in word.lefts if m.dep_ in ("compound", "amod")]
            if mods:
                yield f"{base} {_joined(mods)} {lemma(word)}", (verb, *mods, word)
            if word is not child:
                yield f"{base} {lemma(word)}", (verb, word)
    yield base, (verb,)


def _joined(tokens: Iterable[Token]) -> str:
    return " ".join(lemma(token) for token in tokens)


def _prep_objects(token: Token) -> list[Token]:
    if token.dep_ not in ("prep", "dative", "agent"):
        return []
    return [c for c in token.children if c.dep_ == "pobj"]


def _verb_trigger(verb: Token, lex: PloverLexicon) -> Trigger | None:
    for key, words in _verb_keys(verb):
        coding = lex.verbs.get(key)
        if coding is not None and not _excluded_object(verb, coding):
            return Trigger(verb, coding, words)
    return None


def _excluded_object(verb: Token, coding: Coding) -> bool:
    """The lexicon rules this reading out by the object ("released a video")."""
    objects = [c for c in verb.children if c.dep_ in OBJECT_DEPS | PASSIVE_SUBJECT_DEPS]
    return any(lemma(obj) in coding.not_objects for obj in objects)


def _light_verb_noun(verb: Token, lex: PloverLexicon) -> Trigger | None:
    """ "carried out two transfers": the coded noun the light verb carries."""
    particles = [lemma(c) for c in verb.children if c.dep_ == "prt"]
    keys = {lemma(verb), *(f"{lemma(verb)} {p}" for p in particles)}
    if not keys & lex.light_verbs:
        return None
    for child in verb.children:
        if child.dep_ in OBJECT_DEPS | PASSIVE_SUBJECT_DEPS:
            found = noun_trigger(child, lex)
            if found is not None:
                return Trigger(found.token, found.coding, found.words, carrier=verb)
    return None


def noun_trigger(noun: Token, lex: PloverLexicon) -> Trigger | None:
    """A coded event noun, a modifier phrase ("hunger strike") before the bare lemma."""
    if noun.dep_ in NOT_TRIGGERS:
        return None
    mods = [m for m in noun.lefts if m.dep_ in ("compound", "amod")]
    for size in range(len(mods), 0, -1):
        key = f"{_joined(mods[-size:])} {lemma(noun)}"
        if key in lex.nouns:
            return Trigger(noun, lex.nouns[key], (*mods[-size:], noun))
    coding = lex.nouns.get(lemma(noun))
    return Trigger(noun, coding, (noun,)) if coding is not None else None


# --- building one event -----------------------------------------------------------------


def build_event(
    doc: Doc,
    event_id: str,
    claim: Claim,
    trigger: Trigger,
    index: EntityIndex,
    lex: PloverLexicon,
) -> Event:
    """The event a trigger describes, within its claim."""
    found = find_actor(doc, trigger, index, lex)
    actor = with_equipment(doc, found.actor, trigger, lex)
    targets = find_targets(doc, trigger, index, lex, actor)
    event_type, mode, cameo = code_event(trigger, _mode_words(doc, trigger, actor, found), lex)
    return Event(
        id=event_id,
        claim_id=claim.id,
        event_type=event_type,
        action=action_span(doc, trigger),
        actor=actor,
        targets=targets,
        mode=mode,
        cameo_root=cameo,
        place_ids=claim.place_ids,
        time_id=claim.time_id,
        negated=is_negated(trigger),
        hedged=claim.certainty != Certainty.CERTAIN,
    )


def action_span(doc: Doc, trigger: Trigger) -> TextSpan:
    """The trigger's words, or its head word when a phrase is spread out."""
    first = min(t.i for t in trigger.words)
    last = max(t.i for t in trigger.words)
    if last - first > len(trigger.words) + MAX_ACTION_GAP:
        first = last = trigger.token.i
    return span_of(doc, first, last)


def is_negated(trigger: Trigger) -> bool:
    """A "not"/"never" on the trigger (or its light verb), or "no" before an event noun."""
    for word in (trigger.token, trigger.carrier):
        if word is None:
            continue
        for child in word.children:
            if child.dep_ == "neg" or (child.lower_ in NEGATORS and child.dep_ != "det"):
                return True
            if child.dep_ == "det" and child.lower_ == "no":
                return True
    return False


# --- actor ------------------------------------------------------------------------------


def find_actor(doc: Doc, trigger: Trigger, index: EntityIndex, lex: PloverLexicon) -> FoundActor:
    """The actor; an event or weapon as subject ("a drone strike killed") names the means."""
    verb = trigger.carrier or (trigger.token if is_verb(trigger.token) else None)
    if verb is None:
        return _noun_actor(doc, trigger.token, index, lex)
    head = _subject_of(verb)
    if head is None:
        return FoundActor()
    if noun_trigger(head, lex) is not None or lemma(head) in lex.means:
        return FoundActor(_means_actor(doc, head, index, lex), None, head)
    if is_equipment(head, lex.actors):
        return FoundActor(equipment_party(doc, head, index, lex.actors), head)
    return FoundActor(party(doc, head, index, lex.actors), head)


def _subject_of(verb: Token) -> Token | None:
    """Subject, passive "by" agent, the noun an -ing clause describes, or the governor's."""
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            if child.lower_ in WH_WORDS and verb.dep_ == "relcl":
                return verb.head
            return child
    agent = _agent(verb)
    if agent is not None:
        return agent
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        return verb.head
    if verb.dep_ in INHERITS_SUBJECT and verb.head.i != verb.i and is_verb(verb.head):
        return _subject_of(verb.head)
    return None


def _agent(word: Token) -> Token | None:
    """The noun of a "by" phrase (passive agent, or "the transfer ... by X")."""
    for child in word.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def _means_actor(
    doc: Doc, noun: Token, index: EntityIndex, lex: PloverLexicon
) -> EventActor | None:
    """Who used the means: "by" phrase, possessor, or owner among its modifiers."""
    agent = _agent(noun)
    if agent is not None:
        return party(doc, agent, index, lex.actors)
    return modifier_party(doc, noun, index, lex.actors)


def _noun_actor(doc: Doc, noun: Token, index: EntityIndex, lex: PloverLexicon) -> FoundActor:
    """Actor of an event noun: "by" phrase, possessor ("Israel's raid"), or modifier owner."""
    agent = _agent(noun)
    if agent is None:
        agent = next((c for c in noun.children if c.dep_ == "poss"), None)
    if agent is not None:
        return FoundActor(party(doc, agent, index, lex.actors), agent)
    return FoundActor(modifier_party(doc, noun, index, lex.actors))


# --- targets ----------------------------------------------------------------------------


def find_targets(
    doc: Doc,
    trigger: Trigger,
    index: EntityIndex,
    lex: PloverLexicon,
    actor: EventActor | None,
) -> tuple[EventActor, ...]:
    """Targets from the first role in the lexicon's list that names any; failing that, from
    the action the trigger governs ("agreed to provide aid to Chad": Chad)."""
    triggers = [trigger]
    for child in trigger.token.children:
        if child.dep_ == "xcomp" and is_verb(child):
            embedded = trigger_of(child, lex)
            triggers.append(embedded or Trigger(child, trigger.coding, (child,)))
    for current in triggers:
        for role in current.coding.targets:
            heads = [h for h in _role_heads(current, role) if _can_be_target(h, actor, lex)]
            if heads:
                return tuple(party(doc, head, index, lex.actors) for head in heads)
    receiver = _receiver(trigger, lex)
    return (party(doc, receiver, index, lex.actors),) if receiver is not None else ()


def _can_be_target(head: Token, actor: EventActor | None, lex: PloverLexicon) -> bool:
    """A party, not the actor again, an action ("accusations of fighting") or "it"."""
    if actor is not None and actor.span.start <= head.idx < actor.span.end:
        return False
    if is_verb(head) or noun_trigger(head, lex) is not None:
        return False
    return not (head.lower_ in lex.actors.pronouns and head.dep_ == "pobj")


def _receiver(trigger: Trigger, lex: PloverLexicon) -> Token | None:
    """ "X faced accusations": the subject of a receiving verb is the target of the noun."""
    noun, verb = trigger.token, trigger.token.head
    if is_verb(noun) or noun.dep_ not in OBJECT_DEPS or lemma(verb) not in lex.receiving_verbs:
        return None
    return next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)


def _role_heads(trigger: Trigger, role: str) -> list[Token]:
    """The head nouns that fill a role, with the nouns joined to them by "and"."""
    word = trigger.token
    if role == "object":
        found = _objects(trigger)
    elif role == "dative":
        datives = [c for c in word.children if c.dep_ == "dative"]
        found = [obj for c in datives for obj in (_prep_objects(c) if c.pos_ == "ADP" else [c])]
    else:
        found = _prep_heads(word, role)
        if trigger.carrier is not None and not found:
            found = _prep_heads(trigger.carrier, role)
    return [conj for head in found for conj in (head, *head.conjuncts) if conj.dep_ != "appos"]


def _objects(trigger: Trigger) -> list[Token]:
    """Direct object (passive subject); for a noun, its "of" phrase or what it describes."""
    word = trigger.token
    if is_verb(word) and trigger.carrier is None:
        found = [c for c in word.children if c.dep_ in ("dobj", "nsubjpass")]
        if not found and word.dep_ == "acl" and word.tag_ == "VBN":
            found = [word.head]
        return found
    return _prep_heads(word, "of")


def _prep_heads(word: Token, preposition: str) -> list[Token]:
    return [
        obj
        for child in word.children
        if child.dep_ in ("prep", "agent") and child.lower_ == preposition
        for obj in _prep_objects(child)
    ]


# --- type, mode, CAMEO root -------------------------------------------------------------


def code_event(
    trigger: Trigger, words: set[str], lex: PloverLexicon
) -> tuple[str, str | None, str]:
    """The PLOVER type, mode and CAMEO root, after the future and mode rules.

    Words around the trigger set the mode only when the trigger names no mode of its own
    or names a means (a weapon) that they can refine: "abducted" stays abduct.
    """
    coding = trigger.coding
    if coding.event_type in lex.future.types and _future(trigger, lex):
        return lex.future.becomes, None, lex.future.cameo_root
    if coding.event_type == "THREATEN":
        return coding.event_type, _threatened_mode(trigger, lex), coding.cameo_root
    rules = [rule for rule in lex.modes if rule.event_type == coding.event_type]
    if coding.mode is not None and coding.mode not in {rule.mode for rule in rules}:
        return coding.event_type, coding.mode, coding.cameo_root
    for rule in rules:
        if rule.words & words:
            return coding.event_type, rule.mode, rule.cameo_root or coding.cameo_root
    return coding.event_type, coding.mode, coding.cameo_root


def _future(trigger: Trigger, lex: PloverLexicon) -> bool:
    words = [w for w in (trigger.token, trigger.carrier) if w is not None]
    return any(
        child.dep_ == "aux" and lemma(child) in lex.future.auxiliaries
        for word in words
        for child in word.children
    )


def _threatened_mode(trigger: Trigger, lex: PloverLexicon) -> str | None:
    """What is threatened sets the mode: "threatened to impose sanctions" -> relations."""
    for child in trigger.token.children:
        if child.dep_ not in ("xcomp", "ccomp", "prep", "dobj"):
            continue
        for word in (child, *_prep_objects(child)):
            threatened = trigger_of(word, lex)
            if threatened is None:
                continue
            if threatened.coding.mode in lex.types["THREATEN"].modes:
                return threatened.coding.mode
            return lex.threaten_modes.get(threatened.coding.event_type)
    return trigger.coding.mode


def _mode_words(
    doc: Doc, trigger: Trigger, actor: EventActor | None, found: FoundActor
) -> set[str]:
    """Lemmas that can set a mode: the trigger's modifiers and instrument, the means, the
    actor's head word and equipment."""
    words: set[str] = set()
    if found.head is not None:
        words.add(lemma(found.head))
    for word in (trigger.token, trigger.carrier, found.means):
        if word is None:
            continue
        words.add(lemma(word))
        words.update(lemma(c) for c in word.children if c.dep_ in MODIFIER_DEPS | {"advmod"})
        for child in word.children:
            if child.dep_ in ("prep", "agent") and child.lower_ in INSTRUMENT_PREPS:
                for obj in _prep_objects(child):
                    words.add(lemma(obj))
                    words.update(lemma(m) for m in obj.lefts if m.dep_ in MODIFIER_DEPS)
    if actor is not None and actor.equipment is not None:
        words.update(_lemmas(doc, actor.equipment))
    return words


def _lemmas(doc: Doc, span: TextSpan) -> set[str]:
    tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
    return {lemma(token) for token in tokens} if tokens is not None else set()


def with_equipment(
    doc: Doc, actor: EventActor | None, trigger: Trigger, lex: PloverLexicon
) -> EventActor | None:
    """Equipment named on an event noun ("helicopter transfers") joins the actor's."""
    if actor is None or actor.equipment is not None or is_verb(trigger.token):
        return actor
    kit = [
        m for m in trigger.token.lefts if m.dep_ in MODIFIER_DEPS and is_equipment(m, lex.actors)
    ]
    if not kit:
        return actor
    return replace(actor, equipment=span_of(doc, kit[0].i, kit[-1].i))
