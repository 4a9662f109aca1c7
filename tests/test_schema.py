"""The published JSON Schema: it accepts our JSON and rejects drift."""

from __future__ import annotations

import copy
import dataclasses
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

import claimtrace
from claimtrace import model
from claimtrace.export import load_schema, report_to_dict
from handmade import empty_report, rich_report

RECORDS = {
    "textSpan": model.TextSpan,
    "document": model.Document,
    "entity": model.Entity,
    "cue": model.Cue,
    "source": model.Source,
    "attribution": model.Attribution,
    "hedge": model.Hedge,
    "evidence": model.Evidence,
    "response": model.Response,
    "timeExpression": model.TimeExpression,
    "placeRelation": model.PlaceRelation,
    "placeMention": model.PlaceMention,
    "chainLink": model.ChainLink,
    "claim": model.Claim,
    "sourcingProfile": model.SourcingProfile,
    "stageFailure": model.StageFailure,
}


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = load_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def errors(validator: Draft202012Validator, data: dict[str, Any]) -> list[str]:
    return [error.message for error in validator.iter_errors(data)]


def test_schema_header() -> None:
    schema = load_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"]
    assert schema["properties"]["schema_version"] == {"const": model.SCHEMA_VERSION}


def test_rich_report_is_valid(validator: Draft202012Validator) -> None:
    data = report_to_dict(rich_report())
    assert all(data[key] for key in ("entities", "attributions", "claims", "profiles"))
    assert data["times"] and data["places"] and data["claims"][2]["place_ids"] == ["P1"]
    assert errors(validator, data) == []


def test_empty_report_with_failures_is_valid(validator: Draft202012Validator) -> None:
    data = report_to_dict(empty_report())
    assert data["failures"] and errors(validator, data) == []


@pytest.mark.parametrize(
    ("path", "change"),
    [
        (("claims", 0), lambda r: r.pop("polarity")),
        (("claims", 0), lambda r: r.update(verdict="false")),
        (("sources", 1), lambda r: r.update(type="rumour")),
        (("attributions", 0, "content"), lambda r: r.pop("text")),
        (("profiles", 0), lambda r: r.update(distinct_sources=-1)),
        (("document",), lambda r: r.update(extra=1)),
        (("times", 0), lambda r: r.update(type="MOMENT")),
        (("times", 0), lambda r: r.update(start="June")),
        (("places", 0), lambda r: r.update(role="somewhere")),
        (("places", 0), lambda r: r.update(lat=95.0)),
        (("places", 0), lambda r: r.pop("uncertainty_km")),
        (("claims", 2), lambda r: r.update(time_from="guess")),
        (("claims", 2), lambda r: r.pop("place_ids")),
        ((), lambda r: r.update(schema_version="0.9")),
        ((), lambda r: r.pop("failures")),
    ],
)
def test_drift_is_rejected(
    validator: Draft202012Validator, path: tuple[Any, ...], change: Any
) -> None:
    data = copy.deepcopy(report_to_dict(rich_report()))
    record = data
    for key in path:
        record = record[key]
    change(record)
    assert errors(validator, data)


def test_schema_lists_exactly_the_model_fields() -> None:
    defs = load_schema()["$defs"]
    for name, record in RECORDS.items():
        names = [field.name for field in dataclasses.fields(record)]
        assert list(defs[name]["properties"]) == names, name
        assert defs[name]["required"] == names, name
        assert defs[name]["additionalProperties"] is False, name
    top = [field.name for field in dataclasses.fields(model.Report)]
    assert sorted(load_schema()["properties"]) == sorted(top)


@pytest.mark.model
def test_analysed_article_with_times_and_places_is_valid(validator: Draft202012Validator) -> None:
    article = Path(__file__).parent / "fixtures" / "when_where" / "convoy-north-of-mosul.txt"
    data = report_to_dict(claimtrace.analyze(article.read_text(encoding="utf-8")))
    assert {p["relation"]["kind"] for p in data["places"] if p["relation"]} >= {"offset", "near"}
    assert any(claim["time_id"] for claim in data["claims"])
    assert errors(validator, data) == []
