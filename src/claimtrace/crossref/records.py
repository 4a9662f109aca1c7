"""Typed, frozen records of the cross-article analysis.

Claims are named across articles by a `ClaimRef` key ``"<article id>#<claim id>"``; clusters,
duplicate groups and origins carry ids derived from their members, so the same corpus gives
the same ids whatever order its articles come in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model import Report


@dataclass(frozen=True, slots=True)
class Article:
    """One analysed article of a corpus: its id, its Report and where it appeared."""

    id: str
    report: Report
    publisher: str | None = None
    published: dt.date | None = None
    url: str | None = None
    title: str | None = None

    @classmethod
    def from_report(cls, article_id: str, report: Report) -> Article:
        """An Article whose publisher, date, url and title come from the report's Document."""
        doc = report.document
        return cls(article_id, report, doc.publisher, doc.published, doc.url, doc.title)


@dataclass(frozen=True, slots=True)
class DuplicatePair:
    """Two articles whose word shingles overlap enough to be copies of one another."""

    a: str
    b: str
    jaccard: float


@dataclass(frozen=True, slots=True)
class DuplicateGroup:
    """Near-duplicate articles (wire copies, copy-paste): together they are one voice.

    ``article_ids`` run from the earliest publication; ``canonical`` is the first of them.
    """

    id: str
    article_ids: tuple[str, ...]
    canonical: str
    pairs: tuple[DuplicatePair, ...]


@dataclass(frozen=True, slots=True)
class ClaimRef:
    """A claim of one article, named across the corpus by `key`."""

    article_id: str
    claim_id: str
    text: str

    @property
    def key(self) -> str:
        return f"{self.article_id}#{self.claim_id}"


@dataclass(frozen=True, slots=True)
class FeatureScore:
    """One feature of a join: its name (text, event, place, time), score and what matched.

    A negative score is a contradiction (two places far apart, two periods that do not meet).
    """

    name: str
    score: float
    detail: str


@dataclass(frozen=True, slots=True)
class JoinReason:
    """Why two claims were put in one cluster: the total and each feature that counted."""

    a: str
    b: str
    score: float
    features: tuple[FeatureScore, ...]


@dataclass(frozen=True, slots=True)
class Appearance:
    """Where a cluster's claim appeared: one article and the claims of it in the cluster."""

    article_id: str
    publisher: str | None
    published: dt.date | None
    url: str | None
    claim_ids: tuple[str, ...]
    text: str
    duplicate_group: str | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Origin:
    """A party a cluster's claims go back to, after following every attribution chain.

    ``type`` is a SourceType value, ``"evidence"`` (material nobody is named for), or
    ``"citation_loop"`` (outlets that only cite one another). ``paths`` show how each article
    reaches it ("Plains Gazette <- Harbor Ledger <- Kordon 24"). ``counted`` says whether it
    adds to the independence count; ``merged`` says why several mentions are one origin.
    """

    id: str
    name: str
    type: str
    article_ids: tuple[str, ...]
    paths: tuple[str, ...]
    counted: bool
    merged: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Citation:
    """An article naming another outlet of the corpus as its source."""

    article_id: str
    outlet: str
    cited: str
    cited_article_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ClusterResponse:
    """A response of the party concerned carried by one of the cluster's articles."""

    article_id: str
    publisher: str | None
    kind: str  # a ResponseKind value
    party: str
    text: str


@dataclass(frozen=True, slots=True)
class CorroborationProfile:
    """How independent a cluster's support is. A description of sourcing, never a verdict.

    ``voices`` counts articles with near-duplicates counted once; ``independent_origins``
    counts distinct counted origins (see `claimtrace.crossref.origins`).
    """

    articles: int
    outlets: int
    voices: int
    independent_origins: int
    first_appearance: Appearance | None
    single_origin: bool
    circular: bool
    outlets_cite_each_other: bool
    citation_loop: bool
    syndicated: bool
    denied: bool
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Cluster:
    """Claims about one event across articles, with their appearances and origins.

    ``places`` are the normalised names of the claims' event locations; ``period_start`` and
    ``period_end`` span the dates of the claims' time expressions, when they have any.
    """

    id: str
    label: str
    claims: tuple[ClaimRef, ...]
    joins: tuple[JoinReason, ...]
    appearances: tuple[Appearance, ...]
    origins: tuple[Origin, ...]
    citations: tuple[Citation, ...]
    responses: tuple[ClusterResponse, ...]
    profile: CorroborationProfile
    places: tuple[str, ...] = ()
    period_start: dt.date | None = None
    period_end: dt.date | None = None


@dataclass(frozen=True, slots=True)
class CrossrefStats:
    """Sizes of one run: claims compared, candidate pairs scored, joins made."""

    articles: int
    claims: int
    candidate_pairs: int
    joins: int


@dataclass(frozen=True, slots=True)
class CrossReference:
    """The result over a corpus: its duplicate groups and its claim clusters."""

    duplicates: tuple[DuplicateGroup, ...]
    clusters: tuple[Cluster, ...]
    stats: CrossrefStats
