"""Features and BIO labels of the trainable attribution tagger (no model code here).

Two sequence labellers share these features (`attribution_model` runs them):

* the cue tagger reads one sentence and labels ``B-CUE``/``I-CUE``/``O``;
* the role tagger reads one cue's window (its sentence and the sentences either side) and
  labels that cue's ``SOURCE`` and ``CONTENT``, so linking a source and a content to their
  cue needs no second step.

Every feature is a plain ``"name=value"`` string built from the spaCy parse, the project's
reporting-cue lexicon, the quotation finder and what the rule extractor found (its cues,
sources and contents become features: the tagger learns where to trust them).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..model import AttributionResult, TextSpan
from . import quotes as quotes_module
from .attribution_base import cue_lexicon

FEATURES_VERSION = 1
CUE, SOURCE, CONTENT = "CUE", "SOURCE", "CONTENT"
OUTSIDE = "O"
MERGE_GAP = 8  # content pieces at most this many tokens apart form one content span

Range = tuple[int, int]  # token indices [start, end)


@dataclass(frozen=True, slots=True)
class RuleMarks:
    """What the rule extractor found, in token indices of one Doc."""

    cues: tuple[Range, ...]
    sources: tuple[Range, ...]
    contents: tuple[Range, ...]
    # cue range -> (source range or None, content range) of the rule attribution behind it
    triples: tuple[tuple[Range, Range | None, Range], ...]


@dataclass(frozen=True, slots=True)
class DocFacts:
    """Per-token facts computed once per Doc and shared by both taggers."""

    quoted: frozenset[int]
    rule_cue: dict[int, str]
    rule_source: frozenset[int]
    rule_content: frozenset[int]
    marks: RuleMarks


def token_range(doc: Doc, span: TextSpan) -> Range | None:
    """The tokens that cover a character span (expanded to token edges), or None."""
    if len(doc) == 0 or not 0 <= span.start < span.end <= doc[-1].idx + len(doc[-1].text_with_ws):
        return None
    found = doc.char_span(span.start, span.end, alignment_mode="expand")
    if found is None or len(found) == 0:
        return None
    return (found.start, found.end)


def rule_marks(doc: Doc, result: AttributionResult) -> RuleMarks:
    """The rule extractor's cues, sources and contents as token ranges."""
    cues: list[Range] = []
    sources: list[Range] = []
    contents: list[Range] = []
    triples: list[tuple[Range, Range | None, Range]] = []
    for item in result.attributions:
        content = token_range(doc, item.content)
        source = token_range(doc, item.source_span) if item.source_span else None
        cue = token_range(doc, item.cue.span) if item.cue else None
        if content is not None:
            contents.append(content)
        if source is not None:
            sources.append(source)
        if cue is not None:
            cues.append(cue)
            if content is not None:
                triples.append((cue, source, content))
    return RuleMarks(tuple(cues), tuple(sources), tuple(contents), tuple(triples))


def doc_facts(doc: Doc, marks: RuleMarks) -> DocFacts:
    """Quotation membership and rule marks per token."""
    rule_cue: dict[int, str] = {}
    for start, end in marks.cues:
        for i in range(start, end):
            rule_cue.setdefault(i, "B" if i == start else "I")
    return DocFacts(
        quoted=_quoted_tokens(doc),
        rule_cue=rule_cue,
        rule_source=_covered(marks.sources),
        rule_content=_covered(marks.contents),
        marks=marks,
    )


def _covered(ranges: Iterable[Range]) -> frozenset[int]:
    return frozenset(i for start, end in ranges for i in range(start, end))


def _quoted_tokens(doc: Doc) -> frozenset[int]:
    inside: set[int] = set()
    for quote in quotes_module.find_quotes(doc.text):
        span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if span is not None:
            inside.update(range(span.start, span.end))
    return frozenset(inside)


# --- token features ------------------------------------------------------------------------


def word_features(token: Token, prefix: str = "") -> list[str]:
    """What a token is, on its own."""
    lex = cue_lexicon()
    lemma = token.lemma_.lower()
    out = [
        f"{prefix}w={token.lower_}",
        f"{prefix}l={lemma}",
        f"{prefix}p={token.pos_}",
        f"{prefix}t={token.tag_}",
    ]
    if lemma in lex.verbs:
        out.append(f"{prefix}lexv={lex.verbs[lemma].value}")
    if lemma in lex.nouns:
        out.append(f"{prefix}lexn={lex.nouns[lemma].value}")
    return out


