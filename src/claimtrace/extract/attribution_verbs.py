"""Reporting verbs: "X said that ...", '"...," X said', "X told Y ...", "X reported seeing
...", "a video ... shows Y" (kind EVIDENCE), "X wants to ...", "X criticized Y for ...",
"X called for ..." (`attribution_complements`). A verb counts only with a source and a
content, both on the cue's line; "I"/"we" count outside quotations only. "in a statement"
after the verb is the medium, not the source; cited material ("a video shared on X") is
never a source: who released it is. A relative pronoun ("..., who said") is the source's
mention in the text, while the source is the party it stands for."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..model import AttributionKind, Stance, TextSpan
from .attribution_as import as_content, as_phrase
from .attribution_base import (
    CLOSING_MARKS,
    FIRST_PERSON,
    INHERITS,
    OPENING_MARKS,
    RELATIVE,
    STRAIGHT_MARKS,
    SUBJECTS,
    Context,
    CueLexicon,
    Found,
    char_span,
    cue_lexicon,
    make_cue,
    noun_phrase,
    pobj,
    register,
    same_line,
    token_span,
    trim,
)
from .attribution_colons import colon_quote
from .attribution_complements import (
    cue_span,
    issued_medium,
    light_verb,
    object_content,
    prepositional,
    with_colon,
    with_medium,
    with_preposition,
)
from .attribution_misparsed import (
    answer,
    blank,
    comma_after,
    gerund_clause,
    late_that,
    participle,
    person_told,
)
from .attribution_naming import naming_content
from .attribution_questions import asked_clause
from .attribution_raising import raised
from .attribution_subjects import orphan_subject
from .sources import line_start, proper, source_lexicon

CONTENT_DEPS = frozenset({"ccomp"})
PUBLISHED_ON = frozenset({"on", "via", "by", "through", "in"})
NOT_PUBLISHERS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY"})
PUBLISHER_ID = "S0"


def subject_of(cue: Token) -> Token | None:
    """The source token of a verb cue: its subject, or one it inherits from its head, on the
    cue's line."""
    found = _subject(cue)
    if found is not None and same_line(found, cue):
        return found
    return _line_subject(cue)


def _line_subject(cue: Token) -> Token | None:
    """When the parser glued the cue's line to the one before (a dateline with no full stop),
    the cue's subject hangs off that line: the one noun before the cue whose head is there."""
    first = line_start(cue)
    orphans = [t for t in cue.doc[first : cue.i] if t.head.i < first and not t.is_space]
    if len(orphans) == 1 and orphans[0].pos_ in {"NOUN", "PROPN"}:
        return orphans[0]
    return None


def _subject(cue: Token) -> Token | None:
    token: Token | None = cue
    lex = cue_lexicon()
    if participle(cue, lex) and cue.head.dep_ == "ccomp" and cue.head.head.lemma_ in lex.verbs:
        token = cue.head.head  # "X said A, adding B": the parser hung "adding" on A
    for _ in range(5):
        if token is None:
            return None
        found = _own_subject(token)
        if found is not None:
            return found
        if issued_medium(token, cue_lexicon()) is not None:
            token = token.head.head  # "issued a statement saying ...": who issued it
            continue
        if token.dep_ == "relcl" or (token.dep_ == "acl" and token.tag_ != "VBN"):
            return token.head
        if token.dep_ == "pcomp" and token.head.dep_ == "prep":
            token = token.head  # "opened by saying ...": on to the verb the phrase modifies
        token = (
            token.head if token.dep_ in INHERITS | {"prep"} and token.head is not token else None
        )
    return None


def _own_subject(token: Token) -> Token | None:
    """A subject (or passive agent, which comes first) attached to `token` itself."""
    if token.tag_ == "VBN":
        for child in token.children:
            agent = pobj(child) if child.dep_ == "agent" else None
            if agent is not None:
                return agent
    subjects = [c for c in token.children if c.dep_ in SUBJECTS]
    for child in sorted(subjects, key=lambda c: abs(c.i - token.i)):
        if same_line(child, token) and not _quoted(child, token):
            if child.lower_ in RELATIVE and token.dep_ == "relcl":
                return token.head
            return child
    return None


