"""Which time and which places each claim gets (hand-built records and Docs, no model)."""

from __future__ import annotations

from dataclasses import replace

from claimtrace.extract import time_and_place as link
from claimtrace.model import (
    Certainty,
    ChainLink,
    Claim,
    PlaceMention,
    PlaceRole,
    Polarity,
    TextSpan,
    TimeExpression,
)
from handmade import make_doc, span_of


def time_at(
    text: str, part: str, tid: str, start: str | None = "2023-03-02", **kw: object
) -> TimeExpression:
    return TimeExpression(
        id=tid,
        span=span_of(text, part),
        value=str(kw.get("value", start or "PXY")),
        type=str(kw.get("type", "DATE")),
        start=start,
        end=start,
        anchored=False,
        vague=bool(kw.get("vague", False)),
        granularity="day",
    )


def place_at(
    text: str, part: str, pid: str, role: PlaceRole = PlaceRole.EVENT_LOCATION
) -> PlaceMention:
    return PlaceMention(
        id=pid,
        span=span_of(text, part),
        name=part,
        role=role,
        resolved=True,
        lat=1.0,
        lon=2.0,
        uncertainty_km=5.0,
        country_code="XX",
        admin1=None,
        feature="populated_place",
    )


def claim_on(text: str, part: str, sentence: str, cid: str = "C1") -> Claim:
    return Claim(
        id=cid,
        span=span_of(text, part),
        sentence=span_of(text, sentence),
        attribution_ids=(),
        chain=(ChainLink("Daily Test", "publisher", "S0"),),
        asserted_by_publisher=True,
        certainty=Certainty.CERTAIN,
        hedges=(),
        polarity=Polarity.POSITIVE,
        checkworthiness=0.5,
    )


TWO_PARAGRAPHS = (
    "On 2 March, shells hit Varnel. Three houses burned.\n\n"
    "Over the years the town grew. Two roads were closed."
)


def test_paragraph_breaks() -> None:
    assert link.paragraph_breaks("a\n\nb\n \nc\nd") == [3, 7]


def test_nearest_earlier_time_stays_in_its_paragraph() -> None:
    text = TWO_PARAGRAPHS
    times = [
        time_at(text, "2 March", "T1"),
        time_at(text, "the years", "T2", start=None, type="DURATION", vague=True),
    ]
    burned = claim_on(text, "Three houses burned", "Three houses burned.")
    closed = claim_on(text, "Two roads were closed", "Two roads were closed.")
    breaks = link.paragraph_breaks(text)
    found = link.nearest_earlier(burned, times, breaks)
    assert found is not None and found.id == "T1"
    assert link.nearest_earlier(closed, times, breaks) is None  # vague, and T1 is elsewhere


def test_event_locations_inside_the_claim_come_first() -> None:
    text = "Police in Dorvan said a bridge near Kessa collapsed, 8 km north of Orlin."
    places = [
        place_at(text, "Dorvan", "P1"),
        place_at(text, "Kessa", "P2"),
        place_at(text, "Orlin", "P3", PlaceRole.REFERENCE),
    ]
    claim = claim_on(text, "a bridge near Kessa collapsed, 8 km north of Orlin", text)
    assert link.claim_places(claim, places, []) == ("P2",)


def test_sentence_places_outside_sources_and_other_claims() -> None:
    text = "In Varnel, officials in Dorvan said two roads were closed."
    places = [place_at(text, "Varnel", "P1"), place_at(text, "Dorvan", "P2")]
    claim = claim_on(text, "two roads were closed", text)
    excluded = [span_of(text, "officials in Dorvan")]
    assert link.claim_places(claim, places, excluded) == ("P1",)
    demonym = replace(places[0], role=PlaceRole.DEMONYM)
    assert link.claim_places(claim, [demonym, places[1]], excluded) == ()


def test_paragraph_start() -> None:
    breaks = link.paragraph_breaks(TWO_PARAGRAPHS)
    second = TWO_PARAGRAPHS.index("Over")
    assert link.paragraph_start(breaks, 5) == 0
    assert link.paragraph_start(breaks, second) == link.paragraph_start(breaks, second + 9)
    assert link.paragraph_start(breaks, second) == second


def test_frame_sentence_stops_at_a_line_break() -> None:
    doc = make_doc(
        "Port|NNP closes|VBZ :|: Report|NN _|_SP By|IN Desk|NNP May|NNP 2|CD 2024|CD",
    )
    text = doc.text
    cue = span_of(text, ":")
    start, end = link.sentence_around(doc, text, cue) or (0, 0)
    assert text[start:end] == "Port closes: Report"


def relative_clause_doc():  # type: ignore[no-untyped-def]
    # "Men who fought in 2014 were killed in 2020": 2014 hangs inside the relative clause.
    return make_doc(
        "Men|NNS|man|nsubjpass|6 who|WP|who|nsubj|2 fought|VBD|fight|relcl|0 in|IN|in|prep|2 "
        "2014|CD|2014|pobj|3 were|VBD|be|auxpass|6 killed|VBN|kill|ROOT|6 in|IN|in|prep|6 "
        "2020|CD|2020|pobj|7"
    )


def test_governing_time_is_the_one_nearest_the_root() -> None:
    doc = relative_clause_doc()
    text = doc.text
    early = time_at(text, "2014", "T1", "2014-01-01")
    late = time_at(text, "2020", "T2", "2020-01-01")
    assert link.parse_depth(doc, early.span) > link.parse_depth(doc, late.span)
    assert link.governing(doc, [early, late]).id == "T2"


