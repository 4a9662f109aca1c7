"""Cross-referencing over the store: load the stored reports, run `cross_reference`, keep
the result in the cross-article tables.

`run_crossref` is the entry point. It is cheap to call often: a digest of the stored
documents and the settings is kept in ``crossref_state``, and when it has not changed the
run stops before reading any report. Otherwise the whole corpus is cross-referenced again
(MinHash signatures of documents are computed once and stored), and only clusters and
duplicate groups whose content changed are rewritten, in one transaction.

Ids are stable: an article is named by the first 12 characters of its content hash (the same
text gives the same id in any database), a cluster by a hash of its anchor claim (the first
claim of its earliest appearance), so a cluster keeps its id when later articles join it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from datasketch import MinHash
from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from ..crossref import Article, Cluster, CrossReference, CrossrefSettings, cross_reference
from ..crossref.dedupe import minhash, minhash_of, shingles, signature_scheme
from ..crossref.render import cluster_to_dict, to_data
from ..crossref.settings import load_settings
from .decode import report_from_dict
from .store import Store
from .tables import (
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
    ReportRow,
    utc_now,
)

ARTICLE_ID_LENGTH = 12
STATE_ID = 1
VERSION = "1"  # raise when the stored result of the same inputs would change


@dataclass(frozen=True, slots=True)
class CrossrefRun:
    """What one call of `run_crossref` did; ``ran`` is False when nothing had changed."""

    ran: bool
    articles: int
    claims: int
    clusters: int
    joins: int
    added: int = 0
    changed: int = 0
    removed: int = 0
    seconds: float = 0.0


@dataclass(frozen=True, slots=True)
class StoredIds:
    """Row ids of the articles and claims the crossref records name."""

    documents: dict[str, int]  # article id -> documents.id
    claims: dict[str, int]  # claim key "<article id>#<claim id>" -> claims.id


def article_id(content_hash: str) -> str:
    """The id of a stored document in the cross-article records."""
    return content_hash[:ARTICLE_ID_LENGTH]


def run_crossref(
    store: Store, *, force: bool = False, settings: CrossrefSettings | None = None
) -> CrossrefRun:
    """Cross-reference the stored corpus when it changed since the last run (or `force`)."""
    config = settings or load_settings()
    started = time.perf_counter()
    with store.transaction() as session:
        digest = corpus_digest(session, config)
        # one run at a time on PostgreSQL: a second one waits here, then finds it done
        state = session.get(CrossrefStateRow, STATE_ID, with_for_update=True)
        if state is not None and state.digest == digest and not force:
            return CrossrefRun(False, state.articles, state.claims, state.clusters, state.joins)
        articles = load_articles(session)
        known = signatures(session, articles, config)
        xref = cross_reference(articles, config, known)
        ids = stored_ids(session)
        added, changed, removed = write_clusters(session, stable_clusters(xref.clusters), ids)
        write_duplicates(session, xref, ids)
        if state is None or state.digest != digest:
            _save_state(session, digest, xref)
    seconds = time.perf_counter() - started
    stats = xref.stats
    return CrossrefRun(
        True, stats.articles, stats.claims, len(xref.clusters), stats.joins,
        added, changed, removed, round(seconds, 3),
    )  # fmt: skip


def corpus_digest(session: Session, settings: CrossrefSettings) -> str:
    """A digest of the stored documents, the settings and the result's version."""
    hashes = session.scalars(select(DocumentRow.content_hash).order_by(DocumentRow.content_hash))
    digest = hashlib.sha256(f"v{VERSION}\n{settings_fingerprint(settings)}\n".encode())
    for content_hash in hashes:
        digest.update(content_hash.encode("ascii") + b"\n")
    return digest.hexdigest()


def settings_fingerprint(settings: CrossrefSettings) -> str:
    """The settings as canonical JSON (sets sorted), the same in every process."""
    return json.dumps(_canonical(dataclasses.asdict(settings)), sort_keys=True)


