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

SCHEMA_VERSION = "1.2"


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


class PlaceRole(StrEnum):
    """What a place name does in its sentence; only event locations say where something happened."""

    EVENT_LOCATION = "event_location"  # fighting in Mosul
    ADMIN_CONTEXT = "admin_context"  # the village of X in the province of Y: Y
    METONYMY = "metonymy"  # Moscow denied (a government, not a location)
    DEMONYM = "demonym"  # the Iraqi army
    ATTRIBUTIVE = "attributive"  # US choppers, the UK-based monitor
    REFERENCE = "reference"  # 30 km east of Baquba: the point a distance is measured from
    NOT_A_LOCATION = "not_a_location"  # the name of a party: an outlet called Baghdad Today


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
class TimeExpression:
    """One temporal expression with its TimeML value, normalised against the publication date.

    ``value`` is a TimeML value ("2021-07", "2022-04-28", "P1W", "PXY"); ``start``/``end`` are
    the inclusive ISO dates the expression covers, when known ("over the past week" in an
    article of 2022-04-29: 2022-04-22 to 2022-04-29). ``anchored`` says the value was
    resolved against the publication date; ``vague`` marks "recently", "over the years".
    """

    id: str
    span: TextSpan
    value: str
    type: str  # DATE | TIME | DURATION | SET
    start: str | None
    end: str | None
    anchored: bool
    vague: bool
    granularity: str  # day | week | month | quarter | year | ...


@dataclass(frozen=True, slots=True)
class PlaceRelation:
    """How a place is located from another mention: "30 km east of X", "near X", "in X"."""

    kind: str  # offset | near | inside
    text: str
    anchor_id: str | None = None  # the PlaceMention measured from
    distance_km: float | None = None
    bearing_deg: float | None = None  # 0 north, 90 east


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place named in the text, where it is, and what the name does in its sentence.

    ``resolved`` says the name was found in the gazetteer; an unresolved place can still have
    a point when a relation locates it (a desert "30 km east of" a city, a village "in" a
    province). ``uncertainty_km`` is the radius around the point that the place may occupy.
    ``feature_class``/``feature_code`` are GeoNames codes ("P"/"PPL" a town, "A"/"ADM1" a
    province, "A"/"PCLI" a country); ``feature`` is the same in words, or "relative"/"unknown".
    """

    id: str
    span: TextSpan
    name: str
    role: PlaceRole
    resolved: bool
    lat: float | None
    lon: float | None
    uncertainty_km: float | None
    country_code: str | None
    admin1: str | None
    feature: str
    feature_class: str | None = None
    feature_code: str | None = None
    geonames_id: int | None = None
    relation: PlaceRelation | None = None


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
    time_id: str | None = None  # the TimeExpression that dates the claim
    # claim | sentence | attribution; inherited from context: paragraph | source
    time_from: str | None = None
    place_ids: tuple[str, ...] = ()  # PlaceMentions that are its event locations


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
    times: tuple[TimeExpression, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    events: tuple[Event, ...] = ()
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


@dataclass(frozen=True, slots=True)
class EventActor:
    """A party to an event: the words naming it and what they normalise to.

    ``label`` joins owner and sector ("US military"), or is the entity's name; equipment
    named with the party ("CH-47 Chinook helicopters") is kept apart in ``equipment``.
    """

    span: TextSpan
    label: str
    entity_id: str | None = None
    equipment: TextSpan | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """An action a claim describes, coded to PLOVER: who did what to whom, where and when.

    ``event_type`` is a PLOVER type ("ASSAULT", "AID"), ``mode`` its PLOVER "how" value
    ("aerial"), ``cameo_root`` the two-digit CAMEO root it corresponds to. ``action`` is the
    trigger; ``hedged`` is true when the claim is not stated as certain.
    """

    id: str
    claim_id: str
    event_type: str
    action: TextSpan
    actor: EventActor | None
    targets: tuple[EventActor, ...] = ()
    mode: str | None = None
    cameo_root: str | None = None
    place_ids: tuple[str, ...] = ()
    time_id: str | None = None
    negated: bool = False
    hedged: bool = False
