"""A verb phrase that ends in a colon and introduces a quotation: 'She added warily: "..."',
'He shot back: "..."', 'The mayor said in a statement: "..."'.

The cue runs from the verb group to the colon, whatever stands between (an adverb, a particle,
an object such as "this" or "a caveat", a medium such as "on Twitter"), as long as it hangs
off the verb and names nobody the words were addressed to ("told reporters:", "said of the
plan:" keep the bare verb). A verb outside the cue lexicon counts too when it has a subject
and its phrase ends right at the colon ("Lee demurred: ..."): the quotation says what was said.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .attribution_base import FIRST_PERSON, SUBJECTS, Context, CueLexicon, cue_lexicon, same_line

MAX_GAP = 12  # tokens between the verb and the colon
ADDRESSED = frozenset({"of", "to", "about", "with", "at", "toward", "towards", "for"})
PEOPLE = frozenset({"him", "her", "them", "us", "me", "you"})
NOT_SAYING = frozenset({"be"})  # "the answer was: ..." names no speaker of its own
CLAUSE_DEPS = frozenset({"relcl", "acl", "amod", "compound"})


def colon_quote(ctx: Context, cue: Token, end: int) -> tuple[int, int] | None:
    """(token after the colon, quote index) when the cue's phrase from token `end` on runs to
    a colon that opens an unused quotation, and nothing in between is addressed to someone."""
    doc = ctx.doc
    limit = min(len(doc), end + MAX_GAP + 1)
    colon = next((i for i in range(end, limit) if doc[i].text == ":"), None)
    if colon is None or not same_line(cue, doc[colon]):
        return None
    if not all(_in_phrase(doc[i], cue) for i in range(end, colon)):
        return None
    quote = _opens_after(ctx, colon)
    if quote is None or quote in ctx.used_quotes:
        return None
    return colon + 1, quote


def _in_phrase(token: Token, verb: Token) -> bool:
    """A word of the verb's own phrase that does not name an addressee."""
    if token.is_space or token.is_punct or not _descends(token, verb):
        return False
    if token.dep_ in {"dative", "iobj", "agent"} or token.lower_ in PEOPLE:
        return False
    if token.dep_ == "prep" and token.lower_ in ADDRESSED:
        return False
    if token.dep_ == "dobj" and (token.pos_ == "PROPN" or token.ent_type_ in {"PERSON", "ORG"}):
        return False
    if token.dep_ == "dobj" and token.head == verb and verb.lemma_ in cue_lexicon().recipients:
        return False  # "told the crews:"
    return not (token.pos_ in {"VERB", "AUX"} and any(c.dep_ in SUBJECTS for c in token.children))


def _descends(token: Token, verb: Token) -> bool:
    """Whether `token` hangs off `verb`, and not inside its subject or an addressee."""
    for _ in range(8):
        if token.head is token or token.dep_ in SUBJECTS | {"dative", "iobj"}:
            return False
        token = token.head
        if token == verb:
            return True
    return False


def _opens_after(ctx: Context, colon: int) -> int | None:
    """The quotation that opens right after the colon (spaces aside)."""
    doc = ctx.doc
    index = colon + 1
    while index < len(doc) and doc[index].is_space and "\n" not in doc[index].text:
        index += 1
    return ctx.opening.get(index)


def colon_verbs(ctx: Context, sent: Span, lex: CueLexicon) -> list[tuple[Token, Token, int, int]]:
    """(verb, subject, cue end, quote) for every colon of the sentence that opens a quotation
    no cue has taken, after the phrase of a verb with a subject."""
    found = []
    for token in sent:
        if token.text != ":" or token.i == sent.start:
            continue
        verb = _verb_before(token)
        if verb is None or verb.i in ctx.consumed or verb.lemma_ in NOT_SAYING:
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)  # not passive
        if subject is None or not same_line(subject, verb) or subject.i > verb.i:
            continue
        if subject.lower_ in FIRST_PERSON and ctx.quoted(verb.idx):
            continue
        taken = colon_quote(ctx, verb, verb.i + 1)
        if taken is not None and taken[0] == token.i + 1:
            found.append((verb, subject, *taken))
    return found


def _verb_before(colon: Token) -> Token | None:
    """The verb whose phrase the colon closes."""
    doc = colon.doc
    token = doc[colon.i - 1]
    for _ in range(MAX_GAP):
        if token.pos_ == "VERB" and token.dep_ not in CLAUSE_DEPS:
            return token if token.i < colon.i else None
        if token.head is token:
            return None
        token = token.head
    return None