def _quoted(child: Token, verb: Token) -> bool:
    """A subject inside the quotation that ends right before the verb ('"Nobody ...,"
    said Lee': the parser may take "Nobody" for the verb's subject too): no quote mark
    between the subject and the closing one, and an opening one before the subject."""
    doc = verb.doc
    close = verb.i - 1
    while close > child.i and doc[close].text == ",":
        close -= 1
    if close <= child.i or doc[close].text not in CLOSING_MARKS | STRAIGHT_MARKS:
        return False
    if any(t.is_quote for t in doc[child.i + 1 : close]):
        return False
    marks = [t for t in doc[line_start(child) : child.i] if t.is_quote]
    return bool(marks) and marks[-1].text not in CLOSING_MARKS


def _recipient(cue: Token, lex: CueLexicon) -> Token | None:
    """Who a statement was made to: "to Al-Ahad TV", "told Reuters", "told the Channel 9
    news site" (a common noun with a name in it, after a verb of telling)."""
    verbs = (cue, cue.head) if cue.dep_ in INHERITS else (cue,)
    for verb in verbs:
        telling = verb.lemma_ in lex.recipients
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        for child in [*verb.children, *(c for o in objects for c in o.children)]:
            if child.dep_ == "prep" and child.lower_ == "to":
                targets = [t for t in child.children if t.dep_ == "pobj"]
                if targets:
                    return targets[-1]
            if child.dep_ in {"dative", "dobj"} and (
                child.pos_ == "PROPN" or (telling and _named(child))
            ):
                return child
    return None


def _named(noun: Token) -> bool:
    """A common noun with a proper name in it ("the Channel 9 news site")."""
    return noun.pos_ == "NOUN" and any(
        c.dep_ in {"compound", "nmod"} and proper(c) for c in noun.lefts
    )


def _via(ctx: Context, recipient: Token | None) -> str | None:
    """The outlet or body that carried the statement, when it has a name."""
    if recipient is None or recipient.pos_ == "PRON":
        return None
    capitalised = recipient.pos_ in {"PROPN", "X"} or recipient.text[:1].isupper()
    if not (capitalised or _named(recipient)):
        return None
    return register(ctx, recipient, recipient=True).source_id


# --- cues and contents ---------------------------------------------------------------------


def _quote_next_to(ctx: Context, left: int, right: int) -> int | None:
    """A quotation ending just before token `left` or opening just after token `right`."""
    doc = ctx.doc
    if right < len(doc) and doc[right].text == ":":
        return _quote_after(ctx, right)
    j = left - 1
    while j >= 0 and left - j <= 3 and (blank(doc[j]) or doc[j].text in {",", "—"}):
        j -= 1
    if j >= 0 and j in ctx.closing and _whole_statement(ctx, ctx.closing[j]):
        return ctx.closing[j]
    return _quote_after(ctx, right)


def _whole_statement(ctx: Context, index: int) -> bool:
    """A quotation before the cue is the whole statement when it opens its line or follows
    a colon, comma or dash; else it only ends a longer sentence ('... is "unhinged," X said')."""
    start = ctx.quotes[index].start
    line = ctx.text.rfind("\n", 0, start) + 1
    before = ctx.text[line:start].rstrip()
    return not before or before[-1] in ":,—–-(."


def _quote_after(ctx: Context, right: int) -> int | None:
    doc = ctx.doc
    j = right
    limit = min(len(doc), right + 4)
    while j < limit and (doc[j].is_space or doc[j].text in {",", ":", "that"}):
        j += 1
    before = j - 1
    while before > right and doc[before].is_space:
        before -= 1
    if j < len(doc) and j in ctx.opening and (j == right or doc[before].text in {",", ":"}):
        return ctx.opening[j]
    return None


