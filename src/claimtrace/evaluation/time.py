"""The time stage on TempEval-3 TimeML (TimeBank + AQUAINT), beside HeidelTime and SUTime.

Data: ``tempeval3-tbaq/`` with ``TimeBank/*.tml`` and ``AQUAINT/*.tml``. For each document
the inline tags are stripped from ``<TEXT>`` (offsets kept), the creation-time TIMEX3
(``functionInDocument="CREATION_TIME"``) gives the DCT and is not scored, and every other
TIMEX3 in TEXT is gold. Reported, as in TempEval-3 task A:

* strict extent P/R/F1: the same characters (after trimming whitespace);
* relaxed extent P/R/F1: any overlap; pairs are matched one-to-one, longest overlap first;
* value F1: a system expression counts when relaxed-matched to a gold one *and* its value
  equals the gold value (P = correct / system, R = correct / gold). It equals relaxed F1 x
  value accuracy over the matched pairs.

A ``dateparser`` baseline (``search_dates`` with the DCT as RELATIVE_BASE) goes through the
same scorer when dateparser is installed. Figures: ``{strict,relaxed,value}.f1`` and
``value.accuracy`` in percent.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import unescape

from .common import prf as _prf
from .common import progress, require_paths, suite_result

NAME = "time"
ANCHORS: dict[str, dict[str, float]] = {
    "HeidelTime (TempEval-3 platinum test)": {"value.f1": 77.61},
    "SUTime (TempEval-3 platinum test)": {"value.f1": 67.38},
}
SUBSETS = ("TimeBank", "AQUAINT")
TAG = re.compile(r"<(/?)(\w+)([^>]*?)(/?)>")
ATTR = re.compile(r'(\w+)="([^"]*)"')
ENTITIES = {"&quot;": '"', "&apos;": "'"}


@dataclass(frozen=True, slots=True)
class Timex:
    """One temporal expression by character offsets into the document text."""

    start: int
    end: int
    value: str
    type: str = ""
    text: str = ""


@dataclass(frozen=True, slots=True)
class GoldDocument:
    """A TimeML document: plain text, its creation date and the gold expressions."""

    name: str
    text: str
    dct: dt.date | None
    timexes: tuple[Timex, ...]


@dataclass(slots=True)
class Counts:
    """Tallies for the three TempEval-3 measures."""

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    errors: list[dict[str, str]] = field(default_factory=list)

    def add(self, other: Counts) -> None:
        """Add another document's tallies to these."""
        self.gold += other.gold
        self.system += other.system
        self.strict += other.strict
        self.relaxed += other.relaxed
        self.value += other.value
        self.errors.extend(other.errors)


# --- TimeML ----------------------------------------------------------------------------


def parse_timeml(markup: str, name: str = "") -> GoldDocument:
    """Strip the tags of a TimeML document's TEXT, keeping TIMEX3 offsets and the DCT."""
    dct_match = re.search(r"<TIMEX3[^>]*functionInDocument=\"CREATION_TIME\"[^>]*>", markup)
    dct = _parse_dct(dict(ATTR.findall(dct_match.group(0)))["value"]) if dct_match else None
    body = re.search(r"<TEXT>(.*?)</TEXT>", markup, re.S)
    text, timexes = strip_tags(body.group(1) if body else "")
    return GoldDocument(name, text, dct, tuple(timexes))


def _parse_dct(value: str) -> dt.date | None:
    """The date part of a DCT value ("1998-08-07", "1990-08-15T13:37")."""
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def strip_tags(markup: str) -> tuple[str, list[Timex]]:
    """Plain text of inline TimeML and its non-DCT TIMEX3s as character offsets."""
    pieces: list[str] = []
    length = 0
    open_timex: list[tuple[int, dict[str, str]]] = []
    timexes: list[Timex] = []
    position = 0
    for tag in TAG.finditer(markup):
        chunk = _unescape(markup[position : tag.start()])
        pieces.append(chunk)
        length += len(chunk)
        position = tag.end()
        closing, name = tag.group(1) == "/", tag.group(2)
        if name != "TIMEX3" or tag.group(4):
            continue
        if not closing:
            open_timex.append((length, dict(ATTR.findall(tag.group(3)))))
        elif open_timex:
            begin, attrs = open_timex.pop()
            timexes.append(_timex(pieces, begin, length, attrs))
    pieces.append(_unescape(markup[position:]))
    text = "".join(pieces)
    gold = [t for t in timexes if t.type != "CREATION_TIME"]
    return text, [Timex(t.start, t.end, t.value, t.type, text[t.start : t.end]) for t in gold]


