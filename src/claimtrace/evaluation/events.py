"""The events stage on the PLOVER gold-standard records (``PLOVER_GSR_CAMEO.txt``).

Data: ``events/`` holding the records as JSON (one array, or one record per line) in
``*.txt``, ``*.json`` or ``*.jsonl`` files. A record has ``text``, its PLOVER ``event``
type, ``source`` and ``target`` actors (``actorText``) and ``eventText`` (the trigger
words); documentation records (type DOCUMENT, no text) are skipped. Each text goes through
the whole pipeline (claims first, then `extract_events`) as a one-sentence article.

The event compared with a record is the first one whose trigger shares a word with the
record's ``eventText``, else the first event found; a record with no event counts as a miss.

* event_type_accuracy: our type equals the record's, after the record's older names are
  mapped to the 2021 types we code to (FIGHT -> ASSAULT; DISAPPROVE, INVESTIGATE -> ACCUSE);
* event_type_accuracy_gsr: our type in the record's own (0.5) names, through our CAMEO root
  (19/20 -> FIGHT, 09 -> INVESTIGATE, 11 -> DISAPPROVE; 08 keeps CONCEDE/RETREAT);
* actor_match: over records with a source actor, the share where our actor (its words and
  its label) shares a content word with a gold source actor; case, punctuation, possessive
  "'s" and function words are ignored ("U.S." = "us");
* target_match: the same over records with a target, any of our targets against any gold one;
* detection: the share of records where we found any event.

Figures in percent. No published system reports figures on these records, so no anchors.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import Document, Event, EventActor
from .common import MissingData, percent, progress, ratio, suite_result

NAME = "events"
ANCHORS: dict[str, dict[str, float]] = {}
GOLD_SUFFIXES = (".txt", ".json", ".jsonl")
SKIPPED_TYPES = frozenset({"DOCUMENT"})
LEGACY_TYPES = {"FIGHT": "ASSAULT", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE"}
GSR_NAME_OF_ROOT = {
    "03": "AGREE",
    "04": "CONSULT",
    "05": "SUPPORT",
    "06": "COOPERATE",
    "07": "AID",
    "09": "INVESTIGATE",
    "10": "DEMAND",
    "11": "DISAPPROVE",
    "12": "REJECT",
    "13": "THREATEN",
    "14": "PROTEST",
    "15": "MOBILIZE",
    "16": "SANCTION",
    "17": "COERCE",
    "18": "ASSAULT",
    "19": "FIGHT",
    "20": "FIGHT",
}
FUNCTION_WORDS = frozenset(
    {"the", "a", "an", "of", "and", "in", "on", "for", "to", "at", "by", "its", "their", "s"}
)
WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MISSES_KEPT = 25


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One gold record: text, PLOVER type and mode, actor texts and trigger words."""

    id: str
    text: str
    event_type: str
    mode: str | None
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    event_words: frozenset[str]


# --- reading the records ----------------------------------------------------------------


def gold_files(data: Path) -> list[Path]:
    """The record files under `data`; `MissingData` when the folder or the files are absent."""
    if not data.is_dir():
        raise MissingData(f"data folder not found: {data}", detail={"path": str(data)})
    files = sorted(p for p in data.iterdir() if p.is_file() and p.suffix in GOLD_SUFFIXES)
    if not files:
        wanted = ", ".join(f"*{suffix}" for suffix in GOLD_SUFFIXES)
        raise MissingData(f"no PLOVER records ({wanted}) under {data}", detail={"path": str(data)})
    return files


def parse_records(text: str) -> list[dict[str, Any]]:
    """Records from a JSON array, a single JSON object, or JSON lines."""
    stripped = text.strip()
    if not stripped:
        return []
    try:
        data = json.loads(stripped)
    except json.JSONDecodeError:
        data = [json.loads(line) for line in stripped.splitlines() if line.strip()]
    records = data if isinstance(data, list) else [data]
    return [record for record in records if isinstance(record, dict)]


