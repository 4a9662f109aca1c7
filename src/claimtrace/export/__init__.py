"""Renderings of a Report: text for a fact-checker, JSON (with a JSON Schema), Markdown,
GeoJSON of its places, CSV event rows of its claims."""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib import resources
from typing import Any

from ..errors import UnsupportedFormat
from ..model import Report
from .csv_output import EVENT_COLUMNS, render_csv
from .geojson import render_geojson, report_to_geojson
from .json_output import render_json, report_to_dict
from .markdown import render_markdown
from .text import render_text

__all__ = [
    "EVENT_COLUMNS",
    "FORMATS",
    "load_schema",
    "render",
    "report_to_dict",
    "report_to_geojson",
]

FORMATS = ("text", "json", "markdown", "geojson", "csv")
RENDERERS: dict[str, Callable[[Report], str]] = {
    "text": render_text,
    "json": render_json,
    "markdown": render_markdown,
    "md": render_markdown,
    "geojson": render_geojson,
    "csv": render_csv,
}


def render(report: Report, fmt: str) -> str:
    """Render a report as ``text``, ``json``, ``markdown``, ``geojson`` or ``csv``."""
    renderer = RENDERERS.get(fmt.strip().lower())
    if renderer is None:
        raise UnsupportedFormat(
            f"unsupported output format {fmt!r}; choose one of: {', '.join(FORMATS)}",
            detail={"format": fmt, "formats": list(FORMATS)},
        )
    return renderer(report)


def load_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of `report_to_dict` output."""
    path = resources.files("claimtrace").joinpath("schema/report.schema.json")
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return schema
