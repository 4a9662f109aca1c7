"""ClaimReview JSON-LD drafts (schema.org) of claim clusters, for fact-checkers' systems.

Each draft names the claim (``claimReviewed``) and the ``Claim`` reviewed with every
``appearance`` (the articles carrying it, as CreativeWorks with url, publisher and date),
its ``firstAppearance`` and, as ``author``, the origins the appearances go back to. The
rating is the fact-checker's work: no ``reviewRating`` is filled in.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..crossref.records import Appearance, Cluster, Origin
from ..model import SourceType

CONTEXT = "https://schema.org"
PERSON_TYPES = frozenset({SourceType.PERSON.value, SourceType.ANONYMOUS.value})


def cluster_to_claimreview(cluster: Cluster) -> dict[str, Any]:
    """One ClaimReview draft of a cluster, as a JSON-LD dict."""
    first = cluster.profile.first_appearance
    claim: dict[str, Any] = {
        "@type": "Claim",
        "text": cluster.label,
        "appearance": [creative_work(a) for a in cluster.appearances],
        "author": [_author(origin) for origin in cluster.origins if origin.counted],
    }
    if first is not None:
        claim["firstAppearance"] = creative_work(first)
        if first.published is not None:
            claim["datePublished"] = first.published.isoformat()
    return {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "identifier": cluster.id,
        "claimReviewed": cluster.label,
        "itemReviewed": claim,
    }


def creative_work(appearance: Appearance) -> dict[str, Any]:
    """An appearance as a schema.org CreativeWork (only the fields that are known)."""
    work: dict[str, Any] = {"@type": "CreativeWork"}
    if appearance.url:
        work["url"] = appearance.url
    if appearance.title:
        work["headline"] = appearance.title
    if appearance.publisher:
        work["publisher"] = {"@type": "Organization", "name": appearance.publisher}
    if appearance.published is not None:
        work["datePublished"] = appearance.published.isoformat()
    return work


def _author(origin: Origin) -> dict[str, Any]:
    author: dict[str, Any] = {
        "@type": "Person" if origin.type in PERSON_TYPES else "Organization",
        "name": origin.name,
    }
    if origin.type == SourceType.ANONYMOUS.value:
        author["description"] = "anonymous source"
    return author


def render_claimreview(clusters: Sequence[Cluster]) -> str:
    """The drafts of the clusters as a JSON array."""
    drafts = [cluster_to_claimreview(cluster) for cluster in clusters]
    return json.dumps(drafts, ensure_ascii=False, indent=2)
