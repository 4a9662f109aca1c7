"""The cross-article analysis over a written corpus of 33 articles, analysed by the model.

The corpus (tests/fixtures/crossref/articles.jsonl) holds stories whose ids share a prefix:
wire copies (``wire-budget-*``, ``wire-ferry-*``), one Telegram channel echoed by seven
outlets (``circ-*``), one event with two independent origins and a denial (``ind-*``), an
outlet citing another (``mayor-*``), two outlets citing each other (``loop-*``), two
anonymous sources (``anon-*``), one official quoted twice (``grain-*``) and unrelated
articles (``un-*``), each a story of its own.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from prov.model import ProvDocument

import claimtrace
from claimtrace.crossref import Article, Cluster, CrossReference, cross_reference
from claimtrace.export.claimreview import render_claimreview
from claimtrace.export.prov import render_prov_json

pytestmark = pytest.mark.model

CORPUS = Path(__file__).parent / "fixtures" / "crossref" / "articles.jsonl"


def story(article_id: str) -> str:
    """The story an article belongs to; every unrelated article is a story of its own."""
    if article_id.startswith("un-"):
        return article_id
    parts = article_id.split("-")
    return "-".join(parts[:2]) if parts[0] == "wire" else parts[0]


@pytest.fixture(scope="module")
def rows() -> list[dict[str, Any]]:
    return [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def articles(rows: list[dict[str, Any]]) -> list[Article]:
    found = []
    for row in rows:
        report = claimtrace.analyze(
            row["text"],
            published=row["published"],
            url=row["url"],
            title=row["title"],
            publisher=row["publisher"],
        )
        found.append(Article.from_report(row["id"], report))
    return found


@pytest.fixture(scope="module")
def xref(articles: list[Article]) -> CrossReference:
    return cross_reference(articles)


def spanning(xref: CrossReference, prefix: str) -> Cluster:
    """The cluster spanning the most articles of a story."""
    return max(
        xref.clusters,
        key=lambda c: (sum(a.article_id.startswith(prefix) for a in c.appearances), c.id),
    )


def ids(cluster: Cluster) -> set[str]:
    return {appearance.article_id for appearance in cluster.appearances}


def counted(cluster: Cluster) -> set[str]:
    return {origin.name for origin in cluster.origins if origin.counted}


def test_the_corpus_is_large_and_varied_enough(rows: list[dict[str, Any]]) -> None:
    assert len(rows) >= 30
    assert len({row["publisher"] for row in rows}) >= 8
    assert len({row["published"] for row in rows}) >= 10
    assert all(3 <= row["text"].count(". ") + 1 <= 6 for row in rows)


def test_wire_copies_are_grouped(xref: CrossReference) -> None:
    groups = {group.article_ids for group in xref.duplicates}
    assert groups == {
        ("wire-budget-cws", "wire-budget-lakeshore", "wire-budget-northgate", "wire-budget-valley"),
        ("wire-ferry-cws", "wire-ferry-gazette", "wire-ferry-ledger"),
    }


def test_unrelated_stories_never_join(xref: CrossReference) -> None:
    for cluster in xref.clusters:
        assert len({story(a.article_id) for a in cluster.appearances}) == 1, cluster.label


def test_one_channel_echoed_by_seven_outlets_is_circular(xref: CrossReference) -> None:
    cluster = spanning(xref, "circ-")
    assert ids(cluster) == {
        "circ-signal", "circ-ledger", "circ-gazette", "circ-tribune",
        "circ-sentinel", "circ-record", "circ-dispatch",
    }  # fmt: skip
    assert counted(cluster) == {"Kordon 24"}
    profile = cluster.profile
    assert (profile.outlets, profile.voices, profile.independent_origins) == (7, 7, 1)
    assert profile.circular and profile.outlets_cite_each_other and not profile.denied
    cited = {(c.outlet, c.cited) for c in cluster.citations}
    assert ("Plains Gazette", "Harbor Ledger") in cited
    assert ("Capital Dispatch", "Eastern Tribune") in cited
    assert profile.first_appearance is not None
    assert profile.first_appearance.published.isoformat() == "2024-05-06"  # type: ignore[union-attr]


def test_two_independent_origins_and_a_denial(xref: CrossReference) -> None:
    cluster = spanning(xref, "ind-")
    assert ids(cluster) == {"ind-courier", "ind-dispatch", "ind-lakeshore"}
    assert counted(cluster) == {"Kestrian Monitor for Civil Rights", "Jana Pell"}
    profile = cluster.profile
    assert profile.independent_origins == 2
    assert not profile.circular and not profile.single_origin
    assert profile.denied
    assert ("denial", "Northgate Courier") in {(r.kind, r.publisher) for r in cluster.responses}
    assert "ostrel" in cluster.places


def test_an_outlet_citing_an_outlet_leads_to_its_source(xref: CrossReference) -> None:
    cluster = spanning(xref, "mayor-")
    assert ids(cluster) == {"mayor-dispatch", "mayor-record"}
    (origin,) = cluster.origins
    assert origin.name == "Mira Haldt"
    assert "Riverside Record <- Capital Dispatch <- Mira Haldt" in origin.paths
    assert cluster.profile.single_origin and not cluster.profile.circular


def test_outlets_citing_each_other_are_a_loop(xref: CrossReference) -> None:
    cluster = spanning(xref, "loop-")
    assert ids(cluster) == {"loop-gazette", "loop-signal"}
    assert cluster.profile.citation_loop and cluster.profile.circular
    assert [o.type for o in cluster.origins] == ["citation_loop"]


def test_two_anonymous_sources_in_two_outlets_count_twice(xref: CrossReference) -> None:
    cluster = spanning(xref, "anon-")
    assert ids(cluster) == {"anon-ledger", "anon-tribune"}
    assert {o.type for o in cluster.origins} == {"anonymous"}
    assert cluster.profile.independent_origins == 2


def test_syndicated_copies_are_one_voice_not_circular(xref: CrossReference) -> None:
    cluster = spanning(xref, "wire-budget-")
    assert len(ids(cluster)) == 4
    profile = cluster.profile
    assert (profile.outlets, profile.voices) == (4, 1)
    assert profile.syndicated and not profile.circular


def test_one_official_quoted_twice_is_a_single_origin(xref: CrossReference) -> None:
    cluster = spanning(xref, "grain-")
    assert ids(cluster) == {"grain-signal", "grain-sentinel"}
    assert counted(cluster) == {"Oren Vasko"}
    assert cluster.profile.single_origin and not cluster.profile.circular


def test_the_result_does_not_depend_on_article_order(
    xref: CrossReference, articles: list[Article]
) -> None:
    assert cross_reference(list(reversed(articles))) == xref


def test_exports_of_the_corpus_read_back(xref: CrossReference, articles: list[Article]) -> None:
    shared = [c for c in xref.clusters if len(c.appearances) > 1]
    drafts = json.loads(render_claimreview(shared))
    assert len(drafts) == len(shared)
    assert all(d["itemReviewed"]["firstAppearance"]["datePublished"] for d in drafts)
    doc = ProvDocument.deserialize(content=render_prov_json(xref, articles, shared), format="json")
    assert len(doc.get_records()) > 100
