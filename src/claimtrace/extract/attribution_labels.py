"""Attributions marked by punctuation rather than a word: a transcript's speaker label
("MAYOR: We will reopen the bridge.", kind DIRECT, the colon is the cue), a name and a colon
before a quotation ('Pollster Ann Lee: "..."') and a quotation signed with a dash
('"We will rebuild." ― Ann Lee', the dash is the cue). Both are keyed by
the first token of the sentence they start in, so that they are read in text order."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..model import AttributionKind, Cue, Stance
from .attribution_base import Context, Found, char_span, cue_lexicon, register_span
from .quotes import Quote

# An upper-case label of one to four words before a colon at the start of a line, after at
# most an opening quote mark: 'GOV. LEE: ...', '"ANCHOR: ...'.
LABEL = re.compile(r"[\"“]?([A-Z][A-Z.'’-]*(?: [A-Z][A-Z.'’-]*){0,3}): +\S")
# A name of one to three capitalised words before a colon at the start of a line.
NAME_LABEL = re.compile(r"[\"“]?([A-Z][a-z'’-]+(?: [A-Z][A-Za-z.'’-]+){0,2}): +([^\s$])")
DASHES = frozenset({"―", "—", "–"})
MARKS = frozenset({'"', "“"})  # a quote mark that runs a transcript on
SIGNATURE_WORDS = 6
NAME_WORDS = 6
NAME_BREAKS = (" - ", " — ", " – ", ". ")  # what may come before a name that takes a colon


@dataclass(frozen=True, slots=True)
class Label:
    """A punctuation cue: who (source range), the mark (cue) and what (content range)."""

    source: tuple[int, int]
    cue: int
    content: tuple[int, int]
    quote: int | None = None


def speaker_labels(ctx: Context) -> dict[int, list[Label]]:
    """Speaker labels of a transcript, one per line (one match per line start)."""
    text = ctx.text
    rubrics = cue_lexicon().rubrics
    found: dict[int, list[Label]] = {}
    named = _name_labels(text, ctx.paragraphs)
    for index, start in enumerate(ctx.paragraphs):
        match = LABEL.match(text, start) or named.get(start)
        if match is None or match.group(1) in rubrics:
            continue
        colon = match.end(1)
        end = _line_end(text, start)
        end -= text[end - 1] == "." and start in named
        label = Label(match.span(1), colon, (match.end() - 1, end))
        _key(ctx, found, start, label)
        if match.start(1) > start:
            for more in _run_on(text, ctx.paragraphs[index + 1 :]):
                _key(ctx, found, start, Label(label.source, colon, more))
    return found


def _name_labels(text: str, starts: tuple[int, ...]) -> dict[int, re.Match[str]]:
    """Labels written as names ("Ann Lee: ...", "Lee: ..."), by line start, when two names
    each label two lines or more (a panel's transcript, not a list of headings or a form's
    "Name: ..."); a figure after the colon is a tally ("Lee: 1,204."), not speech."""
    matches = {start: NAME_LABEL.match(text, start) for start in starts}
    labels = {s: m for s, m in matches.items() if m and not m.group(2)[:1].isdigit()}
    counts = Counter(match.group(1).split()[-1] for match in labels.values())
    return labels if sum(1 for count in counts.values() if count > 1) > 1 else {}


def _line_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    return len(text[:end].rstrip())


def _run_on(text: str, starts: tuple[int, ...]) -> list[tuple[int, int]]:
    """The paragraphs a quote-marked speaker's turn runs on into: the next ones that open
    with a quote mark and no label of their own ('"HOST: ...' / '"And ...'), up to one
    that does not; a stage direction ('"(LAUGHTER.)') or a closing mark ends the turn."""
    contents: list[tuple[int, int]] = []
    for start in starts:
        end = _line_end(text, start)
        if end <= start:
            continue
        closes = text[end - 1] in MARKS | {"”"}  # the mark that ends the whole transcript
        if text[start] not in MARKS or LABEL.match(text, start) or text[start + 1] == "(" or closes:
            break
        contents.append((start + 1, end))
    return contents


def without_label_marks(
    text: str, quotes: tuple[Quote, ...], paragraphs: tuple[int, ...]
) -> tuple[Quote, ...]:
    """The quotations, less those opened by the quote mark before a transcript's speaker
    label ('"HOST: ...' at a paragraph start): that mark runs the transcript on, and what
    follows is the label's, not a quotation of its own."""
    rubrics = cue_lexicon().rubrics
    marks = set()
    for start in paragraphs:
        match = LABEL.match(text, start)
        if match is not None and match.start(1) > start and match.group(1) not in rubrics:
            marks.add(start)
    return tuple(quote for quote in quotes if quote.start not in marks)