def _timex(pieces: list[str], begin: int, end: int, attrs: dict[str, str]) -> Timex:
    """A gold Timex with whitespace trimmed from its edges."""
    text = "".join(pieces)[begin:end]
    begin += len(text) - len(text.lstrip())
    end -= len(text) - len(text.rstrip())
    kind = "CREATION_TIME" if attrs.get("functionInDocument") == "CREATION_TIME" else ""
    return Timex(begin, end, attrs.get("value", ""), kind or attrs.get("type", ""))


def _unescape(text: str) -> str:
    """XML character entities to characters."""
    return unescape(text, ENTITIES)


def load_documents(data_dir: Path, limit: int | None = None) -> list[GoldDocument]:
    """Every .tml document under the TimeBank and AQUAINT folders, sorted by name."""
    paths = sorted(path for subset in SUBSETS for path in (data_dir / subset).glob("*.tml"))
    if limit is not None:
        paths = paths[:limit]
    return [parse_timeml(path.read_text(encoding="utf-8"), path.name) for path in paths]


# --- matching and scoring --------------------------------------------------------------


def overlap(a: Timex, b: Timex) -> int:
    """Number of characters two spans share."""
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def match_pairs(gold: Sequence[Timex], system: Sequence[Timex]) -> list[tuple[Timex, Timex]]:
    """One-to-one relaxed matching: overlapping pairs, largest overlap first."""
    candidates = sorted(
        ((overlap(g, s), gi, si) for gi, g in enumerate(gold) for si, s in enumerate(system)),
        reverse=True,
    )
    used_gold: set[int] = set()
    used_system: set[int] = set()
    pairs = []
    for shared, gi, si in candidates:
        if shared == 0 or gi in used_gold or si in used_system:
            continue
        used_gold.add(gi)
        used_system.add(si)
        pairs.append((gold[gi], system[si]))
    return pairs


def score_document(gold: Sequence[Timex], system: Sequence[Timex]) -> Counts:
    """Tallies for one document."""
    counts = Counts(gold=len(gold), system=len(system))
    for g, s in match_pairs(gold, system):
        counts.relaxed += 1
        counts.strict += (g.start, g.end) == (s.start, s.end)
        if g.value == s.value:
            counts.value += 1
        else:
            counts.errors.append({"text": g.text, "gold": g.value, "system": s.value})
    return counts


def prf(correct: int, system: int, gold: int) -> dict[str, float]:
    """Precision, recall and F1 in percent."""
    return _prf(correct, system, gold).percent()


def summarise(counts: Counts) -> dict[str, Any]:
    """The three measures plus value accuracy over relaxed matches."""
    accuracy = 100 * counts.value / counts.relaxed if counts.relaxed else 0.0
    return {
        "gold": counts.gold,
        "system": counts.system,
        "strict": prf(counts.strict, counts.system, counts.gold),
        "relaxed": prf(counts.relaxed, counts.system, counts.gold),
        "value": prf(counts.value, counts.system, counts.gold),
        "value_accuracy": round(accuracy, 2),
    }


def figures_of(summary: dict[str, Any]) -> dict[str, float]:
    """The flat figures of one system's summary."""
    figures = {f"{key}.f1": summary[key]["f1"] for key in ("strict", "relaxed", "value")}
    figures["value.accuracy"] = summary["value_accuracy"]
    return figures


# --- systems ---------------------------------------------------------------------------

System = Callable[[GoldDocument, Any], list[Timex]]


