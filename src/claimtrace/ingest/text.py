"""Plain-text articles: find the headline and the dateline without changing the text.

A plain-text article often opens with a headline (a short line without a final period), an
optional standfirst line, and a dateline such as ``By Staff Reporter - March 14 2025``.
The text is kept exactly as given, so every offset indexes the original.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..model import Document, TextSpan
from .dates import parse_date

HEADER_LINES = 6  # the dateline is looked for among this many first non-blank lines
HEADLINE_MAX_CHARS = 200
HEADLINE_BAD_ENDINGS = (".", ",", ";", ":")
BYLINE = re.compile(r"(?:By|BY)\s+(?P<rest>\S.*)")
SEPARATOR = re.compile(r"\s+[-–—|]\s+|\s*\|\s*|\s+[–—]|[–—]\s+")
DATE_LINE = re.compile(r"(?:(?:published|posted)(?:\s+on)?:?\s+)?(?P<date>.+)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank line of the text, stripped, with its offsets."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Dateline:
    byline: str | None
    published: dt.date | None


def parse_text(text: str) -> Document:
    """A Document for a plain-text article, with headline and dateline when there are any."""
    lines = header_lines(text)
    headline = find_headline(text, lines)
    dateline = find_dateline(lines)
    return Document(
        text=text,
        title=headline.text if headline else None,
        title_span=headline,
        byline=dateline.byline,
        published=dateline.published,
        published_from="dateline" if dateline.published else "none",
        input_format="text",
    )


def header_lines(text: str, limit: int = HEADER_LINES) -> list[Line]:
    """The first `limit` non-blank lines, stripped, with offsets into `text`."""
    lines: list[Line] = []
    for match in re.finditer(r"[^\n]+", text):
        stripped = match.group().strip()
        if stripped:
            start = match.start() + match.group().index(stripped)
            lines.append(Line(start, start + len(stripped), stripped))
        if len(lines) == limit:
            break
    return lines


def find_headline(text: str, lines: list[Line]) -> TextSpan | None:
    """The first line when it reads like a headline and more text follows it."""
    if not lines:
        return None
    first = lines[0]
    if not text[first.end :].startswith("\n") or not text[first.end :].strip():
        return None
    if len(first.text) > HEADLINE_MAX_CHARS or first.text.endswith(HEADLINE_BAD_ENDINGS):
        return None
    if BYLINE.fullmatch(first.text) or parse_date(first.text):
        return None
    return TextSpan(first.start, first.end, first.text)


def find_dateline(lines: list[Line]) -> Dateline:
    """Byline and date from a ``By <author> - <date>`` line, else from a line that is a date."""
    for line in lines:
        match = BYLINE.fullmatch(line.text)
        if match:
            byline, published = split_byline(match["rest"])
            return Dateline(byline, published or _date_line(lines))
    return Dateline(None, _date_line(lines))


def split_byline(rest: str) -> tuple[str | None, dt.date | None]:
    """Split ``Jane Roe | 3 May 2024`` or ``Jane Roe, March 3, 2024`` into author and date."""
    separators = list(SEPARATOR.finditer(rest))
    if separators:
        last = separators[-1]
        published = parse_date(rest[last.end() :])
        if published:
            return rest[: last.start()].strip() or None, published
    parts = rest.split(",")
    for count in (1, 2):
        if len(parts) > count:
            published = parse_date(",".join(parts[-count:]))
            if published:
                return ",".join(parts[:-count]).strip() or None, published
    return rest.strip() or None, None


def _date_line(lines: list[Line]) -> dt.date | None:
    for line in lines:
        match = DATE_LINE.fullmatch(line.text)
        published = parse_date(match["date"]) if match else None
        if published:
            return published
    return None
