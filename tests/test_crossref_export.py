"""ClaimReview JSON-LD and PROV-JSON of claim clusters, read back. No model."""

from __future__ import annotations

import json
from typing import Any

from prov.model import ProvDocument

from claimtrace.crossref import (
    Article,
    CrossReference,
    cluster_to_dict,
    cross_reference,
    crossref_to_dict,
    render_cluster_text,
)
from claimtrace.export.claimreview import cluster_to_claimreview, render_claimreview
from claimtrace.export.prov import render_prov_json
from test_crossref_handmade import Said, article, cluster_with
from test_crossref_rules import WIRE, circular_corpus


def corpus() -> tuple[list[Article], CrossReference]:
    articles = [
        *circular_corpus(),
        article("w1", "North Wire", "2024-03-05", Said(WIRE), title="Docking fees rise"),
        article("w2", "Coast Herald", "2024-03-06", Said(WIRE)),
        article("v1", "Inland Post", "2024-05-09",
                Said("A video shows drones striking the Velin power station",
                     (("Kordon 24", "social_media"), ("video", "evidence")))),
    ]  # fmt: skip
    return articles, cross_reference(articles)


def walk(value: Any) -> list[str]:
    """Every key of a JSON value, at any depth."""
    if isinstance(value, dict):
        return [*value, *(key for item in value.values() for key in walk(item))]
    if isinstance(value, list):
        return [key for item in value for key in walk(item)]
    return []


def test_claimreview_drafts_read_back_with_appearances_and_no_rating() -> None:
    _, xref = corpus()
    cluster = cluster_with(xref, "c1#C1")
    (draft,) = json.loads(render_claimreview([cluster]))
    assert draft["@context"] == "https://schema.org"
    assert draft["@type"] == "ClaimReview"
    assert draft["identifier"] == cluster.id
    assert draft["claimReviewed"] == cluster.label
    claim = draft["itemReviewed"]
    assert claim["@type"] == "Claim"
    assert len(claim["appearance"]) == len(cluster.appearances) == 6
    for work in claim["appearance"]:
        assert work["@type"] == "CreativeWork"
        assert {"url", "publisher", "datePublished"} <= set(work)
        assert work["publisher"]["@type"] == "Organization"
    first = claim["firstAppearance"]
    assert first["datePublished"] == "2024-05-06"
    assert first == claim["appearance"][0]
    assert claim["author"] == [{"@type": "Organization", "name": "Kordon 24"}]
    assert "reviewRating" not in walk(draft)


def test_claimreview_keeps_titles_and_names_origins_as_authors() -> None:
    _, xref = corpus()
    draft = cluster_to_claimreview(cluster_with(xref, "w1#C1"))
    assert draft["itemReviewed"]["firstAppearance"]["headline"] == "Docking fees rise"
    assert draft["itemReviewed"]["author"] == [{"@type": "Organization", "name": "North Wire"}]
    hidden = article(
        "a1", "Harbor Ledger", None,
        Said("The Halvik terminal will close", (("port official", "anonymous"),)),
    )  # fmt: skip
    draft = cluster_to_claimreview(cross_reference([hidden]).clusters[0])
    assert draft["itemReviewed"]["author"] == [
        {"@type": "Person", "name": "port official", "description": "anonymous source"}
    ]
    assert "firstAppearance" in draft["itemReviewed"]
    assert "datePublished" not in draft["itemReviewed"]["firstAppearance"]


def test_prov_json_reads_back_with_attribution_and_derivation_along_chains() -> None:
    articles, xref = corpus()
    text = render_prov_json(xref, articles)
    doc = ProvDocument.deserialize(content=text, format="json")
    data = json.loads(text)
    assert {"prefix", "agent", "entity", "wasAttributedTo", "wasDerivedFrom"} <= set(data)
    agents = {str(record.identifier) for record in doc.get_records() if record.is_element()}
    assert "ct:outlet/plains-gazette" in agents
    assert "ct:source/kordon-24" in agents
    derived = {
        (rel["prov:generatedEntity"], rel["prov:usedEntity"])
        for rel in data["wasDerivedFrom"].values()
    }
    # Plains Gazette's claim <- what the Harbor Ledger said <- the Ledger's own claim
    assert ("ct:claim/c3/C1", "ct:claim/c3/C1/1") in derived
    assert ("ct:claim/c3/C1/1", "ct:claim/c2/C1") in derived
    assert ("ct:claim/v1/C1/1", "ct:evidence/v1/E1") in derived
    attributed = {
        (rel["prov:entity"], rel["prov:agent"]) for rel in data["wasAttributedTo"].values()
    }
    assert ("ct:claim/c2/C1/1", "ct:source/kordon-24") in attributed
    assert ("ct:article/c3", "ct:outlet/plains-gazette") in attributed
    copies = {
        (rel["prov:alternate1"], rel["prov:alternate2"]) for rel in data["alternateOf"].values()
    }
    assert copies == {("ct:article/w2", "ct:article/w1")}


def test_prov_of_chosen_clusters_only() -> None:
    articles, xref = corpus()
    cluster = cluster_with(xref, "w1#C1")
    data = json.loads(render_prov_json(xref, articles, [cluster]))
    clusters = [name for name in data["entity"] if name.startswith("ct:cluster/")]
    assert clusters == [f"ct:cluster/{cluster.id}"]


def test_clusters_render_as_json_data_and_as_text() -> None:
    _, xref = corpus()
    cluster = cluster_with(xref, "c3#C1")
    data = json.loads(json.dumps(crossref_to_dict(xref)))
    assert {"duplicates", "clusters", "stats"} <= set(data)
    one = cluster_to_dict(cluster)
    assert one["profile"]["first_appearance"]["published"] == "2024-05-06"
    assert one["joins"][0]["features"][0]["name"] == "text"
    text = render_cluster_text(cluster)
    assert text.startswith(f"Cluster {cluster.id}: ")
    assert "  Plains Gazette <- Harbor Ledger <- Kordon 24" in text
    assert "circular reporting: many outlets, one origin" in text
