"""A reporting verb the parser misreads after a document (as a noun, or as a verb whose
subject it takes for a modifier): "..., campaign finance records show." The pair closes its
sentence (or sits between commas inside it), and what the document shows is the clause
before it: the plural document noun is the source (with the words that modify it), the verb
form (``[misread_forms]`` in the cue lexicon) is the cue. When no clause comes before a pair
between commas, the content runs on after it, in two pieces ("During the same stretch,
flight records show, the jet has flown ...")."""

from __future__ import annotations

from spacy.tokens import Token

from ..model import AttributionKind, Stance
from .attribution_base import Context, CueLexicon, Found, make_cue, register, token_span, trim
from .sources import line_start, source_lexicon


def shown(ctx: Context, token: Token, lex: CueLexicon) -> bool:
    """Add the attribution of "..., records show." at the verb form `token`; whether it was
    one."""
    doc = ctx.doc
    lemma = lex.misread_forms.get(token.lower_)
    if lemma is None or token.i == 0 or token.i + 1 >= len(doc):
        return False
    noun = doc[token.i - 1]
    documents = source_lexicon().document | source_lexicon().material
    if noun.tag_ not in {"NNS", "NNPS"} or noun.lower_ not in documents:
        return False
    if noun.dep_ in {"nsubj", "nsubjpass"} and noun.head.i == token.i:
        return False  # parsed right: a verb cue with its subject
    first = noun.i
    while first > 0 and _modifies(doc[first - 1], first, token.i):
        first -= 1
    after = doc[token.i + 1].text
    if first == 0 or doc[first - 1].text != "," or after not in {".", ","}:
        return False
    sentence = token.sent
    before = trim(doc, max(line_start(token), sentence.start), first - 1)
    clause = any(t.pos_ in {"VERB", "AUX"} for t in doc[before[0] : before[1]])
    pieces = [before]
    if after == "," and not clause:
        pieces = [p for p in (before, trim(doc, token.i + 2, sentence.end)) if p[1] > p[0]]
    if sum(end - start for start, end in pieces) < 3:
        return False
    source = register(ctx, noun)
    span = token_span(doc, first, noun.i + 1)
    ctx.consumed.add(token.i)
    cue = make_cue(doc, token.i, token.i + 1, lemma, lex.verbs.get(lemma, Stance.NEUTRAL))
    for piece in pieces:
        content = token_span(doc, *piece)
        ctx.found.append(Found(AttributionKind.EVIDENCE, source.source_id, span, cue, content))
    return True


def _modifies(word: Token, first: int, last: int) -> bool:
    """A word of the document's phrase: a compound or adjective hung on a later word of it."""
    return word.dep_ in {"compound", "amod", "det", "nmod"} and first <= word.head.i <= last
