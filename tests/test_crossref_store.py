"""Cross-referencing over the store, on SQLite and PostgreSQL: the stored clusters, origins and
flags, stable ids, idempotent reruns, stored signatures, and records read back from JSON."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Sequence
from typing import Any

import pytest
from alembic import command
from sqlalchemy import create_engine, select

from claimtrace.corpus import Store, database_url
from claimtrace.corpus.crossref_store import article_id, run_crossref
from claimtrace.corpus.decode import cluster_from_dict, from_data, report_from_dict
from claimtrace.corpus.migrate import alembic_config
from claimtrace.corpus.queries import find_stored_cluster, list_claims, list_sources
from claimtrace.corpus.tables import (
    ClaimRow,
    ClusterJoinRow,
    ClusterMemberRow,
    ClusterOriginRow,
    ClusterRow,
    CrossrefStateRow,
    DocumentRow,
    DocumentSignatureRow,
    DuplicateGroupRow,
    DuplicateMemberRow,
)
from claimtrace.crossref import Article, cluster_to_dict, cross_reference
from claimtrace.errors import StoreError, UnknownCluster
from claimtrace.export import report_to_dict
from claimtrace.model import Report
from handmade import rich_report
from test_crossref_handmade import Said, article
from test_crossref_rules import circular_corpus, independent_corpus

pytest_plugins = ["store_fixtures"]  # the `db` and `store` fixtures

CROSSREF_TABLES = (
    ClusterRow,
    ClusterMemberRow,
    ClusterJoinRow,
    ClusterOriginRow,
    DuplicateGroupRow,
    DuplicateMemberRow,
    DocumentSignatureRow,
    CrossrefStateRow,
)


def stored(item: Article) -> dict[str, Any]:
    """The report dict of a handmade article, with its content hash set."""
    report = item.report
    digest = hashlib.sha256(report.document.text.encode("utf-8")).hexdigest()
    document = dataclasses.replace(report.document, content_hash=digest)
    return report_to_dict(dataclasses.replace(report, document=document))


def add(store: Store, articles: Sequence[Article]) -> dict[str, str]:
    """Store handmade articles under their ids; their ids in the store's records."""
    ids = {}
    for item in articles:
        data = stored(item)
        store.add_report_dict(data, item.id)
        ids[item.id] = article_id(data["document"]["content_hash"])
    return ids


def unrelated() -> Article:
    return article(
        "u1", "Inland Post", "2024-05-03", Said("The Brenmoor library reopened its doors")
    )


def cluster_of(store: Store, key: str) -> ClusterRow:
    """The stored cluster holding a claim key ``<article id>#<claim id>``."""
    aid, _, local = key.partition("#")
    with store.session() as session:
        query = (
            select(ClusterRow)
            .join(ClusterMemberRow, ClusterMemberRow.cluster_key == ClusterRow.key)
            .join(ClaimRow, ClaimRow.id == ClusterMemberRow.claim_id)
            .join(DocumentRow, DocumentRow.id == ClaimRow.document_id)
            .where(DocumentRow.content_hash.startswith(aid), ClaimRow.local_id == local)
        )
        return session.scalars(query).one()


