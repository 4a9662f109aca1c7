"""Attributions marked by punctuation rather than a word: a transcript's speaker label
("MAYOR: We will reopen the bridge.", kind DIRECT, the colon is the cue), a name and a colon
before a quotation ('Pollster Ann Lee: "..."') and a quotation signed with a dash
('"We will rebuild." ― Ann Lee', the dash is the cue). Both are keyed by
the first token of the sentence they start in, so that they are read in text order."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import AttributionKind, Cue, Stance
from .attribution_base import Context, Found, char_span, cue_lexicon, register_span

# An upper-case label of one to four words before a colon at the start of a line, after at
# most an opening quote mark: 'GOV. LEE: ...', '"ANCHOR: ...'.
LABEL = re.compile(r"[\"“]?([A-Z][A-Z.'’-]*(?: [A-Z][A-Z.'’-]*){0,3}): +\S")
DASHES = frozenset({"―", "—", "–"})
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
    for start in ctx.paragraphs:
        match = LABEL.match(text, start)
        if match is None or match.group(1) in rubrics:
            continue
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        colon = match.end(1)
        content_start = match.end() - 1
        content_end = len(text[:end].rstrip())
        label = Label(match.span(1), colon, (content_start, content_end))
        _key(ctx, found, start, label)
    return found


def signed_quotes(ctx: Context) -> dict[int, list[Label]]:
    """Quotations signed with a dash and a name that ends the line."""
    text = ctx.text
    found: dict[int, list[Label]] = {}
    for index, quote in enumerate(ctx.quotes):
        if not quote.closed:
            continue
        line_end = text.find("\n", quote.end)
        line_end = len(text) if line_end < 0 else line_end
        tail = text[quote.end : line_end]
        stripped = tail.lstrip()
        if not stripped or stripped[0] not in DASHES:
            continue
        dash = quote.end + len(tail) - len(stripped)
        name = stripped[1:].strip().rstrip(".").strip()
        if not name[:1].isupper() or len(name.split()) > SIGNATURE_WORDS:
            continue
        name_start = text.index(name, dash + 1)
        label = Label((name_start, name_start + len(name)), dash, (quote.start, quote.end), index)
        _key(ctx, found, quote.start, label)
    return found


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
