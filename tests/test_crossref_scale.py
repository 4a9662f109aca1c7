"""Clustering a synthetic corpus: planted events are recovered and LSH keeps pairs few."""

from __future__ import annotations

import random

from claimtrace.crossref import Article, cross_reference
from test_crossref_handmade import Said, article

SOURCES = (("Kordon 24", "social_media"), ("port official", "anonymous"), ("Mira Haldt", "person"))


def synthetic_corpus(events: int, per_event: int, seed: int = 1) -> list[Article]:
    """``events`` events, each told ``per_event`` times in one article each: five of its six
    own words plus two of a shared pool of common words, so events overlap a little."""
    rng = random.Random(seed)
    pool = [f"common{n}" for n in range(60)]
    articles = []
    for event in range(events):
        core = [f"ev{event}x{n}" for n in range(6)]
        for telling in range(per_event):
            words = rng.sample(core, 5) + rng.sample(pool, 2)
            rng.shuffle(words)
            said = Said(" ".join(words), (rng.choice(SOURCES),))
            day = f"2024-05-{1 + telling % 28:02d}"
            articles.append(article(f"e{event}-t{telling}", f"Outlet {telling}", day, said))
    return articles


def test_planted_events_are_recovered_with_few_candidate_pairs() -> None:
    articles = synthetic_corpus(events=300, per_event=5)
    xref = cross_reference(articles)
    claims = xref.stats.claims
    assert claims == 1500
    assert xref.stats.candidate_pairs < 0.02 * claims * (claims - 1) / 2
    found = sorted(
        sorted(ref.article_id.split("-")[0] for ref in cluster.claims) for cluster in xref.clusters
    )
    assert found == sorted([f"e{n}"] * 5 for n in range(300))
