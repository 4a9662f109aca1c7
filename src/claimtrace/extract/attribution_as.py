"""Attribution clauses opened by "as": "As the council noted, the plan will cost more",
"The plan will cost more, as the council noted." The reporting verb has no complement of
its own; what it reports is the clause the "as" clause is set off from by a comma (before
it, or after it up to the end of that clause). A verb that reports only with a fixed object
("as the mayor put it, ...", ``[as_phrases]`` in the cue lexicon) takes the object into the
cue."""

from __future__ import annotations

from spacy.tokens import Token

from .attribution_base import trim
from .sources import line_start

COMPLEMENTS = frozenset({"ccomp", "xcomp", "dobj", "dative", "oprd"})


def as_clause(cue: Token) -> bool:
    """Whether the verb heads an adverbial clause marked by "as" ("as Lee noted")."""
    return cue.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ == "as" and c.i < cue.i for c in cue.lefts
    )


def as_content(cue: Token, *, complement_ok: bool = False) -> tuple[int, int] | None:
    """The clause an "as" clause of reporting is set off from, as a token range."""
    if not as_clause(cue) or cue.i == cue.head.i:
        return None
    if not complement_ok and any(c.dep_ in COMPLEMENTS for c in cue.children):
        return None
    doc = cue.doc
    head = cue.head
    first, last = cue.left_edge.i, cue.right_edge.i + 1
    if cue.i < head.i:
        start = last
        while start < len(doc) and (doc[start].text == "," or doc[start].is_space):
            start += 1
        if "," not in {doc[last - 1].text, *(t.text for t in doc[last:start])}:
            return None
        end = min(head.right_edge.i + 1, cue.sent.end)
        start, end = trim(doc, start, end)
    else:
        if first == 0 or doc[first - 1].text != ",":
            return None
        begin = max(head.left_edge.i, line_start(cue), cue.sent.start)
        start, end = trim(doc, begin, first - 1)
    return (start, end) if end - start >= 2 else None


def as_phrase(cue: Token, word: str) -> tuple[int, tuple[int, int]] | None:
    """ "as the mayor put it, ...": where the cue ends (after its fixed object) and the
    content."""
    objects = [c for c in cue.rights if c.dep_ == "dobj"]
    if not objects or objects[0].lower_ != word or objects[0].i != cue.i + 1:
        return None
    content = as_content(cue, complement_ok=True)
    return None if content is None else (cue.i + 2, content)
