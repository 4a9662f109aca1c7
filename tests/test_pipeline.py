"""The single-article flow: the public `analyze` API, batching, and stage isolation."""

from __future__ import annotations

import datetime as dt

import pytest

import claimtrace
from claimtrace import pipeline
from claimtrace.extract import claims as claims_stage
from claimtrace.extract import evidence as evidence_stage
from claimtrace.ingest import load_input
from claimtrace.model import Report, SourceType

ARTICLE = (
    "Ferry service suspended after harbour crane collapse\n"
    "By Desk Editor - June 3 2024\n\n"
    "A crane collapsed onto the ferry terminal in Port Aleron on Sunday, "
    "the harbour authority said in a statement.\n\n"
    '"Two workers were injured and taken to hospital," spokesman Tomas Reyes told reporters.\n\n'
    "The operator of the crane declined to comment.\n"
)

pytestmark = pytest.mark.model


def test_analyze_returns_a_report_with_offsets() -> None:
    report = claimtrace.analyze(ARTICLE)
    assert isinstance(report, Report)
    assert report.document.published == dt.date(2024, 6, 3)
    assert report.claims
    for claim in report.claims:
        assert ARTICLE[claim.span.start : claim.span.end] == claim.span.text
    assert report.sources[0].type is SourceType.PUBLISHER
    assert report.pipeline["model"]


def test_published_argument_overrides_and_missing_date_is_stated() -> None:
    undated = ARTICLE.replace("By Desk Editor - June 3 2024\n", "")
    assert claimtrace.analyze(undated, published="2024-06-05").document.published == dt.date(
        2024, 6, 5
    )
    report = claimtrace.analyze(undated)
    assert report.document.published is None
    assert any("publication date unknown" in warning for warning in report.warnings)


def test_a_failing_stage_is_recorded_and_the_others_are_kept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*args: object, **kwargs: object) -> tuple[()]:
        raise RuntimeError("evidence exploded")

    monkeypatch.setattr(evidence_stage, "extract_evidence", broken)
    report = claimtrace.analyze(ARTICLE)
    assert [(f.stage, f.code) for f in report.failures] == [("evidence", "CT300")]
    assert "evidence exploded" in report.failures[0].message
    assert report.claims and report.attributions  # later and earlier stages still ran


def test_claims_failure_leaves_profiles_empty_not_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> tuple[()]:
        raise ValueError("bad span")

    monkeypatch.setattr(claims_stage, "extract_claims", broken)
    report = claimtrace.analyze(ARTICLE)
    assert report.claims == () and report.profiles == ()
    assert report.sources and report.attributions
    assert [f.stage for f in report.failures] == ["claims"]


def test_batch_analysis_matches_single_analysis() -> None:
    texts = [ARTICLE, ARTICLE.replace("Port Aleron", "Nova Lisca")]
    documents = [load_input(text) for text in texts]
    batch = list(pipeline.analyze_documents(documents, batch_size=2))
    single = [claimtrace.analyze(text) for text in texts]
    assert [r.claims for r in batch] == [r.claims for r in single]
    assert [r.sources for r in batch] == [r.sources for r in single]