def _canonical(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(key): _canonical(item) for key, item in value.items()}
    if isinstance(value, frozenset | set):
        return sorted(_canonical(item) for item in value)
    if isinstance(value, tuple | list):
        return [_canonical(item) for item in value]
    return value


def load_articles(session: Session) -> list[Article]:
    """Every stored document with its report, as crossref Articles."""
    query = select(DocumentRow, ReportRow.data).join(
        ReportRow, ReportRow.document_id == DocumentRow.id
    )
    return [
        Article(
            id=article_id(document.content_hash),
            report=report_from_dict(dict(data)),
            publisher=document.publisher,
            published=document.published,
            url=document.url,
            title=document.title,
        )
        for document, data in session.execute(query.order_by(DocumentRow.content_hash))
    ]


def signatures(
    session: Session, articles: Sequence[Article], settings: CrossrefSettings
) -> dict[str, MinHash]:
    """MinHash signatures of the articles: stored ones, and new ones computed and stored."""
    config = settings.duplicates
    scheme = signature_scheme(config)
    ids = _document_ids(session)
    stored = {
        row.document_id: row
        for row in session.scalars(select(DocumentSignatureRow))
        if row.scheme == scheme
    }
    found: dict[str, MinHash] = {}
    for article in articles:
        row = stored.get(ids[article.id])
        if row is not None:
            found[article.id] = minhash_of(row.hashvalues, config.num_perm)
            continue
        items = shingles(article.report.document.text, config.shingle_words)
        if items:
            found[article.id] = minhash(items, config.num_perm)
            session.merge(
                DocumentSignatureRow(
                    document_id=ids[article.id],
                    scheme=scheme,
                    shingles=len(items),
                    hashvalues=[int(value) for value in found[article.id].hashvalues],
                )
            )
    return found


def _document_ids(session: Session) -> dict[str, int]:
    rows = session.execute(select(DocumentRow.content_hash, DocumentRow.id))
    return {article_id(content_hash): row_id for content_hash, row_id in rows}


def stored_ids(session: Session) -> StoredIds:
    """Row ids of every stored article and claim, by their crossref names."""
    documents = _document_ids(session)
    by_row = {row_id: name for name, row_id in documents.items()}
    claims = {
        f"{by_row[document_id]}#{local_id}": claim_id
        for claim_id, document_id, local_id in session.execute(
            select(ClaimRow.id, ClaimRow.document_id, ClaimRow.local_id)
        )
    }
    return StoredIds(documents, claims)


def anchor_key(cluster: Cluster) -> str:
    """The cluster's first claim: the first claim of its earliest appearance."""
    first = cluster.profile.first_appearance
    if first is not None and first.claim_ids:
        return f"{first.article_id}#{first.claim_ids[0]}"
    return min(ref.key for ref in cluster.claims)


def stable_key(cluster: Cluster) -> str:
    """The cluster's stored id: a hash of its anchor claim's key."""
    return "K" + hashlib.sha1(anchor_key(cluster).encode("utf-8")).hexdigest()[:12]


def stable_clusters(clusters: Iterable[Cluster]) -> tuple[Cluster, ...]:
    """The clusters with their stable ids."""
    return tuple(dataclasses.replace(cluster, id=stable_key(cluster)) for cluster in clusters)