def claimtrace_system(document: GoldDocument, parsed: Any) -> list[Timex]:
    """Our time stage over a parsed Doc."""
    from ..extract.time import extract_times

    return [
        Timex(t.span.start, t.span.end, t.value, t.type, t.span.text)
        for t in extract_times(parsed, document.dct)
    ]


def dateparser_system(document: GoldDocument, parsed: Any) -> list[Timex]:
    """The dateparser baseline: search_dates with the DCT as the relative base."""
    from dateparser.search import search_dates  # type: ignore[import-untyped]

    base = dt.datetime.combine(document.dct or dt.date.today(), dt.time())
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}
    found = search_dates(document.text, languages=["en"], settings=settings) or []
    timexes, position = [], 0
    for substring, moment in found:
        start = document.text.find(substring, position)
        if start < 0:
            continue
        position = start + len(substring)
        timexes.append(Timex(start, position, baseline_value(substring, moment), "DATE", substring))
    return timexes


MONTH_WORD = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?", re.IGNORECASE
)
DAY_HINT = re.compile(
    r"\b\d{1,2}\b(?!\d)|day|yesterday|today|tomorrow|mon|tue|wed|thu|fri|sat|sun|ago|"
    r"\d{4}-\d{2}-\d{2}",
    re.IGNORECASE,
)


def baseline_value(substring: str, moment: dt.datetime) -> str:
    """dateparser's datetime at day granularity, coarser when the text names no day."""
    has_month = MONTH_WORD.search(substring) is not None
    without_year = re.sub(r"\b\d{4}\b", "", substring)
    if DAY_HINT.search(without_year):
        return moment.date().isoformat()
    if has_month:
        return f"{moment.year:04d}-{moment.month:02d}"
    if re.search(r"\b\d{4}\b|year", substring, re.IGNORECASE):
        return f"{moment.year:04d}"
    return moment.date().isoformat()


def dateparser_available() -> bool:
    """Whether the optional dateparser baseline can run."""
    try:
        import dateparser.search  # type: ignore[import-untyped]  # noqa: F401
    except ImportError:
        return False
    return True


# --- running ---------------------------------------------------------------------------


def run_system(
    system: System, documents: Sequence[GoldDocument], parsed: Iterable[Any]
) -> tuple[Counts, float]:
    """Run one system over every document; return its tallies and its seconds."""
    total = Counts()
    seconds = 0.0
    for document, doc in zip(documents, parsed, strict=True):
        began = time.perf_counter()
        found = system(document, doc)
        seconds += time.perf_counter() - began
        total.add(score_document(document.timexes, found))
    return total, seconds


def _parse(documents: Sequence[GoldDocument]) -> tuple[list[Any], float]:
    from ..nlp import load_pipeline

    nlp = load_pipeline()
    began = time.perf_counter()
    texts = (doc.text for doc in documents)
    parsed = list(progress(nlp.pipe(texts, batch_size=16), len(documents), NAME))
    return parsed, time.perf_counter() - began


def run(data: Path, *, limit: int | None = None, baseline: bool = True) -> dict[str, Any]:
    """Score the time stage (and the dateparser baseline) on the TimeML under `data`."""
    require_paths(data, *SUBSETS)
    documents = load_documents(data, limit)
    parsed, parse_seconds = _parse(documents)
    ours, ours_seconds = run_system(claimtrace_system, documents, parsed)
    summary = summarise(ours)
    details: dict[str, Any] = {
        "documents": len(documents),
        "claimtrace": summary,
        "timing": {
            "spacy_parse_s": round(parse_seconds, 2),
            "time_stage_s": round(ours_seconds, 2),
        },
        "claimtrace_value_errors": ours.errors,
        "baselines": {},
    }
    if baseline and not dateparser_available():
        details["note"] = "no dateparser baseline: dateparser is not installed"
    elif baseline:
        theirs, theirs_seconds = run_system(dateparser_system, documents, parsed)
        details["dateparser"] = summarise(theirs)
        details["baselines"]["dateparser (this run)"] = figures_of(details["dateparser"])
        details["timing"]["dateparser_s"] = round(theirs_seconds, 2)
    return suite_result(NAME, data, len(documents), figures_of(summary), ANCHORS, details)
