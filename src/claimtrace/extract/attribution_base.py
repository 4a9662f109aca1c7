"""Shared pieces of the attribution stage: the cue lexicon, the working context, token-range
helpers and source registration. `attribution`, `attribution_verbs` and
`attribution_patterns` build on these."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Span, Token

from .. import lexicons
from ..model import AttributionKind, Cue, Stance, TextSpan
from . import quotes as quotes_module
from .sources import SourceRegistry, describe

LEXICON = "reporting_cues"
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
INHERITS = frozenset({"xcomp", "advcl", "conj", "pcomp"})
RELATIVE = frozenset({"who", "which", "that"})
TRIM_PUNCT = frozenset({".", ",", ";", ":", "—", "–", "-", "("})
FIRST_PERSON = frozenset({"i", "we", "you"})
OPENING_MARKS = frozenset({"“", "«", "„"})
CLOSING_MARKS = frozenset({"”", "»"})
STRAIGHT_MARKS = frozenset({'"', "''"})  # open or close, by position


@dataclass(frozen=True, slots=True)
class CueLexicon:
    """The reporting-cue vocabulary with the stance of each entry."""

    verbs: dict[str, Stance]
    nouns: dict[str, Stance]
    carriers: frozenset[str]
    evidence_verbs: frozenset[str]
    publishers: frozenset[str]
    recipients: frozenset[str]
    medium_preps: frozenset[str]
    mediums: frozenset[str]
    private_states: frozenset[str]
    attitudes: frozenset[str]
    clause_only: frozenset[str]
    prepositional: dict[str, frozenset[str]]
    naming: frozenset[str]
    as_phrases: dict[str, str]  # "as X put it": verb -> its fixed object
    quote_only: frozenset[str]  # '"...," the statement read': a cue only beside a quotation
    raising: frozenset[str]  # "is expected to win": no source, subject and infinitive
    answers: frozenset[str]  # "said yes", "said the same": a whole content
    answer_verbs: frozenset[str]  # the verbs that take such an answer
    misread_forms: dict[str, str]  # "..., records show.": verb form -> lemma
    rubrics: frozenset[str]
    lemma_fixes: dict[str, str]
    adjectives: dict[str, frozenset[str]]
    light_verbs: frozenset[str]
    refusals: frozenset[str]
    refused_speech: frozenset[str]  # "declined to comment": a refusal to speak
    questions: frozenset[str]
    quoted_links: frozenset[str]  # statement verbs that stay links in a quotation
    adjective_links: frozenset[str]  # "remained wary of": verbs that link as "be" does
    adjective_infinitives: frozenset[str]  # "was quick to point out that ..."

    def is_cue(self, lemma: str) -> bool:
        """Whether a verb lemma can be a cue in some form."""
        return (
            lemma in self.verbs
            or lemma in self.prepositional
            or lemma in self.naming
            or lemma in self.as_phrases
            or lemma in self.quote_only
        )


@cache
def cue_lexicon() -> CueLexicon:
    """Load ``reporting_cues.toml`` once."""
    data = lexicons.load(LEXICON)
    verbs = {verb: Stance.NEUTRAL for verb in data["attitudes"]["verbs"]}
    verbs.update(
        (verb, Stance(s))
        for s in ("neutral", "assertive", "distancing")
        for verb in data[s]["verbs"]
    )
    nouns = {noun: Stance(s) for s, words in data["nominal"].items() for noun in words}
    return CueLexicon(
        verbs=verbs,
        nouns=nouns,
        carriers=frozenset(data["carriers"]["verbs"]),
        evidence_verbs=frozenset(data["evidence"]["verbs"]),
        publishers=frozenset(data["evidence"]["publishers"]),
        recipients=frozenset(data["recipients"]["verbs"]),
        medium_preps=frozenset(data["mediums"]["prepositions"]),
        mediums=frozenset(data["mediums"]["nouns"]),
        private_states=frozenset(data["private_states"]["verbs"]),
        attitudes=frozenset(data["attitudes"]["verbs"]),
        clause_only=frozenset(data["clause_only"]["verbs"]),
        prepositional={verb: frozenset(p) for verb, p in data["prepositional"].items()},
        naming=frozenset(data["naming"]["verbs"]),
        as_phrases=dict(data["as_phrases"]),
        quote_only=frozenset(data["quote_only"]["verbs"]),
        raising=frozenset(data["raising"]["verbs"]),
        answers=frozenset(data["answers"]["words"]),
        answer_verbs=frozenset(data["answers"]["verbs"]),
        misread_forms=dict(data["misread_forms"]),
        rubrics=frozenset(data["rubrics"]["labels"]),
        lemma_fixes=dict(data["lemma_fixes"]),
        adjectives={word: frozenset(p) for word, p in data["adjectives"].items()},
        light_verbs=frozenset(data["light_verbs"]["verbs"]),
        refusals=frozenset(data["refusals"]["verbs"]),
        refused_speech=frozenset(data["refusals"]["speech"]),
        questions=frozenset(data["questions"]["verbs"]),
        quoted_links=frozenset(data["quoted_links"]["verbs"]),
        adjective_links=frozenset(data["adjective_links"]["verbs"]),
        adjective_infinitives=frozenset(data["adjective_infinitives"]["words"]),
    )


def fix_lemmas(doc: Doc) -> None:
    """Give the word forms the parser lemmatises wrongly ("hoping" as "hop") their right
    dictionary form, so that the cue lexicon sees them."""
    fixes = cue_lexicon().lemma_fixes
    for token in doc:
        lemma = fixes.get(token.lower_)
        if lemma is not None and token.lemma_ != lemma:
            token.lemma_ = lemma


@dataclass(slots=True)
class Found:
    """An attribution before ids are assigned.

    `deferred`: cited material ("satellite images show ...") named nobody who released it;
    the source is then the attribution it is quoted in, else `fallback`, else the publisher.
    """

    kind: AttributionKind
    source_id: str
    source_span: TextSpan | None
    cue: Cue | None
    content: TextSpan
    via: str | None = None
    anaphoric: bool = False
    deferred: bool = False
    fallback: str | None = None


@dataclass(slots=True)
class Context:
    """Everything one pass over an article shares; `text` is read from the Doc only once."""

    doc: Doc
    text: str
    registry: SourceRegistry
    quotes: tuple[quotes_module.Quote, ...]
    closing: dict[int, int]  # token index of a closing quote mark -> quote index
    opening: dict[int, int]  # token index of an opening quote mark -> quote index
    paragraphs: tuple[int, ...]  # character offset where each paragraph starts
    used_quotes: set[int] = field(default_factory=set)
    consumed: set[int] = field(default_factory=set)  # tokens already part of a cue
    material: dict[str, str] = field(default_factory=dict)  # "video" -> who released one
    found: list[Found] = field(default_factory=list)

    def quoted(self, offset: int) -> bool:
        """Whether a character offset lies inside a quotation."""
        index = bisect_right(self.quotes, offset, key=_quote_start) - 1
        return index >= 0 and offset < self.quotes[index].end

    def in_closed_quote(self, offset: int) -> bool:
        """Whether a character offset lies inside a quotation that has its closing mark."""
        index = bisect_right(self.quotes, offset, key=_quote_start) - 1
        if index < 0:
            return False
        quote = self.quotes[index]
        return quote.closed and quote.start < offset < quote.end

    def paragraph(self, offset: int) -> int:
        """Index of the paragraph a character offset falls in."""
        return bisect_right(self.paragraphs, offset) - 1


def _quote_start(quote: quotes_module.Quote) -> int:
    return quote.start


def paragraph_starts(text: str) -> tuple[int, ...]:
    """Offsets where the non-empty lines of `text` start (one linear scan)."""
    starts = [0]
    position = text.find("\n")
    while position >= 0:
        starts.append(position + 1)
        position = text.find("\n", position + 1)
    return tuple(starts)


def same_line(a: Token, b: Token) -> bool:
    """No line break between two tokens (a headline is not the next paragraph's subject)."""
    low, high = sorted((a.i, b.i))
    return not any("\n" in t.text for t in a.doc[low:high])


def token_span(doc: Doc, start: int, end: int) -> TextSpan:
    """A TextSpan over tokens [start, end) (never reads ``doc.text``: it is rebuilt per call)."""
    first, last = doc[start], doc[end - 1]
    return TextSpan(first.idx, last.idx + len(last.text), doc[start:end].text)


def char_span(text: str, start: int, end: int) -> TextSpan:
    return TextSpan(start, end, text[start:end])


def make_cue(doc: Doc, start: int, end: int, lemma: str, stance: Stance) -> Cue:
    return Cue(token_span(doc, start, end), lemma, stance)


def trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Token range within one paragraph, without leading/trailing punctuation and spaces.

    Closing quote marks stay; a closing bracket stays when its opening one is inside."""
    while start < end and (doc[start].is_space or doc[start].text in TRIM_PUNCT | {")"}):
        start += 1
    for index in range(start, end):
        if "\n" in doc[index].text:
            end = index
            break
    while end > start and (doc[end - 1].is_space or _dangling(doc, start, end)):
        end -= 1
    return start, end


def _dangling(doc: Doc, start: int, end: int) -> bool:
    last = doc[end - 1].text
    if last == ")":
        return "(" not in doc[start : end - 1].text
    return last in TRIM_PUNCT


def pobj(token: Token) -> Token | None:
    """The first object of a preposition."""
    return next((t for t in token.children if t.dep_ == "pobj"), None)


# --- sources -------------------------------------------------------------------------------


def noun_phrase(token: Token, cue: Token | None = None) -> Span:
    """The noun phrase of a source token, without trailing punctuation or the cue's clause
    ("a commander ..., revealed to ..." when the cue modifies the source noun)."""
    start, end = token.left_edge.i, token.right_edge.i + 1
    if cue is not None and start <= cue.i < end:
        end = min(end, cue.left_edge.i if cue.left_edge.i > token.i else cue.i)
    end = _incidental_start(token, end)
    marks = [t.i for t in token.doc[start : token.i] if t.text in {"”", "»", '"', "''"}]
    start = marks[-1] + 1 if marks else start  # a quotation the parser hung on the source
    start, end = trim(token.doc, start, end)
    if not start <= token.i < end:
        return token.doc[token.i : token.i + 1]
    return token.doc[start:end]


def _incidental_start(token: Token, end: int) -> int:
    """Where an incidental clause set off by a comma begins (", which ...", ", speaking to
    ..."): it says nothing about who the source is."""
    doc = token.doc
    for clause in token.subtree:
        first = clause.left_edge.i
        if clause.i >= end or first <= token.i or doc[first - 1].text != ",":
            continue
        which = doc[first].lower_ == "which"
        participle = clause.head.i == token.i and clause.tag_ == "VBG"
        if clause.dep_ in {"relcl", "acl"} and (which or participle):
            return first - 1
    return end


@dataclass(frozen=True, slots=True)
class Registered:
    """A source mention added to the registry."""

    source_id: str
    span: TextSpan
    anaphoric: bool


def register(
    ctx: Context, head: Token, *, recipient: bool = False, cue: Token | None = None
) -> Registered:
    """Add the mention headed by `head` to the registry."""
    np = noun_phrase(head, cue)
    return register_span(ctx, np, head, recipient=recipient, end=_parenthetical_end(np))


def _parenthetical_end(np: Span) -> int:
    """The mention's end, with the comma that closes a parenthetical one opened inside it
    ("Ann Lee, a nurse, said": the phrase is "Ann Lee, a nurse,")."""
    doc = np.doc
    opened = any(t.text == "," for t in np[1:])
    if opened and np.end < len(doc) and doc[np.end].text == ",":
        return np.end + 1
    return np.end


def register_span(
    ctx: Context, np: Span, head: Token, *, recipient: bool = False, end: int | None = None
) -> Registered:
    """Add a mention; its span runs to `end` (default: the phrase's end)."""
    info = describe(np, head, recipient=recipient)
    span = token_span(ctx.doc, np.start, np.end if end is None else end)
    head_span = (head.idx, head.idx + len(head.text))
    source_id = ctx.registry.add(info, span, head_span, speaker=not recipient)
    return Registered(source_id, span, info.anaphor is not None)