def _clause_content(cue: Token, subject: Token | None = None) -> tuple[int, int] | None:
    """The reported clause: a complement clause, or the sentence part a parenthetical cue
    ("..., X said") hangs off; never on another line than the cue."""
    complements = [c for c in cue.children if c.dep_ in CONTENT_DEPS]
    right = [c for c in complements if c.i > cue.i]
    chosen = right[0] if right else (complements[-1] if complements else None)
    if chosen is not None:
        start, end = trim(cue.doc, chosen.left_edge.i, _clause_end(chosen))
        if end > start and (same_line(cue, cue.doc[start]) or _introduces(cue, start)):
            return start, _close_quote(cue.doc, start, end)
        return _line_content(cue, subject)  # the parser took a clause of another line
    if cue.dep_ == "parataxis" or (
        cue.dep_ == "ccomp" and cue.i > cue.head.i and _comma_before(cue)
    ):
        first = max(cue.head.left_edge.i, line_start(cue))
        last = cue.left_edge.i
        if subject is not None and subject.head.i == cue.i and last < subject.i < cue.i:
            last = subject.left_edge.i  # "Lee, Ann said, has ...": the parser hung "Lee" on it
        start, end = trim(cue.doc, first, last)
        if end - start >= 2 or (end - start == 1 and comma_after(cue)):
            return start, end
    if subject is not None and subject.i > cue.i and cue.i > 0 and cue.doc[cue.i - 1].text == ",":
        return _line_content(cue, subject)  # "..., said Lee": the parser took the clause apart
    return None


def _introduces(cue: Token, start: int) -> bool:
    """ "The governor added:" ending its line introduces the next paragraph (at `start`)."""
    doc = cue.doc
    index = cue.i + 1
    while index < start and "\n" not in doc[index].text:
        index += 1
    last = next((t for t in reversed(doc[cue.i : index]) if not t.is_space), None)
    rest = doc[index:start]
    return last is not None and last.text == ":" and all(t.is_space for t in rest)


def _line_content(cue: Token, subject: Token | None) -> tuple[int, int] | None:
    """ "..., X said" read on the cue's line alone: what runs from the line start to the
    comma before the source and cue."""
    doc = cue.doc
    end = cue.i
    if subject is not None and subject.i < cue.i:
        end = max(subject.left_edge.i, line_start(cue))
    before = [t.text for t in doc[max(end - 2, 0) : end]]
    if "," not in before or not (before[-1] == "," or doc[end - 1].is_quote):
        return None
    start, end = trim(doc, line_start(cue), end)
    return (start, end) if end - start >= 2 else None


def _clause_end(clause: Token) -> int:
    """End of a reported clause, before a coordinated clause that is a new attribution
    ("..., and sources confirmed that ...") and the comma and conjunction joining it."""
    lex = cue_lexicon()
    doc = clause.doc
    for child in clause.rights:
        new_clause = any(c.dep_ in SUBJECTS for c in child.children)
        if (child.dep_ == "conj" and child.lemma_ in lex.verbs and new_clause) or participle(
            child, lex
        ):
            end = min([child.left_edge.i, *(c.i for c in child.lefts)])
            while end > clause.i + 1 and (doc[end - 1].dep_ == "cc" or doc[end - 1].is_punct):
                end -= 1
            return end
    return clause.right_edge.i + 1


def _medium_content(cue: Token, lex: CueLexicon) -> tuple[int, int, int] | None:
    """ "said in a statement that ...": the "that" clause hangs off the medium noun. Returns
    the content range and the medium's index (the medium is never a source)."""
    for prep in cue.children:
        medium = pobj(prep) if prep.dep_ == "prep" else None
        if medium is None or prep.lower_ not in lex.medium_preps:
            continue
        if medium.lemma_.lower() not in lex.mediums:
            continue
        for clause in medium.rights:
            marked = any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
            if clause.dep_ in {"acl", "relcl", "ccomp"} and marked:
                start, end = trim(cue.doc, clause.left_edge.i, _clause_end(clause))
                if end > start:
                    return start, _close_quote(cue.doc, start, end), medium.i
    return None


