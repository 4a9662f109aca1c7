"""W3C PROV-JSON of claim clusters: who said what, via whom, across articles.

Agents are the outlets that published the articles and the sources their chains name.
Entities are the articles (collections of their claims), the claims as each article carries
them, each step of a claim's attribution chain (what the outlet, then the channel, said),
the evidence cited, and one entity per cluster that the articles' claims specialise.

- ``wasAttributedTo``: an article and its claim to the publisher; each chain step to the
  source that made it.
- ``wasDerivedFrom``: a claim from the next step of its chain, down to the innermost
  source, then to the evidence cited; when the innermost source is an outlet of the corpus,
  to that outlet's own claims in the cluster.
- ``alternateOf``: near-duplicate articles (copies, no direction asserted).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from prov.constants import PROV
from prov.model import ProvDocument, ProvEntity, QualifiedName

from ..crossref.features import normalise_name
from ..crossref.origins import Corpus, source_links
from ..crossref.records import Article, ClaimRef, Cluster, CrossReference
from ..model import ChainLink, Claim, SourceType

PREFIX = "ct"
NAMESPACE = "urn:claimtrace:"
UNNAMED = frozenset({SourceType.ANONYMOUS.value, SourceType.VAGUE.value})
UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")

Value = str | int | float | QualifiedName | None


def crossref_to_prov(
    xref: CrossReference, articles: Sequence[Article], clusters: Sequence[Cluster] | None = None
) -> ProvDocument:
    """A PROV document of the clusters (all of them by default) and the duplicate groups."""
    corpus = Corpus.of(articles, xref.duplicates)
    doc = ProvDocument()
    doc.add_namespace(PREFIX, NAMESPACE)
    for cluster in xref.clusters if clusters is None else clusters:
        _cluster(doc, cluster, corpus)
    for group in xref.duplicates:
        for copy in group.article_ids[1:]:
            doc.alternateOf(_article(doc, copy, corpus), _article(doc, group.canonical, corpus))
    return doc


def render_prov_json(
    xref: CrossReference, articles: Sequence[Article], clusters: Sequence[Cluster] | None = None
) -> str:
    """PROV-JSON text of `crossref_to_prov`."""
    return crossref_to_prov(xref, articles, clusters).serialize(format="json", indent=2) or ""


def _qn(doc: ProvDocument, *parts: str) -> QualifiedName:
    local = "/".join(UNSAFE.sub("-", part) for part in parts)
    name = doc.valid_qualified_name(f"{PREFIX}:{local}")
    if name is None:
        raise ValueError(f"not a PROV name: {local!r}")
    return name


def _entity(doc: ProvDocument, name: QualifiedName, attributes: dict[str, Value]) -> ProvEntity:
    for record in doc.get_record(name):
        if isinstance(record, ProvEntity):
            return record
    return doc.entity(name, {key: value for key, value in attributes.items() if value is not None})


def _cluster(doc: ProvDocument, cluster: Cluster, corpus: Corpus) -> None:
    entity = _entity(
        doc,
        _qn(doc, "cluster", cluster.id),
        {
            "prov:label": cluster.label,
            "prov:type": _qn(doc, "ClaimCluster"),
            f"{PREFIX}:independentOrigins": cluster.profile.independent_origins,
            f"{PREFIX}:circular": cluster.profile.circular,
        },
    )
    members = {ref.key for ref in cluster.claims}
    for ref in cluster.claims:
        claim = _claim(doc, ref, corpus)
        doc.specializationOf(claim, entity)
        _chain(doc, ref, claim, corpus, members)


def _article(doc: ProvDocument, article_id: str, corpus: Corpus) -> ProvEntity:
    name = _qn(doc, "article", article_id)
    if doc.get_record(name):
        return _entity(doc, name, {})
    article = corpus.articles[article_id]
    entity = _entity(
        doc,
        name,
        {
            "prov:type": PROV["Collection"],
            "prov:label": article.title,
            f"{PREFIX}:url": article.url,
            f"{PREFIX}:published": article.published.isoformat() if article.published else None,
        },
    )
    doc.wasAttributedTo(entity, _outlet(doc, corpus.publisher(article_id)))
    return entity


def _outlet(doc: ProvDocument, name: str) -> QualifiedName:
    agent = _qn(doc, "outlet", normalise_name(name) or name)
    if not doc.get_record(agent):
        doc.agent(agent, {"prov:label": name, "prov:type": PROV["Organization"]})
    return agent


def _claim(doc: ProvDocument, ref: ClaimRef, corpus: Corpus) -> ProvEntity:
    name = _qn(doc, "claim", ref.article_id, ref.claim_id)
    if doc.get_record(name):
        return _entity(doc, name, {})
    claim = _entity(doc, name, {"prov:value": ref.text})
    doc.hadMember(_article(doc, ref.article_id, corpus), claim)
    doc.wasAttributedTo(claim, _outlet(doc, corpus.publisher(ref.article_id)))
    return claim


def _chain(
    doc: ProvDocument, ref: ClaimRef, entity: ProvEntity, corpus: Corpus, members: set[str]
) -> None:
    """The steps of the claim's attribution chain, each derived from the next."""
    claim = _find_claim(corpus, ref)
    if claim is None:
        return
    links = source_links(ref.article_id, claim, corpus)
    current = entity
    for step, link in enumerate(links, start=1):
        said = _entity(
            doc,
            _qn(doc, "claim", ref.article_id, ref.claim_id, str(step)),
            {"prov:label": f"{link.label}: {ref.text}", "prov:value": ref.text},
        )
        doc.wasAttributedTo(said, _agent(doc, ref.article_id, link, corpus))
        doc.wasDerivedFrom(current, said)
        current = said
    for link in claim.chain:
        if link.type == "evidence":
            doc.wasDerivedFrom(current, _evidence(doc, ref.article_id, link))
    if links:
        _cited_claims(doc, ref, links[-1], current, corpus, members)


