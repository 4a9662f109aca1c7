"""Cross-article rules on hand-built records: duplicates, joins, origins, flags. No model."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest

from claimtrace.crossref import (
    Article,
    Cluster,
    cluster_id,
    clusters_about,
    clusters_at_place,
    clusters_of_article,
    clusters_since,
    cross_reference,
    find_cluster,
    find_duplicates,
    load_settings,
    origins_of_type,
)
from claimtrace.crossref.dedupe import jaccard, shingles
from claimtrace.crossref.features import claim_features, content_words, stem
from claimtrace.crossref.joins import accepts, haversine_km, score_pair
from claimtrace.crossref.records import JoinReason
from claimtrace.errors import InputError
from claimtrace.model import ResponseKind
from test_crossref_handmade import Reply, Said, article, cluster_with, origin_names

SETTINGS = load_settings()


# --- near-duplicates --------------------------------------------------------------------

WIRE = (
    "The harbour board of Port Amsel voted on Tuesday to raise docking fees by eight percent "
    "from July, citing the cost of dredging the northern channel. Shipping firms said the rise "
    "would be passed on to importers. The board will review the fees again next spring."
)


def test_shingles_are_word_runs_and_jaccard_compares_them() -> None:
    assert shingles("The cat, the hat.", 2) == {"the cat", "cat the", "the hat"}
    assert shingles("Two words", 3) == {"two words"}
    assert jaccard(frozenset({"a", "b"}), frozenset({"b", "c"})) == pytest.approx(1 / 3)
    assert jaccard(frozenset(), frozenset()) == 0.0


def test_wire_copies_form_one_group_led_by_the_earliest() -> None:
    edited = WIRE.replace("eight percent", "8 percent").replace(" next spring", " in spring")
    articles = [
        article("copy-b", "Coast Herald", "2024-03-06", Said(WIRE)),
        article("wire", "North Wire", "2024-03-05", Said(WIRE)),
        article("copy-c", "Inland Post", "2024-03-06", Said(edited)),
        article("other", "Inland Post", "2024-03-06", Said("The city zoo welcomed a baby tapir.")),
    ]
    (group,) = find_duplicates(articles)
    assert group.article_ids == ("wire", "copy-b", "copy-c")
    assert group.canonical == "wire"
    assert all(pair.jaccard >= SETTINGS.duplicates.threshold for pair in group.pairs)


def test_duplicate_threshold_comes_from_the_settings() -> None:
    edited = WIRE.replace("eight percent", "8 percent").replace(" next spring", " in spring")
    articles = [
        article("wire", "North Wire", "2024-03-05", Said(WIRE)),
        article("copy", "Inland Post", "2024-03-06", Said(edited)),
    ]
    strict = dataclasses.replace(
        SETTINGS, duplicates=dataclasses.replace(SETTINGS.duplicates, threshold=0.99)
    )
    assert len(find_duplicates(articles)) == 1
    assert find_duplicates(articles, strict) == ()


# --- content words and joins ------------------------------------------------------------


def test_content_words_drop_reporting_words_and_share_stems() -> None:
    words = SETTINGS.words
    assert content_words("Drones struck the station, the channel said", words) == {
        "dron",
        "strik",
        "station",
        "channel",
    }
    assert stem("hit", words.same) == stem("struck", words.same) == stem("strikes", words.same)
    assert content_words("The claim could not be independently verified.", words) == set()


def _pair(a: Said, b: Said) -> tuple[Article, Article]:
    return (
        article("a", "Coast Herald", "2024-04-02", a),
        article("b", "Inland Post", "2024-04-02", b),
    )


def _reason(a: Said, b: Said) -> JoinReason:
    first, second = _pair(a, b)
    fa = claim_features(first, first.report.claims[0], SETTINGS)
    fb = claim_features(second, second.report.claims[0], SETTINGS)
    return score_pair(fa, fb, SETTINGS.join)


def test_text_path_joins_rewordings_and_explains_why() -> None:
    reason = _reason(
        Said("Drones struck the Velin power station on Sunday"),
        Said("Two drones hit the Velin power plant"),
    )
    assert accepts(reason, SETTINGS.join)
    assert [f.name for f in reason.features] == ["text"]
    assert "velin" in reason.features[0].detail
    other = _reason(
        Said("Drones struck the Velin power station on Sunday"),
        Said("Drones struck a fuel depot in Dornik"),
    )
    assert not accepts(other, SETTINGS.join)


HOSPITAL = "Shelling damaged the hospital in Tarsk"
STAFF = (
    "Tarsk hospital staff fled from the wards during heavy shelling late overnight on the "
    "eastern side"
)


@pytest.mark.parametrize(
    ("second_period", "joined", "sign"),
    [(("2024-04-01", "2024-04-01"), True, 1), (("2024-03-20", "2024-03-20"), False, -1)],
)
def test_time_overlap_lifts_and_disjoint_time_sinks_a_join(
    second_period: tuple[str, str], joined: bool, sign: int
) -> None:
    bare = _reason(Said(HOSPITAL), Said(STAFF))
    assert not accepts(bare, SETTINGS.join)
    dated = _reason(
        Said(HOSPITAL, period=("2024-03-31", "2024-04-01")), Said(STAFF, period=second_period)
    )
    time = next(f for f in dated.features if f.name == "time")
    assert time.score * sign > 0
    assert accepts(dated, SETTINGS.join) is joined


def test_a_time_found_outside_the_claim_is_no_contradiction() -> None:
    reason = _reason(
        Said(HOSPITAL, period=("2024-04-01", "2024-04-01"), time_from="claim"),
        Said(STAFF, period=("2024-03-20", "2024-03-20"), time_from="sentence"),
    )
    time = next(f for f in reason.features if f.name == "time")
    assert time.score == 0.0
    assert "no contradiction" in time.detail


def test_places_within_the_radius_agree_and_far_places_disagree() -> None:
    near = _reason(
        Said(HOSPITAL, place=("Tarsk", 48.00, 37.80)), Said(STAFF, place=("Tarsk-2", 48.05, 37.85))
    )
    place = next(f for f in near.features if f.name == "place")
    assert place.score > 0 and "within the radius" in place.detail
    far = _reason(
        Said(HOSPITAL, place=("Tarsk", 48.00, 37.80)), Said(STAFF, place=("Olm", 50.0, 30.0))
    )
    assert next(f for f in far.features if f.name == "place").score < 0
    unresolved = _reason(
        Said(HOSPITAL, place=("Tarsk", None, None)), Said(STAFF, place=("tarsk", None, None))
    )
    assert next(f for f in unresolved.features if f.name == "place").detail == "same place: tarsk"


def test_haversine_distance() -> None:
    assert haversine_km(0.0, 0.0, 0.0, 1.0) == pytest.approx(111.19, abs=0.05)


def test_event_agreement_joins_claims_the_text_alone_would_not() -> None:
    seized = "Rebels seized the border crossing at Mavro"
    took = "Fighters took control of the Mavro crossing"
    assert not accepts(_reason(Said(seized), Said(took)), SETTINGS.join)
    coded = _reason(
        Said(seized, event=("SEIZE", "rebels", ("border crossing",))),
        Said(took, event=("SEIZE", "fighters", ("border crossing",))),
    )
    event = next(f for f in coded.features if f.name == "event")
    assert event.detail == "SEIZE / SEIZE; targets: border crossing"
    assert accepts(coded, SETTINGS.join)
    other_type = _reason(
        Said(seized, event=("SEIZE", "rebels", ())), Said(took, event=("ASSAULT", "rebels", ()))
    )
    assert next(f for f in other_type.features if f.name == "event").score == 0


def test_agreement_without_similar_text_never_joins() -> None:
    reason = _reason(
        Said(
            "Heavy rain flooded the market",
            period=("2024-04-01", "2024-04-01"),
            place=("Olm", 1.0, 1.0),
        ),
        Said(
            "Farmers sold cheap grain", period=("2024-04-01", "2024-04-01"), place=("Olm", 1.0, 1.0)
        ),
    )
    assert reason.score < SETTINGS.join.threshold or not accepts(reason, SETTINGS.join)
    assert not accepts(reason, SETTINGS.join)


# --- origins and independence -----------------------------------------------------------

CHANNEL = ("Kordon 24", "social_media")


def circular_corpus() -> list[Article]:
    """Five outlets, one Telegram channel behind all of them, one outlet citing another."""
    return [
        article("c1", "Morning Signal", "2024-05-06",
                Said("Drones struck the Velin power station on Sunday", (CHANNEL,))),
        article("c2", "Harbor Ledger", "2024-05-06",
                Said("Two drones hit the Velin power plant late on Sunday", (CHANNEL,))),
        article("c3", "Plains Gazette", "2024-05-07",
                Said("The Velin power station was hit by drones", (("Harbor Ledger", "media"),))),
        article("c4", "Eastern Tribune", "2024-05-07",
                Said("Drones had struck the power station in Velin",
                     (("Kordon", "social_media"),))),
        article("c5", "Valley Sentinel", "2024-05-08",
                Said("The Velin power station had been struck by drones", (CHANNEL,))),
    ]  # fmt: skip


def test_many_outlets_one_channel_is_circular_reporting() -> None:
    xref = cross_reference(circular_corpus())
    cluster = cluster_with(xref, "c1#C1")
    assert {a.article_id for a in cluster.appearances} == {"c1", "c2", "c3", "c4", "c5"}
    assert origin_names(cluster) == {"Kordon 24"}
    profile = cluster.profile
    assert (profile.articles, profile.outlets, profile.voices) == (5, 5, 5)
    assert profile.independent_origins == 1
    assert profile.circular and profile.single_origin and profile.outlets_cite_each_other
    assert "circular reporting: many outlets, one origin" in profile.notes
    assert profile.first_appearance is not None
    assert profile.first_appearance.published == dt.date(2024, 5, 6)


def test_an_outlet_citing_an_outlet_is_followed_to_the_root() -> None:
    cluster = cluster_with(cross_reference(circular_corpus()), "c3#C1")
    (origin,) = cluster.origins
    assert "Plains Gazette <- Harbor Ledger <- Kordon 24" in origin.paths
    assert "short form of a name" in origin.merged  # "Kordon" and "Kordon 24"
    (citation,) = cluster.citations
    assert (citation.outlet, citation.cited, citation.cited_article_ids) == (
        "Plains Gazette",
        "Harbor Ledger",
        ("c2",),
    )


def test_circular_needs_enough_voices() -> None:
    two = circular_corpus()[:2]
    profile = cluster_with(cross_reference(two), "c1#C1").profile
    assert profile.single_origin and not profile.circular
    fewer = dataclasses.replace(SETTINGS, circular_min_voices=2)
    assert cluster_with(cross_reference(two, fewer), "c1#C1").profile.circular


def test_an_outlet_outside_the_cluster_is_itself_the_origin() -> None:
    xref = cross_reference(
        [
            article("x1", "Inland Post", "2024-05-01",
                    Said("Rebels seized the Mavro border crossing", (("Marlow Herald", "media"),))),
            article("x2", "Coast Herald", "2024-05-02",
                    Said("Rebels seized the Mavro border crossing", (("Marlow Herald", "media"),))),
        ]
    )  # fmt: skip
    (origin,) = cluster_with(xref, "x1#C1").origins
    assert (origin.name, origin.type) == ("Marlow Herald", "media")


def test_outlets_citing_each_other_form_a_loop() -> None:
    xref = cross_reference(
        [
            article("l1", "Plains Gazette", "2024-05-20",
                    Said("A crack appeared in the wall of the Brask dam",
                         (("Morning Signal", "media"),))),
            article("l2", "Morning Signal", "2024-05-21",
                    Said("A crack was found in the wall of the Brask dam",
                         (("Plains Gazette", "media"),))),
        ]
    )  # fmt: skip
    cluster = cluster_with(xref, "l1#C1")
    (origin,) = cluster.origins
    assert origin.type == "citation_loop"
    assert origin.name == "citation loop: Morning Signal, Plains Gazette"
    assert cluster.profile.citation_loop and cluster.profile.circular
    assert len(cluster.citations) == 2


def independent_corpus() -> list[Article]:
    return [
        article("i1", "Northgate Courier", "2024-05-10",
                Said("Soldiers detained thirty farmers near Ostrel on Friday",
                     (("Kestrian Monitor for Civil Rights", "ngo"),)),
                Reply(ResponseKind.DENIAL, "The Interior Ministry",
                      "The Interior Ministry denied that farmers were detained.")),
        article("i2", "Capital Dispatch", "2024-05-11",
                Said("Soldiers detained dozens of farmers in Ostrel on Friday",
                     (("Capital Dispatch", "media"), ("Jana Pell", "person")))),
        article("i3", "Lakeshore Times", "2024-05-11",
                Said("Thirty farmers were detained by soldiers near Ostrel",
                     (("Kestrian Monitor for Civil Rights", "ngo"),)),
                Reply(ResponseKind.CONFIRMATION, "Lakeshore Times",
                      "The Lakeshore Times could not confirm the detentions.")),
    ]  # fmt: skip


def test_two_truly_independent_origins_count_twice() -> None:
    cluster = cluster_with(cross_reference(independent_corpus()), "i1#C1")
    assert origin_names(cluster) == {"Kestrian Monitor for Civil Rights", "Jana Pell"}
    profile = cluster.profile
    assert profile.independent_origins == 2
    assert not profile.circular and not profile.single_origin
    assert "Capital Dispatch <- Jana Pell" in {p for o in cluster.origins for p in o.paths}


def test_a_denial_is_carried_and_the_publisher_is_no_party_concerned() -> None:
    cluster = cluster_with(cross_reference(independent_corpus()), "i1#C1")
    assert cluster.profile.denied
    assert [(r.kind, r.party, r.article_id) for r in cluster.responses] == [
        ("denial", "The Interior Ministry", "i1")
    ]
    assert "Interior Ministry denied it (Northgate Courier)" in cluster.profile.notes


def _anonymous(second_name: str, second_publisher: str = "Eastern Tribune") -> Cluster:
    xref = cross_reference(
        [
            article("a1", "Harbor Ledger", "2024-05-22",
                    Said("The Halvik container terminal will close for two weeks",
                         (("port official", "anonymous"),))),
            article("a2", second_publisher, "2024-05-22",
                    Said("The Halvik container terminal will shut for two weeks",
                         ((second_name, "anonymous"),))),
        ]
    )  # fmt: skip
    return cluster_with(xref, "a1#C1")


def test_anonymous_sources_in_different_outlets_count_when_nothing_links_them() -> None:
    cluster = _anonymous("shipping agent")
    assert cluster.profile.independent_origins == 2
    assert {o.type for o in cluster.origins} == {"anonymous"}


@pytest.mark.parametrize(
    ("name", "publisher", "reason"),
    [
        ("a port official", "Eastern Tribune", "anonymous sources with the same description"),
        ("shipping agent", "Harbor Ledger", "anonymous sources in the same outlet"),
    ],
)
def test_linked_anonymous_sources_count_once(name: str, publisher: str, reason: str) -> None:
    cluster = _anonymous(name, publisher)
    (origin,) = cluster.origins
    assert reason in origin.merged
    assert cluster.profile.independent_origins == 1


def test_anonymous_sources_in_near_duplicate_articles_count_once() -> None:
    text = WIRE + " The terminal will close for two weeks, an official said."
    xref = cross_reference(
        [
            article("w1", "North Wire", "2024-03-05", Said(text, (("official", "anonymous"),))),
            article("w2", "Coast Herald", "2024-03-06",
                    Said(text, (("harbour official", "anonymous"),))),
        ]
    )  # fmt: skip
    cluster = cluster_with(xref, "w1#C1")
    assert cluster.profile.voices == 1 and cluster.profile.syndicated
    (origin,) = cluster.origins
    assert "anonymous sources in near-duplicate articles" in origin.merged


def test_vague_holders_never_add_to_the_count() -> None:
    xref = cross_reference(
        [
            article("v1", "Harbor Ledger", "2024-05-22",
                    Said("The Halvik container terminal will close for two weeks",
                         (("critics", "vague"),))),
            article("v2", "Eastern Tribune", "2024-05-22",
                    Said("The Halvik container terminal will shut for two weeks",
                         (("reports", "vague"),))),
        ]
    )  # fmt: skip
    cluster = cluster_with(xref, "v1#C1")
    assert cluster.profile.independent_origins == 0
    assert not any(origin.counted for origin in cluster.origins)
    assert "no identifiable origin" in cluster.profile.notes


def test_a_short_name_is_the_same_person() -> None:
    xref = cross_reference(
        [
            article("m1", "Capital Dispatch", "2024-05-15",
                    Said("Halvik mayor Tomas Brenn resigned on Wednesday",
                         (("Mira Haldt", "government"),))),
            article("m2", "Coast Herald", "2024-05-15",
                    Said("Halvik mayor Tomas Brenn resigned on Wednesday",
                         (("Haldt", "person"),))),
        ]
    )  # fmt: skip
    cluster = cluster_with(xref, "m1#C1")
    (origin,) = cluster.origins
    assert origin.name == "Mira Haldt"
    assert cluster.profile.single_origin


def test_own_reporting_counts_per_outlet_unless_the_article_names_a_source() -> None:
    xref = cross_reference(
        [
            article("o1", "Harbor Ledger", "2024-05-01",
                    Said("Rebels seized the Mavro border crossing on Monday")),
            article("o2", "Coast Herald", "2024-05-01",
                    Said("Rebels seized the Mavro border crossing overnight")),
            article("o3", "Inland Post", "2024-05-02",
                    Said("Rebels seized the Mavro border crossing"),
                    Said("Rebels seized the border crossing at Mavro on Monday",
                         (("Kordon 24", "social_media"),))),
        ]
    )  # fmt: skip
    cluster = cluster_with(xref, "o1#C1")
    assert origin_names(cluster) == {"Harbor Ledger", "Coast Herald", "Kordon 24"}
    assert "Inland Post" not in origin_names(cluster)


def test_wire_copies_are_one_voice_and_one_origin_not_circular() -> None:
    xref = cross_reference(
        [
            article("w1", "North Wire", "2024-03-05", Said(WIRE)),
            article("w2", "Coast Herald", "2024-03-06", Said(WIRE)),
            article("w3", "Inland Post", "2024-03-06", Said(WIRE)),
        ]
    )
    cluster = cluster_with(xref, "w3#C1")
    profile = cluster.profile
    assert (profile.articles, profile.outlets, profile.voices) == (3, 3, 1)
    assert origin_names(cluster) == {"North Wire"}
    assert profile.syndicated and profile.single_origin and not profile.circular


def test_evidence_without_a_named_party_is_an_origin() -> None:
    xref = cross_reference(
        [
            article("e1", "Harbor Ledger", "2024-05-01",
                    Said("A video shows rebels seizing the Mavro border crossing",
                         (("video", "evidence"),))),
        ]
    )  # fmt: skip
    (origin,) = cluster_with(xref, "e1#C1").origins
    assert (origin.name, origin.type, origin.counted) == ("video", "evidence", True)


# --- ids, order, input, queries ---------------------------------------------------------


def test_ids_are_stable_whatever_the_order_of_the_articles() -> None:
    articles = circular_corpus() + independent_corpus()
    forward = cross_reference(articles)
    shuffled = list(articles)
    random.Random(7).shuffle(shuffled)
    backward = cross_reference(shuffled)
    assert [c.id for c in forward.clusters] == [c.id for c in backward.clusters]
    assert forward == backward
    cluster = cluster_with(forward, "c1#C1")
    assert cluster.id == cluster_id(cluster.claims)


def test_pairs_of_id_and_report_are_accepted_and_ids_must_be_unique() -> None:
    first = circular_corpus()[0]
    xref = cross_reference([(first.id, first.report)])
    assert xref.stats.articles == 1
    with pytest.raises(InputError) as error:
        cross_reference([first, (first.id, first.report)])
    assert error.value.code == "CT100"


def test_queries_find_clusters_by_words_place_date_type_and_article() -> None:
    articles = [
        article("q1", "Harbor Ledger", "2024-05-01",
                Said("Rebels seized the Mavro border crossing", place=("Mavro", None, None),
                     period=("2024-04-29", "2024-04-29"))),
        article("q2", "Coast Herald", "2024-06-01",
                Said("The Halvik container terminal will close for two weeks",
                     (("port official", "anonymous"),))),
    ]  # fmt: skip
    xref = cross_reference(articles)
    mavro = cluster_with(xref, "q1#C1")
    halvik = cluster_with(xref, "q2#C1")
    assert clusters_about(xref, "border crossings seized") == (mavro,)
    assert clusters_about(xref, "the") == ()
    assert clusters_at_place(xref, "MAVRO") == (mavro,)
    assert clusters_since(xref, dt.date(2024, 5, 15)) == (halvik,)
    assert clusters_since(xref, dt.date(2024, 4, 29)) == (mavro, halvik)
    assert [o.origin.name for o in origins_of_type(xref, "anonymous")] == ["port official"]
    assert find_cluster(xref, halvik.id) is halvik
    assert find_cluster(xref, "K-missing") is None
    assert clusters_of_article(xref, "q1") == (mavro,)
    assert clusters_of_article(xref, "q1", "C9") == ()
