"""When and where each claim is: its time expression and the places of its event.

A claim's time is, in this order: the governing time expression inside the claim; the one
in its sentence outside the other claims there; the one in the sentence of its attribution
frame ("Last July, a commander revealed ... that ..."); else a time inherited from context:
the nearest earlier datable time in the same paragraph, else the time of the previous
claim of the same source ("The source went on to say ..."). Inheritance never crosses a
change of topic: a sentence opening with "Separately," / "Meanwhile," (the lexicon's
``[context] topic_shift``) or a sub-heading line. The publication date is never used.
Sentences are split at line breaks, as claims are, so a dateline never dates a headline.
"Governing" is the expression closest to the root of its sentence's parse, so "In January
2020, a strike killed two men who had fought in 2014" is dated 2020. ``Claim.time_from``
records which rule gave the time; "paragraph" and "source" mean inherited.

A claim's places are the event locations named inside it, else those of its sentence
outside the other claims and outside the names of sources ("officials in Baghdad said").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import cache
from typing import TypeVar

from spacy.tokens import Doc

from ..model import (
    Attribution,
    Claim,
    PlaceMention,
    PlaceRole,
    Source,
    TextSpan,
    TimeExpression,
)
from .time_lexicon import alternation, lexicon

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# A short line standing alone between blank lines, without closing punctuation.
SUBHEADING = re.compile(r"\n[ \t]*\n[ \t]*([A-Z][^\n.!?:;,\"“”]{0,60}[^\n.!?:;,\"“”\s])[ \t]*\n")
MAX_DEPTH = 99  # depth given to an expression the parse cannot place


def link_claims(
    doc: Doc,
    claims: Sequence[Claim],
    attributions: Sequence[Attribution],
    sources: Sequence[Source],
    times: Sequence[TimeExpression],
    places: Sequence[PlaceMention],
    text: str | None = None,
) -> tuple[Claim, ...]:
    """The claims with their ``time_id``, ``time_from`` and ``place_ids`` filled in.

    ``times`` and ``places`` are in text order, as their stages return them; ``text`` is
    ``doc.text`` when the caller has it (spaCy rebuilds it on every access).
    """
    text = doc.text if text is None else text
    by_id = {attribution.id: attribution for attribution in attributions}
    breaks = paragraph_breaks(text)
    time_starts = [time.span.start for time in times]
    place_starts = [place.span.start for place in places]
    blocked = [mention for source in sources for mention in source.mentions]
    shifts = topic_shifts(text)
    dated = {time.id: time for time in times if datable(time)}
    by_source: dict[str, TimeExpression | None] = {}  # a source's latest claim time
    linked = []
    for claim in claims:
        sentence = claim.sentence
        frames = frame_sentences(doc, text, claim, by_id)
        others = other_claims(claims, claim, [(sentence.start, sentence.end), *frames])
        start = paragraph_start(breaks, sentence.start)
        nearby = _within(times, time_starts, start, sentence.end)
        nearby += [time for frame in frames for time in _within(times, time_starts, *frame)]
        time_id, time_from = claim_time(doc, claim, nearby, others, frames, breaks, shifts)
        key = claim_source(claim)
        if time_id is None and key is not None:
            time_id, time_from = source_time(claim, by_source.get(key), shifts)
        if key is not None and time_id is not None:
            by_source[key] = dated.get(time_id)  # a vague time ("now") passes nothing on
        located = _within(places, place_starts, sentence.start, sentence.end)
        place_ids = claim_places(claim, located, [*others, *blocked])
        linked.append(replace(claim, time_id=time_id, time_from=time_from, place_ids=place_ids))
    return tuple(linked)


def other_claims(
    claims: Sequence[Claim], claim: Claim, regions: Sequence[tuple[int, int]]
) -> list[TextSpan]:
    """Spans of the claims apart from ``claim`` that may reach into ``regions``.

    A claim between two regions is kept too: it overlaps nothing inside them, so it changes
    no answer, and one comparison per claim is cheaper than one per region.
    """
    low, high = min(start for start, _ in regions), max(end for _, end in regions)
    span = claim.span
    return [
        other.span
        for other in claims
        if other.span.start < high
        and low < other.span.end
        and not (other.span.start < span.end and span.start < other.span.end)
    ]


# --- time -----------------------------------------------------------------------------


def claim_time(
    doc: Doc,
    claim: Claim,
    times: Sequence[TimeExpression],
    others: Sequence[TextSpan],
    frames: Sequence[tuple[int, int]],
    breaks: Sequence[int],
    shifts: Sequence[int] = (),
) -> tuple[str | None, str | None]:
    """The id of the time expression dating ``claim`` and the rule that found it.

    ``shifts`` are the offsets where a new topic begins (see `topic_shifts`).
    """
    rules: list[tuple[str, Callable[[TimeExpression], bool]]] = [
        ("claim", lambda t: _inside(t.span, claim.span)),
        ("sentence", lambda t: _inside(t.span, claim.sentence) and _free(t.span, others)),
        (
            "attribution",
            lambda t: any(_inside(t.span, f) for f in frames) and _free(t.span, others),
        ),
    ]
    for name, accepts in rules:
        found = [time for time in times if accepts(time)]
        if found:
            return governing(doc, found).id, name
    earlier = nearest_earlier(claim, times, breaks, shifts)
    return (earlier.id, "paragraph") if earlier is not None else (None, None)


def governing(doc: Doc, times: Sequence[TimeExpression]) -> TimeExpression:
    """The expression nearest its sentence's root; the earliest one on a tie."""
    return min(times, key=lambda time: (parse_depth(doc, time.span), time.span.start))


