"""The source of a reporting verb the parser left without a subject.

A long source phrase often defeats the parser: "Jeff Lee, a teacher helping to run the
strike, said ..." (the apposition taken for a clause), "..., former mayor Ann Lee said ..."
(the name taken for an apposition of an earlier noun), '"...," said Ann Lee, who ...' (the
name taken for the subject of a later verb). `orphan_subject` reads the words around the cue
instead: a name right after an inverted cue, a noun right before it, or a noun phrase that
opens the sentence and is set off by commas up to the cue.
"""

from __future__ import annotations

from spacy.tokens import Token

from .attribution_base import CLOSING_MARKS, STRAIGHT_MARKS
from .sources import line_start

NOUNS = frozenset({"NOUN", "PROPN"})
MODIFIERS = frozenset({"det", "compound", "amod", "poss", "nummod", "case", "flat"})
CLOSING = CLOSING_MARKS | STRAIGHT_MARKS
OBJECTS = frozenset({"dobj", "dative", "attr", "oprd", "npadvmod"})
MAX_GAP = 30  # tokens between an opening noun phrase and its cue


def orphan_subject(cue: Token) -> Token | None:
    """The head of the source phrase next to a main-clause cue with no subject."""
    if cue.dep_ != "ROOT":
        return None
    return _after(cue) or _right_before(cue) or _opening(cue)


def _after(cue: Token) -> Token | None:
    """'"...," said Ann Lee' and '..., said the mayor': the noun phrase after the cue."""
    doc = cue.doc
    before = doc[cue.i - 1] if cue.i > 0 else None
    if before is None or not (before.text == "," or before.text in CLOSING):
        return None
    index = cue.i + 1
    while index < len(doc) and doc[index].pos_ not in NOUNS:
        if doc[index].dep_ not in MODIFIERS or doc[index].is_punct:
            return None
        index += 1
    if index >= len(doc):
        return None
    head = _chain_head(doc[index])
    if head.ent_type_ in {"DATE", "TIME"}:
        return None
    if before.text == "," and (head.dep_ in OBJECTS or head.head == cue):
        return None  # "..., endorsed the mayor": an object, unless a quotation came first
    return head


def _right_before(cue: Token) -> Token | None:
    """ "..., former mayor Ann Lee said ...": a name or noun right before the cue."""
    if cue.i == 0:
        return None
    before = cue.doc[cue.i - 1]
    if before.pos_ not in NOUNS or before.dep_ not in {"appos", "conj", "dobj"}:
        return None
    return before


def _opening(cue: Token) -> Token | None:
    """ "Ann Lee, a teacher who ..., said ...": the noun phrase that opens the sentence,
    with a comma after it and one right before the cue."""
    doc = cue.doc
    start = line_start(cue)
    if cue.i - start > MAX_GAP or cue.i < 2 or doc[cue.i - 1].text != ",":
        return None
    index = start
    while index < cue.i and doc[index].pos_ not in NOUNS:
        if doc[index].dep_ not in MODIFIERS:
            return None
        index += 1
    while index + 1 < cue.i and doc[index + 1].pos_ in NOUNS and doc[index].dep_ in MODIFIERS:
        index += 1
    if index + 1 >= cue.i - 1 or doc[index + 1].text != ",":
        return None
    return doc[index]


def _chain_head(token: Token) -> Token:
    """The last word of a run of names ("Ann" -> "Lee" in "Ann Lee")."""
    doc = token.doc
    index = token.i
    while index + 1 < len(doc) and doc[index + 1].pos_ in NOUNS and doc[index].dep_ in MODIFIERS:
        index += 1
    return doc[index]
