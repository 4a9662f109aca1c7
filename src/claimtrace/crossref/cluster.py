"""Claim clusters across a corpus: near-duplicates, joins, origins and profiles in one call.

`cross_reference` is the entry point. Articles are processed in id order, so the result does
not depend on the order they are given in; a cluster's id is a hash of its sorted claim
keys, so it stays the same as long as its members do.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence

from datasketch import MinHash

from ..errors import InputError
from ..model import Claim, Report, Response
from .dedupe import find_duplicates
from .features import ClaimFeatures, article_features
from .joins import joins
from .origins import Corpus, merge_origins, trace_cluster
from .profile import appearances, cluster_responses, corroboration, responses_by_claim
from .records import (
    Article,
    ClaimRef,
    Cluster,
    CrossReference,
    CrossrefStats,
    JoinReason,
)
from .settings import CrossrefSettings, load_settings
from .unionfind import UnionFind


def as_articles(items: Iterable[Article | tuple[str, Report]]) -> tuple[Article, ...]:
    """Articles from Articles or ``(id, Report)`` pairs, in id order; ids must be unique."""
    found: dict[str, Article] = {}
    for item in items:
        article = item if isinstance(item, Article) else Article.from_report(*item)
        if article.id in found:
            raise InputError(
                f"article id {article.id!r} appears twice", detail={"article_id": article.id}
            )
        found[article.id] = article
    return tuple(found[key] for key in sorted(found))


def cross_reference(
    items: Iterable[Article | tuple[str, Report]],
    settings: CrossrefSettings | None = None,
    signatures: Mapping[str, MinHash] | None = None,
) -> CrossReference:
    """Near-duplicate groups and claim clusters (each with origins and profile) of a corpus.

    ``signatures`` are MinHash signatures of articles computed before (by article id, see
    `claimtrace.crossref.dedupe.signature_scheme`); the others are computed here."""
    config = settings or load_settings()
    articles = as_articles(items)
    duplicates = find_duplicates(articles, config, signatures)
    corpus = Corpus.of(articles, duplicates, config.max_citation_depth)
    features = sorted(
        (f for article in articles for f in article_features(article, config)),
        key=lambda f: f.ref.key,
    )
    found = joins(features, config)
    clusters = build_clusters(features, found.accepted, corpus, config)
    stats = CrossrefStats(len(articles), len(features), found.candidates, len(found.accepted))
    return CrossReference(duplicates, clusters, stats)


def build_clusters(
    features: Sequence[ClaimFeatures],
    accepted: Sequence[JoinReason],
    corpus: Corpus,
    settings: CrossrefSettings,
) -> tuple[Cluster, ...]:
    """One Cluster per connected set of joined claims (single claims included)."""
    sets = UnionFind()
    for feature in features:
        sets.add(feature.ref.key)
    for reason in accepted:
        sets.union(reason.a, reason.b)
    by_key = {feature.ref.key: feature for feature in features}
    given = _responses(features, corpus, settings)
    joined: dict[str, list[JoinReason]] = {}
    for reason in accepted:
        joined.setdefault(sets.find(reason.a), []).append(reason)
    clusters = []
    for keys in sets.groups(singletons=True):
        members = [by_key[key] for key in keys]
        own = tuple(joined.get(sets.find(keys[0]), ()))
        clusters.append(build_cluster(members, own, corpus, given, settings))
    return tuple(sorted(clusters, key=_cluster_order))


def _responses(
    features: Sequence[ClaimFeatures], corpus: Corpus, settings: CrossrefSettings
) -> dict[str, dict[str, list[Response]]]:
    claim_ids: dict[str, list[str]] = {}
    for feature in features:
        claim_ids.setdefault(feature.ref.article_id, []).append(feature.ref.claim_id)
    return {
        article_id: responses_by_claim(corpus.articles[article_id], ids, settings.words)
        for article_id, ids in claim_ids.items()
    }


def build_cluster(
    members: Sequence[ClaimFeatures],
    own_joins: tuple[JoinReason, ...],
    corpus: Corpus,
    given: dict[str, dict[str, list[Response]]],
    settings: CrossrefSettings,
) -> Cluster:
    """A cluster of the given claims: appearances, origins, citations, responses, profile."""
    claims = _member_claims(members, corpus)
    trace = trace_cluster(claims, corpus)
    origins = merge_origins(trace.hits, corpus)
    shown = appearances(claims, corpus)
    responses = cluster_responses(claims, given, corpus)
    profile = corroboration(
        shown, origins, trace.citations, responses, settings.circular_min_voices
    )
    periods = [m.period for m in members if m.period is not None]
    return Cluster(
        id=cluster_id(m.ref for m in members),
        label=_label(members, own_joins),
        claims=tuple(m.ref for m in members),
        joins=own_joins,
        appearances=shown,
        origins=origins,
        citations=trace.citations,
        responses=responses,
        profile=profile,
        places=tuple(sorted({p.name for m in members for p in m.places if p.name})),
        period_start=min((p.start for p in periods), default=None),
        period_end=max((p.end for p in periods), default=None),
    )


def _member_claims(
    members: Sequence[ClaimFeatures], corpus: Corpus
) -> dict[str, tuple[Claim, ...]]:
    wanted: dict[str, set[str]] = {}
    for member in members:
        wanted.setdefault(member.ref.article_id, set()).add(member.ref.claim_id)
    return {
        article_id: tuple(c for c in corpus.articles[article_id].report.claims if c.id in claim_ids)
        for article_id, claim_ids in sorted(wanted.items())
    }


def cluster_id(refs: Iterable[ClaimRef]) -> str:
    """A stable id: a hash of the sorted claim keys of the cluster."""
    keys = "\n".join(sorted(ref.key for ref in refs))
    return "K" + hashlib.sha1(keys.encode("utf-8")).hexdigest()[:10]


def _label(members: Sequence[ClaimFeatures], own_joins: Sequence[JoinReason]) -> str:
    """The claim most joined to the others (highest sum of join scores), most check-worthy
    on a tie: the cluster's most typical wording."""
    total = dict.fromkeys((m.ref.key for m in members), 0.0)
    for reason in own_joins:
        total[reason.a] += reason.score
        total[reason.b] += reason.score
    best = max(members, key=lambda m: (total[m.ref.key], m.checkworthiness, m.ref.key))
    return best.ref.text


def _cluster_order(cluster: Cluster) -> tuple[int, str, str]:
    first = cluster.profile.first_appearance
    if first is None or first.published is None:
        return (1, "", cluster.id)
    return (0, first.published.isoformat(), cluster.id)
