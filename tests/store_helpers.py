"""Shared by the corpus store tests: a report built by hand, an analyzer that needs no model
(module-level, so worker processes can load it) and small generated articles."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from claimtrace.batch import AnalysisFailed
from claimtrace.model import (
    Attribution,
    AttributionKind,
    Certainty,
    ChainLink,
    Claim,
    Cue,
    Document,
    Hedge,
    Polarity,
    Report,
    Source,
    SourceType,
    StageFailure,
    Stance,
    TextSpan,
)

CORPUS = Path(__file__).parent / "fixtures" / "corpus"


def span(text: str, part: str) -> TextSpan:
    start = text.index(part)
    return TextSpan(start, start + len(part), part)


def handmade_report(document: Document, *, failures: Sequence[StageFailure] = ()) -> Report:
    """A report with the publisher, one quoted person, one attribution and one hedged claim."""
    text = document.text
    first_line = text.strip().splitlines()[0]
    sentence = span(text, first_line)
    person = Source("S1", "Mara Holt", SourceType.PERSON, (sentence,), role="harbour master")
    attribution = Attribution(
        "A1",
        AttributionKind.INDIRECT,
        "S1",
        sentence,
        Cue(sentence, "say", Stance.NEUTRAL),
        sentence,
    )
    claim = Claim(
        id="C1",
        span=sentence,
        sentence=sentence,
        attribution_ids=("A1",),
        chain=(ChainLink("publisher", "publisher", "S0"), ChainLink("Mara Holt", "person", "S1")),
        asserted_by_publisher=False,
        certainty=Certainty.REPORTED,
        hedges=(Hedge(sentence, Certainty.REPORTED),),
        polarity=Polarity.POSITIVE,
        checkworthiness=0.75,
    )
    publisher = Source("S0", document.publisher or "the publisher", SourceType.PUBLISHER)
    return Report(
        document=document,
        sources=(publisher, person),
        attributions=(attribution,),
        claims=(claim,),
        failures=tuple(failures),
        pipeline={"model": "handmade"},
    )


def handmade_analyzer(
    documents: Sequence[Document], model: str | None
) -> list[Report | AnalysisFailed]:
    """Stands in for the spaCy analysis: a handmade report for each document."""
    return [handmade_report(document) for document in documents]


def article_text(number: int) -> str:
    """A distinct short English article."""
    return (
        f"Council opens footbridge number {number} over the canal\n\n"
        f"The town council opened footbridge number {number} over the canal on Monday, a "
        f"council spokesperson said, after {number + 2} months of building work that was "
        "slowed down by the wet winter and by a shortage of steel beams."
    )


def write_articles(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"bridge-{number:03d}.txt" for number in range(1, count + 1)]
    for number, path in enumerate(paths, start=1):
        path.write_text(article_text(number), encoding="utf-8")
    return paths
