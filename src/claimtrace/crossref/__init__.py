"""Cross-article analysis: near-duplicates, claim clusters, origins and independence.

Across a corpus of analysed articles, `cross_reference` groups copies (wire, syndication,
copy-paste) into single voices, joins claims about the same event into clusters, follows
each claim's attribution chain to its origin (through outlets that cite other outlets of the
corpus) and counts independent origins, so that a claim ten outlets copy from one channel's
post is told apart from one resting on several independent origins.
"""

from __future__ import annotations

from .cluster import as_articles, cluster_id, cross_reference
from .dedupe import find_duplicates
from .query import (
    ClusterOrigin,
    clusters_about,
    clusters_at_place,
    clusters_of_article,
    clusters_since,
    find_cluster,
    origins_of_type,
)
from .records import (
    Appearance,
    Article,
    Citation,
    ClaimRef,
    Cluster,
    ClusterResponse,
    CorroborationProfile,
    CrossReference,
    CrossrefStats,
    DuplicateGroup,
    DuplicatePair,
    FeatureScore,
    JoinReason,
    Origin,
)
from .render import cluster_to_dict, crossref_to_dict, render_cluster_text
from .settings import CrossrefSettings, load_settings

__all__ = [
    "Appearance",
    "Article",
    "Citation",
    "ClaimRef",
    "Cluster",
    "ClusterOrigin",
    "ClusterResponse",
    "CorroborationProfile",
    "CrossReference",
    "CrossrefSettings",
    "CrossrefStats",
    "DuplicateGroup",
    "DuplicatePair",
    "FeatureScore",
    "JoinReason",
    "Origin",
    "as_articles",
    "cluster_id",
    "cluster_to_dict",
    "clusters_about",
    "clusters_at_place",
    "clusters_of_article",
    "clusters_since",
    "cross_reference",
    "crossref_to_dict",
    "find_cluster",
    "find_duplicates",
    "load_settings",
    "origins_of_type",
    "render_cluster_text",
]