def base_features(token: Token, facts: DocFacts) -> list[str]:
    """Word, parse, quotation and rule features of one token, with its neighbours' words."""
    head = token.head
    out = [
        "bias",
        *word_features(token),
        f"d={token.dep_}",
        f"hl={head.lemma_.lower()}",
        f"hp={head.pos_}",
        f"dhp={token.dep_}|{head.pos_}",
        f"ld={token.lemma_.lower()}|{token.dep_}",
        f"suf={token.lower_[-3:]}",
        f"shape={_shape(token)}",
        f"q={token.i in facts.quoted}",
        f"rc={facts.rule_cue.get(token.i, 'O')}",
        f"rs={token.i in facts.rule_source}",
        f"rk={token.i in facts.rule_content}",
    ]
    out.extend(f"ch={child.dep_}" for child in token.children)
    if head.i != token.i:
        out.extend(word_features(head, "h:")[1:2])
    out.append(f"sentpos={_bucket(token.i - token.sent.start)}")
    for offset in (-2, -1, 1, 2):
        near = token.i + offset
        if 0 <= near < len(token.doc):
            other = token.doc[near]
            out.append(f"{offset}:l={other.lemma_.lower()}")
            out.append(f"{offset}:p={other.pos_}")
            if abs(offset) == 1:
                out.append(f"{offset}:shape={_shape(other)}")
                pair = (other.lemma_.lower(), token.lemma_.lower())
                out.append(f"{offset}:bi={'|'.join(pair if offset < 0 else pair[::-1])}")
        else:
            out.append(f"{offset}:edge")
    return out


def _bucket(size: int) -> str:
    return str(size) if size <= 3 else "4-6" if size <= 6 else "7-12" if size <= 12 else "13+"


def _shape(token: Token) -> str:
    if token.is_punct:
        return "punct"
    if token.is_title:
        return "title"
    return "upper" if token.is_upper else "other"


def cue_sequence(sent: Span, facts: DocFacts) -> list[list[str]]:
    """Features of every token of one sentence, for the cue tagger."""
    return [base_features(token, facts) for token in sent]


# --- the role tagger: one sequence per cue -------------------------------------------------


@dataclass(frozen=True, slots=True)
class CueWindow:
    """The tokens a cue's source and content are looked for in: [start, end)."""

    cue: Range
    start: int
    end: int


def cue_window(doc: Doc, cue: Range) -> CueWindow:
    """The cue's sentence with the sentence before and the sentence after it."""
    sent = doc[cue[0]].sent
    start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    end = doc[sent.end].sent.end if sent.end < len(doc) else sent.end
    return CueWindow(cue, start, end)


def cue_head(doc: Doc, cue: Range) -> Token:
    """The cue token whose syntactic head lies outside the cue (its root)."""
    for i in range(*cue):
        head = doc[i].head
        if head.i == i or not cue[0] <= head.i < cue[1]:
            return doc[i]
    return doc[cue[0]]


def _subtree_roles(doc: Doc, cue: Range) -> dict[int, str]:
    """Token -> the dependency label of the cue's child whose subtree holds it;
    the cue's ancestors get ``anc``."""
    root = cue_head(doc, cue)
    roles: dict[int, str] = {}
    for child in root.children:
        if not cue[0] <= child.i < cue[1]:
            for token in child.subtree:
                roles[token.i] = child.dep_
    for ancestor in root.ancestors:
        roles.setdefault(ancestor.i, "anc")
    if root.head.i != root.i:
        for sibling in root.head.children:
            if sibling.i != root.i:
                for token in sibling.subtree:
                    roles.setdefault(token.i, f"sib:{sibling.dep_}")
    return roles


def _distance(value: int) -> str:
    return ("-" if value < 0 else "+") + _bucket(abs(value))


def _rule_triple(marks: RuleMarks, cue: Range) -> tuple[Range | None, Range | None]:
    """The source and content the rules gave a cue that overlaps this one."""
    for rule_cue, source, content in marks.triples:
        if rule_cue[0] < cue[1] and cue[0] < rule_cue[1]:
            return source, content
    return None, None