def snapshot(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the cross-article tables (ids included), to compare runs."""
    found = {}
    with store.session() as session:
        for table in CROSSREF_TABLES:
            columns = [c for c in table.__table__.columns]
            rows = session.execute(select(*columns).order_by(*table.__table__.primary_key))
            found[table.__tablename__] = [tuple(row) for row in rows]
    return found


# --- the stored result ----------------------------------------------------------------


def test_circular_and_independent_stories_are_stored_with_origins_and_flags(
    store: Store,
) -> None:
    ids = add(store, [*circular_corpus(), *independent_corpus(), unrelated()])
    run = run_crossref(store)
    assert run.ran and run.articles == 9
    circular = cluster_of(store, f"{ids['c1']}#C1")
    assert (circular.articles, circular.outlets, circular.independent_origins) == (5, 5, 1)
    assert circular.circular and circular.single_origin and not circular.denied
    independent = cluster_of(store, f"{ids['i1']}#C1")
    assert independent.independent_origins == 2
    assert not independent.circular and independent.denied
    with store.session() as session:
        origins = session.execute(
            select(ClusterOriginRow.cluster_key, ClusterOriginRow.name, ClusterOriginRow.counted)
        ).all()
        joins = session.scalars(
            select(ClusterJoinRow).where(ClusterJoinRow.cluster_key == circular.key)
        ).all()
    assert {(name, counted) for key, name, counted in origins if key == circular.key} == {
        ("Kordon 24", True)
    }
    assert {name for key, name, counted in origins if key == independent.key and counted} == {
        "Kestrian Monitor for Civil Rights",
        "Jana Pell",
    }
    assert joins and all(j.score > 0 and j.features for j in joins)
    assert {f["name"] for j in joins for f in j.features} >= {"text"}


def test_the_stored_cluster_reads_back_as_the_library_computes_it(store: Store) -> None:
    ids = add(store, circular_corpus())
    run_crossref(store)
    cluster = find_stored_cluster(store, cluster_of(store, f"{ids['c3']}#C1").key)
    (origin,) = cluster.origins
    assert "Plains Gazette <- Harbor Ledger <- Kordon 24" in origin.paths
    assert [(c.outlet, c.cited) for c in cluster.citations] == [("Plains Gazette", "Harbor Ledger")]
    assert cluster.profile.first_appearance is not None
    assert cluster.profile.first_appearance.published.isoformat() == "2024-05-06"  # type: ignore[union-attr]


def test_claims_list_their_cluster_and_independence(store: Store) -> None:
    ids = add(store, [*independent_corpus(), unrelated()])
    found = {claim.key: claim for claim in list_claims(store)}
    claim = found[f"{ids['i2']}#C1"]
    assert (claim.outlet, claim.source, claim.source_type) == (
        "Capital Dispatch",
        "Jana Pell",
        "person",
    )
    assert claim.independent_origins == 2 and claim.circular is False
    assert claim.published is not None and claim.published.isoformat() == "2024-05-11"
    about = list_claims(store, about="detained farmers")
    assert {c.input_name for c in about} == {"i1", "i2", "i3"}
    assert list_claims(store, about="zebra crossing") == ()


def test_sources_are_counted_across_articles(store: Store) -> None:
    add(store, independent_corpus())
    found = {(s.name, s.type): s for s in list_sources(store)}
    ngo = found[("Kestrian Monitor for Civil Rights", "ngo")]
    assert (ngo.articles, ngo.outlets, ngo.claims) == (2, 2, 2)
    assert [s.name for s in list_sources(store, kind="person")] == ["Jana Pell"]


def test_an_unknown_cluster_is_an_error(store: Store) -> None:
    add(store, independent_corpus())
    with pytest.raises(UnknownCluster):
        find_stored_cluster(store, "K000000000000")


# --- reruns and stable ids ----------------------------------------------------------------


def test_a_rerun_on_an_unchanged_corpus_changes_nothing(store: Store) -> None:
    add(store, [*circular_corpus(), *independent_corpus()])
    first = run_crossref(store)
    before = snapshot(store)
    again = run_crossref(store)
    assert not again.ran and (again.clusters, again.joins) == (first.clusters, first.joins)
    forced = run_crossref(store, force=True)
    assert forced.ran and (forced.added, forced.changed, forced.removed) == (0, 0, 0)
    assert snapshot(store) == before


def test_a_cluster_keeps_its_id_when_a_later_article_joins_it(store: Store) -> None:
    articles = circular_corpus()
    ids = add(store, articles[:4])
    run_crossref(store)
    key = cluster_of(store, f"{ids['c1']}#C1").key
    ids |= add(store, articles[4:])
    run = run_crossref(store)
    assert run.ran and run.changed >= 1
    row = cluster_of(store, f"{ids['c5']}#C1")
    assert row.key == key and row.articles == 5


def test_ids_do_not_depend_on_the_order_articles_were_stored(tmp_path: Any) -> None:
    from claimtrace.corpus import open_store

    articles = [*circular_corpus(), *independent_corpus()]
    keys = []
    for name, order in (("a", articles), ("b", list(reversed(articles)))):
        with open_store(tmp_path / f"{name}.db") as store:
            add(store, order)
            run_crossref(store)
            with store.session() as session:
                keys.append(sorted(session.scalars(select(ClusterRow.key))))
    assert keys[0] == keys[1]


def test_signatures_are_stored_once_per_document_and_reused(store: Store) -> None:
    wire = "The North Wire reports that the council approved a new harbour wall on Monday."
    copies = [
        article("w1", "North Wire", "2024-03-05", Said(wire)),
        article("w2", "Coast Herald", "2024-03-06", Said(wire + " Work starts in May.")),
    ]
    add(store, copies)
    run_crossref(store)
    with store.session() as session:
        signatures = session.scalars(select(DocumentSignatureRow)).all()
        groups = session.scalars(select(DuplicateGroupRow)).all()
    assert len(signatures) == 2 and all(len(s.hashvalues) == 128 for s in signatures)
    assert len(groups) == 1
    before = snapshot(store)
    run_crossref(store, force=True)
    assert snapshot(store) == before


def test_the_migration_goes_down_and_up_again(db: str) -> None:
    engine = create_engine(database_url(db))
    config = alembic_config()
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            command.downgrade(config, "0001")
            command.upgrade(config, "head")
    finally:
        engine.dispose()


# --- records back from JSON -----------------------------------------------------------------


def test_a_report_reads_back_from_its_stored_dict() -> None:
    report = rich_report()
    assert report_from_dict(report_to_dict(report)) == report


def test_a_cluster_reads_back_from_its_stored_dict() -> None:
    xref = cross_reference([*circular_corpus(), *independent_corpus()])
    for cluster in xref.clusters:
        assert cluster_from_dict(cluster_to_dict(cluster)) == cluster


def test_data_that_do_not_fit_are_a_store_error() -> None:
    with pytest.raises(StoreError):
        from_data(Report, {"document": {"text": 3}})
