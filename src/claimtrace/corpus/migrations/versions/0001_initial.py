"""The first corpus schema: documents, reports, sources, attributions, claims, places,
events and failures.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None

JSON_DATA = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("input_name", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("byline", sa.Text(), nullable=True),
        sa.Column("publisher", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("published_from", sa.String(length=16), nullable=False),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("input_format", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
        sa.UniqueConstraint("content_hash", name=op.f("uq_documents_content_hash")),
    )
    op.create_index(op.f("ix_documents_published"), "documents", ["published"], unique=False)
    op.create_index(op.f("ix_documents_publisher"), "documents", ["publisher"], unique=False)
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("local_id", sa.String(length=32), nullable=False),
        sa.Column("claim_local_id", sa.String(length=32), nullable=True),
        sa.Column("event_type", sa.String(length=32), nullable=True),
        sa.Column("action", sa.Text(), nullable=True),
        sa.Column("actor", sa.Text(), nullable=True),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.Column("data", JSON_DATA, nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_events_document_id_documents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
    )
    op.create_index(op.f("ix_events_document_id"), "events", ["document_id"], unique=False)
    op.create_index(op.f("ix_events_event_type"), "events", ["event_type"], unique=False)
    op.create_table(
        "failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("input_name", sa.Text(), nullable=False),
        sa.Column("stage", sa.String(length=32), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_failures_document_id_documents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_failures")),
    )
    op.create_index(op.f("ix_failures_code"), "failures", ["code"], unique=False)
    op.create_index(op.f("ix_failures_document_id"), "failures", ["document_id"], unique=False)
    op.create_index(
        "ix_failures_input_stage_code", "failures", ["input_name", "stage", "code"], unique=False
    )
    op.create_table(
        "places",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("local_id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=True),
        sa.Column("resolved", sa.Boolean(), nullable=False),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("uncertainty_km", sa.Float(), nullable=True),
        sa.Column("country_code", sa.String(length=8), nullable=True),
        sa.Column("admin1", sa.Text(), nullable=True),
        sa.Column("feature_code", sa.String(length=16), nullable=True),
        sa.Column("geonames_id", sa.Integer(), nullable=True),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_places_document_id_documents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_places")),
    )
    op.create_index(op.f("ix_places_country_code"), "places", ["country_code"], unique=False)
    op.create_index(op.f("ix_places_document_id"), "places", ["document_id"], unique=False)
    op.create_table(
        "reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("schema_version", sa.String(length=16), nullable=False),
        sa.Column("pipeline", JSON_DATA, nullable=False),
        sa.Column("data", JSON_DATA, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_reports_document_id_documents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reports")),
        sa.UniqueConstraint("document_id", name=op.f("uq_reports_document_id")),
    )
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("local_id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("name_key", sa.Text(), nullable=False),
        sa.Column("type", sa.String(length=32), nullable=False),
        sa.Column("role", sa.Text(), nullable=True),
        sa.Column("affiliation", sa.Text(), nullable=True),
        sa.Column("entity_id", sa.String(length=32), nullable=True),
        sa.Column("mentions", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_sources_document_id_documents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sources")),
    )
    op.create_index(op.f("ix_sources_document_id"), "sources", ["document_id"], unique=False)
    op.create_index(op.f("ix_sources_name_key"), "sources", ["name_key"], unique=False)
    op.create_index(op.f("ix_sources_type"), "sources", ["type"], unique=False)
    op.create_table(
        "attributions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("local_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("cue", sa.Text(), nullable=True),
        sa.Column("cue_lemma", sa.Text(), nullable=True),
        sa.Column("stance", sa.String(length=16), nullable=True),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("content_start", sa.Integer(), nullable=False),
        sa.Column("content_end", sa.Integer(), nullable=False),
        sa.Column("via", sa.Text(), nullable=True),
        sa.Column("parent_local_id", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_attributions_document_id_documents")
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name=op.f("fk_attributions_source_id_sources")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attributions")),
    )
    op.create_index(
        op.f("ix_attributions_document_id"), "attributions", ["document_id"], unique=False
    )
    op.create_index(op.f("ix_attributions_source_id"), "attributions", ["source_id"], unique=False)
    op.create_table(
        "claims",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("local_id", sa.String(length=32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("asserted_by_publisher", sa.Boolean(), nullable=False),
        sa.Column("certainty", sa.String(length=16), nullable=False),
        sa.Column("hedged", sa.Boolean(), nullable=False),
        sa.Column("polarity", sa.String(length=16), nullable=False),
        sa.Column("checkworthiness", sa.Float(), nullable=False),
        sa.Column("chain", JSON_DATA, nullable=False),
        sa.Column("chain_length", sa.Integer(), nullable=False),
        sa.Column("root_source_id", sa.Integer(), nullable=True),
        sa.Column("origin_source_id", sa.Integer(), nullable=True),
        sa.Column("origin_label", sa.Text(), nullable=True),
        sa.Column("origin_type", sa.String(length=32), nullable=True),
        sa.Column("time_value", sa.String(length=64), nullable=True),
        sa.Column("time_start", sa.String(length=32), nullable=True),
        sa.Column("time_end", sa.String(length=32), nullable=True),
        sa.Column("place_name", sa.Text(), nullable=True),
        sa.Column("place_lat", sa.Float(), nullable=True),
        sa.Column("place_lon", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_claims_document_id_documents")
        ),
        sa.ForeignKeyConstraint(
            ["origin_source_id"], ["sources.id"], name=op.f("fk_claims_origin_source_id_sources")
        ),
        sa.ForeignKeyConstraint(
            ["root_source_id"], ["sources.id"], name=op.f("fk_claims_root_source_id_sources")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claims")),
    )
    op.create_index(op.f("ix_claims_certainty"), "claims", ["certainty"], unique=False)
    op.create_index(op.f("ix_claims_document_id"), "claims", ["document_id"], unique=False)
    op.create_index(
        op.f("ix_claims_origin_source_id"), "claims", ["origin_source_id"], unique=False
    )
    op.create_table(
        "claim_attributions",
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("attribution_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["attribution_id"],
            ["attributions.id"],
            name=op.f("fk_claim_attributions_attribution_id_attributions"),
        ),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claims.id"], name=op.f("fk_claim_attributions_claim_id_claims")
        ),
        sa.PrimaryKeyConstraint("claim_id", "attribution_id", name=op.f("pk_claim_attributions")),
    )


def downgrade() -> None:
    op.drop_table("claim_attributions")
    op.drop_index(op.f("ix_claims_origin_source_id"), table_name="claims")
    op.drop_index(op.f("ix_claims_document_id"), table_name="claims")
    op.drop_index(op.f("ix_claims_certainty"), table_name="claims")
    op.drop_table("claims")
    op.drop_index(op.f("ix_attributions_source_id"), table_name="attributions")
    op.drop_index(op.f("ix_attributions_document_id"), table_name="attributions")
    op.drop_table("attributions")
    op.drop_index(op.f("ix_sources_type"), table_name="sources")
    op.drop_index(op.f("ix_sources_name_key"), table_name="sources")
    op.drop_index(op.f("ix_sources_document_id"), table_name="sources")
    op.drop_table("sources")
    op.drop_table("reports")
    op.drop_index(op.f("ix_places_document_id"), table_name="places")
    op.drop_index(op.f("ix_places_country_code"), table_name="places")
    op.drop_table("places")
    op.drop_index("ix_failures_input_stage_code", table_name="failures")
    op.drop_index(op.f("ix_failures_document_id"), table_name="failures")
    op.drop_index(op.f("ix_failures_code"), table_name="failures")
    op.drop_table("failures")
    op.drop_index(op.f("ix_events_event_type"), table_name="events")
    op.drop_index(op.f("ix_events_document_id"), table_name="events")
    op.drop_table("events")
    op.drop_index(op.f("ix_documents_publisher"), table_name="documents")
    op.drop_index(op.f("ix_documents_published"), table_name="documents")
    op.drop_table("documents")
