"""The corpus tables (SQLAlchemy 2 declarative models).

One row per stored article in ``documents`` and ``reports`` (the whole report as JSON), and
one row per record in the per-article tables: ``sources``, ``attributions``, ``claims``
(with their attribution links), ``places`` and ``events``. Local ids (``S1``, ``C3``) are the
report's own; foreign keys join rows of the same article. ``failures`` keeps every article
that could not be stored and every stage that failed inside a stored report.

The cross-article tables hold the last `claimtrace.corpus.crossref_store` run: ``clusters``
(keyed by a stable id), ``cluster_members`` (claim to cluster), ``cluster_joins`` (why two
claims were joined), ``cluster_origins``, ``duplicate_groups`` with their
``duplicate_members``, ``document_signatures`` (MinHash, computed once per document) and
``crossref_state`` (what the run covered, so an unchanged corpus is not run again).

Columns for stages that are not in every report yet (claim times and places, events) are
nullable and filled from the report when it carries them. Any change here needs a migration
in ``migrations/versions/``; a test compares the two.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    MetaData,
    String,
    Text,
)
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


class ClusterRow(Base):
    """Claims about one event across articles; `key` stays while its first claim does."""

    __tablename__ = "clusters"

    key: Mapped[str] = mapped_column(String(16), primary_key=True)
    label: Mapped[str] = mapped_column(Text)
    anchor_claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"), unique=True)
    first_document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))
    first_published: Mapped[dt.date | None] = mapped_column(Date, index=True)
    period_start: Mapped[dt.date | None] = mapped_column(Date)
    period_end: Mapped[dt.date | None] = mapped_column(Date)
    articles: Mapped[int]
    outlets: Mapped[int]
    voices: Mapped[int]
    independent_origins: Mapped[int] = mapped_column(index=True)
    single_origin: Mapped[bool]
    circular: Mapped[bool]
    citation_loop: Mapped[bool]
    syndicated: Mapped[bool]
    denied: Mapped[bool]
    places: Mapped[list[Any]]
    data: Mapped[dict[str, Any]]


class ClusterMemberRow(Base):
    """A claim's cluster (every claim is in exactly one)."""

    __tablename__ = "cluster_members"

    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"), primary_key=True)
    cluster_key: Mapped[str] = mapped_column(ForeignKey("clusters.key"), index=True)


class ClusterJoinRow(Base):
    """Why two claims were joined: the score and each feature that counted."""

    __tablename__ = "cluster_joins"

    id: Mapped[int] = mapped_column(primary_key=True)
    cluster_key: Mapped[str] = mapped_column(ForeignKey("clusters.key"), index=True)
    claim_a_id: Mapped[int] = mapped_column(ForeignKey("claims.id"))
    claim_b_id: Mapped[int] = mapped_column(ForeignKey("claims.id"))
    score: Mapped[float] = mapped_column(Float)
    features: Mapped[list[Any]]


class ClusterOriginRow(Base):
    """A party a cluster's claims go back to; `counted` when it adds to independence."""

    __tablename__ = "cluster_origins"

    id: Mapped[int] = mapped_column(primary_key=True)
    cluster_key: Mapped[str] = mapped_column(ForeignKey("clusters.key"), index=True)
    origin_key: Mapped[str] = mapped_column(Text)
    name: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(String(32), index=True)
    counted: Mapped[bool]
    paths: Mapped[list[Any]]


class DuplicateGroupRow(Base):
    """Near-duplicate articles (copies) that count as one voice."""

    __tablename__ = "duplicate_groups"

    key: Mapped[str] = mapped_column(String(16), primary_key=True)
    canonical_document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))
    data: Mapped[dict[str, Any]]


class DuplicateMemberRow(Base):
    """A document's duplicate group."""

    __tablename__ = "duplicate_members"

    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), primary_key=True)
    group_key: Mapped[str] = mapped_column(ForeignKey("duplicate_groups.key"), index=True)


class DocumentSignatureRow(Base):
    """A document's MinHash signature, computed once and reused by every later run."""

    __tablename__ = "document_signatures"

    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), primary_key=True)
    scheme: Mapped[str] = mapped_column(String(64))
    shingles: Mapped[int]
    hashvalues: Mapped[list[Any]]


class CrossrefStateRow(Base):
    """The last cross-referencing run: a digest of its inputs and the sizes of its result."""

    __tablename__ = "crossref_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    digest: Mapped[str] = mapped_column(String(64))
    articles: Mapped[int]
    claims: Mapped[int]
    clusters: Mapped[int]
    candidate_pairs: Mapped[int] = mapped_column(BigInteger)
    joins: Mapped[int]
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


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
    "clusters",
    "cluster_members",
    "cluster_joins",
    "cluster_origins",
    "duplicate_groups",
    "duplicate_members",
    "document_signatures",
    "crossref_state",
)
