"""Which claims are about the same event: candidate pairs, then an explainable score.

Candidates come from MinHash LSH over content words and from small blocks of claims that
share a place name, an event code or a day, so the number of pairs scored grows with the
corpus roughly linearly, not with its square. Each candidate pair is scored as

    text + event_weight * event + place_weight * place + time_weight * time - penalties

(weights in ``lexicons/crossref.toml``) and joined when the score and the text similarity
both reach their thresholds. Every join keeps the features that counted (`JoinReason`).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from datasketch import MinHashLSH

from .dedupe import jaccard, minhash
from .features import ClaimFeatures, EventSignature, PlacePoint
from .records import FeatureScore, JoinReason
from .settings import ClaimSettings, CrossrefSettings, JoinSettings

EARTH_RADIUS_KM = 6371.0


def candidate_pairs(
    claims: Sequence[ClaimFeatures], settings: ClaimSettings
) -> set[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, worth scoring."""
    pairs = set(_lsh_pairs(claims, settings))
    for members in _blocks(claims).values():
        if len(members) <= settings.max_block:
            pairs.update((a, b) for a in members for b in members if a < b)
    return pairs


def _lsh_pairs(
    claims: Sequence[ClaimFeatures], settings: ClaimSettings
) -> Iterator[tuple[int, int]]:
    lsh = MinHashLSH(
        threshold=settings.lsh_threshold, num_perm=settings.num_perm, weights=settings.lsh_weights
    )
    signatures = {
        index: minhash(sorted(words), settings.num_perm)
        for index, words in enumerate(rare_words(claims, settings))
        if words
    }
    for index, signature in signatures.items():
        lsh.insert(index, signature)
    for index, signature in signatures.items():
        yield from ((index, other) for other in lsh.query(signature) if index < other)


def rare_words(claims: Sequence[ClaimFeatures], settings: ClaimSettings) -> list[frozenset[str]]:
    """Each claim's words without those too common in the corpus to tell events apart.

    A word in more than ``max(lsh_min_count, lsh_max_share * claims)`` claims is left out of
    the LSH signatures (not of the scores): common words would make almost every pair a
    candidate, and the number of pairs grow with the square of the corpus.
    """
    counts = Counter(word for claim in claims for word in claim.words)
    cap = max(settings.lsh_min_count, settings.lsh_max_share * len(claims))
    return [frozenset(w for w in claim.words if counts[w] <= cap) for claim in claims]


def _blocks(claims: Sequence[ClaimFeatures]) -> dict[str, list[int]]:
    """Claims sharing a place name, an event type with its actor, or a day."""
    blocks: dict[str, list[int]] = defaultdict(list)
    for index, claim in enumerate(claims):
        keys = {f"place:{place.name}" for place in claim.places if place.name}
        keys |= {f"event:{e.event_type}:{e.actor}" for e in claim.events}
        if claim.period is not None and claim.period.start == claim.period.end:
            keys.add(f"day:{claim.period.start.isoformat()}")
        for key in keys:
            blocks[key].append(index)
    return blocks


def score_pair(a: ClaimFeatures, b: ClaimFeatures, settings: JoinSettings) -> JoinReason:
    """The score of a pair and the features behind it (text first, then only what applies)."""
    features = [text_feature(a.words, b.words)]
    event = event_feature(a.events, b.events, settings)
    place = place_feature(a.places, b.places, settings)
    time = time_feature(a, b, settings)
    features.extend(f for f in (event, place, time) if f is not None)
    total = sum(feature.score for feature in features)
    return JoinReason(a.ref.key, b.ref.key, round(total, 3), tuple(features))


def accepts(reason: JoinReason, settings: JoinSettings) -> bool:
    """A pair joins when its text is similar enough and its score reaches the threshold."""
    text = next(f.score for f in reason.features if f.name == "text")
    return text >= settings.min_text and reason.score >= settings.threshold


@dataclass(frozen=True, slots=True)
class Joins:
    """The accepted joins of a set of claims and how many candidate pairs were scored."""

    accepted: tuple[JoinReason, ...]
    candidates: int


