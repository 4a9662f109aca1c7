"""Pure scorer logic of the attribution suite (PolNeAR) on hand-built inputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimtrace.evaluation import attribution as polnear
from claimtrace.evaluation.common import MissingData
from claimtrace.model import (
    Attribution,
    AttributionKind,
    AttributionResult,
    Cue,
    Stance,
    TextSpan,
)

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "polnear"

ANN = """T1\tSource 0 9\tThe mayor
T2\tCue 10 14\tsaid
T3\tContent 15 40;50 60\tthat the bridge ...
T4\tAttribution 10 14\tsaid
E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1
T5\tDiscard 70 80\tRead more
"""


def test_parse_fragments() -> None:
    assert polnear.parse_fragments("12 20;30 41") == ((12, 20), (30, 41))


def test_parse_ann_keeps_roles_only() -> None:
    spans = polnear.parse_ann(ANN.splitlines())
    assert [s.role for s in spans] == ["Source", "Cue", "Content"]
    assert spans[2].fragments == ((15, 40), (50, 60))


def test_overlap_of_discontinuous_spans() -> None:
    assert polnear.overlap(((0, 10), (20, 30)), ((5, 25),)) == 10
    assert polnear.overlap(((0, 5),), ((5, 9),)) == 0


def test_match_is_one_to_one() -> None:
    predicted = [((0, 10),), ((2, 8),)]
    gold = [((0, 10),)]
    exact, over = polnear.match(predicted, gold)
    assert (exact, over) == (1, 1)


def test_score_document_counts_per_role() -> None:
    gold = polnear.parse_ann(ANN.splitlines())
    predicted = {"Source": [((0, 9),)], "Cue": [((10, 14),)], "Content": [((15, 40),)]}
    tally = polnear.score_document(predicted, gold)
    content_exact = tally.counts[("exact", "Content")]
    content_overlap = tally.counts[("overlap", "Content")]
    assert (content_exact.tp, content_overlap.tp) == (0, 1)
    assert tally.counts[("exact", "Cue")].tp == 1
    assert tally.counts[("exact", "Source")].scores()["f1"] == 100.0


def test_scores_handle_zero_counts() -> None:
    assert polnear.Counts().scores() == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert polnear.Counts(1, 2, 4).scores() == {"precision": 50.0, "recall": 25.0, "f1": 33.33}


@pytest.mark.shared
@pytest.mark.skipif(not (DATA / "dev").is_dir(), reason="../shared/eval/polnear is absent")
def test_annotation_files_group_by_text() -> None:
    grouped = polnear.annotation_files(DATA, "dev")
    assert grouped and all(
        path.name.startswith(name) for name, paths in grouped.items() for path in paths
    )


def test_figures_are_flat_f1_names() -> None:
    tally = polnear.Tally()
    tally.counts[("exact", "Cue")].add(polnear.Counts(1, 2, 2))
    figures = polnear.figures_of(tally)
    assert set(figures) == {
        f"{m}.{r}.f1" for m in polnear.MODES for r in ("cue", "source", "content")
    }
    assert figures["exact.cue.f1"] == 50.0
    assert figures["overlap.cue.f1"] == 0.0


def test_anchor_names_are_figure_names() -> None:
    names = set(polnear.figures_of(polnear.Tally()))
    assert all(set(values) <= names for values in polnear.ANCHORS.values())


def test_run_without_the_split_is_missing_data(tmp_path: Path) -> None:
    with pytest.raises(MissingData, match="dev/text"):
        polnear.run(tmp_path)


@pytest.mark.model
def test_run_on_a_tiny_corpus(tmp_path: Path) -> None:
    text = "Harbour bridge to close\nThe mayor said the bridge would close on Monday.\n"
    (tmp_path / "dev" / "text").mkdir(parents=True)
    (tmp_path / "dev" / "attributions").mkdir()
    (tmp_path / "dev" / "text" / "a.txt").write_text(text, encoding="utf-8")
    start = text.index("The mayor")
    ann = f"T1\tSource {start} {start + 9}\tThe mayor\nT2\tCue {start + 10} {start + 14}\tsaid\n"
    (tmp_path / "dev" / "attributions" / "a_x.ann").write_text(ann, encoding="utf-8")
    result = polnear.run(tmp_path)
    assert (result["suite"], result["n"], result["data"]) == ("attribution", 1, str(tmp_path))
    assert result["figures"]["exact.source.f1"] == 100.0
    assert result["anchors"] == polnear.ANCHORS


NESTED_TEXT = "Ana said that Ben claimed the vote was rigged. “It was,” Ben said. “Twice.”"


def _span(piece: str, after: int = 0) -> TextSpan:
    start = NESTED_TEXT.index(piece, after)
    return TextSpan(start, start + len(piece), piece)


def _attribution(name: str, cue: Cue | None, content: TextSpan) -> Attribution:
    return Attribution(name, AttributionKind.INDIRECT, "S1", None, cue, content)


def test_as_annotated_leaves_out_nested_attributions_only() -> None:
    said = Cue(_span("said"), "say", Stance.NEUTRAL)
    claimed = Cue(_span("claimed"), "claim", Stance.NEUTRAL)
    ben_said = Cue(_span("said", NESTED_TEXT.index("Ben said")), "say", Stance.NEUTRAL)
    outer = _attribution("A1", said, _span("that Ben claimed the vote was rigged"))
    nested = _attribution("A2", claimed, _span("the vote was rigged"))
    quoted_inside = _attribution("A3", None, _span("vote"))  # cue-less, within A1's content
    # one statement resumed after its cue: the two pieces share the cue, so neither is nested
    whole = _attribution("A4", ben_said, _span("“It was,” Ben said. “Twice.”"))
    resumed = _attribution("A5", ben_said, _span("“Twice.”"))
    result = AttributionResult((), (outer, nested, quoted_inside, whole, resumed))
    kept = polnear.as_annotated(result).attributions
    assert [item.id for item in kept] == ["A1", "A4", "A5"]


def test_as_annotated_keeps_two_attributions_of_one_content() -> None:
    content = _span("the vote was rigged")
    first = _attribution("A1", Cue(_span("said"), "say", Stance.NEUTRAL), content)
    second = _attribution("A2", None, content)
    kept = polnear.as_annotated(AttributionResult((), (first, second))).attributions
    assert [item.id for item in kept] == ["A1", "A2"]


def test_split_scores_keep_texts_annotated_twice_apart(tmp_path: Path) -> None:
    said = Cue(_span("said"), "say", Stance.NEUTRAL)
    claimed = Cue(_span("claimed"), "claim", Stance.NEUTRAL)
    outer = _attribution("A1", said, _span("that Ben claimed the vote was rigged"))
    nested = _attribution("A2", claimed, _span("the vote was rigged"))
    result = AttributionResult((), (outer, nested))
    cue = _span("said")
    ann = f"T1\tCue {cue.start} {cue.end}\tsaid\n"
    once, twice = tmp_path / "once_a.ann", tmp_path / "twice_a.ann"
    for path in (once, twice, tmp_path / "twice_b.ann"):
        path.write_text(ann, encoding="utf-8")
    scores = polnear.SplitScores()
    scores.add(result, None, [once])
    scores.add(result, None, [twice, tmp_path / "twice_b.ann"])
    assert scores.nested_left_out == 2
    assert scores.rules.counts[("exact", "Cue")].as_dict() == {"tp": 3, "predicted": 3, "gold": 3}
    assert scores.nested.counts[("exact", "Cue")].as_dict() == {"tp": 3, "predicted": 6, "gold": 3}
    baselines = scores.baselines()
    assert baselines["rules on the 1 text annotated more than once"]["exact.cue.f1"] == 100.0
    assert baselines["rules, nested attributions scored too"]["exact.cue.f1"] == 66.67
