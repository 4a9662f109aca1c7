"""Where the temporal phrases are in a parsed Doc: spaCy DATE/TIME entities plus our patterns.

spaCy's NER misses short phrases ("now", "recently", "daily", bare weekdays in some
contexts) and its extents do not follow TimeML (it keeps "over", "in", "for"). This module
collects both kinds of candidate, trims them to TimeML extents, lists the sub-phrases of a
candidate that does not read as one ("from 2010 to 2015" -> two) and tells whether each
sits in a future-tense clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .time_lexicon import alternation, fragments, lexicon

LEX = lexicon()
F = fragments()
FULL_MONTH = alternation(
    [word for word in LEX.months if len(word) > 3 and word != "sept"] + ["may"]
)
ABBR_MONTH = alternation([word for word in LEX.months if len(word) <= 4], r"\.")
FULL_WEEKDAY = alternation(word for word in LEX.weekdays if len(word) > 4)
UNIT = F.unit
NUMBER = F.number
CLOCK = r"(?:\d{1,2}(?::\d{2})?\s*[ap]\.m\.|noon|midnight)"

# Phrases spaCy's NER tends to miss. Matched case-insensitively on word boundaries; a weekday
# with its date ("Thursday, 10 March") comes first, as one phrase.
EXTRA_PATTERNS = (
    rf"{FULL_WEEKDAY},?\s+(?:{FULL_MONTH}|{ABBR_MONTH})\s+\d{{1,2}}(?:,?\s+\d{{4}})?",
    rf"{FULL_WEEKDAY},?\s+\d{{1,2}}\s+(?:{FULL_MONTH}|{ABBR_MONTH})(?:,?\s+\d{{4}})?",
    alternation(LEX.extra_candidates),
    alternation(LEX.holidays),
    alternation(LEX.floating_holidays),
    r"(?:(?:last|this|next|early|late)\s+)?"
    + FULL_WEEKDAY
    + r"(?:\s+(?:morning|afternoon|evening|night))?",
    r"today|tonight|yesterday|tomorrow|overnight",
    rf"(?:every|each)\s+(?:{FULL_WEEKDAY}|{FULL_MONTH})(?:\s+(?:morning|afternoon|evening|night))?",
    rf"{FULL_WEEKDAY}s|{FULL_WEEKDAY}\s+(?:mornings|afternoons|evenings|nights)",
    r"(?:(?:earlier|later|early|late)\s+)?(?:last|this|next|the past|the coming)\s+"
    r"(?:week|weekend|month|year|quarter|decade|century|spring|summer|fall|autumn|winter)",
    rf"{NUMBER}\s+{UNIT}\s+(?:ago|earlier|later)",
    rf"(?:the\s+)?(?:past|last|next|coming)\s+{NUMBER}\s+{UNIT}",
    r"(?:(?:the\s+)?(?:year[- ](?:ago|earlier)|fiscal)[- ])?"
    r"(?:first|second|third|fourth)[- ]quarter",
    r"(?:the\s+)?(?:quarter|period)\s+a\s+year\s+(?:ago|earlier)",
    r"(?:the\s+)?(?:corresponding|comparable|same)\s+(?:period|quarter)\s+"
    r"(?:a year ago|a year earlier|last year)",
    r"last year's (?:quarter|period)",
    r"the (?:(?:early|mid|late)[\s-]*)?(?:twenties|thirties|forties|fifties|sixties|seventies|"
    r"eighties|nineties)",
    r"the (?:latest|most recent) (?:fiscal )?period",
    r"the (?:full|current|fiscal|calendar)\s+(?:fiscal\s+)?year",
    rf"the week of (?:{FULL_MONTH}|{ABBR_MONTH})\s+\d{{1,2}}",
    rf"(?:{FULL_MONTH}|{ABBR_MONTH})\s+(?:of\s+)?(?:last|this|next)\s+year",
    rf"{CLOCK}(?:\s+[a-z]{{2,3}}t)?,?\s+(?:{FULL_WEEKDAY}|(?:{FULL_MONTH}|{ABBR_MONTH})\s+\d{{1,2}})",
    rf"(?:{FULL_MONTH}|{ABBR_MONTH})\s+\d{{1,2}}(?:,?\s+\d{{4}})?",
    rf"\d{{1,2}}\s+(?:{FULL_MONTH}|{ABBR_MONTH})(?:,?\s+\d{{4}})?",
    r"\d{4}-\d{2}-\d{2}",
    r"(?:nineteen|eighteen)[\s-]+(?:ten|eleven|twelve|[a-z]+teen|[a-z]+ty)(?:[\s-][a-z]+)?",
    r"the year two thousand(?: and [a-z]+)?",
    r"\d{1,2}(?::\d{2})?\s*[ap]\.m\.|noon|midnight",
)
# Matched on the lower-cased text: an IGNORECASE alternation this size is three times slower.
EXTRA = re.compile(r"(?<![\w-])(?:" + "|".join(EXTRA_PATTERNS) + r")(?![\w-])")
FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "’ll"})
FUTURE_VERBS = frozenset(
    {"plan", "schedule", "expect", "intend", "aim", "due", "hope", "set", "prepare", "resume"}
)
FUTURE_BEFORE = re.compile(r"\bas (?:soon|early) as $|\buntil $|\bby $", re.IGNORECASE)
TIME_LABELS = frozenset({"DATE", "TIME"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """A phrase that may be a temporal expression, in character offsets of `doc.text`."""

    start: int
    end: int
    text: str
    future: bool
    past: bool = False


def find_candidates(doc: Doc, text: str) -> list[Candidate]:
    """Trimmed candidate spans, longest first (they may overlap; the caller chooses).

    `text` must be ``doc.text``, passed in because spaCy rebuilds it on every access.
    """
    spans = [(ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ in TIME_LABELS]
    spans += extra_spans(text)
    trimmed = {trim(text, start, end) for start, end in spans}
    ordered = sorted(
        (span for span in trimmed if span[0] < span[1]),
        key=lambda span: (span[0] - span[1], span[0]),
    )
    return [
        Candidate(start, end, text[start:end], is_future(doc, start, end), is_past(doc, start, end))
        for start, end in ordered
    ]


def extra_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the extra patterns (phrases spaCy's NER tends to miss), matched in lower case."""
    lower = text.lower()
    if len(lower) != len(text):  # a rare character whose lower case is longer: keep offsets
        lower = "".join(char if len(char.lower()) != 1 else char.lower() for char in text)
    return [(found.start(), found.end()) for found in EXTRA.finditer(lower)]


