"""Stance adjectives after "be" as cues: "the senator was critical of the plan", "the
residents are sure that the dam will hold", "the union is eager to talk".

The adjectives and the prepositions that bring their content are the ``adjectives`` section
of ``lexicons/reporting_cues.toml``. The cue runs from the verb to the adjective, with the
preposition when the content is its object ("was critical of"); the source is the verb's
subject, which must be a party, not a thing ("it is clear that ..." is no attribution).
"""

from __future__ import annotations

from spacy.tokens import Token

from ..model import AttributionKind
from .attribution_base import FIRST_PERSON, Context, CueLexicon, cue_lexicon, trim
from .attribution_verbs import add_verb, subject_of

NOT_PARTIES = frozenset({"it", "this", "that", "there", "what", "these", "those"})
SUBJECT_POS = frozenset({"NOUN", "PROPN", "PRON"})
BE = frozenset({"be", "’s", "'s", "’re", "'re", "’m", "'m"})


def _is_link(token: Token) -> bool:
    """Whether a token is "be" (in any spelling) or a linking verb."""
    lemma = token.lemma_.lower()
    return lemma in BE or token.lower_ in BE or lemma in cue_lexicon().adjective_links


def adjective_word(token: Token, lex: CueLexicon) -> str | None:
    """The lexicon entry a token stands for, when it is a stance adjective after "be", or
    "clear" after "make" ("made it clear that ...")."""
    if _make_clear(token) is not None:
        return token.lower_
    if token.lower_ in lex.adjective_infinitives and _copula(token) is not None:
        return token.lower_
    word = token.lower_ if token.lower_ in lex.adjectives else token.lemma_.lower()
    if word not in lex.adjectives:
        return None
    return word if _copula(token) is not None else None


def adjective_cue(ctx: Context, adjective: Token, lex: CueLexicon) -> None:
    """One attribution for a stance adjective with a party as subject and a content."""
    if _make_clear(adjective) is not None:
        make_clear(ctx, adjective)
        return
    if adjective.lower_ in lex.adjective_infinitives:
        prompt_cue(ctx, adjective, lex)
        return
    word = adjective_word(adjective, lex)
    copula = _copula(adjective)
    if word is None or copula is None:
        return
    subject = subject_of(copula)
    if subject is None or subject.pos_ not in SUBJECT_POS or subject.lower_ in NOT_PARTIES:
        return
    if subject.lower_ in FIRST_PERSON and ctx.quoted(adjective.idx):
        return
    found = _content(adjective, lex.adjectives[word])
    if found is None:
        return
    cue_end, content = found
    add_verb(
        ctx, adjective, subject, (_cue_start(copula), cue_end), AttributionKind.INDIRECT, content
    )


def _copula(token: Token) -> Token | None:
    """The "be" the adjective is the complement of: "was critical", "is opposed" (a
    participle the parser took for a passive verb)."""
    if token.dep_ == "acomp" and _is_link(token.head):
        return token.head
    if token.pos_ == "VERB" and token.tag_ == "VBN":
        passive = [c for c in token.children if c.dep_ == "auxpass" and _is_link(c)]
        return passive[0] if passive else None
    return None


def _cue_start(copula: Token) -> int:
    """The copula with the auxiliaries right before it ("has been")."""
    start = copula.i
    doc = copula.doc
    while (
        start > 0
        and doc[start - 1].dep_ in {"aux", "neg"}
        and doc[start - 1].head
        in {
            copula,
            copula.head,
        }
    ):
        start -= 1
    return start


def _content(adjective: Token, preps: frozenset[str]) -> tuple[int, tuple[int, int]] | None:
    """The cue's end and the content: the object of the adjective's preposition, its
    "that" clause or its "to" infinitive."""
    doc = adjective.doc
    for child in adjective.rights:
        if child.dep_ == "prep" and child.lower_ in preps and child.i == adjective.i + 1:
            start, end = trim(doc, child.i + 1, child.right_edge.i + 1)
            if end > start:
                return child.i + 1, (start, end)
        if child.dep_ in {"ccomp", "xcomp"} and child.i > adjective.i:
            start, end = trim(doc, child.left_edge.i, child.right_edge.i + 1)
            marked = doc[start].lower_ in {"that", "to"} or child.dep_ == "ccomp"
            if end > start and marked:
                return adjective.i + 1, (start, end)
    return None


def _party(subject: Token | None) -> bool:
    return subject is not None and subject.pos_ in SUBJECT_POS and subject.lower_ not in NOT_PARTIES


def _make_clear(token: Token) -> Token | None:
    """The "make" of "made clear" or "made it clear"."""
    if token.lower_ != "clear" or token.pos_ != "ADJ":
        return None
    doc = token.doc
    back = 2 if token.i >= 2 and doc[token.i - 1].lower_ == "it" else 1
    make = doc[token.i - back] if token.i >= back else None
    if make is None or make.lemma_.lower() != "make" or make.pos_ not in {"VERB", "AUX"}:
        return None
    infinitive = any(c.lower_ == "to" and c.dep_ == "aux" for c in make.children)
    return None if infinitive else make


def make_clear(ctx: Context, clear: Token) -> None:
    """ "The mayor made it clear that she would run": the cue runs from "made" to "clear",
    the content is the "that" clause."""
    make = _make_clear(clear)
    if make is None:
        return
    subject = subject_of(make)
    if subject is None or not _party(subject):
        return
    if subject.lower_ in FIRST_PERSON and ctx.quoted(clear.i):
        return
    doc = clear.doc
    sent_end = clear.sent.end
    that = next(
        (t for t in doc[clear.i + 1 : min(clear.i + 4, sent_end)] if t.lower_ == "that"), None
    )
    if that is None or that.dep_ != "mark":
        return
    start, end = trim(doc, that.i, that.head.right_edge.i + 1)
    if end - start < 3:
        return
    add_verb(
        ctx, make, subject, (_cue_start(make), clear.i + 1), AttributionKind.INDIRECT, (start, end)
    )


def prompt_cue(ctx: Context, adjective: Token, lex: CueLexicon) -> None:
    """ "Aides were quick to point out that ...": the cue runs from the copula to the
    infinitive (with its particle), the content is what the infinitive takes."""
    copula = _copula(adjective)
    subject = subject_of(copula) if copula is not None else None
    if copula is None or subject is None or not _party(subject):
        return
    verb = next((c for c in adjective.rights if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
    if verb is None:
        return
    particles = [c.i for c in verb.children if c.dep_ == "prt" and c.i == verb.i + 1]
    cue_end = (particles[0] if particles else verb.i) + 1
    objects = [c for c in verb.rights if c.dep_ in {"ccomp", "dobj"} and c.i >= cue_end]
    if not objects:
        return
    doc = adjective.doc
    start, end = trim(doc, objects[0].left_edge.i, objects[0].right_edge.i + 1)
    if end - start < 2:
        return
    ctx.consumed.add(verb.i)
    add_verb(
        ctx,
        adjective,
        subject,
        (_cue_start(copula), cue_end),
        AttributionKind.INDIRECT,
        (start, end),
    )
