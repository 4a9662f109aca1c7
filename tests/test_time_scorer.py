"""The TempEval-3 scorer's pure parts: TimeML parsing, span matching, the three measures."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from claimtrace.evaluation import time as te
from claimtrace.evaluation.common import MissingData

# A hand-built TimeML document (our own sentences).
MARKUP = """\
<?xml version="1.0" ?>
<TimeML>
<DOCID>TEST1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2003-05-16" temporalFunction="false" \
functionInDocument="CREATION_TIME">2003-05-16</TIMEX3></DCT>
<TEXT>
The mill <EVENT eid="e1" class="OCCURRENCE">closed</EVENT> \
<TIMEX3 tid="t1" type="DATE" value="2003-05-15">Thursday</TIMEX3> after \
<TIMEX3 tid="t2" type="DURATION" value="P40Y">forty years</TIMEX3> &amp; more.
Workers were paid <TIMEX3 tid="t3" type="SET" value="P1W">weekly</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_parse_timeml_strips_tags_and_keeps_offsets() -> None:
    doc = te.parse_timeml(MARKUP, "TEST1")
    assert doc.dct == dt.date(2003, 5, 16)
    assert "<" not in doc.text
    assert "& more" in doc.text
    assert [t.text for t in doc.timexes] == ["Thursday", "forty years", "weekly"]
    for timex in doc.timexes:
        assert doc.text[timex.start : timex.end] == timex.text
    assert [t.value for t in doc.timexes] == ["2003-05-15", "P40Y", "P1W"]
    assert [t.type for t in doc.timexes] == ["DATE", "DURATION", "SET"]


def test_parse_timeml_excludes_the_dct_timex() -> None:
    markup = MARKUP.replace(
        "The mill",
        '<TIMEX3 tid="t9" type="DATE" value="2003-05-16" '
        'functionInDocument="CREATION_TIME">May 16</TIMEX3> The mill',
    )
    doc = te.parse_timeml(markup)
    assert "May 16" in doc.text
    assert [t.text for t in doc.timexes] == ["Thursday", "forty years", "weekly"]


def test_parse_timeml_dct_with_time() -> None:
    markup = MARKUP.replace('value="2003-05-16" temporalFunction', 'value="2003-05-16T09:30" x')
    assert te.parse_timeml(markup).dct == dt.date(2003, 5, 16)


def T(start: int, end: int, value: str = "X") -> object:
    return te.Timex(start, end, value)


@pytest.mark.parametrize(
    ("gold", "system", "expected"),
    [
        ([T(0, 5)], [T(0, 5)], 1),
        ([T(0, 5)], [T(3, 9)], 1),
        ([T(0, 5)], [T(5, 9)], 0),
        ([T(0, 10)], [T(0, 3), T(4, 9)], 1),  # one-to-one: a gold span matches once
        ([T(0, 3), T(4, 9)], [T(0, 10)], 1),
        ([], [T(0, 3)], 0),
    ],
)
def test_match_pairs_one_to_one(gold: list[object], system: list[object], expected: int) -> None:
    assert len(te.match_pairs(gold, system)) == expected


def test_match_pairs_prefers_larger_overlap() -> None:
    gold = [T(0, 10, "a")]
    pairs = te.match_pairs(gold, [T(0, 2, "small"), T(1, 10, "big")])
    assert pairs[0][1].value == "big"


def test_score_document_counts_strict_relaxed_value() -> None:
    gold = [T(0, 8, "2003-05-15"), T(20, 31, "P40Y"), T(40, 46, "P1W")]
    system = [T(0, 8, "2003-05-15"), T(14, 31, "P4Y"), T(60, 65, "2003")]
    counts = te.score_document(gold, system)
    assert (counts.gold, counts.system) == (3, 3)
    assert (counts.strict, counts.relaxed, counts.value) == (1, 2, 1)
    assert counts.errors == [{"text": "", "gold": "P40Y", "system": "P4Y"}]


@pytest.mark.parametrize(
    ("correct", "system", "gold", "f1"),
    [(1, 2, 4, 33.33), (3, 3, 3, 100.0), (0, 0, 5, 0.0), (0, 4, 0, 0.0)],
)
def test_prf(correct: int, system: int, gold: int, f1: float) -> None:
    assert te.prf(correct, system, gold)["f1"] == f1


def test_value_f1_is_relaxed_f1_times_accuracy() -> None:
    counts = te.Counts(gold=10, system=8, strict=5, relaxed=8, value=6)
    summary = te.summarise(counts)
    relaxed, value = summary["relaxed"]["f1"], summary["value"]["f1"]
    assert value == pytest.approx(relaxed * summary["value_accuracy"] / 100, abs=0.02)


@pytest.mark.parametrize(
    ("substring", "moment", "expected"),
    [
        ("March 3, 2001", dt.datetime(2001, 3, 3), "2001-03-03"),
        ("March 2001", dt.datetime(2001, 3, 1), "2001-03"),
        ("in 1999", dt.datetime(1999, 6, 1), "1999"),
        ("yesterday", dt.datetime(2001, 3, 2), "2001-03-02"),
        ("Friday", dt.datetime(2001, 3, 2), "2001-03-02"),
    ],
)
def test_baseline_value_granularity(substring: str, moment: dt.datetime, expected: str) -> None:
    assert te.baseline_value(substring, moment) == expected


def test_load_documents_reads_both_subsets(tmp_path: Path) -> None:
    for subset in ("TimeBank", "AQUAINT"):
        (tmp_path / subset).mkdir()
        (tmp_path / subset / f"{subset}.tml").write_text(MARKUP, encoding="utf-8")
    documents = te.load_documents(tmp_path)
    assert [doc.name for doc in documents] == ["AQUAINT.tml", "TimeBank.tml"]
    assert len(te.load_documents(tmp_path, limit=1)) == 1


def test_figures_of_a_summary() -> None:
    counts = te.Counts(gold=4, system=4, strict=2, relaxed=4, value=3)
    figures = te.figures_of(te.summarise(counts))
    assert figures == {
        "strict.f1": 50.0,
        "relaxed.f1": 100.0,
        "value.f1": 75.0,
        "value.accuracy": 75.0,
    }


def test_anchor_names_are_figure_names() -> None:
    names = set(te.figures_of(te.summarise(te.Counts())))
    assert all(set(values) <= names for values in te.ANCHORS.values())


def test_run_without_subsets_is_missing_data(tmp_path: Path) -> None:
    with pytest.raises(MissingData, match="TimeBank"):
        te.run(tmp_path)


@pytest.mark.model
def test_run_on_a_tiny_corpus(tmp_path: Path) -> None:
    for subset in ("TimeBank", "AQUAINT"):
        (tmp_path / subset).mkdir()
    (tmp_path / "TimeBank" / "a.tml").write_text(MARKUP, encoding="utf-8")
    result = te.run(tmp_path, baseline=False)
    assert (result["suite"], result["n"]) == ("time", 1)
    assert set(result["figures"]) == {"strict.f1", "relaxed.f1", "value.f1", "value.accuracy"}
    assert result["details"]["claimtrace"]["gold"] == 3
    assert result["details"]["baselines"] == {}


@pytest.mark.model
def test_run_says_when_the_baseline_cannot_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for subset in ("TimeBank", "AQUAINT"):
        (tmp_path / subset).mkdir()
    (tmp_path / "AQUAINT" / "a.tml").write_text(MARKUP, encoding="utf-8")
    monkeypatch.setattr(te, "dateparser_available", lambda: False)
    details = te.run(tmp_path)["details"]
    assert details["baselines"] == {}
    assert "dateparser is not installed" in details["note"]
