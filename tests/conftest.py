"""Shared test settings: the suite runs against the shipped extractors only.

A model trained with ``claimtrace train attribution`` in the developer's cache would change
what the analyser finds; tests that need one train their own into a temporary cache."""

from __future__ import annotations

import pytest
from spacy.language import Language


@pytest.fixture(autouse=True)
def _rules_only_attribution(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMTRACE_ATTRIBUTION_MODEL", "off")


@pytest.fixture(autouse=True)
def _rules_only_checkworthiness(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMTRACE_CHECKWORTHINESS_MODEL", "off")


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The installed spaCy pipeline, loaded once (for tests marked `model`)."""
    from claimtrace.nlp import load_pipeline

    return load_pipeline()