def signed_quotes(ctx: Context) -> dict[int, list[Label]]:
    """Quotations signed with a dash and a name that ends the line, or that opens the next
    line ('"..."' then "- Ann Lee.")."""
    text = ctx.text
    found: dict[int, list[Label]] = {}
    for index, quote in enumerate(ctx.quotes):
        if not quote.closed:
            continue
        line_end = text.find("\n", quote.end)
        line_end = len(text) if line_end < 0 else line_end
        tail = text[quote.end : line_end]
        stripped = tail.lstrip()
        if not stripped:
            signed = _next_line_signature(text, line_end)
            if signed is None:
                continue
            dash, name = signed
        elif stripped[0] in DASHES:
            dash = quote.end + len(tail) - len(stripped)
            name = stripped[1:].strip().rstrip(".").strip()
        else:
            continue
        if not name[:1].isupper() or len(name.split()) > SIGNATURE_WORDS:
            continue
        name_start = text.index(name, dash + 1)
        label = Label((name_start, name_start + len(name)), dash, (quote.start, quote.end), index)
        _key(ctx, found, quote.start, label)
    return found


def _next_line_signature(text: str, line_end: int) -> tuple[int, str] | None:
    """A signature on the line after a quotation that ends its own: "- Ann Lee." or "-Ann
    Lee, speaking on Monday." (the dash's offset and the name, up to a comma)."""
    start = line_end
    while start < len(text) and text[start].isspace():
        start += 1
    if start >= len(text) or text[start] not in DASHES | {"-"}:
        return None
    end = text.find("\n", start)
    line = text[start + 1 : len(text) if end < 0 else end]
    name = line.split(",", 1)[0].strip().rstrip(".").strip()
    return (start, name) if name else None


def colon_quotes(ctx: Context) -> dict[int, list[Label]]:
    """ "Pollster Ann Lee: "..."": a quotation after a colon that follows a short name (no
    verb in it) at the start of its line or after a dash or a full stop."""
    text = ctx.text
    found: dict[int, list[Label]] = {}
    for index, quote in enumerate(ctx.quotes):
        line = text.rfind("\n", 0, quote.start) + 1
        before = text[line : quote.start].rstrip()
        if not before.endswith(":"):
            continue
        colon = line + len(before) - 1
        start = max(line, *(text.rfind(mark, line, colon) + len(mark) for mark in NAME_BREAKS))
        name = text[start:colon].strip()
        if not name[:1].isupper() or len(name.split()) > NAME_WORDS:
            continue
        name_start = text.index(name, start)
        span = ctx.doc.char_span(name_start, name_start + len(name), alignment_mode="expand")
        if span is None or any(t.pos_ in {"VERB", "AUX"} for t in span):
            continue
        label = Label((name_start, name_start + len(name)), colon, (quote.start, quote.end), index)
        _key(ctx, found, quote.start, label)
    return found


def _key(ctx: Context, found: dict[int, list[Label]], offset: int, label: Label) -> None:
    span = ctx.doc.char_span(offset, offset + 1, alignment_mode="expand")
    if span is not None:
        found.setdefault(span[0].sent.start, []).append(label)


def add_label(ctx: Context, label: Label) -> None:
    """One attribution for a speaker label or a signed quotation."""
    if label.quote is not None:
        if label.quote in ctx.used_quotes:
            return
        ctx.used_quotes.add(label.quote)
    source = ctx.doc.char_span(*label.source, alignment_mode="expand")
    if source is None or label.content[1] <= label.content[0]:
        return
    registered = register_span(ctx, source, source.root)
    cue = Cue(char_span(ctx.text, label.cue, label.cue + 1), ctx.text[label.cue], Stance.NEUTRAL)
    content = char_span(ctx.text, *label.content)
    found = Found(AttributionKind.DIRECT, registered.source_id, registered.span, cue, content)
    ctx.found.append(found)