def test_claim_time_rules_in_order() -> None:
    doc = relative_clause_doc()
    text = doc.text
    early = time_at(text, "2014", "T1", "2014-01-01")
    late = time_at(text, "2020", "T2", "2020-01-01")
    whole = claim_on(text, text, text)
    assert link.claim_time(doc, whole, [early, late], [], [], []) == ("T2", "claim")
    inner = claim_on(text, "Men who fought in 2014", text)
    assert link.claim_time(doc, inner, [early, late], [], [], []) == ("T1", "claim")
    outer = claim_on(text, "were killed", text)
    others = [span_of(text, "Men who fought in 2014")]
    assert link.claim_time(doc, outer, [early, late], others, [], []) == ("T2", "sentence")
    framed = claim_on(text, "were killed", "were killed")
    frame = span_of(text, "in 2014")
    frames = [(frame.start, frame.end)]
    assert link.claim_time(doc, framed, [early], [], frames, []) == ("T1", "attribution")


def test_only_datable_times_are_inherited_from_the_paragraph() -> None:
    doc = relative_clause_doc()
    text = doc.text
    claim = claim_on(text, "were killed", "were killed in 2020")
    vague = time_at(text, "Men", "T8", start=None, type="DURATION", vague=True)
    dated = time_at(text, "Men", "T9", "2019-05-01")
    assert link.claim_time(doc, claim, [vague], [], [], []) == (None, None)
    assert link.claim_time(doc, claim, [dated], [], [], []) == ("T9", "paragraph")


# --- times inherited from context ------------------------------------------------------

GUARD_STORY = (
    "On|IN 2|CD March|NNP ,|, the|DT guard|NN said|VBD shells|NNS hit|VBD Varnel|NNP .|. _|_SP",
    "He|PRP added|VBD that|IN roads|NNS closed|VBD .|. _|_SP",
    "Separately|RB ,|, he|PRP said|VBD rates|NNS rose|VBD .|.",
)


def sourced(text: str, part: str, sentence: str, cid: str, source_id: str = "S1") -> Claim:
    """A claim attributed to ``source_id`` (not the publisher's own assertion)."""
    chain = (
        ChainLink("Daily Test", "publisher", "S0"),
        ChainLink("the guard", "official", source_id),
    )
    claim = claim_on(text, part, sentence, cid)
    return replace(claim, chain=chain, asserted_by_publisher=False)


def test_topic_shifts_are_shift_phrases_and_subheadings() -> None:
    text = (
        "Rates rose.\n\nPort Rules Change\n\nFerries stopped. Meanwhile, rates fell.\n"
        "Elsewhere it rained."
    )
    shifts = link.topic_shifts(text)
    assert [text[at:].split()[0] for at in shifts] == ["Port", "Meanwhile,", "Elsewhere"]
    assert link.shifted(shifts, 0, text.index("Ferries"))
    assert not link.shifted(shifts, text.index("Ferries"), text.index("Meanwhile") - 1)


def test_claim_inherits_the_same_sources_previous_time() -> None:
    doc = make_doc(*GUARD_STORY)
    text = doc.text
    times = [time_at(text, "2 March", "T1")]
    claims = [
        sourced(text, "shells hit Varnel", "On 2 March, the guard said shells hit Varnel.", "C1"),
        sourced(text, "roads closed", "He added that roads closed.", "C2"),
        sourced(text, "rates rose", "Separately, he said rates rose.", "C3"),
        claim_on(text, "roads closed", "He added that roads closed.", "C4"),
    ]
    linked = link.link_claims(doc, claims, [], [], times, [], text)
    found = [(claim.id, claim.time_id, claim.time_from) for claim in linked]
    assert found == [
        ("C1", "T1", "sentence"),
        ("C2", "T1", "source"),  # inherited: the guard's previous claim was dated
        ("C3", None, None),  # "Separately," opens a new topic
        ("C4", None, None),  # the publisher's own claim inherits nothing from a source
    ]


def test_other_sources_and_vague_times_are_not_inherited() -> None:
    text = "It rained on 2 March. Roads closed."
    dated = time_at(text, "2 March", "T1")
    claim = sourced(text, "Roads closed", "Roads closed.", "C2")
    assert link.source_time(claim, dated, []) == ("T1", "source")
    assert link.source_time(claim, None, []) == (None, None)
    assert link.source_time(claim, dated, [text.index("Roads")]) == (None, None)
    vague = time_at(text, "2 March", "T2", start=None, vague=True)
    assert not link.datable(vague) and link.datable(dated)
    assert link.claim_source(claim_on(text, "Roads closed", "Roads closed.")) is None
    assert link.claim_source(claim) == "S1"


def test_a_shift_inside_the_paragraph_stops_inheritance() -> None:
    text = "Shells hit Varnel on 2 March. Meanwhile, roads closed."
    times = [time_at(text, "2 March", "T1")]
    claim = claim_on(text, "roads closed", "Meanwhile, roads closed.")
    assert link.nearest_earlier(claim, times, []) is not None
    assert link.nearest_earlier(claim, times, [], link.topic_shifts(text)) is None


def test_a_reversed_span_has_no_sentence() -> None:
    doc = make_doc(*GUARD_STORY)
    assert link.sentence_around(doc, doc.text, TextSpan(20, 5, "")) is None


def test_a_vague_time_passes_nothing_on() -> None:
    doc = make_doc(*GUARD_STORY)
    text = doc.text
    vague = time_at(text, "2 March", "T1", start=None, vague=True)
    claims = [
        sourced(text, "shells hit Varnel", "On 2 March, the guard said shells hit Varnel.", "C1"),
        sourced(text, "roads closed", "He added that roads closed.", "C2"),
    ]
    linked = link.link_claims(doc, claims, [], [], [vague], [], text)
    assert [(claim.time_id, claim.time_from) for claim in linked] == [
        ("T1", "sentence"),
        (None, None),
    ]
