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
from .attribution_base import FIRST_PERSON, Context, CueLexicon, trim
from .attribution_verbs import add_verb, subject_of

NOT_PARTIES = frozenset({"it", "this", "that", "there", "what", "these", "those"})
SUBJECT_POS = frozenset({"NOUN", "PROPN", "PRON"})
BE = frozenset({"be", "’s", "'s", "’re", "'re", "’m", "'m"})


def adjective_word(token: Token, lex: CueLexicon) -> str | None:
    """The lexicon entry a token stands for, when it is a stance adjective after "be"."""
    word = token.lower_ if token.lower_ in lex.adjectives else token.lemma_.lower()
    if word not in lex.adjectives:
        return None
    return word if _copula(token) is not None else None


def adjective_cue(ctx: Context, adjective: Token, lex: CueLexicon) -> None:
    """One attribution for a stance adjective with a party as subject and a content."""
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
    if token.dep_ == "acomp" and token.head.lemma_.lower() in BE:
        return token.head
    if token.pos_ == "VERB" and token.tag_ == "VBN":
        passive = [c for c in token.children if c.dep_ == "auxpass" and c.lemma_.lower() in BE]
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
