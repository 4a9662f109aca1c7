"""Statements the parser attaches in the wrong place, put back where they belong:

* the "that" clause of "told the audience at the rally that ..." or "said for the first
  time that ...", parsed as a relative clause of a noun after the person told or after a
  phrase of the verb (`late_that`);
* "X said A, adding B": a statement participle set off by a comma that the parser hangs on
  the reported clause A instead of on "said" (`participle`: it ends A, and its source is
  the subject of "said");
* a quotation after the person told ('telling reporters, "..."', `person_told`);
* "But, he said, it is ...": a parenthetical cue after one word of its sentence
  (`comma_after`);
* a no-break space between a quotation and its cue, a token of its own (`blank`);
* a short answer ("46 percent said yes", "said the same", "said no to the war"), which the
  parser takes for an interjection or even a subject (`answer`);
* a reported clause with a gerund subject ("said legalizing it could create jobs"), which
  the parser takes for a gerund complement of the cue (`gerund_clause`).
"""

from __future__ import annotations

from spacy.tokens import Token

from .attribution_base import SUBJECTS, CueLexicon, trim

THAT_DEPS = frozenset({"mark", "dobj", "nsubj", "advmod"})
PEOPLE_DEPS = frozenset({"dobj", "dative"})
ANSWERED = frozenset({"to", "of", "about", "for"})


def late_that(cue: Token, lex: CueLexicon) -> tuple[int, int] | None:
    """ "told the audience at his rally that he would win", "said for the first time that
    ...": the first "that" after the person told, or after a phrase right after the cue, that
    opens a clause with a subject of its own (not "a story that ran Monday")."""
    doc = cue.doc
    people = [c for c in cue.rights if c.dep_ in PEOPLE_DEPS]
    deps = THAT_DEPS
    own = lex.prepositional.get(cue.lemma_, frozenset())  # "asked about X that ..." is X's
    if people and cue.lemma_ in lex.recipients:
        start = people[-1].right_edge.i + 1
    elif not people and any(
        c.dep_ in {"prep", "npadvmod"} and c.i == cue.i + 1 and c.lower_ not in own
        for c in cue.rights
    ):
        start, deps = cue.i + 1, frozenset({"mark"})  # not "said in a book that she wrote"
    else:
        return None
    for token in doc[start : cue.right_edge.i + 1]:
        if token.is_punct and token.text in {".", ";", ":"}:
            return None
        if token.lower_ != "that":
            continue
        if token.dep_ not in deps:
            return None
        clause = token.head
        subjects = [c for c in clause.children if c.dep_ in SUBJECTS and c.i != token.i]
        if clause.i <= token.i or not subjects or subjects[0].i < token.i:
            return None
        first, end = trim(doc, token.i, clause.right_edge.i + 1)
        return (first, end) if end - first >= 3 else None
    return None


def participle(child: Token, lex: CueLexicon) -> bool:
    """'..., telling reporters ...': a statement participle set off by a comma."""
    if child.dep_ != "advcl" or child.tag_ != "VBG" or child.lemma_ not in lex.verbs:
        return False
    edge = child.left_edge.i
    return edge > 0 and child.doc[edge - 1].text == ","


def person_told(cue: Token, right: int) -> int | None:
    """Where the person told ends, when the verb's object starts right after the cue (token
    `right`): 'telling reporters, "..."'."""
    people = [c for c in cue.rights if c.dep_ in PEOPLE_DEPS]
    if not people or people[0].left_edge.i != right:
        return None
    return max(c.right_edge.i for c in people) + 1


def comma_after(cue: Token) -> bool:
    """A parenthetical cue the sentence goes on after ("But, he said, it is ...")."""
    doc = cue.doc
    edge = cue.right_edge.i
    while edge > cue.i and blank(doc[edge]):
        edge -= 1  # a no-break space after the comma
    return doc[edge].text == "," or (edge + 1 < len(doc) and doc[edge + 1].text == ",")


def blank(token: Token) -> bool:
    """A space on the line (a no-break space is a token of its own), not a line break."""
    return token.is_space and "\n" not in token.text


def answer(cue: Token, right: int, lex: CueLexicon) -> tuple[int, int] | None:
    """ "said yes", "said the same of Lee", "said no to the war": a short answer right after
    the cue (token `right`), with a phrase on what it answers that follows it."""
    doc = cue.doc
    if right >= len(doc) or cue.lemma_ not in lex.answer_verbs:
        return None
    word = doc[right]
    if word.lower_ == "the" and right + 1 < len(doc):
        word = doc[right + 1]
    if word.lower_ not in lex.answers or word.head.i not in {cue.i, right}:
        return None
    end = max(word.right_edge.i, right) + 1
    after = [c for c in cue.rights if c.dep_ == "prep" and c.i == end and c.lower_ in ANSWERED]
    end = after[0].right_edge.i + 1 if after else end
    first, last = trim(doc, right, end)
    return (first, last) if last > first else None


def gerund_clause(cue: Token) -> tuple[int, int] | None:
    """ "said legalizing it could create jobs": a gerund right after the cue that carries the
    clause it is the subject of."""
    gerund = next((c for c in cue.rights if c.i == cue.i + 1), None)
    if gerund is None or gerund.dep_ != "xcomp" or gerund.tag_ != "VBG":
        return None
    if not any(c.dep_ == "ccomp" for c in gerund.children):
        return None
    first, end = trim(cue.doc, gerund.i, gerund.right_edge.i + 1)
    return (first, end) if end - first >= 3 else None