def _close_quote(doc: Doc, start: int, end: int) -> int:
    """Take in the closing mark (and the stop before it) of a quote the content opened."""
    opened = sum(1 for t in doc[start:end] if t.text in OPENING_MARKS)
    closed = sum(1 for t in doc[start:end] if t.text in CLOSING_MARKS)
    straight = sum(1 for t in doc[start:end] if t.text in STRAIGHT_MARKS) % 2 == 1
    if opened <= closed and not straight:
        return end
    marks = CLOSING_MARKS | STRAIGHT_MARKS if straight else CLOSING_MARKS
    for index in range(end, min(end + 3, len(doc))):
        if doc[index].text in marks:
            return index + 1
        if doc[index].text not in {".", ",", "!", "?"}:
            break
    return end


def _with_open_quote(ctx: Context, content: tuple[int, int]) -> TextSpan:
    """The content's text; a quotation it opens runs to its closing mark, when that closes
    in the same paragraph ("that "the plan works. It always has."")."""
    start, end = content[0], _close_quote(ctx.doc, *content)
    span = token_span(ctx.doc, start, end)
    for index in range(start, end):
        quote = ctx.opening.get(index)
        if quote is None:
            continue
        found = ctx.quotes[quote]
        same = ctx.paragraph(found.end - 1) == ctx.paragraph(found.start)
        if found.closed and found.end > span.end and same:
            return char_span(ctx.text, span.start, found.end)
    return span


def _comma_before(cue: Token) -> bool:
    """A comma just before the cue's clause, unless a subordinating word ("that", "whether")
    opens the clause ("X said on Monday, in Reno, that she hopes ..."): then it is a
    complement, not a parenthetical "..., she hopes"."""
    edge = cue.left_edge.i
    marked = any(child.dep_ == "mark" for child in cue.lefts)
    return edge > 0 and cue.doc[edge - 1].text == "," and not marked


def _seeing(cue: Token) -> Token | None:
    """The "seeing" of "X reported seeing Y" (after the cue: one inside speech before it is not)."""
    for child in cue.rights:
        if child.dep_ in {"xcomp", "ccomp"} and child.lemma_ in {"see", "witness", "observe"}:
            return child if child.tag_ == "VBG" else None
    return None


# --- one verb cue --------------------------------------------------------------------------


def verb_cue(ctx: Context, cue: Token, lex: CueLexicon) -> None:
    """One attribution for a reporting verb, when it has both a source and a content."""
    if raised(ctx, cue, lex):
        return
    subject = subject_of(cue) or orphan_subject(cue)
    if subject is None or _infinitive(cue, lex):
        return
    if subject.lower_ in FIRST_PERSON and ctx.quoted(cue.idx):
        return
    cue_range = cue_span(cue, lex)
    seeing = _seeing(cue)
    if seeing is not None:
        seen = trim(ctx.doc, seeing.i + 1, seeing.right_edge.i + 1)
        cue_range = (cue_range[0], seeing.i + 1)
        if seen[1] > seen[0]:
            add_verb(ctx, cue, subject, cue_range, AttributionKind.REPORTED_SEEING, seen)
        return
    if cue.lemma_ not in lex.verbs and cue.lemma_ not in lex.quote_only:
        _other_form(ctx, cue, subject, cue_range, lex)
        return
    left, right = cue_range
    if subject.head == cue:  # an inherited subject ("..., Ann said, adding ...") is not next to it
        left = min(left, _phrase_start(ctx, subject))
        right = max(right, subject.right_edge.i + 1 if subject.i > cue.i else right)
    quote = _quote_next_to(ctx, left, right)
    after = person_told(cue, cue_range[1]) if cue.lemma_ in lex.recipients else None
    if quote is None and after is not None:  # 'telling reporters, "..."'
        quote = _quote_after(ctx, after)
    taken = colon_quote(ctx, cue, cue_range[1]) if quote is None else None
    if taken is not None:  # 'added warily: "..."': the cue runs to the colon
        cue_range, quote = (cue_range[0], taken[0]), taken[1]
    if quote is not None:
        ctx.used_quotes.add(quote)
        cue_range = with_preposition(cue, cue_range, lex)
        add_verb(ctx, cue, subject, cue_range, AttributionKind.DIRECT, quote=quote)
        return
    if cue.lemma_ in lex.quote_only:
        return
    light = light_verb(cue, cue_range, lex)
    if light is not None:
        add_verb(ctx, cue, subject, light[0], AttributionKind.INDIRECT, light[1])
        return
    content = _clause_content(cue, subject)
    medium = _medium_content(cue, lex) if content is None else None
    if medium is not None:
        content = medium[:2]
        ctx.consumed.add(medium[2])
    if content is None and (cue.lemma_ in lex.recipients or cue.lemma_ in lex.quoted_links):
        content = late_that(cue, lex)
    if content is None:
        with_prep = prepositional(cue, cue_range, lex)
        if with_prep is not None:
            cue_range, content = with_prep
    if content is None:
        content = object_content(cue, lex, cited=_cited(subject)) or _passive_content(cue)
    if content is None and cue.lemma_ in lex.questions:
        content = asked_clause(cue)
    if content is None:
        content = as_content(cue) or answer(cue, cue_range[1], lex) or gerund_clause(cue)
    if content is not None and content[1] > content[0]:
        add_verb(ctx, cue, subject, cue_range, AttributionKind.INDIRECT, content)


