"""The corpus tables (SQLAlchemy 2 declarative models).

One row per stored article in ``documents`` and ``reports`` (the whole report as JSON), and
one row per record in the per-article tables: ``sources``, ``attributions``, ``claims``
(with their attribution links), ``places`` and ``events``. Local ids (``S1``, ``C3``) are the
report's own; foreign keys join rows of the same article. ``failures`` keeps every article
that could not be stored and every stage that failed inside a stored report.

Columns for stages that are not in every report yet (claim times and places, events) are
nullable and filled from the report when it carries them. Any change here needs a migration
in ``migrations/versions/``; a test compares the two.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import JSON, Date, DateTime, Float, ForeignKey, Index, MetaData, String, Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

JSONData = JSON().with_variant(JSONB(), "postgresql")
NAMING = {  # named constraints, so migrations can alter them (SQLite batch mode too)
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """The declarative base of every corpus table."""

    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSONData, list[Any]: JSONData}


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class DocumentRow(Base):
    """An ingested article; `content_hash` (SHA-256 of the text) makes ingest idempotent."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    input_name: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    byline: Mapped[str | None] = mapped_column(Text)
    publisher: Mapped[str | None] = mapped_column(Text, index=True)
    published: Mapped[dt.date | None] = mapped_column(Date, index=True)
    published_from: Mapped[str] = mapped_column(String(16))
    language: Mapped[str] = mapped_column(String(16))
    input_format: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)

    report: Mapped[ReportRow] = relationship(back_populates="document")


class ReportRow(Base):
    """The whole report as JSON (`claimtrace.export.report_to_dict`), one per document."""

    __tablename__ = "reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), unique=True)
    schema_version: Mapped[str] = mapped_column(String(16))
    pipeline: Mapped[dict[str, Any]]
    data: Mapped[dict[str, Any]]
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)

    document: Mapped[DocumentRow] = relationship(back_populates="report")


class SourceRow(Base):
    """A party that claims are attributed to; `name_key` (casefolded) joins across articles."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    local_id: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(Text)
    name_key: Mapped[str] = mapped_column(Text, index=True)
    type: Mapped[str] = mapped_column(String(32), index=True)
    role: Mapped[str | None] = mapped_column(Text)
    affiliation: Mapped[str | None] = mapped_column(Text)
    entity_id: Mapped[str | None] = mapped_column(String(32))
    mentions: Mapped[int]


class AttributionRow(Base):
    """A Source-Cue-Content triple."""

    __tablename__ = "attributions"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    local_id: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(32))
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"), index=True)
    cue: Mapped[str | None] = mapped_column(Text)
    cue_lemma: Mapped[str | None] = mapped_column(Text)
    stance: Mapped[str | None] = mapped_column(String(16))
    content: Mapped[str] = mapped_column(Text)
    content_start: Mapped[int]
    content_end: Mapped[int]
    via: Mapped[str | None] = mapped_column(Text)
    parent_local_id: Mapped[str | None] = mapped_column(String(32))


class ClaimRow(Base):
    """A check-worthy claim with its chain's root (the publisher) and origin (its far end)."""

    __tablename__ = "claims"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    local_id: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int]
    end: Mapped[int]
    asserted_by_publisher: Mapped[bool]
    certainty: Mapped[str] = mapped_column(String(16), index=True)
    hedged: Mapped[bool]
    polarity: Mapped[str] = mapped_column(String(16))
    checkworthiness: Mapped[float] = mapped_column(Float)
    chain: Mapped[list[Any]]
    chain_length: Mapped[int]
    root_source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"))
    origin_source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"), index=True)
    origin_label: Mapped[str | None] = mapped_column(Text)
    origin_type: Mapped[str | None] = mapped_column(String(32))
    time_value: Mapped[str | None] = mapped_column(String(64))
    time_start: Mapped[str | None] = mapped_column(String(32))
    time_end: Mapped[str | None] = mapped_column(String(32))
    place_name: Mapped[str | None] = mapped_column(Text)
    place_lat: Mapped[float | None] = mapped_column(Float)
    place_lon: Mapped[float | None] = mapped_column(Float)


class ClaimAttributionRow(Base):
    """Which attributions a claim rests on."""

    __tablename__ = "claim_attributions"

    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"), primary_key=True)
    attribution_id: Mapped[int] = mapped_column(ForeignKey("attributions.id"), primary_key=True)


class PlaceRow(Base):
    """A place named in an article, with its point when the gazetteer or a relation gave one."""

    __tablename__ = "places"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    local_id: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(Text)
    role: Mapped[str | None] = mapped_column(String(32))
    resolved: Mapped[bool]
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    uncertainty_km: Mapped[float | None] = mapped_column(Float)
    country_code: Mapped[str | None] = mapped_column(String(8), index=True)
    admin1: Mapped[str | None] = mapped_column(Text)
    feature_code: Mapped[str | None] = mapped_column(String(16))
    geonames_id: Mapped[int | None]
    start: Mapped[int | None]
    end: Mapped[int | None]


class EventRow(Base):
    """An event (who did what to whom), kept whole as JSON; type, action and actor as columns."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    local_id: Mapped[str] = mapped_column(String(32))
    claim_local_id: Mapped[str | None] = mapped_column(String(32))
    event_type: Mapped[str | None] = mapped_column(String(32), index=True)
    action: Mapped[str | None] = mapped_column(Text)
    actor: Mapped[str | None] = mapped_column(Text)
    start: Mapped[int | None]
    end: Mapped[int | None]
    data: Mapped[dict[str, Any]]


class FailureRow(Base):
    """An article that could not be stored (no document), or a failed stage of a stored one."""

    __tablename__ = "failures"
    __table_args__ = (Index("ix_failures_input_stage_code", "input_name", "stage", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"), index=True)
    input_name: Mapped[str] = mapped_column(Text)
    stage: Mapped[str] = mapped_column(String(32))
    code: Mapped[str] = mapped_column(String(16), index=True)
    message: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


TABLES = (
    "documents",
    "reports",
    "sources",
    "attributions",
    "claims",
    "claim_attributions",
    "places",
    "events",
    "failures",
)