WORD = re.compile(r"\S+")


def sub_phrases(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Every word-aligned sub-span of text[start:end], longest first then leftmost."""
    words = [
        (start + found.start(), start + found.end()) for found in WORD.finditer(text[start:end])
    ]
    spans = [
        (words[i][0], words[j - 1][1])
        for size in range(len(words) - 1, 0, -1)
        for i in range(len(words) - size + 1)
        for j in (i + size,)
    ]
    return [trim(text, first, last) for first, last in spans]


TRAILING = re.compile(r"(?:[\s,;:.!?\"'“”‘’()\[\]-]|'s|’s)+$")
LEADING = re.compile(r"^[\s,;:.!?\"'“”‘’()\[\]-]+")


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span to TimeML extent: no leading prepositions, no edge punctuation."""
    while True:
        piece = text[start:end]
        lead = LEADING.match(piece)
        if lead:
            start += lead.end()
            continue
        first = piece.split(maxsplit=1)
        if len(first) == 2 and first[0].lower() in LEX.trim_leading:
            start += len(piece) - len(piece.lstrip()) + len(first[0])
            continue
        break
    piece = text[start:end]
    tail = TRAILING.search(piece)
    if tail and not re.search(r"[ap]\.m\.$", piece):
        end = start + tail.start()
    return start, end


def is_future(doc: Doc, start: int, end: int) -> bool:
    """Whether the clause governing the span speaks of the future (will, plans to, is to...)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    verb = _governing_verb(span)
    if verb is not None and _past_perfect(verb):
        return False  # "had filed by Wednesday", "had been due to expire Friday"
    if FUTURE_BEFORE.search(span.doc[max(0, span.start - 3) : span.start].text + " "):
        return True
    if verb is None:
        return False
    chain = [verb, verb.head] if verb.dep_ in {"xcomp", "ccomp", "advcl", "conj"} else [verb]
    return any(_future_verb(token) for token in chain)


def is_past(doc: Doc, start: int, end: int) -> bool:
    """Whether the verb governing the span is in a past tense ("In January, it bought ...")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    verb = _governing_verb(span) if span is not None and len(span) else None
    if verb is None:
        return False
    if verb.tag_ == "VBD" or _past_perfect(verb):
        return True
    return any(child.dep_ in {"aux", "auxpass"} and child.tag_ == "VBD" for child in verb.children)


def _past_perfect(verb: Token) -> bool:
    """A verb in the past perfect ("had filed", "had been due"): a past seen from the past."""
    return any(child.lower_ == "had" and child.dep_ == "aux" for child in verb.children)


def _future_verb(verb: Token) -> bool:
    """A verb that is future itself: "will leave", "plans to", "is to resume"."""
    if verb.lemma_.lower() in FUTURE_VERBS and not _past_perfect(verb):
        return True
    if any(child.lower_ in FUTURE_AUX for child in verb.children):
        return True
    return (
        verb.tag_ == "VB"
        and verb.head.lemma_ == "be"
        and any(child.lower_ == "to" for child in verb.children)
    )


def _governing_verb(span: Span) -> Token | None:
    """The nearest verb or auxiliary above the span's root in the parse."""
    token = span.root
    for _ in range(6):
        if token.pos_ in {"VERB", "AUX"}:
            return token
        if token.head is token:
            return None
        token = token.head
    return None
