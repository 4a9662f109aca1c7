"""Hand-built articles for the cross-article tests: Reports with claims, chains, responses,
times, places and events, written in a line each. No model."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from claimtrace.crossref import Article, Cluster, CrossReference
from claimtrace.model import (
    Certainty,
    ChainLink,
    Claim,
    Document,
    Event,
    EventActor,
    PlaceMention,
    PlaceRole,
    Polarity,
    Report,
    Response,
    ResponseKind,
    Source,
    SourceType,
    TextSpan,
    TimeExpression,
)


@dataclass(frozen=True)
class EventReport(Report):
    """A Report carrying coded events, whether or not the model's Report has them yet."""

    events: tuple[Event, ...] = ()


@dataclass(frozen=True)
class Said:
    """A claim sentence: its text, chain (label, type) outward, and when/where it happened."""

    text: str
    chain: tuple[tuple[str, str], ...] = ()
    period: tuple[str, str] | None = None
    place: tuple[str, float | None, float | None] | None = None
    event: tuple[str, str | None, tuple[str, ...]] | None = None  # type, actor, targets
    time_from: str | None = None  # where the time was found: claim, sentence, ...


@dataclass(frozen=True)
class Reply:
    """A response sentence of the party concerned."""

    kind: ResponseKind
    party: str
    text: str


def article(
    aid: str, publisher: str, published: str | None, *parts: Said | Reply, title: str = ""
) -> Article:
    """An Article whose text is the parts in order, with claims, responses, times, places."""
    text, offsets = "", []
    for part in parts:
        offsets.append(len(text))
        text += part.text + " "
    doc = Document(
        text=text.strip(),
        title=title or None,
        published=dt.date.fromisoformat(published) if published else None,
        publisher=publisher,
        url=f"https://{publisher.lower().replace(' ', '')}.example/{aid}",
    )
    built = _Built(publisher)
    for part, start in zip(parts, offsets, strict=True):
        built.add(part, start)
    report = EventReport(
        document=doc,
        sources=tuple(built.sources.values()),
        claims=tuple(built.claims),
        responses=tuple(built.responses),
        times=tuple(built.times),
        places=tuple(built.places),
        events=tuple(built.events),
    )
    return Article.from_report(aid, report)


class _Built:
    def __init__(self, publisher: str) -> None:
        self.sources: dict[str, Source] = {"": Source("S0", publisher, SourceType.PUBLISHER)}
        self.claims: list[Claim] = []
        self.responses: list[Response] = []
        self.times: list[TimeExpression] = []
        self.places: list[PlaceMention] = []
        self.events: list[Event] = []

    def add(self, part: Said | Reply, start: int) -> None:
        span = TextSpan(start, start + len(part.text), part.text)
        if isinstance(part, Reply):
            rid = f"R{len(self.responses) + 1}"
            self.responses.append(Response(rid, part.kind, part.party, span))
            return
        cid = f"C{len(self.claims) + 1}"
        self.claims.append(self._claim(cid, part, span))

    def _claim(self, cid: str, said: Said, span: TextSpan) -> Claim:
        links = [ChainLink(self.sources[""].name, "publisher", "S0")]
        for label, kind in said.chain:
            links.append(self._link(label, kind))
        time_id = self._time(said, span)
        place_ids = self._place(said, span)
        if said.event is not None:
            self._event(cid, said, span)
        return Claim(
            id=cid,
            span=span,
            sentence=span,
            attribution_ids=("A1",) if said.chain else (),
            chain=tuple(links),
            asserted_by_publisher=not said.chain,
            certainty=Certainty.CERTAIN,
            hedges=(),
            polarity=Polarity.POSITIVE,
            checkworthiness=0.6,
            time_id=time_id,
            time_from=said.time_from if time_id else None,
            place_ids=place_ids,
        )

    def _link(self, label: str, kind: str) -> ChainLink:
        if kind == "evidence":
            return ChainLink(label, "evidence", evidence_id="E1")
        if label not in self.sources:
            sid = f"S{len(self.sources)}"
            self.sources[label] = Source(sid, label, SourceType(kind))
        return ChainLink(label, kind, self.sources[label].id)

    def _time(self, said: Said, span: TextSpan) -> str | None:
        if said.period is None:
            return None
        tid = f"T{len(self.times) + 1}"
        start, end = said.period
        self.times.append(TimeExpression(tid, span, start, "DATE", start, end, True, False, "day"))
        return tid

    def _place(self, said: Said, span: TextSpan) -> tuple[str, ...]:
        if said.place is None:
            return ()
        pid = f"P{len(self.places) + 1}"
        name, lat, lon = said.place
        resolved = lat is not None
        self.places.append(
            PlaceMention(
                pid,
                span,
                name,
                PlaceRole.EVENT_LOCATION,
                resolved,
                lat,
                lon,
                5.0,
                None,
                None,
                "town",
            )
        )
        return (pid,)

    def _event(self, cid: str, said: Said, span: TextSpan) -> None:
        assert said.event is not None
        kind, actor, targets = said.event
        self.events.append(
            Event(
                id=f"EV{len(self.events) + 1}",
                claim_id=cid,
                event_type=kind,
                action=span,
                actor=EventActor(span, actor) if actor else None,
                targets=tuple(EventActor(span, t) for t in targets),
            )
        )


def cluster_with(xref: CrossReference, key: str) -> Cluster:
    """The cluster holding the claim ``<article id>#<claim id>``."""
    return next(c for c in xref.clusters if key in {ref.key for ref in c.claims})


def origin_names(cluster: Cluster) -> set[str]:
    return {origin.name for origin in cluster.origins if origin.counted}
