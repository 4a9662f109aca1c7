"""The whole single-article flow: ingest -> nlp -> extract stages -> assess -> Report."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from . import assess
from . import nlp as nlp_module
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
from .ingest import load_input
from .model import (
    AttributionResult,
    Claim,
    Document,
    PlaceMention,
    Report,
    StageFailure,
    TimeExpression,
)

T = TypeVar("T")
R = TypeVar("R")


def analyze(
    text_or_html: str | bytes,
    *,
    published: dt.date | str | None = None,
    url: str | None = None,
    title: str | None = None,
    publisher: str | None = None,
    input_format: str | None = None,
    model: str | None = None,
) -> Report:
    """Analyse one article given as text, HTML or a JSON record and return its Report."""
    document = load_input(
        text_or_html,
        input_format=input_format,
        published=published,
        url=url,
        title=title,
        publisher=publisher,
    )
    nlp = nlp_module.load_pipeline(model)
    return analyze_doc(nlp(document.text), document, nlp)


def analyze_documents(
    documents: Iterable[Document], *, model: str | None = None, batch_size: int = 32
) -> Iterator[Report]:
    """Analyse many ingested documents, parsing them in batches with `nlp.pipe`."""
    nlp = nlp_module.load_pipeline(model)
    pairs = ((doc.text, doc) for doc in documents)
    for spacy_doc, document in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield analyze_doc(spacy_doc, document, nlp)


def analyze_doc(
    doc: Doc,
    document: Document,
    nlp: Language | None = None,
    *,
    stage_seconds: dict[str, float] | None = None,
) -> Report:
    """Run every extraction stage over a parsed Doc. A failing stage is recorded, not raised.

    With ``stage_seconds``, each stage's wall-clock seconds are added to it under its name.
    """
    stages = _StageRunner(stage_seconds)
    ents = stages.many("entities", lambda: entities.extract_entities(doc))
    attr = stages.call(
        "attribution",
        lambda: attribution_model.extract(doc, document, ents),
        AttributionResult(sources=(attribution.publisher_source(document),), attributions=()),
    )
    found_hedges = stages.many("hedges", lambda: hedges.find_hedges(doc))
    found_evidence = stages.many("evidence", lambda: evidence.extract_evidence(doc, attr.sources))
    found_responses = stages.many("responses", lambda: responses.extract_responses(doc))
    found_claims = stages.many(
        "claims",
        lambda: claims.extract_claims(
            doc, document, attr, found_hedges, found_evidence, found_responses
        ),
    )
    found = when_and_where(stages, doc, document, attr, found_claims)
    found_events = stages.many(
        "events", lambda: events.extract_events(doc, found.claims, ents, attr.attributions)
    )
    profiles = stages.many(
        "assess", lambda: assess.profile_claims(found.claims, attr, found_evidence, found_responses)
    )
    return Report(
        document=document,
        entities=ents,
        sources=attr.sources,
        attributions=attr.attributions,
        claims=found.claims,
        evidence=found_evidence,
        responses=found_responses,
        times=found.times,
        places=found.places,
        events=found_events,
        profiles=profiles,
        warnings=document_warnings(document) + found.warnings,
        failures=tuple(stages.failures),
        pipeline=nlp_module.pipeline_info(nlp) if nlp is not None else {},
    )


@dataclass(frozen=True, slots=True)
class WhenAndWhere:
    """The time and place stages' results, and the claims dated and located with them."""

    times: tuple[TimeExpression, ...]
    places: tuple[PlaceMention, ...]
    claims: tuple[Claim, ...]
    warnings: tuple[str, ...]


def when_and_where(
    stages: _StageRunner,
    doc: Doc,
    document: Document,
    attr: AttributionResult,
    found_claims: tuple[Claim, ...],
) -> WhenAndWhere:
    """Run the time and place stages, then give each claim its time and event locations."""
    published, text = document.published, document.text  # the text `doc` was parsed from
    times = stages.many("time", lambda: time_stage.extract_times(doc, published, text))
    warnings = stages.many("time", lambda: time_stage.consistency_warnings(times, published, doc))
    found_places = stages.many(
        "places",
        lambda: places.mark_party_names(places.extract_places(doc, text=text), attr.sources),
    )
    linked = stages.call(
        "time_and_place",
        lambda: time_and_place.link_claims(
            doc, found_claims, attr.attributions, attr.sources, times, found_places, text
        ),
        found_claims,
    )
    return WhenAndWhere(times, found_places, linked, warnings)


class _StageRunner:
    """Calls stages, turning an exception into a StageFailure and the stage's empty result."""

    def __init__(self, seconds: dict[str, float] | None = None) -> None:
        self.failures: list[StageFailure] = []
        self.seconds = seconds

    def call(self, stage: str, func: Callable[[], T], fallback: T) -> T:
        start = time.perf_counter()
        try:
            return func()
        except ClaimtraceError as error:
            self.failures.append(StageFailure(stage, error.code, error.message))
        except Exception as error:  # one stage must not sink the article
            self.failures.append(StageFailure(stage, "CT300", f"{type(error).__name__}: {error}"))
        finally:
            if self.seconds is not None:
                elapsed = time.perf_counter() - start
                self.seconds[stage] = self.seconds.get(stage, 0.0) + elapsed
        return fallback

    def many(self, stage: str, func: Callable[[], tuple[R, ...]]) -> tuple[R, ...]:
        empty: tuple[R, ...] = ()
        return self.call(stage, func, empty)


def document_warnings(document: Document) -> tuple[str, ...]:
    """Things the reader must know about the input itself."""
    warnings = []
    if document.published is None:
        warnings.append(
            "publication date unknown: not found in the article and not given with --published"
        )
    return tuple(warnings)
