"""Reading the corpus: claims with their clusters, sources, one cluster's propagation.

Each query first brings the cross-article tables up to date (`run_crossref`, which does
nothing when the corpus has not changed), then reads them. Cluster filters (``about``,
``place``, ``since``) are those of `claimtrace.crossref.query`, applied to the stored clusters.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import distinct, func, select

from ..crossref import Cluster, CrossReference, CrossrefStats
from ..crossref.query import clusters_about, clusters_at_place, clusters_since
from ..errors import InvalidDate, UnknownCluster, UnknownSourceType
from ..ingest.dates import parse_date
from ..model import SourceType
from .crossref_store import article_id, run_crossref
from .decode import cluster_from_dict, duplicate_group_from_dict
from .store import Store
from .tables import (
    ClaimRow,
    ClusterMemberRow,
    ClusterRow,
    CrossrefStateRow,
    DocumentRow,
    DuplicateGroupRow,
    SourceRow,
)

SOURCE_TYPES = tuple(kind.value for kind in SourceType)


@dataclass(frozen=True, slots=True)
class ClaimListing:
    """A stored claim with where it appeared and the cluster it belongs to."""

    key: str  # "<article id>#<claim id>"
    text: str
    source: str | None  # the innermost source of its attribution chain
    source_type: str | None
    outlet: str | None
    published: dt.date | None
    url: str | None
    input_name: str
    certainty: str
    cluster: str | None
    independent_origins: int | None
    circular: bool | None


@dataclass(frozen=True, slots=True)
class SourceListing:
    """A source across the corpus (same name and type): where it appears, what it backs."""

    name: str
    type: str
    articles: int
    outlets: int
    mentions: int
    claims: int  # claims whose attribution chain ends with it


def since_date(value: str | None) -> dt.date | None:
    """A --since value as a date (CT110 when it is not one)."""
    if value is None:
        return None
    parsed = parse_date(value)
    if parsed is None:
        raise InvalidDate(
            f"invalid date {value!r}: use YYYY-MM-DD, e.g. 2024-05-01", detail={"since": value}
        )
    return parsed


def stored_crossref(store: Store) -> CrossReference:
    """The stored result of the last cross-referencing run, brought up to date first."""
    run_crossref(store)
    with store.transaction() as session:
        clusters = [
            cluster_from_dict(dict(data))
            for data in session.scalars(
                select(ClusterRow.data).order_by(
                    ClusterRow.first_published.nulls_last(), ClusterRow.key
                )
            )
        ]
        groups = [
            duplicate_group_from_dict(dict(data))
            for data in session.scalars(
                select(DuplicateGroupRow.data).order_by(DuplicateGroupRow.key)
            )
        ]
        state = session.get(CrossrefStateRow, 1)
    stats = CrossrefStats(
        state.articles if state else 0,
        state.claims if state else 0,
        state.candidate_pairs if state else 0,
        state.joins if state else 0,
    )
    return CrossReference(tuple(groups), tuple(clusters), stats)


def find_stored_cluster(store: Store, key: str) -> Cluster:
    """One stored cluster by id (CT117 when there is none)."""
    run_crossref(store)
    with store.transaction() as session:
        data = session.scalar(select(ClusterRow.data).where(ClusterRow.key == key.strip()))
    if data is None:
        raise UnknownCluster(
            f"no cluster with id {key!r}: `claimtrace claims` lists the clusters of claims",
            detail={"cluster": key},
        )
    return cluster_from_dict(dict(data))


def list_claims(
    store: Store,
    *,
    about: str | None = None,
    place: str | None = None,
    since: dt.date | None = None,
) -> tuple[ClaimListing, ...]:
    """Claims (earliest first), those of clusters matching every filter given."""
    wanted = _matching_clusters(store, about, place, since)
    query = (
        select(ClaimRow, DocumentRow, ClusterRow)
        .join(DocumentRow, ClaimRow.document_id == DocumentRow.id)
        .outerjoin(ClusterMemberRow, ClusterMemberRow.claim_id == ClaimRow.id)
        .outerjoin(ClusterRow, ClusterRow.key == ClusterMemberRow.cluster_key)
        .order_by(DocumentRow.published.nulls_last(), DocumentRow.content_hash, ClaimRow.start)
    )
    with store.transaction() as session:
        found = [
            _claim_listing(claim, document, cluster)
            for claim, document, cluster in session.execute(query)
            if wanted is None or (cluster is not None and cluster.key in wanted)
        ]
    return tuple(found)


def _matching_clusters(
    store: Store, about: str | None, place: str | None, since: dt.date | None
) -> set[str] | None:
    if about is None and place is None and since is None:
        run_crossref(store)
        return None
    xref = stored_crossref(store)
    clusters = set(xref.clusters)
    if about is not None:
        clusters &= set(clusters_about(xref, about))
    if place is not None:
        clusters &= set(clusters_at_place(xref, place))
    if since is not None:
        clusters &= set(clusters_since(xref, since))
    return {cluster.id for cluster in clusters}


def _claim_listing(
    claim: ClaimRow, document: DocumentRow, cluster: ClusterRow | None
) -> ClaimListing:
    return ClaimListing(
        key=f"{article_id(document.content_hash)}#{claim.local_id}",
        text=claim.text,
        source=claim.origin_label,
        source_type=claim.origin_type,
        outlet=document.publisher,
        published=document.published,
        url=document.url,
        input_name=document.input_name,
        certainty=claim.certainty,
        cluster=cluster.key if cluster else None,
        independent_origins=cluster.independent_origins if cluster else None,
        circular=cluster.circular if cluster else None,
    )


def source_type(value: str | None) -> str | None:
    """A --type value checked against the source types (CT118)."""
    if value is None:
        return None
    kind = value.strip().lower()
    if kind not in SOURCE_TYPES:
        raise UnknownSourceType(
            f"unknown source type {value!r}: use one of {', '.join(SOURCE_TYPES)}",
            detail={"type": value, "types": list(SOURCE_TYPES)},
        )
    return kind


def list_sources(store: Store, *, kind: str | None = None) -> tuple[SourceListing, ...]:
    """Sources grouped by folded name and type, most widely reported first."""
    where = [SourceRow.type == kind] if kind else []
    seen = (
        select(
            SourceRow.name_key,
            SourceRow.type,
            func.min(SourceRow.name),
            func.count(distinct(SourceRow.document_id)),
            func.count(distinct(DocumentRow.publisher)),
            func.sum(SourceRow.mentions),
        )
        .join(DocumentRow, SourceRow.document_id == DocumentRow.id)
        .where(*where)
        .group_by(SourceRow.name_key, SourceRow.type)
    )
    backed = (
        select(SourceRow.name_key, SourceRow.type, func.count(ClaimRow.id))
        .join(ClaimRow, ClaimRow.origin_source_id == SourceRow.id)
        .where(*where)
        .group_by(SourceRow.name_key, SourceRow.type)
    )
    with store.transaction() as session:
        claims = {(key, type_): count for key, type_, count in session.execute(backed)}
        found = [
            SourceListing(
                name, type_, articles, outlets, int(mentions or 0), claims.get((key, type_), 0)
            )
            for key, type_, name, articles, outlets, mentions in session.execute(seen)
        ]
    return tuple(sorted(found, key=lambda s: (-s.articles, -s.claims, s.name.casefold(), s.type)))
