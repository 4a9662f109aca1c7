"""The pure parts of the places suite (LGL, GeoVirus) on hand-built XML (no model, no gold)."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimtrace.evaluation import places
from claimtrace.evaluation.common import MissingData
from claimtrace.evaluation.places import GoldToponym, Predicted, Tally, match_spans, parse_articles

LGL_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="7">
    <title>Storm</title>
    <text><![CDATA[Flooding hit Dunmore, Ohio and nearby towns.]]></text>
    <toponyms count="2">
      <toponym><start>13</start><end>20</end><phrase>Dunmore</phrase>
        <gaztag geonameid="1"><name>Dunmore</name><lat>40.1</lat><lon>-82.5</lon></gaztag>
      </toponym>
      <toponym><start>22</start><end>26</end><phrase>Ohio</phrase></toponym>
    </toponyms>
  </article>
</articles>"""

GEOVIRUS_STYLE = """<articles><article><source>x</source>
<text>Cases rose in Lamberg.</text>
<locations><location><name>Lamberg</name><start>13</start><end>20</end>
<lat>-12.5</lat><lon>130.25</lon><page>p</page></location></locations>
</article></articles>"""


def test_parses_lgl_style_with_and_without_gaztag() -> None:
    (article,) = parse_articles(LGL_STYLE)
    assert article.doc_id == "7"
    assert article.text.startswith("Flooding")
    dunmore, ohio = article.toponyms
    assert (dunmore.start, dunmore.end, dunmore.name) == (13, 20, "Dunmore")
    assert article.text[dunmore.start : dunmore.end] == "Dunmore"
    assert (dunmore.lat, dunmore.lon) == (40.1, -82.5)
    assert ohio.lat is None and ohio.name == "Ohio"


def test_parses_geovirus_style(tmp_path: Path) -> None:
    path = tmp_path / "gv.xml"
    path.write_text(GEOVIRUS_STYLE, encoding="utf-8")
    (article,) = parse_articles(path)
    (place,) = article.toponyms
    assert (place.name, place.lat, place.lon) == ("Lamberg", -12.5, 130.25)
    assert article.doc_id == "0"


def gold(start: int, end: int, lat: float | None = 0.0, lon: float | None = 0.0) -> GoldToponym:
    return GoldToponym(start, end, "x", lat, lon)


def test_matching_is_one_to_one_by_largest_overlap() -> None:
    golds = [gold(0, 10), gold(12, 20)]
    preds = [Predicted(5, 15, None, None), Predicted(0, 10, None, None)]
    assert match_spans(golds, preds) == [(0, 1), (1, 0)]


def test_no_overlap_no_match() -> None:
    assert match_spans([gold(0, 5)], [Predicted(5, 9, 1.0, 1.0)]) == []


def test_tally_scores_precision_recall_and_accuracy() -> None:
    tally = Tally()
    golds = [gold(0, 5, 10.0, 10.0), gold(10, 15, 10.0, 10.0), gold(20, 25, None, None)]
    preds = [
        Predicted(0, 5, 10.5, 10.0),  # ~56 km off: within 161
        Predicted(10, 15, 20.0, 10.0),  # ~1112 km off
        Predicted(30, 35, 0.0, 0.0),  # spurious
    ]
    tally.add(golds, preds)
    result = tally.summary()
    assert result["precision"] == pytest.approx(66.67)
    assert result["recall"] == pytest.approx(66.67)
    assert result["acc_161km"] == 50.0
    assert result["resolved_scored"] == 2


def test_unresolved_prediction_counts_as_wrong() -> None:
    tally = Tally()
    tally.add([gold(0, 5, 1.0, 1.0)], [Predicted(0, 5, None, None)])
    summary = tally.summary()
    assert summary["acc_161km"] == 0.0 and summary["unresolved"] == 1


def test_error_uses_the_haversine_of_the_places_stage() -> None:
    error = places.error_km(gold(0, 1, 0.0, 0.0), Predicted(0, 1, 0.0, 1.0))
    assert error == pytest.approx(111.19, abs=0.1)
    assert places.error_km(gold(0, 1), Predicted(0, 1, None, None)) == places.WORST_KM


def test_run_without_either_file_is_missing_data(tmp_path: Path) -> None:
    with pytest.raises(MissingData, match=r"lgl\.xml or GeoVirus\.xml"):
        places.run(tmp_path)


@pytest.mark.model
def test_run_scores_the_files_present(tmp_path: Path) -> None:
    (tmp_path / "lgl.xml").write_text(LGL_STYLE, encoding="utf-8")
    result = places.run(tmp_path)
    assert (result["suite"], result["n"]) == ("places", 1)
    assert set(result["figures"]) == {"lgl.f1", "lgl.acc161"}
    assert result["details"]["lgl"]["gold"] == 2
    assert "median error km" in result["details"]["note"]