def joins(claims: Sequence[ClaimFeatures], settings: CrossrefSettings) -> Joins:
    """Every accepted join among the claims' candidate pairs, in a stable order."""
    pairs = candidate_pairs(claims, settings.claims)
    found = []
    for i, j in pairs:
        a, b = sorted((claims[i], claims[j]), key=lambda claim: claim.ref.key)
        reason = score_pair(a, b, settings.join)
        if accepts(reason, settings.join):
            found.append(reason)
    return Joins(tuple(sorted(found, key=lambda reason: (reason.a, reason.b))), len(pairs))


def text_feature(a: frozenset[str], b: frozenset[str]) -> FeatureScore:
    """The mean of the Jaccard similarity and the overlap of two word sets.

    The overlap is the shared words over the smaller set's size plus one, so that a claim of
    two words is not taken as fully contained in any claim that happens to use both.
    """
    shared = a & b
    overlap = len(shared) / (min(len(a), len(b)) + 1) if a and b else 0.0
    similarity = jaccard(a, b)
    score = round((similarity + overlap) / 2, 3)
    words = ", ".join(sorted(shared)) or "none"
    detail = f"shared words: {words} (jaccard {similarity:.2f}, overlap {overlap:.2f})"
    return FeatureScore("text", score, detail)


def event_feature(
    a: Sequence[EventSignature], b: Sequence[EventSignature], settings: JoinSettings
) -> FeatureScore | None:
    """The best agreement between an event of each claim; None when either has none."""
    if not a or not b:
        return None
    best, detail = max(
        ((_event_agreement(x, y, settings), _event_detail(x, y)) for x in a for y in b),
        key=lambda pair: (pair[0], pair[1]),
    )
    return FeatureScore("event", round(best * settings.event_weight, 3), detail)


def _event_agreement(x: EventSignature, y: EventSignature, settings: JoinSettings) -> float:
    if x.negated != y.negated or x.event_type != y.event_type:
        return 0.0
    score = settings.event_type_share
    if x.actor and x.actor == y.actor:
        score += settings.event_actor_share
    if x.targets & y.targets:
        score += settings.event_target_share
    return score


def _event_detail(x: EventSignature, y: EventSignature) -> str:
    parts = [f"{x.event_type} / {y.event_type}"]
    if x.actor and x.actor == y.actor:
        parts.append(f"actor: {x.actor}")
    if x.targets & y.targets:
        parts.append("targets: " + ", ".join(sorted(x.targets & y.targets)))
    return "; ".join(parts)


def place_feature(
    a: Sequence[PlacePoint], b: Sequence[PlacePoint], settings: JoinSettings
) -> FeatureScore | None:
    """Same place (by name, or within the radius) scores; places far apart cost."""
    if not a or not b:
        return None
    shared = sorted({p.name for p in a} & {p.name for p in b} - {""})
    if shared:
        return FeatureScore("place", settings.place_weight, "same place: " + ", ".join(shared))
    distances = [_distance(x, y) for x in a for y in b]
    known = [(d, x, y) for d, x, y in distances if d is not None]
    if not known:
        return None
    distance, x, y = min(known, key=lambda item: item[0])
    detail = f"{x.name} and {y.name}: {distance:.0f} km apart"
    if distance <= settings.radius_km + x.uncertainty_km + y.uncertainty_km:
        return FeatureScore("place", settings.place_weight, detail + " (within the radius)")
    return FeatureScore("place", -settings.place_far_penalty, detail)


def _distance(x: PlacePoint, y: PlacePoint) -> tuple[float | None, PlacePoint, PlacePoint]:
    if None in (x.lat, x.lon, y.lat, y.lon):
        return None, x, y
    return haversine_km(x.lat or 0.0, x.lon or 0.0, y.lat or 0.0, y.lon or 0.0), x, y


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def time_feature(a: ClaimFeatures, b: ClaimFeatures, settings: JoinSettings) -> FeatureScore | None:
    """Overlapping periods score; periods that do not meet cost, when both times come from
    the claims themselves (one found elsewhere in the sentence may date the report, not the
    event); None when either period is unknown."""
    if a.period is None or b.period is None:
        return None
    if a.period.overlaps(b.period):
        return FeatureScore("time", settings.time_weight, f"{a.period} overlaps {b.period}")
    detail = f"{a.period} does not meet {b.period}"
    trusted = settings.time_penalty_from
    if a.period.found in trusted and b.period.found in trusted:
        return FeatureScore("time", -settings.time_disjoint_penalty, detail)
    return FeatureScore("time", 0.0, f"{detail} (a time found outside a claim is no contradiction)")
