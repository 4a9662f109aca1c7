"""The article-extraction suite and the evaluation helpers it uses."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from claimtrace.errors import NoArticleFound
from claimtrace.evaluation import article_extraction, common

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared/eval/article-extraction"

PARAGRAPHS = [
    "The city council voted on Tuesday to close the old harbour bridge for repairs that "
    "engineers say are long overdue.",
    "The mayor said the work would take at least six months and that ferries would carry "
    "commuters across the river while it lasts.",
    "Residents of the north bank were not convinced, and several of them told the meeting "
    "that the ferries were already full every morning.",
]
ARTICLE_HTML = f"""<!doctype html>
<html lang="en"><head><title>Council closes harbour bridge</title></head>
<body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article>
<h1>Council closes harbour bridge</h1>
{"".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)}
</article>
<footer>Copyright 2024 The Harbour Gazette. All rights reserved.</footer>
</body></html>"""


@pytest.fixture(scope="module")
def ae() -> ModuleType:
    return article_extraction


def make_data(root: Path, pages: dict[str, tuple[str, str]]) -> Path:
    """A benchmark-shaped folder: {id: (html, gold body)} as html/<id>.html.gz + ground truth."""
    (root / "html").mkdir(parents=True)
    truth = {}
    for key, (html, gold) in pages.items():
        (root / "html" / f"{key}.html.gz").write_bytes(gzip.compress(html.encode("utf-8")))
        truth[key] = {"articleBody": gold, "url": f"https://example.org/{key}"}
    (root / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return root


# --- tokens and shingles -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Hello, world!", ["Hello", "world"]),
        ("It's 3.5 km", ["It", "s", "3", "5", "km"]),
        ("Case Kept case", ["Case", "Kept", "case"]),
        ("São Paulo — ça va", ["São", "Paulo", "ça", "va"]),
        ("", []),
        (None, []),
        ("... --- !!!", []),
    ],
)
def test_tokenize(ae: ModuleType, text: str | None, tokens: list[str]) -> None:
    assert ae.tokenize(text) == tokens


def test_shingles_are_four_token_windows(ae: ModuleType) -> None:
    assert ae.shingles("a b c d e") == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}


def test_short_text_is_one_shorter_shingle(ae: ModuleType) -> None:
    assert ae.shingles("only two") == {("only", "two"): 1}


def test_empty_text_has_no_shingles(ae: ModuleType) -> None:
    assert not ae.shingles("  ,; ")


def test_repeated_shingles_are_counted(ae: ModuleType) -> None:
    assert ae.shingles("a b c d a b c d")[("a", "b", "c", "d")] == 2


# --- one document -----------------------------------------------------------------------------


def test_identical_texts_match_fully(ae: ModuleType) -> None:
    match = ae.match_texts("a b c d e f", "a, b. c d e f!")
    assert (match.tp, match.fp, match.fn) == (3, 0, 0)
    assert (match.precision, match.recall) == (1.0, 1.0)


def test_extra_boilerplate_costs_precision_only(ae: ModuleType) -> None:
    match = ae.match_texts("a b c d e f", "a b c d e f g h")
    assert (match.tp, match.fp, match.fn) == (3, 2, 0)
    assert match.precision == pytest.approx(0.6)
    assert match.recall == 1.0


def test_missing_text_costs_recall_only(ae: ModuleType) -> None:
    match = ae.match_texts("a b c d e f g h", "a b c d e f")
    assert (match.tp, match.fp, match.fn) == (3, 0, 2)
    assert match.precision == 1.0
    assert match.recall == pytest.approx(0.6)


def test_shingles_match_as_multisets(ae: ModuleType) -> None:
    repeated = "a b c d a b c d"  # shingle (a, b, c, d) twice, three others once
    assert (ae.match_texts(repeated, repeated).tp, ae.match_texts(repeated, repeated).fp) == (5, 0)
    match = ae.match_texts("a b c d", repeated)
    assert (match.tp, match.fp, match.fn) == (1, 4, 0)


def test_empty_prediction_has_no_precision_and_zero_recall(ae: ModuleType) -> None:
    match = ae.match_texts("a b c d e", "")
    assert match.precision is None
    assert match.recall == 0.0


def test_both_empty_is_undefined_both_ways(ae: ModuleType) -> None:
    match = ae.match_texts("", "")
    assert (match.precision, match.recall) == (None, None)


@pytest.mark.parametrize(
    ("gold", "predicted", "exact"),
    [
        ("The mayor said: no.", "the mayor said no", False),
        ("The mayor said: no.", "The mayor — said no!", True),
        ("", "", True),
        ("a b", "a b c", False),
    ],
)
def test_exact_match_compares_token_lists(
    ae: ModuleType, gold: str, predicted: str, exact: bool
) -> None:
    assert ae.exact_match(gold, predicted) is exact


# --- averaging over documents ----------------------------------------------------------------


def test_f1_is_taken_of_mean_precision_and_mean_recall(ae: ModuleType) -> None:
    matches = [ae.ShingleMatch(tp=1, fp=0, fn=1), ae.ShingleMatch(tp=1, fp=1, fn=0)]
    figures = ae.average(matches)
    assert (figures.precision, figures.recall) == (0.75, 0.75)
    # the mean of the per-document F1s would be 2/3
    assert figures.f1 == pytest.approx(0.75)


def test_empty_prediction_leaves_precision_mean_but_counts_in_recall(ae: ModuleType) -> None:
    matches = [
        ae.ShingleMatch(tp=1, fp=0, fn=1),
        ae.ShingleMatch(tp=1, fp=1, fn=0),
        ae.ShingleMatch(tp=0, fp=0, fn=4),
    ]
    figures = ae.average(matches)
    assert figures.precision == pytest.approx(0.75)
    assert figures.recall == pytest.approx(0.5)
    assert figures.f1 == pytest.approx(0.6)


def test_average_of_nothing_is_zero(ae: ModuleType) -> None:
    assert ae.average([]).f1 == 0.0


def test_summary_counts_accuracy_and_empty_output(ae: ModuleType) -> None:
    scores = [
        ae.DocumentScore("a", ae.match_texts("a b c d", "a b c d"), exact=True),
        ae.DocumentScore("b", ae.match_texts("a b c d", ""), exact=False, error="[CT106] x"),
    ]
    summary = ae.summarise(scores, n_bootstrap=0)
    assert summary["accuracy"] == 0.5
    assert summary["precision"] == 1.0
    assert summary["recall"] == 0.5
    assert (summary["empty_output"], summary["rejected"]) == (1, 1)
    assert "f1_std" not in summary


def test_bootstrap_spread_is_zero_for_identical_documents(ae: ModuleType) -> None:
    score = ae.DocumentScore("a", ae.ShingleMatch(tp=3, fp=1, fn=0), exact=False)
    assert ae.bootstrap([score] * 5, n=20)["f1_std"] == 0.0


def test_paired_difference_of_a_system_with_itself_is_zero(ae: ModuleType) -> None:
    scores = [
        ae.DocumentScore("a", ae.ShingleMatch(tp=3, fp=1, fn=0), exact=False),
        ae.DocumentScore("b", ae.ShingleMatch(tp=1, fp=0, fn=3), exact=False),
    ]
    assert ae.f1_difference(scores, scores, n=20) == {"difference": 0.0, "std": 0.0}


# --- the whole run ---------------------------------------------------------------------------


def gold_system(html: bytes) -> str:
    """A fake extractor: the text inside <gold>...</gold>."""
    text = html.decode("utf-8")
    return text[text.index("<gold>") + 6 : text.index("</gold>")]


def refusing_system(html: bytes) -> str:
    raise NoArticleFound("no article text found in the HTML")


@pytest.fixture
def fake_data(tmp_path: Path) -> Path:
    return make_data(
        tmp_path / "data",
        {
            "p1": ("<gold>one two three four five</gold>", "one two three four five"),
            "p2": ("<gold>six seven eight nine</gold> ten", "six seven eight nine ten eleven"),
        },
    )


def run_fake(ae: ModuleType, data: Path, **kwargs: Any) -> dict[str, Any]:
    systems = {"claimtrace": refusing_system, "perfect-ish": gold_system}
    return ae.score_article_extraction(data, systems=systems, n_bootstrap=10, **kwargs)  # type: ignore[no-any-return]


def test_run_scores_each_system(ae: ModuleType, fake_data: Path) -> None:
    result = run_fake(ae, fake_data)
    ours, theirs = result["systems"]["claimtrace"], result["systems"]["perfect-ish"]
    assert result["documents"] == 2
    assert (ours["recall"], ours["empty_output"], ours["accuracy"]) == (0.0, 2, 0.0)
    # p2: 3 gold shingles, 1 predicted and found -> P 1, R 1/3
    assert theirs["precision"] == 1.0
    assert theirs["recall"] == pytest.approx((1 + 1 / 3) / 2, abs=1e-4)
    assert theirs["accuracy"] == 0.5


def test_run_lists_rejected_pages_with_their_error(ae: ModuleType, fake_data: Path) -> None:
    rejected = run_fake(ae, fake_data)["rejected"]["claimtrace"]
    assert [entry["id"] for entry in rejected] == ["p1", "p2"]
    assert rejected[0]["error"].startswith("[CT106]")
    assert rejected[0]["url"] == "https://example.org/p1"


def test_run_honours_limit(ae: ModuleType, fake_data: Path) -> None:
    assert run_fake(ae, fake_data, limit=1)["documents"] == 1


def test_run_reports_difference_against_baselines(ae: ModuleType, fake_data: Path) -> None:
    result = run_fake(ae, fake_data)
    diff = result["f1_difference"]["claimtrace - perfect-ish"]["difference"]
    assert diff == pytest.approx(-result["systems"]["perfect-ish"]["f1"], abs=1e-4)
    assert result["on_accepted_pages"]["claimtrace"]["pages"] == 0


def test_missing_page_file_is_reported(ae: ModuleType, fake_data: Path) -> None:
    (fake_data / "html" / "p2.html.gz").unlink()
    with pytest.raises(common.MissingData, match="p2"):
        run_fake(ae, fake_data)


def test_claimtrace_body_drops_the_headline(ae: ModuleType) -> None:
    body = ae.claimtrace_body(ARTICLE_HTML.encode("utf-8"))
    assert body.startswith("The city council voted")
    assert "Council closes harbour bridge" not in body
    assert ae.match_texts("\n\n".join(PARAGRAPHS), body).recall == 1.0


def test_real_ingest_rejection_counts_as_empty(ae: ModuleType, tmp_path: Path) -> None:
    html = "<html><body><nav>Home</nav><p>Subscribe now.</p></body></html>"
    data = make_data(tmp_path / "d", {"x": (html, "Some article body that was expected here.")})
    result = ae.score_article_extraction(
        data, systems={"claimtrace": ae.claimtrace_body}, n_bootstrap=0
    )
    assert result["systems"]["claimtrace"]["empty_output"] == 1
    assert result["rejected"]["claimtrace"][0]["error"].startswith("[CT10")


# --- the suite interface ----------------------------------------------------------------------


def test_run_missing_folder_is_missing_data(ae: ModuleType, tmp_path: Path) -> None:
    with pytest.raises(common.MissingData, match="data folder not found"):
        ae.run(tmp_path / "nowhere")


def test_run_folder_without_ground_truth_is_missing_data(ae: ModuleType, tmp_path: Path) -> None:
    (tmp_path / "html").mkdir()
    with pytest.raises(common.MissingData, match=r"ground-truth\.json"):
        ae.run(tmp_path)


def test_run_gives_percent_figures_anchors_and_baselines(ae: ModuleType, tmp_path: Path) -> None:
    data = make_data(tmp_path / "d", {"a": (ARTICLE_HTML, "\n\n".join(PARAGRAPHS))})
    result = ae.run(data, n_bootstrap=5)
    assert (result["suite"], result["n"]) == ("article-extraction", 1)
    assert result["figures"]["recall"] == 100.0
    assert set(result["figures"]) == {"f1", "precision", "recall", "accepted.f1"}
    assert result["anchors"]["trafilatura 2.0 (benchmark README)"] == {"f1": 95.8}
    assert set(result["details"]["baselines"]) == {
        "trafilatura-default (this run)",
        "trafilatura-benchmark (this run)",
    }
    assert "0 of 1 pages refused" in result["details"]["note"]


@pytest.mark.shared
@pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="../shared article-extraction data absent")
def test_real_benchmark_pages_score_sanely(ae: ModuleType) -> None:
    result = ae.score_article_extraction(SHARED_DATA, limit=5, n_bootstrap=0)
    assert result["documents"] == 5
    for summary in result["systems"].values():
        assert 0.5 < summary["f1"] <= 1.0


# --- evaluation/common.py ---------------------------------------------------------------------


def test_prf() -> None:
    figures = common.prf(3, 4, 6)
    assert (figures.precision, figures.recall) == (0.75, 0.5)
    assert figures.f1 == pytest.approx(0.6)


def test_prf_with_nothing_predicted_or_expected() -> None:
    assert common.prf(0, 0, 5).as_dict() == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert common.prf(0, 3, 0).f1 == 0.0


def test_prf_refuses_impossible_counts() -> None:
    with pytest.raises(ValueError):
        common.prf(5, 4, 6)


def test_write_json_creates_the_folder(tmp_path: Path) -> None:
    path = common.write_json(tmp_path / "a" / "b" / "demo.json", {"f1": 0.5})
    assert path == tmp_path / "a" / "b" / "demo.json"
    assert json.loads(path.read_text(encoding="utf-8")) == {"f1": 0.5}


def test_fingerprint_follows_names_and_sizes(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("abc", encoding="utf-8")
    first = common.fingerprint(tmp_path)
    assert first.startswith("sha256:") and first == common.fingerprint(tmp_path)
    (tmp_path / "sub" / "a.txt").write_text("abcd", encoding="utf-8")
    assert common.fingerprint(tmp_path) != first


def test_progress_is_the_bare_iterable_off_a_terminal() -> None:
    assert list(common.progress(iter([1, 2, 3]), 3, "x")) == [1, 2, 3]