def _actor_texts(value: Any) -> tuple[str, ...]:
    """``actorText`` of each actor in a list; a bare string or null names no actor."""
    if not isinstance(value, list):
        return ()
    texts = (str(item.get("actorText", "")).strip() for item in value if isinstance(item, dict))
    return tuple(text for text in texts if text)


def gold_event(record: Mapping[str, Any]) -> GoldEvent | None:
    """The record as a GoldEvent; None for documentation records and records without text."""
    text = str(record.get("text") or "")
    event_type = str(record.get("event") or "").upper()
    if not text.strip() or not event_type or event_type in SKIPPED_TYPES:
        return None
    return GoldEvent(
        id=str(record.get("id") or ""),
        text=text,
        event_type=event_type,
        mode=str(record.get("mode") or "") or None,
        sources=_actor_texts(record.get("source")),
        targets=_actor_texts(record.get("target")),
        event_words=content_words(str(record.get("eventText") or "")),
    )


def read_gold(data: Path, limit: int | None = None) -> list[GoldEvent]:
    """Every scorable record under `data`, in file order, at most `limit`."""
    found: list[GoldEvent] = []
    for path in gold_files(data):
        records = parse_records(path.read_text(encoding="utf-8"))
        found.extend(g for g in (gold_event(r) for r in records) if g is not None)
    return found[:limit] if limit is not None else found


# --- matching ---------------------------------------------------------------------------


def content_words(text: str) -> frozenset[str]:
    """Lowercased words without dots, possessive 's and function words ("U.S.'s" -> us)."""
    folded = text.lower().replace("’", "'").replace(".", "")
    folded = re.sub(r"'s\b", "", folded)
    return frozenset(w for w in WORD.findall(folded) if w not in FUNCTION_WORDS)


def party_words(party: EventActor) -> frozenset[str]:
    """The words of a party's span and of its label."""
    return content_words(party.span.text) | content_words(party.label)


def matches(gold_texts: Iterable[str], parties: Iterable[EventActor]) -> bool:
    """Some party shares a content word with some gold actor text."""
    gold = [content_words(text) for text in gold_texts]
    return any(words & party_words(p) for p in parties for words in gold)


def align(gold: GoldEvent, events: Sequence[Event]) -> Event | None:
    """The event whose trigger shares a word with the gold trigger, else the first one."""
    for event in events:
        if content_words(event.action.text) & gold.event_words:
            return event
    return events[0] if events else None


def normalised_type(gold_type: str) -> str:
    """A record's type in the 2021 names our events use."""
    return LEGACY_TYPES.get(gold_type, gold_type)


def gsr_type(event: Event) -> str:
    """Our event's type in the records' own (0.5) names, through its CAMEO root."""
    if event.cameo_root is None:
        return event.event_type
    return GSR_NAME_OF_ROOT.get(event.cameo_root, event.event_type)


# --- tallying ---------------------------------------------------------------------------