def _other_form(
    ctx: Context, cue: Token, subject: Token, cue_range: tuple[int, int], lex: CueLexicon
) -> None:
    """A verb that is a cue only with its preposition ("called for") or as a naming verb
    ("called the plan a failure")."""
    with_prep = prepositional(cue, cue_range, lex)
    content = None
    if with_prep is not None:
        cue_range, content = with_prep
    elif cue.lemma_ in lex.naming:
        content = object_content(cue, lex, named=True) or naming_content(cue)
    elif cue.lemma_ in lex.as_phrases:
        phrase = as_phrase(cue, lex.as_phrases[cue.lemma_])
        if phrase is not None:
            cue_range, content = (cue_range[0], phrase[0]), phrase[1]
    if content is not None:
        add_verb(ctx, cue, subject, cue_range, AttributionKind.INDIRECT, content)


def _passive_content(cue: Token) -> tuple[int, int] | None:
    """ "The plan was criticized by the mayor": with the agent as source, the passive
    subject is what the cue is about (not a relative pronoun: its clause says no more)."""
    if cue.tag_ != "VBN" or not any(c.dep_ == "agent" for c in cue.children):
        return None
    for child in cue.lefts:
        if child.dep_ == "nsubjpass" and child.lower_ not in RELATIVE:
            start, end = trim(cue.doc, child.left_edge.i, child.right_edge.i + 1)
            return (start, end) if end > start else None
    return None


def _phrase_start(ctx: Context, subject: Token) -> int:
    """Where the subject's phrase starts, after a quotation the parser hung on it."""
    start = subject.left_edge.i
    closing = [i for i in range(start, subject.i) if i in ctx.closing]
    return closing[-1] + 1 if closing else start


def _infinitive(cue: Token, lex: CueLexicon) -> bool:
    """ "wants to say", "to know": an intended, not a made, statement ("went on to say" is)."""
    marked = any(c.dep_ == "aux" and c.lower_ == "to" for c in cue.lefts)
    return marked and not (cue.dep_ in {"xcomp", "advcl"} and cue.head.lemma_ in lex.carriers)


def add_verb(
    ctx: Context,
    cue: Token,
    subject: Token,
    cue_range: tuple[int, int],
    kind: AttributionKind,
    content: tuple[int, int] | None = None,
    quote: int | None = None,
) -> None:
    lex = cue_lexicon()
    recipient = _recipient(cue, lex)
    via = _via(ctx, recipient)
    limit = ctx.doc[content[0]].idx if content is not None else ctx.quotes[quote or 0].start
    cue_range = with_colon(ctx.doc, with_medium(cue, cue_range, lex, limit))
    ctx.consumed.update(range(*cue_range))
    stance = lex.verbs.get(cue.lemma_, Stance.NEUTRAL)
    cue_record = make_cue(ctx.doc, *cue_range, cue.lemma_, stance)
    if quote is not None:
        span = char_span(ctx.text, ctx.quotes[quote].start, ctx.quotes[quote].end)
    else:
        assert content is not None
        span = _with_open_quote(ctx, content)
    found = _source_of(ctx, subject, cue, kind, lex)
    found.cue, found.content, found.via = cue_record, span, via
    found.anaphoric = found.anaphoric and recipient is None
    ctx.found.append(found)


