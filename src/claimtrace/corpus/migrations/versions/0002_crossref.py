"""Cross-article tables: clusters with their members, joins and origins, duplicate groups,
MinHash signatures of documents and the state of the last run.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None

JSON_DATA = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    op.create_table(
        "crossref_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("articles", sa.Integer(), nullable=False),
        sa.Column("claims", sa.Integer(), nullable=False),
        sa.Column("clusters", sa.Integer(), nullable=False),
        sa.Column("candidate_pairs", sa.BigInteger(), nullable=False),
        sa.Column("joins", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_crossref_state")),
    )
    op.create_table(
        "document_signatures",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("scheme", sa.String(length=64), nullable=False),
        sa.Column("shingles", sa.Integer(), nullable=False),
        sa.Column("hashvalues", JSON_DATA, nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_document_signatures_document_id_documents"),
        ),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_document_signatures")),
    )
    op.create_table(
        "duplicate_groups",
        sa.Column("key", sa.String(length=16), nullable=False),
        sa.Column("canonical_document_id", sa.Integer(), nullable=False),
        sa.Column("data", JSON_DATA, nullable=False),
        sa.ForeignKeyConstraint(
            ["canonical_document_id"],
            ["documents.id"],
            name=op.f("fk_duplicate_groups_canonical_document_id_documents"),
        ),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_duplicate_groups")),
    )
    op.create_table(
        "duplicate_members",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("group_key", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_duplicate_members_document_id_documents"),
        ),
        sa.ForeignKeyConstraint(
            ["group_key"],
            ["duplicate_groups.key"],
            name=op.f("fk_duplicate_members_group_key_duplicate_groups"),
        ),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_duplicate_members")),
    )
    op.create_index(
        op.f("ix_duplicate_members_group_key"), "duplicate_members", ["group_key"], unique=False
    )
    op.create_table(
        "clusters",
        sa.Column("key", sa.String(length=16), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("anchor_claim_id", sa.Integer(), nullable=False),
        sa.Column("first_document_id", sa.Integer(), nullable=True),
        sa.Column("first_published", sa.Date(), nullable=True),
        sa.Column("period_start", sa.Date(), nullable=True),
        sa.Column("period_end", sa.Date(), nullable=True),
        sa.Column("articles", sa.Integer(), nullable=False),
        sa.Column("outlets", sa.Integer(), nullable=False),
        sa.Column("voices", sa.Integer(), nullable=False),
        sa.Column("independent_origins", sa.Integer(), nullable=False),
        sa.Column("single_origin", sa.Boolean(), nullable=False),
        sa.Column("circular", sa.Boolean(), nullable=False),
        sa.Column("citation_loop", sa.Boolean(), nullable=False),
        sa.Column("syndicated", sa.Boolean(), nullable=False),
        sa.Column("denied", sa.Boolean(), nullable=False),
        sa.Column("places", JSON_DATA, nullable=False),
        sa.Column("data", JSON_DATA, nullable=False),
        sa.ForeignKeyConstraint(
            ["anchor_claim_id"], ["claims.id"], name=op.f("fk_clusters_anchor_claim_id_claims")
        ),
        sa.ForeignKeyConstraint(
            ["first_document_id"],
            ["documents.id"],
            name=op.f("fk_clusters_first_document_id_documents"),
        ),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_clusters")),
        sa.UniqueConstraint("anchor_claim_id", name=op.f("uq_clusters_anchor_claim_id")),
    )
    op.create_index(
        op.f("ix_clusters_first_published"), "clusters", ["first_published"], unique=False
    )
    op.create_index(
        op.f("ix_clusters_independent_origins"), "clusters", ["independent_origins"], unique=False
    )
    op.create_table(
        "cluster_joins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cluster_key", sa.String(length=16), nullable=False),
        sa.Column("claim_a_id", sa.Integer(), nullable=False),
        sa.Column("claim_b_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("features", JSON_DATA, nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_a_id"], ["claims.id"], name=op.f("fk_cluster_joins_claim_a_id_claims")
        ),
        sa.ForeignKeyConstraint(
            ["claim_b_id"], ["claims.id"], name=op.f("fk_cluster_joins_claim_b_id_claims")
        ),
        sa.ForeignKeyConstraint(
            ["cluster_key"], ["clusters.key"], name=op.f("fk_cluster_joins_cluster_key_clusters")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cluster_joins")),
    )
    op.create_index(
        op.f("ix_cluster_joins_cluster_key"), "cluster_joins", ["cluster_key"], unique=False
    )
    op.create_table(
        "cluster_members",
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("cluster_key", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claims.id"], name=op.f("fk_cluster_members_claim_id_claims")
        ),
        sa.ForeignKeyConstraint(
            ["cluster_key"], ["clusters.key"], name=op.f("fk_cluster_members_cluster_key_clusters")
        ),
        sa.PrimaryKeyConstraint("claim_id", name=op.f("pk_cluster_members")),
    )
    op.create_index(
        op.f("ix_cluster_members_cluster_key"), "cluster_members", ["cluster_key"], unique=False
    )
    op.create_table(
        "cluster_origins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cluster_key", sa.String(length=16), nullable=False),
        sa.Column("origin_key", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("type", sa.String(length=32), nullable=False),
        sa.Column("counted", sa.Boolean(), nullable=False),
        sa.Column("paths", JSON_DATA, nullable=False),
        sa.ForeignKeyConstraint(
            ["cluster_key"], ["clusters.key"], name=op.f("fk_cluster_origins_cluster_key_clusters")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cluster_origins")),
    )
    op.create_index(
        op.f("ix_cluster_origins_cluster_key"), "cluster_origins", ["cluster_key"], unique=False
    )
    op.create_index(op.f("ix_cluster_origins_type"), "cluster_origins", ["type"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_cluster_origins_type"), table_name="cluster_origins")
    op.drop_index(op.f("ix_cluster_origins_cluster_key"), table_name="cluster_origins")
    op.drop_table("cluster_origins")
    op.drop_index(op.f("ix_cluster_members_cluster_key"), table_name="cluster_members")
    op.drop_table("cluster_members")
    op.drop_index(op.f("ix_cluster_joins_cluster_key"), table_name="cluster_joins")
    op.drop_table("cluster_joins")
    op.drop_index(op.f("ix_clusters_independent_origins"), table_name="clusters")
    op.drop_index(op.f("ix_clusters_first_published"), table_name="clusters")
    op.drop_table("clusters")
    op.drop_index(op.f("ix_duplicate_members_group_key"), table_name="duplicate_members")
    op.drop_table("duplicate_members")
    op.drop_table("duplicate_groups")
    op.drop_table("document_signatures")
    op.drop_table("crossref_state")
