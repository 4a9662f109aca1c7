"""How something comes across: "the senator seemed ready to concede", "the plan appears
doomed", "it seems like the talks have stalled".

A linking "seem" or "appear" is the writer's own impression: the cue is the verb group
("can appear"), there is
no source (the publisher holds it), and the content is what is said to seem so, in two
pieces: the subject ("the senator") and the complement after the verb ("ready to concede").
An expletive "it" is no piece of the content. Both pieces become attributions that share the
cue, so that they are scored as one discontinuous content.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..model import AttributionKind, Stance
from .attribution_base import Context, Found, cue_lexicon, make_cue, token_span, trim
from .attribution_complements import cue_span

LINKING = frozenset({"seem", "appear"})
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# Complements of "seem": "seemed ready", "seemed to agree", "seems like a good idea".
COMPLEMENTS = frozenset({"xcomp", "oprd", "acomp", "attr", "ccomp"})
LIKE = frozenset({"like", "as"})
EXPLETIVES = frozenset({"it"})
# Relative subjects of a thing ("tags that seem to start at ..."): no impression of anybody.
THING_RELATIVES = frozenset({"that", "which", "what"})
CAUSATIVES = frozenset({"make", "let", "have"})


def seeming(ctx: Context, sent: Span) -> None:
    """An attribution without a source for every linking "seem"/"appear" of a sentence."""
    for token in sent:
        if token.lemma_.lower() not in LINKING or token.pos_ not in {"VERB", "AUX"}:
            continue
        if token.i in ctx.consumed or ctx.quoted(token.idx):
            continue
        pieces = _pieces(token)
        if pieces:
            _add(ctx, token, pieces)


def _complement(verb: Token) -> Token | None:
    """The complement after the verb; "appear" needs an infinitive (not "appeared on
    television")."""
    for child in verb.rights:
        if child.dep_ in COMPLEMENTS or (child.dep_ == "prep" and child.lower_ in LIKE):
            if verb.lemma_.lower() == "appear" and not _appear_complement(child):
                return None
            return child
    return None


def _appear_complement(child: Token) -> bool:
    return child.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.lefts)


def _pieces(verb: Token) -> list[tuple[int, int]]:
    """The subject's and the complement's token ranges (the subject left out when it is an
    expletive "it"); none without a complement or a subject, after a relative "that" or
    "which", or under a causative verb ("makes him seem kinder")."""
    complement = _complement(verb)
    subject = next((c for c in verb.lefts if c.dep_ in SUBJECTS), None)
    if complement is None or subject is None or subject.lower_ in THING_RELATIVES:
        return []
    if verb.dep_ in {"ccomp", "xcomp"} and verb.head.lemma_.lower() in CAUSATIVES:
        return []  # "makes him seem kinder"
    doc = verb.doc
    after = trim(doc, complement.left_edge.i, complement.right_edge.i + 1)
    if after[1] <= after[0] or after[0] <= verb.i:
        return []
    if subject.lower_ in EXPLETIVES:
        return [after]
    before = trim(doc, subject.left_edge.i, subject.right_edge.i + 1)
    if before[1] <= before[0] or before[1] > verb.i:
        return []
    return [before, after]


def _add(ctx: Context, verb: Token, pieces: list[tuple[int, int]]) -> None:
    start, end = cue_span(verb, cue_lexicon())
    ctx.consumed.update(range(start, end))
    cue = make_cue(ctx.doc, start, end, verb.lemma_.lower(), Stance.NEUTRAL)
    for start, end in pieces:
        content = token_span(ctx.doc, start, end)
        publisher = ctx.registry.publisher.id
        ctx.found.append(Found(AttributionKind.INDIRECT, publisher, None, cue, content))
