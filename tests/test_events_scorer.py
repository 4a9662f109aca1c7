"""The pure parts of the PLOVER events scorer on hand-built records (no model, no gold data)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimtrace.evaluation import events as scorer
from claimtrace.evaluation.common import MissingData
from claimtrace.evaluation.events import (
    GoldEvent,
    align,
    content_words,
    gold_event,
    gsr_type,
    matches,
    normalised_type,
    parse_records,
    read_gold,
    score,
)
from claimtrace.model import Event, EventActor, TextSpan

RECORDS = [
    {"id": "DOC-1", "event": "DOCUMENT", "eventText": "notes about the file"},
    {
        "id": "R-1",
        "event": "FIGHT",
        "mode": "heavy-weapons",
        "source": [{"actorText": "Kerran artillery", "code": "KER"}],
        "target": [{"actorText": "the port of Lume", "code": "DOR"}],
        "eventText": "shelled",
        "text": "Kerran artillery shelled the port of Lume on Monday.",
    },
    {
        "id": "R-2",
        "event": "AGREE",
        "source": [{"actorText": "U.S."}],
        "target": "diplomatic",
        "eventText": "agreed talks",
        "text": "The U.S. agreed to hold talks.",
    },
    {"id": "R-3", "event": "DISAPPROVE", "source": None, "eventText": "x", "text": ""},
]


def party(text: str, label: str | None = None) -> EventActor:
    return EventActor(TextSpan(0, len(text), text), label or text)


def event(
    action: str,
    event_type: str,
    cameo: str | None,
    actor: EventActor | None = None,
    targets: tuple[EventActor, ...] = (),
) -> Event:
    return Event(
        id="EV1",
        claim_id="C1",
        event_type=event_type,
        action=TextSpan(0, len(action), action),
        actor=actor,
        targets=targets,
        cameo_root=cameo,
    )


def gold(event_type: str = "FIGHT", **kw: object) -> GoldEvent:
    values: dict[str, object] = {
        "id": "G1",
        "text": "t",
        "event_type": event_type,
        "mode": None,
        "sources": ("Kerran artillery",),
        "targets": ("the port of Lume",),
        "event_words": frozenset({"shelled"}),
    }
    values.update(kw)
    return GoldEvent(**values)  # type: ignore[arg-type]


def test_parses_a_json_array_json_lines_and_one_object() -> None:
    as_array = parse_records(json.dumps(RECORDS, indent=2))
    as_lines = parse_records("\n".join(json.dumps(r) for r in RECORDS))
    assert (
        [r["id"] for r in as_array] == [r["id"] for r in as_lines] == ["DOC-1", "R-1", "R-2", "R-3"]
    )
    assert parse_records(json.dumps(RECORDS[1]))[0]["id"] == "R-1"
    assert parse_records("  ") == []


def test_gold_event_skips_documentation_and_empty_texts_and_bare_string_targets() -> None:
    assert gold_event(RECORDS[0]) is None
    assert gold_event(RECORDS[3]) is None
    shelled = gold_event(RECORDS[1])
    assert shelled is not None
    assert (shelled.event_type, shelled.mode) == ("FIGHT", "heavy-weapons")
    assert shelled.sources == ("Kerran artillery",)
    assert shelled.targets == ("the port of Lume",)
    agreed = gold_event(RECORDS[2])
    assert agreed is not None and agreed.targets == () and agreed.mode is None
    assert agreed.event_words == {"agreed", "talks"}


def test_read_gold_walks_the_folder_and_honours_limit(tmp_path: Path) -> None:
    (tmp_path / "records.txt").write_text(json.dumps(RECORDS), encoding="utf-8")
    (tmp_path / "readme.pdf").write_bytes(b"%PDF")
    assert [g.id for g in read_gold(tmp_path)] == ["R-1", "R-2"]
    assert [g.id for g in read_gold(tmp_path, limit=1)] == ["R-1"]


def test_missing_folder_or_records_raise_missing_data(tmp_path: Path) -> None:
    with pytest.raises(MissingData, match="data folder not found"):
        scorer.run(tmp_path / "absent")
    with pytest.raises(MissingData, match="no PLOVER records"):
        read_gold(tmp_path)


def test_content_words_fold_case_dots_possessives_and_function_words() -> None:
    assert content_words("The U.S.'s Army") == {"us", "army"}
    assert content_words("members of the ‘Islamic State’") == {"members", "islamic", "state"}
    assert content_words("Israel’s forces") == {"israel", "forces"}


def test_matches_on_span_or_label_words() -> None:
    ours = party("two US Army helicopters", "US military")
    assert matches(["U.S."], [ours])
    assert matches(["military"], [ours])
    assert not matches(["Kerran"], [ours])
    assert not matches(["the"], [ours])  # function words never match
    assert not matches(["US"], [])


def test_older_names_map_to_2021_types_and_back_through_cameo_root() -> None:
    assert normalised_type("FIGHT") == "ASSAULT"
    assert normalised_type("INVESTIGATE") == normalised_type("DISAPPROVE") == "ACCUSE"
    assert normalised_type("AID") == "AID"
    assert gsr_type(event("shelled", "ASSAULT", "19")) == "FIGHT"
    assert gsr_type(event("bombed", "ASSAULT", "18")) == "ASSAULT"
    assert gsr_type(event("probe", "ACCUSE", "09")) == "INVESTIGATE"
    assert gsr_type(event("freed", "RETREAT", "08")) == "RETREAT"
    assert gsr_type(event("freed", "RETREAT", None)) == "RETREAT"


def test_align_prefers_the_event_whose_trigger_is_the_gold_trigger() -> None:
    first = event("said", "ACCUSE", "11")
    second = event("shelled", "ASSAULT", "19")
    assert align(gold(), [first, second]) is second
    assert align(gold(event_words=frozenset({"other"})), [first, second]) is first
    assert align(gold(), []) is None


def test_score_counts_type_actor_target_and_misses() -> None:
    golds = [
        gold("FIGHT", id="G1"),
        gold("AGREE", id="G2", targets=(), event_words=frozenset({"agreed"})),
        gold("PROTEST", id="G3"),
    ]
    predicted = {
        "G1": [
            event(
                "shelled",
                "ASSAULT",
                "19",
                actor=party("Kerran artillery", "Kerran military"),
                targets=(party("the port", "port"),),
            )
        ],
        "G2": [event("agreed", "CONSULT", "04", actor=party("Doran"))],
    }
    tally = score(golds, predicted)
    figures = tally.figures()
    assert figures["event_type_accuracy"] == pytest.approx(33.33)
    assert figures["event_type_accuracy_gsr"] == pytest.approx(33.33)
    assert figures["detection"] == pytest.approx(66.67)
    assert figures["actor_match"] == pytest.approx(33.33)  # G1 yes, G2 wrong actor, G3 none
    assert figures["target_match"] == pytest.approx(50.0)  # G1 yes, G3 none; G2 has no target
    details = tally.details()
    assert details["records_with_target"] == 2
    assert details["per_type"]["FIGHT"] == {"n": 1, "accuracy": 100.0}
    assert [m["id"] for m in details["misses"]] == ["G2", "G3"]
    assert {"gold": "PROTEST", "ours": "none", "n": 1} in details["confusions"]


def test_strict_figure_tells_fight_from_assault_by_cameo_root() -> None:
    unconventional = {"G1": [event("shelled", "ASSAULT", "18")]}
    tally = score([gold("FIGHT")], unconventional)
    assert tally.figures()["event_type_accuracy"] == 100.0
    assert tally.figures()["event_type_accuracy_gsr"] == 0.0


def test_run_returns_the_suite_shape(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "records.jsonl").write_text(
        "\n".join(json.dumps(r) for r in RECORDS), encoding="utf-8"
    )
    found = {"R-1": (event("shelled", "ASSAULT", "19", actor=party("Kerran artillery")),)}
    monkeypatch.setattr(scorer, "predict", lambda golds: found)
    result = scorer.run(tmp_path)
    assert result["suite"] == scorer.NAME == "events"
    assert result["data"] == str(tmp_path)
    assert result["n"] == 2
    assert result["anchors"] == scorer.ANCHORS == {}
    assert set(result["figures"]) >= {"event_type_accuracy", "actor_match", "target_match"}
    assert all(0.0 <= value <= 100.0 for value in result["figures"].values())
    assert result["figures"]["event_type_accuracy"] == 50.0


def test_main_reports_missing_data_with_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert scorer.main(["--data", str(tmp_path / "absent")]) == 2
    assert "data folder not found" in capsys.readouterr().err
