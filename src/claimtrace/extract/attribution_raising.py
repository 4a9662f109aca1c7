"""A passive verb of expectation or report with an infinitive and no agent: "the senator is
expected to concede", "the plant was said to be closing", "which is widely believed to
have ...". Nobody is named as holding the view: there is no source (the publisher holds
it), the cue is the verb group ("is not expected"), and the content is what is expected, in
two pieces, the subject and the infinitive (or the complement: "was projected the winner"),
which share the cue as in `attribution_seeming`. The verbs are ``[raising]`` in
``lexicons/reporting_cues.toml``."""

from __future__ import annotations

from spacy.tokens import Token

from ..model import AttributionKind
from .attribution_base import Context, CueLexicon, Found, make_cue, token_span, trim
from .attribution_complements import cue_span

PASSIVE_SUBJECTS = frozenset({"nsubjpass"})


def raised(ctx: Context, verb: Token, lex: CueLexicon) -> bool:
    """Add the attribution of a passive "is expected to ..." at `verb`; whether it was one."""
    if verb.lemma_ not in lex.raising or verb.tag_ != "VBN":
        return False
    if not any(c.dep_ == "auxpass" for c in verb.lefts):
        return False
    if any(c.dep_ == "agent" for c in verb.children):
        return False
    subject = next((c for c in verb.lefts if c.dep_ in PASSIVE_SUBJECTS), None)
    complement = next((c for c in verb.rights if _infinitive(c) or c.dep_ == "oprd"), None)
    if subject is None or complement is None:
        return False
    doc = verb.doc
    before = trim(doc, subject.left_edge.i, subject.right_edge.i + 1)
    after = trim(doc, complement.left_edge.i, complement.right_edge.i + 1)
    if before[1] <= before[0] or before[1] > verb.i or after[1] <= after[0]:
        return False
    start, end = cue_span(verb, lex)
    ctx.consumed.update(range(start, end))
    stance = lex.verbs.get(verb.lemma_)
    cue = make_cue(doc, start, end, verb.lemma_, stance) if stance else None
    if cue is None:
        return False
    publisher = ctx.registry.publisher.id
    for first, last in (before, after):
        content = token_span(doc, first, last)
        ctx.found.append(Found(AttributionKind.INDIRECT, publisher, None, cue, content))
    return True


def _infinitive(child: Token) -> bool:
    return child.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.lefts)