def write_clusters(
    session: Session, clusters: Sequence[Cluster], ids: StoredIds
) -> tuple[int, int, int]:
    """Rewrite the clusters whose data changed; (added, changed, removed)."""
    new = {cluster.id: cluster for cluster in clusters}
    data = {key: cluster_to_dict(cluster) for key, cluster in new.items()}
    old: dict[str, Any] = {
        key: value for key, value in session.execute(select(ClusterRow.key, ClusterRow.data))
    }
    changed = sorted(key for key in new.keys() & old.keys() if old[key] != data[key])
    removed = sorted(old.keys() - new.keys())
    added = sorted(new.keys() - old.keys())
    _delete_clusters(session, [*changed, *removed])
    written = [new[key] for key in sorted([*changed, *added])]
    if written:
        session.execute(insert(ClusterRow), [cluster_row(c, data[c.id], ids) for c in written])
    members = [
        {"claim_id": ids.claims[ref.key], "cluster_key": c.id} for c in written for ref in c.claims
    ]
    joins = [join_row(c.id, join, ids) for c in written for join in c.joins]
    origins = [origin_row(c.id, origin) for c in written for origin in c.origins]
    for table, values in (
        (ClusterMemberRow, members),
        (ClusterJoinRow, joins),
        (ClusterOriginRow, origins),
    ):
        if values:
            session.execute(insert(table), values)
    return len(added), len(changed), len(removed)


def _delete_clusters(session: Session, keys: Sequence[str]) -> None:
    for start in range(0, len(keys), 500):
        part = keys[start : start + 500]
        for table in (ClusterMemberRow, ClusterJoinRow, ClusterOriginRow):
            session.execute(delete(table).where(table.cluster_key.in_(part)))
        session.execute(delete(ClusterRow).where(ClusterRow.key.in_(part)))


def cluster_row(cluster: Cluster, data: dict[str, Any], ids: StoredIds) -> dict[str, Any]:
    """The columns of one cluster row."""
    profile = cluster.profile
    first = profile.first_appearance
    return {
        "key": cluster.id,
        "label": cluster.label,
        "anchor_claim_id": ids.claims[anchor_key(cluster)],
        "first_document_id": ids.documents[first.article_id] if first else None,
        "first_published": first.published if first else None,
        "period_start": cluster.period_start,
        "period_end": cluster.period_end,
        "articles": profile.articles,
        "outlets": profile.outlets,
        "voices": profile.voices,
        "independent_origins": profile.independent_origins,
        "single_origin": profile.single_origin,
        "circular": profile.circular,
        "citation_loop": profile.citation_loop,
        "syndicated": profile.syndicated,
        "denied": profile.denied,
        "places": list(cluster.places),
        "data": data,
    }


def join_row(key: str, join: Any, ids: StoredIds) -> dict[str, Any]:
    return {
        "cluster_key": key,
        "claim_a_id": ids.claims[join.a],
        "claim_b_id": ids.claims[join.b],
        "score": join.score,
        "features": to_data(join.features),
    }


def origin_row(key: str, origin: Any) -> dict[str, Any]:
    return {
        "cluster_key": key,
        "origin_key": origin.id,
        "name": origin.name,
        "type": origin.type,
        "counted": origin.counted,
        "paths": list(origin.paths),
    }


def write_duplicates(session: Session, xref: CrossReference, ids: StoredIds) -> None:
    """Rewrite the duplicate groups when they changed."""
    new = {group.id: to_data(group) for group in xref.duplicates}
    old: dict[str, Any] = {
        key: value
        for key, value in session.execute(select(DuplicateGroupRow.key, DuplicateGroupRow.data))
    }
    if new == old:
        return
    session.execute(delete(DuplicateMemberRow))
    session.execute(delete(DuplicateGroupRow))
    for group in xref.duplicates:
        session.add(
            DuplicateGroupRow(
                key=group.id,
                canonical_document_id=ids.documents[group.canonical],
                data=new[group.id],
            )
        )
    session.flush()
    members = [
        {"document_id": ids.documents[article], "group_key": group.id}
        for group in xref.duplicates
        for article in group.article_ids
    ]
    if members:
        session.execute(insert(DuplicateMemberRow), members)


def _save_state(session: Session, digest: str, xref: CrossReference) -> None:
    stats = xref.stats
    session.merge(
        CrossrefStateRow(
            id=STATE_ID,
            digest=digest,
            articles=stats.articles,
            claims=stats.claims,
            clusters=len(xref.clusters),
            candidate_pairs=stats.candidate_pairs,
            joins=stats.joins,
            updated_at=utc_now(),
        )
    )