def _find_claim(corpus: Corpus, ref: ClaimRef) -> Claim | None:
    claims = corpus.articles[ref.article_id].report.claims
    return next((c for c in claims if c.id == ref.claim_id), None)


def _agent(doc: ProvDocument, article_id: str, link: ChainLink, corpus: Corpus) -> QualifiedName:
    """The agent of one chain step; unnamed sources are one agent per article."""
    outlet = corpus.outlet_of(link.label)
    if outlet is not None:
        return _outlet(doc, corpus.display(outlet))
    if link.type in UNNAMED:
        agent = _qn(doc, "source", article_id, link.source_id or normalise_name(link.label))
    else:
        agent = _qn(doc, "source", normalise_name(link.label) or link.label)
    if not doc.get_record(agent):
        doc.agent(agent, {"prov:label": link.label, f"{PREFIX}:sourceType": link.type})
    return agent


def _evidence(doc: ProvDocument, article_id: str, link: ChainLink) -> ProvEntity:
    return _entity(
        doc,
        _qn(doc, "evidence", article_id, link.evidence_id or link.label),
        {
            "prov:type": _qn(doc, "Evidence"),
            "prov:label": link.label,
            f"{PREFIX}:status": ", ".join(link.detail) or None,
        },
    )


def _cited_claims(
    doc: ProvDocument,
    ref: ClaimRef,
    innermost: ChainLink,
    current: ProvEntity,
    corpus: Corpus,
    members: set[str],
) -> None:
    """When the innermost source is an outlet of the corpus: derived from its own claims."""
    outlet = corpus.outlet_of(innermost.label)
    if outlet is None:
        return
    for other in corpus.outlets[outlet]:
        if other == ref.article_id:
            continue
        for claim in corpus.articles[other].report.claims:
            cited = ClaimRef(other, claim.id, claim.span.text)
            if cited.key in members:
                doc.wasDerivedFrom(current, _claim(doc, cited, corpus))