def parse_depth(doc: Doc, span: TextSpan) -> int:
    """How many dependency arcs separate the span's head from its sentence's root."""
    tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
    if tokens is None or not doc.has_annotation("DEP"):
        return MAX_DEPTH
    token, depth = tokens.root, 0
    while token.head.i != token.i and depth < MAX_DEPTH:
        token, depth = token.head, depth + 1
    return depth


def nearest_earlier(
    claim: Claim,
    times: Sequence[TimeExpression],
    breaks: Sequence[int],
    shifts: Sequence[int] = (),
) -> TimeExpression | None:
    """The last datable time before the claim's sentence in its paragraph, same topic."""
    start = claim.sentence.start
    first = paragraph_start(breaks, start)
    earlier = [
        time
        for time in times
        if first <= time.span.start
        and time.span.end <= start
        and datable(time)
        and not shifted(shifts, time.span.start, start)
    ]
    return max(earlier, key=lambda time: time.span.start, default=None)


def datable(time: TimeExpression) -> bool:
    """A time with calendar bounds and no vagueness: one a claim may inherit."""
    return time.start is not None and not time.vague


def claim_source(claim: Claim) -> str | None:
    """The id of the source closest to the claim in its chain; None for the publisher's own."""
    if claim.asserted_by_publisher or not claim.chain:
        return None
    return claim.chain[-1].source_id


def source_time(
    claim: Claim, previous: TimeExpression | None, shifts: Sequence[int]
) -> tuple[str | None, str | None]:
    """The time of the same source's previous dated claim, unless the topic changed since."""
    if previous is None or previous.span.start >= claim.span.start:
        return None, None
    if shifted(shifts, previous.span.start, claim.sentence.start):
        return None, None
    return previous.id, "source"


def topic_shifts(text: str) -> list[int]:
    """Offsets where a new topic begins.

    That is a sentence opening with a topic-shift phrase ("Separately, ...") or a
    sub-heading (a short line alone in its paragraph, without closing punctuation).
    """
    return sorted(
        {found.start(1) for found in _shift_pattern().finditer(text)}
        | {found.start(1) for found in SUBHEADING.finditer(text)}
    )


