"""The rule extractor run on one text through the installed pipeline (tests marked `model`)."""

from __future__ import annotations

from spacy.language import Language

from claimtrace.extract.attribution import extract_attributions
from claimtrace.model import Attribution, AttributionResult, Document


def rules_of(nlp: Language, text: str) -> AttributionResult:
    """The rules' attributions of `text`, a Document with no title."""
    return extract_attributions(nlp(text), Document(text=text), ())


def by_cue(result: AttributionResult, cue: str) -> Attribution:
    """The first attribution whose cue reads `cue` (the failure lists what was found)."""
    found = [a for a in result.attributions if a.cue is not None and a.cue.span.text == cue]
    assert found, [
        (a.cue.span.text if a.cue else None, a.content.text) for a in result.attributions
    ]
    return found[0]


def cues(result: AttributionResult) -> list[str]:
    """The cue texts of `result`, in order."""
    return [a.cue.span.text for a in result.attributions if a.cue is not None]


def pieces(result: AttributionResult, cue: str) -> list[str]:
    """The sorted content texts of the attributions whose cue reads `cue`."""
    return sorted(a.content.text for a in result.attributions if a.cue and a.cue.span.text == cue)
