"""Exports of the whole corpus: ClaimReview drafts, PROV-JSON, GeoJSON, CSV, JSON Lines.

ClaimReview and PROV come from the stored clusters (brought up to date first); GeoJSON, CSV
and JSON Lines from the stored reports, one article after another, earliest first. Each
format gives one text; `export_corpus` is the entry point.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from typing import Any

from prov.model import ProvDocument
from sqlalchemy import select

from ..crossref import Article
from ..errors import StoreError, UnsupportedFormat
from ..export.claimreview import render_claimreview
from ..export.csv_output import EVENT_COLUMNS, claim_row
from ..export.geojson import report_to_geojson
from ..export.prov import crossref_to_prov
from .crossref_store import article_id, load_articles
from .decode import report_from_dict
from .queries import stored_crossref
from .store import Store
from .tables import DocumentRow, ReportRow

EXPORT_FORMATS = ("claimreview", "prov", "geojson", "csv", "jsonl")
CSV_COLUMNS = ("article_id", *EVENT_COLUMNS)


def validate_format(fmt: str) -> str:
    """An export format, checked before any work (CT111 for an unknown one)."""
    chosen = fmt.strip().lower()
    if chosen not in EXPORT_FORMATS:
        raise UnsupportedFormat(
            f"unknown export format {fmt!r}: use one of {', '.join(EXPORT_FORMATS)}",
            detail={"format": fmt, "formats": list(EXPORT_FORMATS)},
        )
    return chosen


def export_corpus(store: Store, fmt: str) -> str:
    """The whole corpus in one of `EXPORT_FORMATS` (CT111 for another)."""
    return EXPORTERS[validate_format(fmt)](store)


def export_claimreview(store: Store) -> str:
    """A JSON array of ClaimReview drafts, one per claim cluster (no rating filled in)."""
    return render_claimreview(stored_crossref(store).clusters) + "\n"


def export_prov(store: Store) -> str:
    """PROV-JSON of every cluster and duplicate group, checked by reading it back."""
    xref = stored_crossref(store)
    with store.transaction() as session:
        articles: list[Article] = load_articles(session)
    document = crossref_to_prov(xref, articles)
    text = document.serialize(format="json", indent=2) or ""
    back = ProvDocument.deserialize(content=text, format="json")
    if len(list(back.get_records())) != len(list(document.get_records())):
        raise StoreError("the PROV document does not read back as it was written")
    return text + "\n"


def export_geojson(store: Store) -> str:
    """One FeatureCollection of every article's located places and events; each feature
    names its article, and the articles (with unresolved place names) are listed once."""
    features: list[dict[str, Any]] = []
    articles: list[dict[str, Any]] = []
    for name, data in _reports(store):
        collection = report_to_geojson(report_from_dict(data))
        articles.append({"article_id": name, **collection["properties"]})
        for feature in collection["features"]:
            feature["id"] = f"{name}#{feature.get('id', len(features))}"
            feature["properties"] = {"article_id": name, **(feature.get("properties") or {})}
            features.append(feature)
    collection = {
        "type": "FeatureCollection",
        "properties": {"articles": articles},
        "features": features,
    }
    return json.dumps(collection, ensure_ascii=False, indent=2) + "\n"


def export_csv(store: Store) -> str:
    """One header and a row per claim of every article (ACLED/GDELT-style event rows)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for name, data in _reports(store):
        report = report_from_dict(data)
        writer.writerows({"article_id": name, **claim_row(report, c)} for c in report.claims)
    return buffer.getvalue()


def export_jsonl(store: Store) -> str:
    """Every stored report dict, one JSON object a line."""
    return "".join(json.dumps(data, ensure_ascii=False) + "\n" for _, data in _reports(store))


def _reports(store: Store) -> Iterator[tuple[str, dict[str, Any]]]:
    """(article id, report dict) of every stored article, earliest first."""
    query = (
        select(DocumentRow.content_hash, ReportRow.data)
        .join(ReportRow, ReportRow.document_id == DocumentRow.id)
        .order_by(DocumentRow.published.nulls_last(), DocumentRow.content_hash)
    )
    with store.transaction() as session:
        found = [(article_id(h), dict(data)) for h, data in session.execute(query)]
    yield from found


EXPORTERS: dict[str, Callable[[Store], str]] = {
    "claimreview": export_claimreview,
    "prov": export_prov,
    "geojson": export_geojson,
    "csv": export_csv,
    "jsonl": export_jsonl,
}