def _source_of(
    ctx: Context, subject: Token, cue: Token, kind: AttributionKind, lex: CueLexicon
) -> Found:
    """The source behind a subject: itself, or for cited material and documents the party
    that released them ("a video shared on the channel X shows ...": X). Material nobody is
    said to have released is deferred (see `Found`). The source span stays the subject's
    phrase, which names the source. Cue and content are filled in later."""
    material = bool(_words(subject) & source_lexicon().material)
    cited = _cited(subject)
    if cited and cue.lemma_ in lex.evidence_verbs:
        kind = AttributionKind.EVIDENCE if kind is AttributionKind.INDIRECT else kind
    publisher = _publisher(subject, lex) if cited else None
    empty = char_span(ctx.text, 0, 0)
    phrase = noun_phrase(subject, cue)
    subject_span = token_span(ctx.doc, phrase.start, phrase.end)
    if publisher is not None:
        registered = register(ctx, publisher)
        if material:
            ctx.material[subject.lemma_.lower()] = registered.source_id
        return Found(kind, registered.source_id, subject_span, None, empty)
    if material:
        definite = any(
            c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in subject.lefts
        )
        earlier = ctx.material.get(subject.lemma_.lower()) if definite else None
        found = Found(kind, PUBLISHER_ID, subject_span, None, empty, deferred=True)
        found.fallback = earlier
        return found
    registered = register(ctx, subject, cue=cue)
    relative = _relative_subject(cue)
    span = registered.span if relative is None else token_span(ctx.doc, relative.i, relative.i + 1)
    return Found(kind, registered.source_id, span, None, empty, None, registered.anaphoric)


def _words(subject: Token) -> set[str]:
    return {subject.lower_, subject.lemma_.lower()}


def _cited(subject: Token) -> bool:
    """Whether a subject is cited material or a document ("a video", "the survey")."""
    documents = source_lexicon()
    return bool(_words(subject) & (documents.material | documents.document))


def _relative_subject(cue: Token) -> Token | None:
    """The relative pronoun that stands for the source ("the senator, who said ..."): the
    mention in the text, while the source is the party it refers to."""
    token = cue
    for _ in range(4):
        if token.dep_ == "relcl":
            return next(
                (c for c in token.children if c.dep_ in SUBJECTS and c.lower_ in RELATIVE), None
            )
        if token.dep_ not in INHERITS or token.head is token:
            return None
        if any(c.dep_ in SUBJECTS for c in token.children):
            return None
        token = token.head
    return None


def _publisher(subject: Token, lex: CueLexicon) -> Token | None:
    """Who released material or a document: "released by X", "shared on the channel X",
    "a report by X", "X's report" (a date after "on" names nobody)."""
    for child in subject.children:
        if child.dep_ == "poss" and child.pos_ in {"PROPN", "NOUN"}:
            return child
        if child.dep_ == "prep" and child.lower_ in {"by", "from"}:
            named = _named_object(child)
            if named is not None:
                return named
        if child.dep_ == "acl" and child.lemma_ in lex.publishers:
            for grand in child.children:
                agent = pobj(grand) if grand.dep_ == "agent" else None
                if agent is not None:
                    return agent
                if grand.dep_ == "prep" and grand.lower_ in PUBLISHED_ON:
                    named = _named_object(grand)
                    if named is not None:
                        return named
    return None


def _named_object(prep: Token) -> Token | None:
    """The object of a preposition when it names a party (a proper name, not a date)."""
    target = pobj(prep)
    if target is None or target.ent_type_ in NOT_PUBLISHERS:
        return None
    if proper(target) or _named(target):
        return target
    return None
