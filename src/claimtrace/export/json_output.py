"""The JSON form of a Report: plain, stable, schema-versioned data.

Dates are ISO strings, enums their values, tuples lists; every record keeps its offsets.
The shape is described by ``claimtrace/schema/report.schema.json``.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import fields, is_dataclass
from enum import Enum
from typing import Any

from ..model import Report

TOP_LEVEL_ORDER = (
    "schema_version",
    "document",
    "pipeline",
    "entities",
    "sources",
    "attributions",
    "claims",
    "evidence",
    "responses",
    "times",
    "places",
    "events",
    "profiles",
    "warnings",
    "failures",
)


def report_to_dict(report: Report) -> dict[str, Any]:
    """The report as JSON-ready data, top-level keys in a fixed order."""
    data = plain(report)
    return {key: data[key] for key in TOP_LEVEL_ORDER}


def plain(value: Any) -> Any:
    """Turn records, enums, dates and tuples into JSON-ready values."""
    if isinstance(value, Enum):
        return value.value
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    return value


def render_json(report: Report) -> str:
    """Indented JSON text, non-ASCII kept, ending with a newline."""
    return json.dumps(report_to_dict(report), ensure_ascii=False, indent=2) + "\n"
