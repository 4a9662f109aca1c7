"""Spans of a reporting verb's attribution: the cue's verb group ("has also said",
"called for", "said in a statement:") and the content its complements make ("criticized the
mayor for ...", "wants to leave", "called on the council to act")."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .attribution_base import INHERITS, CueLexicon, pobj, trim

OBJECT_CUES = frozenset({"cite", "deny", "confirm", "announce", "point"})
OBJECT_PREPS = frozenset({"as", "of", "for", "over", "about", "to", "against"})
VERB_GROUP = frozenset({"aux", "auxpass", "neg"})
CARRIER_GAP = 3  # words between a carrier and its cue: "went on to say", "goes on further to"
NOT_GROUP = frozenset({"however", "so", "thus", "therefore", "instead", "meanwhile", "too"})


def cue_span(cue: Token, lex: CueLexicon) -> tuple[int, int]:
    """Token range of the cue: its verb group (auxiliaries, negation and adverbs right before
    it: "has also said", "did not say"), "went on to", a particle after it."""
    start, end = cue.i, cue.i + 1
    lefts = {child.i: child for child in cue.lefts}
    while start - 1 in lefts and _in_verb_group(lefts[start - 1]):
        start -= 1
    head = cue.head
    if cue.dep_ in {"xcomp", "advcl"} and head.lemma_ in lex.carriers and _carried(head, cue):
        start = head.i
    medium = issued_medium(cue, lex)
    if medium is not None and all(t.dep_ != "punct" for t in cue.doc[medium.head.i : cue.i]):
        start = medium.head.i
    for child in cue.rights:
        if child.dep_ == "prt" and child.i == end:
            end = child.i + 1
    return start, end


def _carried(carrier: Token, cue: Token) -> bool:
    """ "went on to say": the carrier verb a few words before the cue, with no punctuation
    between ("went on offense on Monday, saying ..." is no verb group)."""
    between = carrier.doc[carrier.i + 1 : cue.i]
    return (
        carrier.i < cue.i and len(between) <= CARRIER_GAP and not any(t.is_punct for t in between)
    )


def issued_medium(cue: Token, lex: CueLexicon) -> Token | None:
    """The medium of "issued a statement saying ...": a participle cue on a medium noun that
    is the object of a verb (the verb's subject is the source, and the cue runs from it)."""
    head = cue.head
    if cue.dep_ != "acl" or cue.tag_ != "VBG" or head.dep_ != "dobj":
        return None
    return head if head.lemma_.lower() in lex.mediums and head.head.pos_ == "VERB" else None


def _in_verb_group(token: Token) -> bool:
    """An auxiliary, a negation or a plain adverb of the cue ("also", "repeatedly")."""
    if token.dep_ in VERB_GROUP:
        return True
    return token.dep_ == "advmod" and token.tag_ == "RB" and token.lower_ not in NOT_GROUP


def with_medium(
    cue: Token, cue_range: tuple[int, int], lex: CueLexicon, limit: int
) -> tuple[int, int]:
    """ "said in a statement": a bare medium right after the verb belongs to the cue, up to
    where the content begins (character `limit`)."""
    start, end = cue_range
    if limit < cue.idx:  # the content comes before the cue
        final = cue.doc[-1]
        limit = final.idx + len(final.text_with_ws)  # the text's length, not rebuilt
    for prep in cue.rights:
        medium = pobj(prep)
        if prep.i != end or prep.lower_ not in lex.medium_preps or medium is None:
            continue
        if medium.lemma_.lower() not in lex.mediums or prep.right_edge.i != prep.i + 2:
            return cue_range
        last = prep.right_edge.i + 1
        while last > end and (cue.doc[last - 1].idx >= limit or cue.doc[last - 1].is_punct):
            last -= 1
        return (start, last) if cue.doc[prep.i].idx < limit else cue_range
    return cue_range


def with_colon(doc: Doc, cue_range: tuple[int, int]) -> tuple[int, int]:
    """A colon right after the cue introduces the speech and belongs to the cue."""
    start, end = cue_range
    if end < len(doc) and doc[end].text == ":":
        return start, end + 1
    return cue_range


def with_preposition(cue: Token, cue_range: tuple[int, int], lex: CueLexicon) -> tuple[int, int]:
    """'"...," she said of the plan': the verb's preposition right after it joins the cue."""
    wanted = lex.prepositional.get(cue.lemma_, frozenset())
    end = cue_range[1]
    if end < len(cue.doc) and cue.doc[end].lower_ in wanted and cue.doc[end].head == cue:
        return cue_range[0], end + 1
    return cue_range


def _for_clause(child: Token, at: int) -> tuple[Token, Token] | None:
    """ "calling for the council to act", parsed as a clause marked by "for" at token `at`."""
    if child.dep_ not in {"advcl", "ccomp", "xcomp"}:
        return None
    mark = next((c for c in child.lefts if c.dep_ == "mark" and c.i == at), None)
    return (mark, child) if mark is not None else None


def object_content(
    cue: Token, lex: CueLexicon, *, named: bool = False, cited: bool = False
) -> tuple[int, int] | None:
    """A content made of the verb's complements, from its object or infinitive on:
    "shows the transfer of ...", "criticized the mayor for ...", "called the plan a failure",
    "wants to leave", "urged the council to act". The person addressed by a verb of telling
    is content only with what they were told to do ("asked the board to resign") or after
    the person ("asked voters a question"); so is a pronoun object ("thanked them for ..."),
    except for denials ("denied it"). A clause-only verb takes an object only as an evidence
    verb of `cited` material or a document ("the survey found broad support", not "they
    found a way")."""
    if cue.lemma_ in lex.clause_only and not (cited and cue.lemma_ in lex.evidence_verbs):
        return None
    if cue.lemma_ not in lex.refusals and any(_takes_over(c, lex) for c in cue.children):
        return None
    needs_more = named or cue.lemma_ in lex.recipients
    start = end = -1
    continued = False
    for child in cue.rights:
        if start < 0:
            if _opens_content(child):
                start, end = child.left_edge.i, child.right_edge.i + 1
                pronoun = child.pos_ == "PRON" and cue.lemma_ not in OBJECT_CUES
                needs_more = named or ((needs_more or pronoun) and child.dep_ == "dobj")
                continued = named and any(c.dep_ == "appos" for c in child.children)
            elif child.dep_ == "dative":
                needs_more = False
            elif child.dep_ not in {"advmod", "npadvmod", "prt"} and not child.is_space:
                return None
        elif child.left_edge.i == end and _continues_content(child):
            end, continued = child.right_edge.i + 1, True
        elif child.i == end and child.dep_ == "punct" and child.is_quote:
            end += 1  # the opening mark of a quoted complement: "called it “a farce”"
        else:
            break
    if start < 0 or (needs_more and not continued):
        return None
    start, end = trim(cue.doc, start, end)
    return (start, end) if end > start else None


def _takes_over(child: Token, lex: CueLexicon) -> bool:
    """A reporting verb under the cue that carries what was said ("wants to say that ...",
    "leaked information saying that ..."); not one of its own after a comma or a conjunction
    ("criticized the plan, saying ...", "urged X to leave and criticized Y")."""
    if child.dep_ not in INHERITS or child.lemma_ not in lex.verbs or child.dep_ == "conj":
        return False
    doc = child.doc
    after_comma = child.left_edge.i > 0 and doc[child.left_edge.i - 1].text == ","
    return not (child.dep_ == "advcl" and after_comma)


def _opens_content(child: Token) -> bool:
    if child.dep_ == "dobj":
        return True
    return child.dep_ == "xcomp" and any(c.lower_ == "to" for c in child.lefts)


def _continues_content(child: Token) -> bool:
    if child.dep_ in {"dobj", "oprd", "xcomp", "ccomp"}:
        return True
    if child.dep_ == "advcl":
        return any(c.dep_ == "mark" and c.lower_ in {"if", "whether"} for c in child.children)
    return child.dep_ == "prep" and child.lower_ in OBJECT_PREPS


def light_verb(
    cue: Token, cue_range: tuple[int, int], lex: CueLexicon
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """ "expressed concern about X", "voiced support for X", "expressed hope that X": the
    verb and its object are the cue (with the preposition), the content is what follows."""
    if cue.lemma_ not in lex.light_verbs:
        return None
    objects = [c for c in cue.rights if c.dep_ == "dobj" and c.pos_ == "NOUN"]
    if not objects or objects[0].left_edge.i != cue_range[1]:
        return None
    noun = objects[0]
    for child in noun.rights:
        if child.dep_ == "prep" and child.i == noun.i + 1:
            found = [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
            start, end = trim(cue.doc, child.i + 1, child.right_edge.i + 1)
            return ((cue_range[0], child.i + 1), (start, end)) if found and end > start else None
        if child.dep_ in {"acl", "ccomp"} and child.left_edge.i == noun.i + 1:
            start, end = trim(cue.doc, child.left_edge.i, child.right_edge.i + 1)
            return ((cue_range[0], noun.i + 1), (start, end)) if end > start else None
    return None


def prepositional(
    cue: Token, cue_range: tuple[int, int], lex: CueLexicon
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """ "called for X", "referred to X", "called on X to Y": the cue runs to the preposition,
    the content is its object (and an infinitive after it)."""
    wanted = lex.prepositional.get(cue.lemma_)
    if not wanted:
        return None
    for child in cue.rights:
        clause = _for_clause(child, cue_range[1])
        if clause is not None and clause[0].lower_ in wanted:
            mark, verb = clause
            start, end = trim(cue.doc, mark.i + 1, verb.right_edge.i + 1)
            return ((cue_range[0], mark.i + 1), (start, end)) if end > start else None
        if child.i != cue_range[1] or child.dep_ not in {"prep", "prt"}:
            continue
        if child.lower_ not in wanted:
            break
        objects = [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
        if not objects:
            return None
        end = objects[0].right_edge.i + 1
        after = [c for c in cue.rights if c.dep_ == "xcomp" and c.left_edge.i == end]
        end = after[0].right_edge.i + 1 if after else end
        start, end = trim(cue.doc, objects[0].left_edge.i, end)
        return ((cue_range[0], child.i + 1), (start, end)) if end > start else None
    return _later_preposition(cue, cue_range, wanted)


def _later_preposition(
    cue: Token, cue_range: tuple[int, int], wanted: frozenset[str]
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """ "complained to the council about the noise": the preposition after other phrases of
    the verb (with no comma between); the cue runs from the verb to it."""
    for child in cue.rights:
        if child.is_punct:
            return None
        if child.dep_ == "prep" and child.lower_ in wanted and child.i > cue_range[1]:
            objects = [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
            if not objects:
                return None
            start, end = trim(cue.doc, objects[0].left_edge.i, child.right_edge.i + 1)
            return ((cue_range[0], child.i + 1), (start, end)) if end > start else None
        if child.dep_ not in {"prep", "npadvmod", "advmod"}:
            return None
    return None
