"""Per-claim sourcing profiles: a transparent rubric of how a claim is sourced.

A profile counts the parties a claim rests on, how many of them are anonymous or vague,
whether it is hedged, whether evidence is cited and what the party concerned answered.
It describes the sourcing; it never says whether a claim is true.
"""

from __future__ import annotations

from collections.abc import Sequence

from .model import (
    AttributionResult,
    Certainty,
    Claim,
    Evidence,
    Response,
    ResponseKind,
    Source,
    SourceType,
    SourcingProfile,
)

PUBLISHER_ID = "S0"
UNNAMED_TYPES = frozenset({SourceType.ANONYMOUS, SourceType.VAGUE})

RESPONSE_NOTES: dict[ResponseKind, str] = {
    ResponseKind.DENIAL: "{party} denied it",
    ResponseKind.DECLINED_TO_COMMENT: "{party} declined to comment",
    ResponseKind.NO_COMMENT_YET: "{party} has yet to comment",
    ResponseKind.DID_NOT_RESPOND: "{party} did not respond",
    ResponseKind.CONFIRMATION: "{party} confirmed it",
}


def profile_claims(
    claims: Sequence[Claim],
    attr: AttributionResult,
    evidence: Sequence[Evidence],
    responses: Sequence[Response],
) -> tuple[SourcingProfile, ...]:
    """One SourcingProfile per claim, in the claims' order."""
    sources = {source.id: source for source in attr.sources}
    evidence_by_id = {ev.id: ev for ev in evidence}
    responses_by_id = {response.id: response for response in responses}
    return tuple(profile_claim(claim, sources, evidence_by_id, responses_by_id) for claim in claims)


def profile_claim(
    claim: Claim,
    sources: dict[str, Source],
    evidence: dict[str, Evidence],
    responses: dict[str, Response],
) -> SourcingProfile:
    """The rubric for one claim."""
    chain_sources = claim_sources(claim, sources)
    unnamed = [source for source in chain_sources if source.type in UNNAMED_TYPES]
    cited = [evidence[eid] for eid in claim.evidence_ids if eid in evidence]
    answered = [responses[rid] for rid in claim.response_ids if rid in responses]
    hedged = claim.certainty is not Certainty.CERTAIN or bool(claim.hedges)
    return SourcingProfile(
        claim_id=claim.id,
        distinct_sources=len(chain_sources),
        anonymous_sources=len(unnamed),
        hedged=hedged,
        evidence_cited=bool(cited),
        responses=tuple(response.kind.value for response in answered),
        notes=_notes(claim, chain_sources, cited, answered),
    )


def claim_sources(claim: Claim, sources: dict[str, Source]) -> list[Source]:
    """Distinct known sources in the claim's chain, the publisher excluded."""
    found: list[Source] = []
    for link in claim.chain:
        source = sources.get(link.source_id or "")
        if source is not None and source.id != PUBLISHER_ID and source not in found:
            found.append(source)
    return found


def _notes(
    claim: Claim,
    chain_sources: list[Source],
    cited: list[Evidence],
    answered: list[Response],
) -> tuple[str, ...]:
    notes = _sourcing_notes(claim, chain_sources)
    if claim.certainty is not Certainty.CERTAIN:
        words = ", ".join(f'"{hedge.span.text}"' for hedge in claim.hedges)
        notes.append(f"hedged as {claim.certainty.value}" + (f" ({words})" if words else ""))
    if cited and not any("verified" in ev.status for ev in cited):
        notes.append("evidence cited but not independently verified")
    notes.extend(_response_notes(answered))
    return tuple(notes)


def _sourcing_notes(claim: Claim, chain_sources: list[Source]) -> list[str]:
    """Who the claim rests on: the innermost source originates it, the others relay it."""
    if claim.asserted_by_publisher:
        return ["asserted by the publisher without attribution"]
    if not chain_sources:
        return ["attributed, but the source could not be identified"]
    *relays, origin = chain_sources
    kind = {SourceType.ANONYMOUS: "anonymous ", SourceType.VAGUE: "vague "}
    notes = [f"rests on a single {kind.get(origin.type, '')}source"]
    if relays:
        notes.append("relayed by " + ", ".join(source.name for source in relays))
    return notes


def _response_notes(answered: list[Response]) -> list[str]:
    if not answered:
        return ["no response from the party concerned recorded"]
    return [RESPONSE_NOTES[r.kind].format(party=party_name(r.party)) for r in answered]


def party_name(party: str) -> str:
    """A party as a reader names it: without a leading "The"."""
    for article in ("The ", "the "):
        if party.startswith(article):
            return party[len(article) :]
    return party
