"""Typed, frozen records produced by every pipeline stage.

Every record that points into the analysed text carries character offsets
(`start`, `end`) into `Document.text`, so any output can be highlighted.
Records refer to each other by string ids (``S1``, ``A3``, ``C2``...), never by
object identity, so a Report serialises to plain JSON without cycles.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

SCHEMA_VERSION = "1.0"


class SourceType(StrEnum):
    """What kind of party a source is. Assigned from lexicons and context, never from sides."""

    PUBLISHER = "publisher"
    PERSON = "person"
    ANONYMOUS = "anonymous"
    ORGANISATION = "organisation"
    GOVERNMENT = "government"
    MEDIA = "media"
    SOCIAL_MEDIA = "social_media"
    NGO = "ngo"
    DOCUMENT = "document"
    VAGUE = "vague"


SOURCE_TYPE_LABELS: dict[SourceType, str] = {
    SourceType.PUBLISHER: "publisher",
    SourceType.PERSON: "named person",
    SourceType.ANONYMOUS: "anonymous",
    SourceType.ORGANISATION: "organisation",
    SourceType.GOVERNMENT: "government/official body",
    SourceType.MEDIA: "media outlet",
    SourceType.SOCIAL_MEDIA: "social-media channel",
    SourceType.NGO: "NGO/monitor",
    SourceType.DOCUMENT: "document/report",
    SourceType.VAGUE: "vague",
}


class Stance(StrEnum):
    """How a reporting cue positions the reporter towards the content."""

    NEUTRAL = "neutral"
    ASSERTIVE = "assertive"
    DISTANCING = "distancing"


class AttributionKind(StrEnum):
    DIRECT = "direct"  # "...," X said.  /  X said: "..."
    INDIRECT = "indirect"  # X said that ...
    ACCORDING_TO = "according_to"  # According to X, ...
    REPORTED_SEEING = "reported_seeing"  # X reported seeing ...
    NOMINAL = "nominal"  # accusations of ..., claims to the contrary
    HEADLINE = "headline"  # "...: Report"
    EVIDENCE = "evidence"  # a video/report "shows" ...


class Certainty(StrEnum):
    CERTAIN = "certain"
    PROBABLE = "probable"  # likely, probably
    POSSIBLE = "possible"  # may, might, could
    REPORTED = "reported"  # allegedly, reportedly, it is believed


class Polarity(StrEnum):
    POSITIVE = "positive"
    NEGATIVE = "negative"


class ResponseKind(StrEnum):
    DENIAL = "denial"
    DECLINED_TO_COMMENT = "declined_to_comment"
    NO_COMMENT_YET = "no_comment_yet"
    DID_NOT_RESPOND = "did_not_respond"
    CONFIRMATION = "confirmation"


@dataclass(frozen=True, slots=True)
class TextSpan:
    """A piece of the analysed text: ``text == document.text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Document:
    """An article after ingest: clean text plus what is known about its origin."""

    text: str
    title: str | None = None
    byline: str | None = None
    published: dt.date | None = None
    published_from: str = "none"  # metadata | dateline | user | none
    publisher: str | None = None
    url: str | None = None
    language: str = "en"
    content_hash: str = ""
    input_format: str = "text"  # text | html | json
    title_span: TextSpan | None = None  # where the headline sits inside `text`, if it does


@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world referent with every name the article uses for it."""

    id: str
    label: str  # spaCy NER label, possibly corrected (GPE, LOC, ORG, PERSON, NORP, FAC...)
    canonical: str
    names: tuple[str, ...]
    mentions: tuple[TextSpan, ...]
    corrected_from: str | None = None  # original model label when a context rule changed it


@dataclass(frozen=True, slots=True)
class Cue:
    """The words that mark an attribution ("said", "according to", "revealed to")."""

    span: TextSpan
    lemma: str
    stance: Stance


@dataclass(frozen=True, slots=True)
class Source:
    """One distinct party that claims are attributed to."""

    id: str
    name: str
    type: SourceType
    mentions: tuple[TextSpan, ...] = ()
    role: str | None = None
    affiliation: str | None = None
    entity_id: str | None = None


@dataclass(frozen=True, slots=True)
class Attribution:
    """A Source-Cue-Content triple.

    `via` names the outlet that carried the statement ("revealed to Al-Ahad TV"),
    `parent` the attribution this one is nested inside (a quote within a report).
    """

    id: str
    kind: AttributionKind
    source_id: str
    source_span: TextSpan | None
    cue: Cue | None
    content: TextSpan
    via: str | None = None
    parent: str | None = None


@dataclass(frozen=True, slots=True)
class Hedge:
    span: TextSpan
    certainty: Certainty


@dataclass(frozen=True, slots=True)
class Evidence:
    """Material cited in support of a claim (video, imagery, documents, witnesses)."""

    id: str
    kind: str  # video | photo | thermal_imagery | satellite_imagery | document | eyewitness | ...
    span: TextSpan
    status: tuple[str, ...] = ()  # leaked, released, unverified, ...
    source_id: str | None = None
    mentions: tuple[TextSpan, ...] = ()  # every mention of this item, `span` first


@dataclass(frozen=True, slots=True)
class Response:
    """What the party concerned said, or that it has not said anything."""

    id: str
    kind: ResponseKind
    party: str
    span: TextSpan
    party_span: TextSpan | None = None


@dataclass(frozen=True, slots=True)
class ChainLink:
    """One step of an attribution chain, from the publisher outward."""

    label: str
    type: str  # a SourceType value, or "evidence"
    source_id: str | None = None
    evidence_id: str | None = None
    detail: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Claim:
    """A check-worthy factual assertion and everything known about its sourcing."""

    id: str
    span: TextSpan
    sentence: TextSpan
    attribution_ids: tuple[str, ...]
    chain: tuple[ChainLink, ...]
    asserted_by_publisher: bool
    certainty: Certainty
    hedges: tuple[Hedge, ...]
    polarity: Polarity
    checkworthiness: float
    evidence_ids: tuple[str, ...] = ()
    response_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SourcingProfile:
    """A transparent per-claim rubric. Never a truth verdict."""

    claim_id: str
    distinct_sources: int
    anonymous_sources: int
    hedged: bool
    evidence_cited: bool
    responses: tuple[str, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Report:
    """Everything claimtrace found in one article."""

    document: Document
    entities: tuple[Entity, ...] = ()
    sources: tuple[Source, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    claims: tuple[Claim, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    responses: tuple[Response, ...] = ()
    profiles: tuple[SourcingProfile, ...] = ()
    warnings: tuple[str, ...] = ()
    failures: tuple[StageFailure, ...] = ()
    schema_version: str = SCHEMA_VERSION
    pipeline: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class StageFailure:
    """A stage that failed on this article; the other stages' results are kept."""

    stage: str
    code: str
    message: str


@dataclass(frozen=True, slots=True)
class AttributionResult:
    """The attribution stage's output: distinct sources and the triples that cite them.

    ``sources[0]`` is always the publisher of the article (type PUBLISHER, id ``S0``): the root
    of every attribution chain.
    """

    sources: tuple[Source, ...]
    attributions: tuple[Attribution, ...]