def shifted(shifts: Sequence[int], since: int, until: int) -> bool:
    """Whether a new topic begins after offset ``since`` and no later than ``until``."""
    index = bisect_right(shifts, since)
    return index < len(shifts) and shifts[index] <= until


@cache
def _shift_pattern() -> re.Pattern[str]:
    """Topic-shift phrases at the start of a line or after a sentence end."""
    words = alternation(lexicon().topic_shifts)
    return re.compile(rf"(?:^|\n|[.!?][\"”’']?\s)\s*({words})\b", re.IGNORECASE)


def paragraph_breaks(text: str) -> list[int]:
    """Offsets where paragraphs begin after a blank line."""
    return [match.end() for match in PARAGRAPH_BREAK.finditer(text)]


def paragraph_start(breaks: Sequence[int], offset: int) -> int:
    """Where the paragraph holding ``offset`` begins."""
    index = bisect_right(breaks, offset) - 1
    return breaks[index] if index >= 0 else 0


def frame_sentences(
    doc: Doc, text: str, claim: Claim, attributions: dict[str, Attribution]
) -> list[tuple[int, int]]:
    """The sentences holding the cues and sources of the claim's attributions and their parents."""
    frames: list[tuple[int, int]] = []
    pending = list(claim.attribution_ids)
    seen: set[str] = set()
    while pending:
        attribution = attributions.get(pending.pop(0))
        if attribution is None or attribution.id in seen:
            continue
        seen.add(attribution.id)
        for span in (attribution.cue.span if attribution.cue else None, attribution.source_span):
            sentence = sentence_around(doc, text, span) if span is not None else None
            if sentence is not None and sentence not in frames:
                frames.append(sentence)
        if attribution.parent:
            pending.append(attribution.parent)
    return frames


def sentence_around(doc: Doc, text: str, span: TextSpan) -> tuple[int, int] | None:
    """The parsed sentence in which ``span`` begins, cut at line breaks (as claims are)."""
    if span.end <= span.start:
        return None  # no tokens to find (and spaCy refuses reversed offsets)
    tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
    if tokens is None or not len(tokens) or not doc.has_annotation("SENT_START"):
        return None
    sent = tokens[0].sent
    start = max(sent.start_char, text.rfind("\n", 0, span.start) + 1)
    newline = text.find("\n", span.end, sent.end_char)
    return start, newline if newline != -1 else sent.end_char


# --- places ---------------------------------------------------------------------------


def claim_places(
    claim: Claim, places: Sequence[PlaceMention], excluded: Sequence[TextSpan]
) -> tuple[str, ...]:
    """Ids of the event locations inside the claim, else of its sentence outside ``excluded``."""
    events = [place for place in places if place.role is PlaceRole.EVENT_LOCATION]
    inside = [place.id for place in events if _inside(place.span, claim.span)]
    if inside:
        return tuple(inside)
    return tuple(
        place.id
        for place in events
        if _inside(place.span, claim.sentence) and _free(place.span, excluded)
    )


# --- spans ----------------------------------------------------------------------------

Located = TypeVar("Located", TimeExpression, PlaceMention)


def _within(
    records: Sequence[Located], starts: Sequence[int], start: int, end: int
) -> list[Located]:
    """The records (sorted by start, ``starts`` their starts) lying inside [start, end)."""
    first, last = bisect_left(starts, start), bisect_left(starts, end)
    return [record for record in records[first:last] if record.span.end <= end]


def _inside(span: TextSpan, outer: TextSpan | tuple[int, int]) -> bool:
    start, end = (outer.start, outer.end) if isinstance(outer, TextSpan) else outer
    return start <= span.start and span.end <= end


def _overlaps(a: TextSpan, b: TextSpan) -> bool:
    return a.start < b.end and b.start < a.end


def _free(span: TextSpan, taken: Sequence[TextSpan]) -> bool:
    """Whether ``span`` overlaps none of ``taken``."""
    return not any(_overlaps(span, other) for other in taken)
