"""Lookups over a CrossReference, for the store's and the command line's queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .features import content_words, normalise_name
from .records import Cluster, CrossReference, Origin
from .settings import CrossrefSettings, load_settings


@dataclass(frozen=True, slots=True)
class ClusterOrigin:
    """An origin together with the cluster it was found in."""

    cluster_id: str
    origin: Origin


def find_cluster(xref: CrossReference, cluster_id: str) -> Cluster | None:
    """The cluster with this id, or None."""
    return next((c for c in xref.clusters if c.id == cluster_id), None)


def clusters_of_article(
    xref: CrossReference, article_id: str, claim_id: str | None = None
) -> tuple[Cluster, ...]:
    """Clusters holding claims of an article (or one claim of it)."""
    return tuple(
        c
        for c in xref.clusters
        if any(
            ref.article_id == article_id and claim_id in (None, ref.claim_id) for ref in c.claims
        )
    )


def clusters_about(
    xref: CrossReference, about: str, settings: CrossrefSettings | None = None
) -> tuple[Cluster, ...]:
    """Clusters with a claim holding every content word of ``about`` (compared as stems)."""
    words = (settings or load_settings()).words
    wanted = content_words(about, words)
    if not wanted:
        return ()
    return tuple(
        c
        for c in xref.clusters
        if any(wanted <= content_words(ref.text, words) for ref in c.claims)
    )


def clusters_at_place(xref: CrossReference, place: str) -> tuple[Cluster, ...]:
    """Clusters located at a place of that name (by the claims' event locations)."""
    name = normalise_name(place)
    return tuple(c for c in xref.clusters if name and name in c.places)


def clusters_since(xref: CrossReference, since: dt.date) -> tuple[Cluster, ...]:
    """Clusters first published on or after ``since``, or whose events reach past it."""
    return tuple(c for c in xref.clusters if _reaches(c, since))


def _reaches(cluster: Cluster, since: dt.date) -> bool:
    first = cluster.profile.first_appearance
    if first is not None and first.published is not None and first.published >= since:
        return True
    return cluster.period_end is not None and cluster.period_end >= since


def origins_of_type(xref: CrossReference, kind: str) -> tuple[ClusterOrigin, ...]:
    """Every origin of a type (a SourceType value, "evidence" or "citation_loop")."""
    return tuple(
        ClusterOrigin(cluster.id, origin)
        for cluster in xref.clusters
        for origin in cluster.origins
        if origin.type == kind
    )
