"""A cluster's appearances, the responses its articles carry, and its corroboration profile.

The profile describes how the support for a cluster is sourced: how many articles, outlets
and voices (near-duplicates counted once) carry it, how many independent origins lie behind
them, and flags: single origin, circular reporting (at least ``circular_min_voices`` voices
and no more than one origin, or outlets citing one another in a loop), outlets citing each
other, syndicated copies, and a denial by the party concerned. It never says what is true.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from ..assess import RESPONSE_NOTES, party_name
from ..model import Claim, Response, ResponseKind
from .features import content_words, normalise_name
from .origins import Corpus
from .records import (
    Appearance,
    Article,
    Citation,
    ClusterResponse,
    CorroborationProfile,
    Origin,
)
from .settings import WordSettings


def appearances(members: dict[str, tuple[Claim, ...]], corpus: Corpus) -> tuple[Appearance, ...]:
    """One Appearance per article of the cluster, earliest publication first."""
    found = []
    for article_id, claims in members.items():
        article = corpus.articles[article_id]
        group = corpus.groups.get(article_id)
        best = max(claims, key=lambda claim: (claim.checkworthiness, -claim.span.start))
        found.append(
            Appearance(
                article_id=article_id,
                publisher=article.publisher,
                published=article.published,
                url=article.url,
                claim_ids=tuple(claim.id for claim in claims),
                text=best.span.text,
                duplicate_group=group.id if group is not None else None,
                title=article.title,
            )
        )
    return tuple(sorted(found, key=appearance_order))


def appearance_order(appearance: Appearance) -> tuple[int, str, str]:
    """Earliest first; undated after dated; then by article id."""
    if appearance.published is None:
        return (1, "", appearance.article_id)
    return (0, appearance.published.isoformat(), appearance.article_id)


def responses_by_claim(
    article: Article, claim_ids: Sequence[str], words: WordSettings
) -> dict[str, list[Response]]:
    """The responses an article carries, each given to the one claim it answers best.

    Among the article's clustered claims, a response goes to the one sharing most content
    words with it; on a tie to a claim that lists it (``Claim.response_ids``), then to the
    most check-worthy, then to the nearest before it. A response whose party is the
    article's own publisher ("the Record was unable to confirm") is left out: the publisher
    is not the party concerned.
    """
    wanted = set(claim_ids)
    claims = [c for c in article.report.claims if c.id in wanted]
    publisher = normalise_name(article.publisher or "")
    given: dict[str, list[Response]] = {}
    for response in article.report.responses:
        if claims and normalise_name(response.party) != publisher:
            claim = max(claims, key=_ranking(response, words))
            given.setdefault(claim.id, []).append(response)
    return given


def _ranking(response: Response, words: WordSettings) -> Callable[[Claim], tuple[float, ...]]:
    said = content_words(response.span.text, words)

    def rank(claim: Claim) -> tuple[float, ...]:
        shared = len(said & content_words(claim.span.text, words))
        before = claim.span.start <= response.span.start
        nearness = claim.span.start if before else -claim.span.start
        return (shared, response.id in claim.response_ids, claim.checkworthiness, before, nearness)

    return rank


def cluster_responses(
    members: dict[str, tuple[Claim, ...]],
    given: dict[str, dict[str, list[Response]]],
    corpus: Corpus,
) -> tuple[ClusterResponse, ...]:
    """Responses given to the cluster's claims, once each, in article order."""
    found: dict[tuple[str, str], ClusterResponse] = {}
    for article_id in sorted(members):
        for claim in members[article_id]:
            for response in given.get(article_id, {}).get(claim.id, []):
                found[(article_id, response.id)] = ClusterResponse(
                    article_id=article_id,
                    publisher=corpus.articles[article_id].publisher,
                    kind=response.kind.value,
                    party=response.party,
                    text=response.span.text,
                )
    return tuple(found.values())


def corroboration(
    shown: Sequence[Appearance],
    origins: Sequence[Origin],
    citations: Sequence[Citation],
    responses: Sequence[ClusterResponse],
    circular_min_voices: int,
) -> CorroborationProfile:
    """The profile of one cluster; see the module docstring for the flags."""
    voices = len({a.duplicate_group or a.article_id for a in shown})
    counted = [origin for origin in origins if origin.counted]
    groups = [a.duplicate_group for a in shown if a.duplicate_group]
    loop = any(origin.type == "citation_loop" for origin in origins)
    profile = CorroborationProfile(
        articles=len(shown),
        outlets=len({(a.publisher or a.article_id).lower() for a in shown}),
        voices=voices,
        independent_origins=len(counted),
        first_appearance=shown[0] if shown else None,
        single_origin=len(counted) == 1,
        circular=loop or (voices >= circular_min_voices and len(counted) <= 1),
        outlets_cite_each_other=bool(citations),
        citation_loop=loop,
        syndicated=len(groups) > len(set(groups)),
        denied=any(r.kind == ResponseKind.DENIAL.value for r in responses),
    )
    return _with_notes(profile, origins, citations, responses)


def _with_notes(
    profile: CorroborationProfile,
    origins: Sequence[Origin],
    citations: Sequence[Citation],
    responses: Sequence[ClusterResponse],
) -> CorroborationProfile:
    counted = [origin.name for origin in origins if origin.counted]
    notes = [
        f"{profile.articles} article(s) from {profile.outlets} outlet(s), {profile.voices} "
        f"voice(s), {profile.independent_origins} independent origin(s)"
        + (": " + "; ".join(counted) if counted else "")
    ]
    if profile.syndicated:
        notes.append("near-duplicate copies counted as one voice")
    if profile.citation_loop:
        notes.append("outlets cite one another in a loop: no origin beyond them")
    elif profile.circular:
        notes.append("circular reporting: many outlets, one origin")
    elif profile.single_origin:
        notes.append("rests on a single origin")
    if not counted:
        notes.append("no identifiable origin")
    notes.extend(f"{c.outlet} cites {c.cited}" for c in citations)
    notes.extend(_response_note(r) for r in responses)
    return replace(profile, notes=tuple(dict.fromkeys(notes)))


def _response_note(response: ClusterResponse) -> str:
    template = RESPONSE_NOTES[ResponseKind(response.kind)]
    return template.format(party=party_name(response.party)) + f" ({response.publisher})"
