"""Naming verbs whose object and name the parser split up: "called both rivals “reckless”",
"called his record in office “a failure”" (the name as ``oprd`` after other phrases). Not
the relative form "what the mayor called “a disgrace”": its content would be the pronoun and
the name, which no single span covers."""

from __future__ import annotations

from spacy.tokens import Token

from .attribution_base import RELATIVE, trim

NAMED = frozenset({"oprd"})
OBJECTS = frozenset({"dobj", "oprd", "dep"})
RELATIVE_OBJECTS = RELATIVE | {"what"}
BETWEEN = frozenset({"advmod", "npadvmod"})


def naming_content(cue: Token) -> tuple[int, int] | None:
    """The object with its name ("both rivals “reckless”"); none after a relative object."""
    rights = [c for c in cue.rights if not c.is_space]
    names = [c for c in rights if c.dep_ in NAMED]
    if not names:
        return None
    end = names[-1].right_edge.i + 1
    relative = any(c.dep_ == "dobj" and c.lower_ in RELATIVE_OBJECTS for c in cue.lefts)
    if relative:
        return None
    first = next((c for c in rights if c.dep_ not in BETWEEN), names[0])
    if first.dep_ not in OBJECTS or (first is names[0] and len(names) == 1):
        return None
    start, end = trim(cue.doc, first.left_edge.i, end)
    return (start, end) if end > start and start > cue.i else None
