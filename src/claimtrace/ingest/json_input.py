"""JSON records: ``{"text", "title", "published", "url", "publisher", "byline"}``.

Only ``text`` is required. As for HTML, a title that the text does not already open with is
put in front of it (``title\\n\\n`` + text), so the headline is analysed too and every offset
indexes `Document.text`.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from ..errors import InvalidDate, InvalidJSONInput, MissingField
from ..model import Document, TextSpan
from .checks import check_not_empty, normalise
from .dates import parse_date


def parse_json(raw: str, *, title: str | None = None) -> Document:
    """A Document from one JSON object; `title` (from the caller) wins over the record's."""
    record = load_record(raw)
    body = normalise(_string(record, "text", required=True) or "")
    check_not_empty(body, "the JSON field 'text'")
    headline = " ".join((title or "").split()) or _string(record, "title")
    text, span = with_title(body, headline)
    published = _published(record)
    return Document(
        text=text,
        title=headline,
        title_span=span,
        byline=_string(record, "byline") or _string(record, "author"),
        published=published,
        published_from="metadata" if published else "none",
        publisher=_string(record, "publisher"),
        url=_string(record, "url"),
        input_format="json",
    )


def load_record(raw: str) -> dict[str, Any]:
    """Parse the JSON and insist on an object with a `text` field."""
    try:
        record = json.loads(raw)
    except json.JSONDecodeError as error:
        raise InvalidJSONInput(
            f"invalid JSON: {error.msg} at line {error.lineno}, column {error.colno}",
            detail={"line": error.lineno, "column": error.colno},
        ) from None
    if not isinstance(record, dict):
        raise InvalidJSONInput(
            f"the JSON input must be an object with a 'text' field, not {type(record).__name__}"
        )
    if "text" not in record or record["text"] is None:
        raise MissingField("the JSON input has no 'text' field", detail={"field": "text"})
    return record


def _string(record: dict[str, Any], field: str, *, required: bool = False) -> str | None:
    value = record.get(field)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidJSONInput(
            f"the JSON field {field!r} must be a string, not {type(value).__name__}",
            detail={"field": field},
        )
    return value if required else (" ".join(value.split()) or None)


def _published(record: dict[str, Any]) -> dt.date | None:
    value = _string(record, "published")
    if value is None:
        return None
    published = parse_date(value)
    if published is None:
        raise InvalidDate(
            f"the JSON field 'published' is not a date: {value!r} (use YYYY-MM-DD)",
            detail={"field": "published"},
        )
    return published


def with_title(body: str, title: str | None) -> tuple[str, TextSpan | None]:
    """The text with the headline at its start, and where the headline sits."""
    if not title:
        return body, None
    stripped = body.lstrip()
    start = len(body) - len(stripped)
    if stripped.startswith(title):
        return body, TextSpan(start, start + len(title), title)
    return f"{title}\n\n{body}", TextSpan(0, len(title), title)