@dataclass(slots=True)
class Tally:
    """Counts over the scored records."""

    records: int = 0
    detected: int = 0
    type_ok: int = 0
    type_ok_gsr: int = 0
    with_actor: int = 0
    actor_ok: int = 0
    with_target: int = 0
    target_ok: int = 0
    per_type: dict[str, list[int]] = field(default_factory=dict)
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    misses: list[dict[str, str]] = field(default_factory=list)

    def add(self, gold: GoldEvent, events: Sequence[Event]) -> None:
        """Count one record against the events found in its text."""
        self.records += 1
        event = align(gold, events)
        ours = event.event_type if event else "none"
        right = event is not None and ours == normalised_type(gold.event_type)
        self.detected += event is not None
        self.type_ok += right
        self.type_ok_gsr += event is not None and gsr_type(event) == gold.event_type
        counts = self.per_type.setdefault(gold.event_type, [0, 0])
        counts[0] += 1
        counts[1] += right
        self.confusion[(gold.event_type, ours)] += 1
        if not right and len(self.misses) < MISSES_KEPT:
            self.misses.append({"id": gold.id, "gold": gold.event_type, "ours": ours})
        if gold.sources:
            self.with_actor += 1
            self.actor_ok += (
                event is not None
                and event.actor is not None
                and matches(gold.sources, [event.actor])
            )
        if gold.targets:
            self.with_target += 1
            self.target_ok += event is not None and matches(gold.targets, event.targets)

    def figures(self) -> dict[str, float]:
        """The figures, in percent."""
        return {
            "event_type_accuracy": percent(ratio(self.type_ok, self.records)),
            "event_type_accuracy_gsr": percent(ratio(self.type_ok_gsr, self.records)),
            "actor_match": percent(ratio(self.actor_ok, self.with_actor)),
            "target_match": percent(ratio(self.target_ok, self.with_target)),
            "detection": percent(ratio(self.detected, self.records)),
        }

    def details(self) -> dict[str, Any]:
        """Counts behind the figures, accuracy per gold type, common confusions, first misses."""
        return {
            "records": self.records,
            "detected": self.detected,
            "records_with_actor": self.with_actor,
            "records_with_target": self.with_target,
            "per_type": {
                name: {"n": n, "accuracy": percent(ratio(ok, n))}
                for name, (n, ok) in sorted(self.per_type.items())
            },
            "confusions": [
                {"gold": g, "ours": o, "n": n}
                for (g, o), n in self.confusion.most_common()
                if normalised_type(g) != o
            ][:20],
            "misses": list(self.misses),
        }


def score(golds: Sequence[GoldEvent], predicted: Mapping[str, Sequence[Event]]) -> Tally:
    """Tally every gold record against the events predicted for its id."""
    tally = Tally()
    for gold in golds:
        tally.add(gold, predicted.get(gold.id, ()))
    return tally


# --- running the pipeline ---------------------------------------------------------------


def predict(golds: Sequence[GoldEvent], model: str | None = None) -> dict[str, tuple[Event, ...]]:
    """Events found by the whole pipeline in each record's text, by record id."""
    from .. import nlp as nlp_module
    from ..extract.events import extract_events
    from ..pipeline import analyze_doc

    nlp = nlp_module.load_pipeline(model)
    found: dict[str, tuple[Event, ...]] = {}
    docs = nlp.pipe(g.text for g in golds)
    for gold, doc in progress(zip(golds, docs, strict=True), len(golds), "events"):
        report = analyze_doc(doc, Document(text=gold.text), nlp)
        found[gold.id] = extract_events(doc, report.claims, report.entities, report.attributions)
    return found


def run(data: Path, *, limit: int | None = None) -> dict[str, Any]:
    """Score the events stage on the PLOVER records under `data` (at most `limit`)."""
    golds = read_gold(data, limit)
    tally = score(golds, predict(golds))
    details = tally.details() | {
        "note": "types in 2021 PLOVER names; _gsr in the records' own names via CAMEO root"
    }
    return suite_result(NAME, data, tally.records, tally.figures(), ANCHORS, details)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the figures (and write them as JSON with --out); 2 when the data is missing.

    Example: python -m claimtrace.evaluation.events --data ../shared/eval/events
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, required=True, help="folder of PLOVER records")
    parser.add_argument("--limit", type=int, default=None, help="score at most N records")
    parser.add_argument("--out", type=Path, default=None, help="write the result as JSON here")
    args = parser.parse_args(argv)
    try:
        result = run(args.data, limit=args.limit)
    except MissingData as error:
        print(f"error: {error.message}", file=sys.stderr)
        return 2
    print(f"{NAME}: {result['n']} records")
    for name, value in result["figures"].items():
        print(f"  {name:<26}{value:>7.2f}")
    if args.out is not None:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
