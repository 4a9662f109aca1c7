"""Direct-quotation spans: straight and curly quotes, guillemets, two apostrophes ('' ... ''),
AP multi-paragraph quotes.

`find_quotes` scans the text once, paragraph by paragraph. A quote that is still open at the
end of a paragraph continues into the next one when that paragraph opens with a quote mark
(AP style); otherwise it closes at the end of its paragraph. Unbalanced marks never raise.
Single quotes are left alone: they are apostrophes or quotes inside quotes too often.
"""

from __future__ import annotations

from dataclasses import dataclass

OPENERS = frozenset("“«„‟")
CLOSERS = frozenset("”»")
STRAIGHT = '"'
TWO_APOSTROPHES = "''"  # a straight double quote typed as two apostrophes
QUOTE_MARKS = OPENERS | CLOSERS | {STRAIGHT}
# A straight quote after one of these (or at the start of a paragraph) opens a quote.
OPEN_CONTEXT = frozenset(" \t\n([{-—–:;/")


@dataclass(frozen=True, slots=True)
class Quote:
    """One quotation: ``text[start:end]`` includes both quote marks (when they exist)."""

    start: int
    end: int
    closed: bool


@dataclass(slots=True)
class _Scan:
    text: str
    quotes: list[Quote]
    open_at: int | None = None
    width: int = 1  # of the opening mark: 2 for two apostrophes


def find_quotes(text: str) -> tuple[Quote, ...]:
    """Every top-level quotation in `text`, in order, never overlapping."""
    scan = _Scan(text, [])
    paragraphs = _paragraphs(text)
    for index, (start, end) in enumerate(paragraphs):
        _scan_paragraph(scan, start, end)
        if scan.open_at is not None:
            next_start = paragraphs[index + 1][0] if index + 1 < len(paragraphs) else None
            if next_start is None or not _opens_with_quote(text, next_start):
                scan.quotes.append(Quote(scan.open_at, _rstrip(text, scan.open_at, end), False))
                scan.open_at = None
    return tuple(scan.quotes)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-empty line."""
    spans: list[tuple[int, int]] = []
    position = 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((position, position + len(line)))
        position += len(line) + 1
    return spans


def _opens_with_quote(text: str, start: int) -> bool:
    stripped = text[start : start + 8].lstrip()
    return bool(stripped) and stripped[0] in OPENERS | {STRAIGHT}


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _scan_paragraph(scan: _Scan, start: int, end: int) -> None:
    """Open and close quotes over one paragraph; a continued quote swallows the reopening mark."""
    continued = scan.open_at is not None
    position = start
    while position < end:
        char = scan.text[position]
        width = 2 if scan.text.startswith(TWO_APOSTROPHES, position) else 1
        if char not in QUOTE_MARKS and width == 1:
            position += 1
            continue
        _mark(scan, position, width, start, continued)
        continued = False
        position += width


def _mark(scan: _Scan, position: int, width: int, start: int, continued: bool) -> None:
    """One quote mark (`width` 2 for two apostrophes) at `position`."""
    char = STRAIGHT if width == 2 else scan.text[position]
    if continued and (char in OPENERS or char == STRAIGHT):
        return  # AP style: the reopening mark of a quote that runs on
    if scan.open_at is None:
        if _is_opening(scan.text, position, start):
            scan.open_at = position
            scan.width = width
    elif (char in CLOSERS or char == STRAIGHT) and width == scan.width:
        scan.quotes.append(Quote(scan.open_at, position + width, True))
        scan.open_at = None
    elif char in OPENERS:
        # a second opener before any closer: the first quote was never closed
        scan.quotes.append(Quote(scan.open_at, _rstrip(scan.text, scan.open_at, position), False))
        scan.open_at = position
        scan.width = 1


def _is_opening(text: str, position: int, paragraph_start: int) -> bool:
    char = text[position]
    if char in OPENERS:
        return True
    if char == STRAIGHT or text.startswith(TWO_APOSTROPHES, position):
        return position == paragraph_start or text[position - 1] in OPEN_CONTEXT
    return False
