"""Ingest: turn a file, stdin or raw data (text, HTML, JSON) into a checked `Document`.

Every input passes the same guards, in this order: size cap (CT105), binary (CT103), encoding
(CT104), empty (CT102); then it is parsed by format (CT106, CT108, CT109, CT110) and checked to be
English (CT107). Line endings are normalised and a BOM dropped before any offset is computed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import sys
from dataclasses import replace
from pathlib import Path

from ..errors import InputError, InputNotFound, InvalidDate, UnsupportedFormat
from ..model import Document, TextSpan
from . import checks
from .dates import parse_date
from .language import check_english
from .text import parse_text

__all__ = ["FORMATS", "load_input", "load_path", "parse_date", "sniff_format"]

FORMATS = ("text", "html", "json")
FORMAT_ALIASES = {"txt": "text", "md": "text", "markdown": "text", "htm": "html"}
EXTENSIONS = {".html": "html", ".htm": "html", ".json": "json", ".txt": "text", ".md": "text"}
SNIFF_CHARS = 2048
_HTML_TAG = re.compile(r"<(?:!doctype|html|head|body|p|article|div)[\s>/]", re.IGNORECASE)


def load_input(
    data: str | bytes,
    *,
    input_format: str | None = None,
    published: dt.date | str | None = None,
    url: str | None = None,
    title: str | None = None,
    publisher: str | None = None,
    max_bytes: int | None = None,
) -> Document:
    """Check and parse one article given as text, HTML or a JSON record.

    Arguments override what the article says about itself; `published` sets
    ``published_from="user"``. `max_bytes` (else $CLAIMTRACE_MAX_BYTES, else 10 MiB) caps the size.
    """
    checks.check_size(checks.text_size(data), checks.max_bytes(max_bytes))
    fmt = resolve_format(input_format, data)
    user_date = user_published(published)
    text = decode(data, fmt)
    checks.check_not_empty(text)
    document = parse(text, fmt, url=url, title=title)
    checks.check_not_empty(document.text, "the article text")
    check_english(document.text)
    return finish(document, user_date=user_date, url=url, title=title, publisher=publisher)


def load_path(
    path: str | Path,
    *,
    input_format: str | None = None,
    published: dt.date | str | None = None,
    url: str | None = None,
    title: str | None = None,
    publisher: str | None = None,
    max_bytes: int | None = None,
) -> Document:
    """`load_input` on a file (format from its extension) or on stdin when `path` is ``-``."""
    cap = checks.max_bytes(max_bytes)
    data = read_stdin(cap) if str(path) == "-" else read_file(Path(path), cap)
    fmt = input_format or (None if str(path) == "-" else format_for_path(Path(path)))
    return load_input(
        data,
        input_format=fmt,
        published=published,
        url=url,
        title=title,
        publisher=publisher,
        max_bytes=cap,
    )


def read_file(path: Path, cap: int) -> bytes:
    """The bytes of a file, refusing missing files and files over the cap before reading."""
    if not path.exists():
        raise InputNotFound(f"no such file: {path}", detail={"path": str(path)})
    if not path.is_file():
        raise InputNotFound(f"not a file: {path}", detail={"path": str(path)})
    checks.check_size(path.stat().st_size, cap)
    try:
        return path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror}") from None


def read_stdin(cap: int) -> bytes:
    """At most `cap` + 1 bytes from stdin (one more than allowed, so a big input is noticed)."""
    data = sys.stdin.buffer.read(cap + 1)
    checks.check_size(len(data), cap)
    return data


def format_for_path(path: Path) -> str | None:
    """The format a file extension implies; None (sniff the content) when it implies none."""
    return EXTENSIONS.get(path.suffix.lower())


def resolve_format(input_format: str | None, data: str | bytes) -> str:
    """The given format (validated) or the sniffed one."""
    if input_format is None:
        return sniff_format(data)
    fmt = input_format.strip().lower()
    fmt = FORMAT_ALIASES.get(fmt, fmt)
    if fmt not in FORMATS:
        raise UnsupportedFormat(
            f"unknown input format {input_format!r}: use one of {', '.join(FORMATS)}",
            detail={"format": input_format},
        )
    return fmt


def sniff_format(data: str | bytes) -> str:
    """``json`` when the data opens with ``{``, ``html`` when it has HTML tags early, else text."""
    head = data[:SNIFF_CHARS]
    sample = head.decode("latin-1") if isinstance(head, bytes) else head
    sample = sample.lstrip("\ufeff\xef\xbb\xbf \t\r\n")
    if sample.startswith("{"):
        return "json"
    return "html" if _HTML_TAG.search(sample) else "text"


def user_published(value: dt.date | str | None) -> dt.date | None:
    """The publication date given by the caller, validated (CT110)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    parsed = parse_date(value)
    if parsed is None:
        raise InvalidDate(
            f"invalid publication date {value!r}: use YYYY-MM-DD, e.g. 2025-03-14",
            detail={"published": value},
        )
    return parsed


def decode(data: str | bytes, fmt: str) -> str:
    """Refuse binary data, decode bytes (HTML may declare its charset), normalise line ends."""
    checks.check_binary(data)
    if isinstance(data, bytes):
        data = checks.decode_html(data) if fmt == "html" else checks.decode_utf8(data)
    return checks.normalise(data)


def parse(text: str, fmt: str, *, url: str | None, title: str | None) -> Document:
    """The format's parser; the HTML parser is imported lazily (it loads trafilatura)."""
    if fmt == "html":
        from .html import parse_html

        return parse_html(text, url=url, title=title)
    if fmt == "json":
        from .json_input import parse_json

        return parse_json(text, title=title)
    return parse_text(text)


def finish(
    document: Document,
    *,
    user_date: dt.date | None,
    url: str | None,
    title: str | None,
    publisher: str | None,
) -> Document:
    """Apply the caller's overrides and the content hash."""
    if user_date is not None:
        document = replace(document, published=user_date, published_from="user")
    if title and document.input_format == "text":
        document = replace(document, title=title, title_span=locate(document.text, title))
    document = replace(document, url=url or document.url, publisher=publisher or document.publisher)
    return replace(document, content_hash=appearance_hash(document))


def appearance_hash(document: Document) -> str:
    """SHA-256 of the text, plus its publisher and URL when known: the same wire story
    printed by two outlets is two appearances, the same file ingested twice is one."""
    digest = hashlib.sha256(document.text.encode("utf-8"))
    if document.publisher or document.url:
        digest.update(f"\x00{document.publisher or ''}\x00{document.url or ''}".encode())
    return digest.hexdigest()


def locate(text: str, title: str) -> TextSpan | None:
    """Where `title` opens the text (after leading blanks), if it does."""
    start = len(text) - len(text.lstrip())
    if text.startswith(title, start):
        return TextSpan(start, start + len(title), title)
    return None