def role_sequence(
    doc: Doc, window: CueWindow, facts: DocFacts, base: Sequence[list[str]] | None = None
) -> list[list[str]]:
    """Features of every token of one cue's window, for the role tagger.

    `base` may hold the precomputed `base_features` of the window's tokens."""
    cue = window.cue
    root = cue_head(doc, cue)
    roles = _subtree_roles(doc, cue)
    rule_source, rule_content = _rule_triple(facts.marks, cue)
    cue_sent = doc[cue[0]].sent
    cue_lemma = f"cl={root.lemma_.lower()}"
    cue_pos = f"cp={root.pos_}"
    rows = []
    for offset, i in enumerate(range(window.start, window.end)):
        token = doc[i]
        where = "in" if cue[0] <= i < cue[1] else "before" if i < cue[0] else "after"
        dist = i - cue[0] if i < cue[0] else i - (cue[1] - 1)
        role = roles.get(i, "none")
        sent_at = "0" if cue_sent.start <= i < cue_sent.end else ("-" if i < cue[0] else "+")
        features = list(base[offset]) if base is not None else base_features(token, facts)
        features += [
            f"at={where}",
            f"dist={_distance(dist)}",
            f"sub={role}",
            f"sub|at={role}|{where}",
            f"sub|cp={role}|{root.pos_}",
            f"sub|d={role}|{token.dep_}",
            f"sub|cd={role}|{root.dep_}",
            f"near={token.lower_ if abs(dist) <= 3 else '-'}|{where}",
            f"sent={sent_at}",
            f"q|at={token.i in facts.quoted}|{where}|{sent_at}",
            f"rs_this={_inside(i, rule_source)}",
            f"rk_this={_inside(i, rule_content)}",
            cue_lemma,
            cue_pos,
        ]
        rows.append(features)
    return rows


def _inside(i: int, span: Range | None) -> bool:
    return span is not None and span[0] <= i < span[1]


# --- BIO encoding and decoding -------------------------------------------------------------


def encode(length: int, spans: Iterable[tuple[str, Range]], offset: int = 0) -> list[str]:
    """BIO labels for `length` tokens starting at `offset`; later spans never overwrite."""
    labels = [OUTSIDE] * length
    for label, (start, end) in spans:
        lo, hi = max(start - offset, 0), min(end - offset, length)
        if lo >= hi or any(labels[j] != OUTSIDE for j in range(lo, hi)):
            continue
        labels[lo] = f"B-{label}"
        for j in range(lo + 1, hi):
            labels[j] = f"I-{label}"
    return labels


def decode(labels: Sequence[str], offset: int = 0) -> list[tuple[str, Range]]:
    """Labelled token ranges from BIO labels; a stray ``I-`` opens a span of its own."""
    spans: list[tuple[str, Range]] = []
    current: tuple[str, int] | None = None
    for j, label in enumerate([*labels, OUTSIDE]):
        tag, _, kind = label.partition("-")
        if current is not None and (tag != "I" or kind != current[0]):
            spans.append((current[0], (current[1] + offset, j + offset)))
            current = None
        if tag in {"B", "I"} and current is None:
            current = (kind, j)
    return spans


def fallback_content(doc: Doc, cue: Range, source: Range | None = None) -> Range | None:
    """For a cue the role tagger gave no content: the words the cue governs to its right,
    else the rest of its sentence after it, else the part before it (never the source)."""
    taken = set(range(*source)) if source else set()
    root = cue_head(doc, cue)
    right = [
        token.i
        for child in root.children
        if child.i >= cue[1] and child.dep_ not in {"punct", "cc"}
        for token in child.subtree
        if token.i not in taken
    ]
    if right:
        return (min(right), max(right) + 1)
    sent = doc[cue[0]].sent
    for low, high in ((cue[1], sent.end), (sent.start, cue[0])):
        found = _trimmed(doc, low, high, taken)
        if found is not None:
            return found
    return None


def _trimmed(doc: Doc, low: int, high: int, taken: set[int]) -> Range | None:
    """[low, high) without punctuation, spaces and `taken` tokens at either edge."""

    def skip(i: int) -> bool:
        return doc[i].is_punct or doc[i].is_space or i in taken

    while low < high and skip(low):
        low += 1
    while high > low and skip(high - 1):
        high -= 1
    return (low, high) if low < high else None


def longest(spans: Iterable[tuple[str, Range]], kind: str) -> Range | None:
    """The longest span of one kind (the first of equals)."""
    best: Range | None = None
    for label, (start, end) in spans:
        if label == kind and (best is None or end - start > best[1] - best[0]):
            best = (start, end)
    return best


def merged_content(spans: Iterable[tuple[str, Range]], gap: int = MERGE_GAP) -> Range | None:
    """Content pieces at most `gap` tokens apart joined (a quote split by "he said");
    the group with the most content tokens wins."""
    pieces = sorted(rng for label, rng in spans if label == CONTENT)
    groups: list[list[Range]] = []
    for piece in pieces:
        if groups and piece[0] - groups[-1][-1][1] <= gap:
            groups[-1].append(piece)
        else:
            groups.append([piece])
    if not groups:
        return None
    best = max(groups, key=lambda group: sum(end - start for start, end in group))
    return (best[0][0], best[-1][1])
