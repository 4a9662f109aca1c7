"""The spaCy components give the same Report as `pipeline.analyze_doc`."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from claimtrace.components import (
    COMPONENT_NAMES,
    EXTENSIONS,
    add_claimtrace_components,
    doc_for,
    register_extensions,
    report_from_doc,
)
from claimtrace.model import Attribution, Document, Report
from claimtrace.nlp import load_pipeline, model_name
from claimtrace.pipeline import analyze_doc

TEXT = (
    "The mayor said the bridge would reopen in May. "
    '"We will not wait any longer," said Ana Ruiz, the city engineer.'
)


def test_extensions_are_registered_once() -> None:
    register_extensions()
    register_extensions()
    assert all(Doc.has_extension(name) for name in EXTENSIONS)


def test_extensions_default_to_none() -> None:
    doc = Doc(spacy.blank("en").vocab, words=["Nothing", "ran", "."])
    assert doc._.ct_claims is None
    assert doc._.ct_document is None


@pytest.fixture(scope="module")
def ct_nlp() -> Language:
    """A fresh copy of the pipeline, so the cached shared one is not mutated."""
    return add_claimtrace_components(spacy.load(model_name()))


@pytest.fixture(scope="module")
def reference() -> Report:
    nlp = load_pipeline()
    return analyze_doc(nlp(TEXT), Document(text=TEXT), nlp)


@pytest.mark.model
def test_components_added_in_stage_order(ct_nlp: Language) -> None:
    assert tuple(ct_nlp.pipe_names[-len(COMPONENT_NAMES) :]) == COMPONENT_NAMES
    assert "claimtrace_entities" not in load_pipeline().pipe_names


@pytest.mark.model
def test_adding_twice_does_not_duplicate(ct_nlp: Language) -> None:
    add_claimtrace_components(ct_nlp)
    assert [name for name in ct_nlp.pipe_names if name.startswith("claimtrace_")] == list(
        COMPONENT_NAMES
    )


@pytest.mark.model
def test_analyze_pipes_has_no_problems(ct_nlp: Language) -> None:
    analysis = ct_nlp.analyze_pipes()
    assert analysis["problems"] == {name: [] for name in ct_nlp.pipe_names}
    assert "doc._.ct_claims" in analysis["summary"]["claimtrace_claims"]["assigns"]


@pytest.mark.model
def test_extensions_hold_records(ct_nlp: Language) -> None:
    doc = ct_nlp(TEXT)
    assert doc._.ct_document == Document(text=TEXT)
    assert doc._.ct_entities is not None
    assert doc._.ct_attribution.sources[0].id == "S0"
    assert doc._.ct_attribution.attributions
    assert all(isinstance(item, Attribution) for item in doc._.ct_attribution.attributions)
    assert doc._.ct_claims
    assert len(doc._.ct_profiles) == len(doc._.ct_claims)
    assert doc._.ct_failures is None


@pytest.mark.model
def test_quote_is_attributed_to_the_mayor(ct_nlp: Language) -> None:
    report = report_from_doc(ct_nlp(TEXT))
    names = {source.id: source.name for source in report.sources}
    cited = [names[item.source_id] for item in report.attributions if "bridge" in item.content.text]
    assert any("mayor" in name.lower() for name in cited)


@pytest.mark.model
def test_report_matches_analyze_doc(ct_nlp: Language, reference: Report) -> None:
    report = report_from_doc(ct_nlp(TEXT), ct_nlp)
    assert report.sources == reference.sources
    assert report.attributions == reference.attributions
    assert report.claims == reference.claims
    assert report.profiles == reference.profiles
    assert report == reference


@pytest.mark.model
def test_document_on_the_doc_is_used(ct_nlp: Language) -> None:
    document = Document(text=TEXT, publisher="Harbour Gazette")
    doc = ct_nlp(doc_for(ct_nlp, document))
    report = report_from_doc(doc)
    assert report.document is document
    nlp = load_pipeline()
    assert report.sources == analyze_doc(nlp(TEXT), document, nlp).sources


@pytest.mark.model
def test_failing_stage_is_recorded_like_analyze_doc(
    ct_nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    from claimtrace.extract import hedges

    def broken(doc: Doc) -> tuple[()]:
        raise RuntimeError("lexicon missing")

    monkeypatch.setattr(hedges, "find_hedges", broken)
    report = report_from_doc(ct_nlp(TEXT))
    assert [(f.stage, f.code) for f in report.failures] == [("hedges", "CT300")]
    assert report.claims
    nlp = load_pipeline()
    assert report.failures == analyze_doc(nlp(TEXT), Document(text=TEXT), nlp).failures


EVENT_TEXT = (
    "Police in Varn said on Monday that soldiers attacked the village and arrested two farmers."
)


def test_events_component_is_registered_last() -> None:
    assert COMPONENT_NAMES[-1] == "claimtrace_events"
    assert "ct_events" in EXTENSIONS
    assert "claimtrace_events" in spacy.registry.factories


@pytest.mark.model
def test_events_component_matches_analyze_doc(ct_nlp: Language) -> None:
    document = Document(text=EVENT_TEXT)
    doc = ct_nlp(doc_for(ct_nlp, document))
    assert [event.event_type for event in doc._.ct_events] == ["ASSAULT", "COERCE"]
    assert all(event.time_id for event in doc._.ct_events)  # events come after the dating
    nlp = load_pipeline()
    reference = analyze_doc(nlp(EVENT_TEXT), document, nlp)
    assert report_from_doc(doc).events == reference.events


@pytest.mark.model
def test_failing_events_stage_is_recorded(
    ct_nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    from claimtrace.extract import events

    def broken(*args: object) -> tuple[()]:
        raise RuntimeError("lexicon missing")

    monkeypatch.setattr(events, "extract_events", broken)
    doc = ct_nlp(EVENT_TEXT)
    assert doc._.ct_events == ()
    assert [(f.stage, f.code) for f in doc._.ct_failures] == [("events", "CT300")]
