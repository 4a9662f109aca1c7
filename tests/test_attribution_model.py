"""The trainable attribution tagger: features and BIO decoding on hand-built Docs, the data
reader and folder checks, the model switch, and one tiny end-to-end training run on
invented articles written here as brat files."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimtrace.errors import AttributionModelError, DevSplitRefused, TrainingDataNotFound
from claimtrace.extract import attribution_features as feats
from claimtrace.extract import attribution_model as model
from claimtrace.model import (
    Attribution,
    AttributionKind,
    AttributionResult,
    Cue,
    Source,
    SourceType,
    Stance,
)
from claimtrace.training.attribution import parse_links, resolve_split
from handmade import make_doc, span_of

# --- BIO encoding and decoding ------------------------------------------------------------


def test_encode_marks_spans_and_never_overwrites() -> None:
    labels = feats.encode(6, [("SOURCE", (0, 2)), ("CONTENT", (1, 4)), ("CONTENT", (4, 6))])
    assert labels == ["B-SOURCE", "I-SOURCE", "O", "O", "B-CONTENT", "I-CONTENT"]


def test_encode_clips_to_the_window_offset() -> None:
    assert feats.encode(3, [("CUE", (9, 12))], offset=10) == ["B-CUE", "I-CUE", "O"]


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        (["B-CUE", "I-CUE", "O"], [("CUE", (5, 7))]),
        (["I-SOURCE", "O", "B-CONTENT"], [("SOURCE", (5, 6)), ("CONTENT", (7, 8))]),
        (["B-CUE", "B-CUE", "I-SOURCE"], [("CUE", (5, 6)), ("CUE", (6, 7)), ("SOURCE", (7, 8))]),
        (["O", "O"], []),
    ],
)
def test_decode(labels: list[str], expected: list[tuple[str, tuple[int, int]]]) -> None:
    assert feats.decode(labels, offset=5) == expected


def test_merged_content_joins_a_quote_split_by_its_cue() -> None:
    spans = [("CONTENT", (0, 5)), ("SOURCE", (6, 7)), ("CONTENT", (9, 14)), ("CONTENT", (40, 42))]
    assert feats.merged_content(spans) == (0, 14)
    assert feats.merged_content([("SOURCE", (0, 1))]) is None


ACCORDING = (
    "Roads|NNS|road|nsubj|1 reopened|VBD|reopen|ROOT|1 ,|,|,|punct|1 according|VBG|accord|prep|1 "
    "to|IN|to|prep|3 police|NNS|police|pobj|4 .|.|.|punct|1"
)


def test_fallback_content_takes_what_the_cue_governs() -> None:
    doc = make_doc(SENTENCE)
    assert feats.fallback_content(doc, (2, 3)) == (3, 5)  # "said" -> "roads reopened"


def test_fallback_content_never_takes_the_source() -> None:
    doc = make_doc(ACCORDING)
    assert feats.fallback_content(doc, (3, 5), source=(5, 6)) == (0, 2)  # "Roads reopened"


def test_longest_source() -> None:
    assert feats.longest([("SOURCE", (0, 1)), ("SOURCE", (3, 6))], "SOURCE") == (3, 6)


# --- features on a hand-built Doc ----------------------------------------------------------

SENTENCE = (
    "The|DT|the|det|1 mayor|NN|mayor|nsubj|2 said|VBD|say|ROOT|2 "
    "roads|NNS|road|nsubj|4 reopened|VBD|reopen|ccomp|2 .|.|.|punct|2"
)


def _facts(doc: object, marks: feats.RuleMarks | None = None) -> feats.DocFacts:
    return feats.doc_facts(doc, marks or feats.RuleMarks((), (), (), ()))


def test_base_features_carry_lexicon_and_rule_marks() -> None:
    doc = make_doc(SENTENCE)
    marks = feats.RuleMarks(cues=((2, 3),), sources=((0, 2),), contents=((3, 5),), triples=())
    rows = feats.cue_sequence(doc[0:6], _facts(doc, marks))
    assert "lexv=neutral" in rows[2] and "rc=B" in rows[2]
    assert "rs=True" in rows[1] and "rk=True" in rows[3]
    assert "rc=O" in rows[0] and not any(f.startswith("lexv") for f in rows[0])


def test_role_features_place_tokens_relative_to_the_cue() -> None:
    doc = make_doc(SENTENCE)
    window = feats.cue_window(doc, (2, 3))
    rows = feats.role_sequence(doc, window, _facts(doc))
    assert (window.start, window.end) == (0, 6)
    assert "sub=nsubj" in rows[1] and "at=before" in rows[1] and "dist=-1" in rows[1]
    assert "sub=ccomp" in rows[4] and "at=after" in rows[4]
    assert "at=in" in rows[2] and "cl=say" in rows[2]


def test_role_features_mark_the_rules_triple_of_this_cue() -> None:
    doc = make_doc(SENTENCE)
    marks = feats.RuleMarks(((2, 3),), ((0, 2),), ((3, 5),), (((2, 3), (0, 2), (3, 5)),))
    rows = feats.role_sequence(doc, feats.cue_window(doc, (2, 3)), _facts(doc, marks))
    assert "rs_this=True" in rows[0] and "rk_this=False" in rows[0]
    assert "rk_this=True" in rows[3]


def test_quoted_tokens_are_marked() -> None:
    doc = make_doc("“|``|“|punct|1 Fine|JJ|fine|ROOT|1 ”|''|”|punct|1 he|PRP|he|nsubj|4 said|VBD")
    rows = feats.cue_sequence(doc[0 : len(doc)], _facts(doc))
    assert "q=True" in rows[1] and "q=False" in rows[3]


class FixedTagger:
    """Stands in for a CRF tagger: returns the labels it was given, whatever it reads; a
    token's marginal chance of a label is 1 where it has that label, else `chance`."""

    def __init__(self, labels: list[str], chance: float = 0.0) -> None:
        self.fixed, self.chance = labels, chance

    def tag(self, rows: list[list[str]]) -> list[str]:
        return self.fixed[: len(rows)]

    def labels(self) -> list[str]:
        return ["O", "B-CUE", "I-CUE"]

    def marginal(self, label: str, position: int) -> float:
        if self.fixed[position] == label:
            return 1.0
        return 0.0 if label == "O" else self.chance / 2


@pytest.mark.parametrize(
    ("rule_content", "expected"),
    [("roads", "roads"), (".", ".")],
    ids=["contents-overlap", "contents-apart"],
)
def test_refine_keeps_the_rules_spans(rule_content: str, expected: str) -> None:
    doc = make_doc(SENTENCE)
    text = doc.text
    publisher = Source("S0", "Daily Test", SourceType.PUBLISHER)
    mayor = Source("S1", "mayor", SourceType.PERSON, (span_of(text, "The mayor"),))
    rule = Attribution(
        "A1",
        AttributionKind.INDIRECT,
        "S1",
        span_of(text, "The mayor"),
        Cue(span_of(text, "said"), "say", Stance.NEUTRAL),
        span_of(text, rule_content),
    )
    rules = AttributionResult((publisher, mayor), (rule,))
    cue = FixedTagger(["O", "O", "B-CUE", "O", "O", "O"])
    role = FixedTagger(["B-SOURCE", "I-SOURCE", "O", "B-CONTENT", "I-CONTENT", "O"])
    result = model.refine(doc, rules, model.TrainedTagger(Path("."), cue, role, {}))
    [found] = result.attributions
    assert (found.id, found.source_id, found.kind) == ("A1", "S1", AttributionKind.INDIRECT)
    assert found.content.text == expected and found.cue is not None
    assert found.cue.lemma == "say" and result.sources == rules.sources


@pytest.mark.parametrize(
    ("chance", "kept"),
    [(0.3, ["said"]), (model.KEEP_RULE_CUE, ["said"]), (0.05, []), (0.0, [])],
    ids=["likely", "at-the-bar", "unlikely", "never"],
)
def test_refine_keeps_a_rule_cue_the_model_missed_unless_it_is_unlikely(
    chance: float, kept: list[str]
) -> None:
    doc = make_doc(SENTENCE)
    text = doc.text
    publisher = Source("S0", "Daily Test", SourceType.PUBLISHER)
    rule = Attribution(
        "A1",
        AttributionKind.INDIRECT,
        "S0",
        None,
        Cue(span_of(text, "said"), "say", Stance.NEUTRAL),
        span_of(text, "roads reopened"),
    )
    rules = AttributionResult((publisher,), (rule,))
    nothing = FixedTagger(["O"] * len(doc), chance)
    result = model.refine(doc, rules, model.TrainedTagger(Path("."), nothing, nothing, {}))
    assert [a.cue.span.text for a in result.attributions if a.cue] == kept


def test_refine_gives_an_unknown_speaker_a_source_of_its_own() -> None:
    doc = make_doc(SENTENCE)
    rules = AttributionResult((Source("S0", "Daily Test", SourceType.PUBLISHER),), ())
    cue = FixedTagger(["O", "O", "B-CUE", "O", "O", "O"])
    role = FixedTagger(["B-SOURCE", "I-SOURCE", "O", "B-CONTENT", "I-CONTENT", "O"])
    result = model.refine(doc, rules, model.TrainedTagger(Path("."), cue, role, {}))
    [found] = result.attributions
    assert found.source_id == "S1" and found.source_span is not None
    assert found.source_span.text == "The mayor" and len(result.sources) == 2


# --- reading brat and checking folders -----------------------------------------------------


def test_parse_links_joins_spans_to_attributions() -> None:
    lines = [
        "T1\tSource 0 5\tPaula",
        "T2\tCue 6 10\tsaid",
        "T3\tContent 11 20;25 30\tit rained hard",
        "T4\tAttribution 6 10\tsaid",
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        "E2\tAttribution:T4 Content:T9 Cue:T2",
    ]
    [found] = parse_links(lines)
    assert found.cue == ((6, 10),) and found.source == ((0, 5),)
    assert found.content == ((11, 20), (25, 30))


def _split(folder: Path) -> Path:
    (folder / "text").mkdir(parents=True)
    (folder / "attributions").mkdir()
    return folder


def test_resolve_split_accepts_a_split_or_its_parent(tmp_path: Path) -> None:
    _split(tmp_path / "train")
    assert resolve_split(tmp_path) == (tmp_path, "train")
    assert resolve_split(tmp_path / "train")[1] == "train"


def test_resolve_split_refuses_dev_and_odd_folders(tmp_path: Path) -> None:
    with pytest.raises(DevSplitRefused):
        resolve_split(_split(tmp_path / "dev"))
    with pytest.raises(TrainingDataNotFound):
        resolve_split(tmp_path / "absent")
    (tmp_path / "empty").mkdir()
    with pytest.raises(TrainingDataNotFound):
        resolve_split(tmp_path / "empty")


def test_model_switch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMTRACE_CACHE", str(tmp_path))
    assert model.model_path("off") is None
    assert model.model_path("auto") is None  # nothing trained in this cache
    with pytest.raises(AttributionModelError):
        model.model_path(str(tmp_path / "nowhere"))


def test_cli_refuses_dev(tmp_path: Path) -> None:
    from claimtrace.cli import claimtrace

    result = CliRunner().invoke(
        claimtrace, ["train", "attribution", "--data", str(_split(tmp_path / "dev"))]
    )
    assert result.exit_code == 2
    assert "CT121" in result.output


def test_cli_help_has_an_example_and_the_readme_documents_it() -> None:
    from claimtrace.cli import claimtrace
    from claimtrace.errors import TrainingUnavailable

    result = CliRunner().invoke(claimtrace, ["train", "attribution", "--help"])
    assert result.exit_code == 0 and "claimtrace train attribution --data" in result.output
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    assert "claimtrace train attribution" in readme and model.MODEL_ENV in readme
    for error in (
        TrainingDataNotFound,
        DevSplitRefused,
        AttributionModelError,
        TrainingUnavailable,
    ):
        assert f"| {error.code} |" in readme


# --- end to end: train on four invented articles, then analyse -----------------------------

# [words]sN / [words]cN / [words]kN: source, cue and content of attribution N of the article.
ARTICLES = [
    "Harbour plan stalls\n[The harbour master]s1 [mused]c1 [that the ferries would run late]k1. "
    "[Local traders]s2 [mused]c2 [that the market could close early]k2.",
    "Orchard fair returns\n[The organiser]s1 [mused]c1 [that the apples were smaller this year]k1. "
    "Visitors came from three villages.",
    "Bridge repairs begin\n[An engineer]s1 [mused]c1 [that the old bolts had rusted]k1. "
    "[The council]s2 [mused]c2 [that the work would take a month]k2.",
    "Library hours change\n[The librarian]s1 [mused]c1 [that readers preferred the evenings]k1. "
    "The doors open at noon.",
]
MARK = re.compile(r"\[([^\]]+)\]([sck])(\d)")
ROLE = {"s": "Source", "c": "Cue", "k": "Content"}


def brat(marked: str) -> tuple[str, str]:
    """Plain text and a brat annotation file from the markup above."""
    text, spans, position = "", {}, 0
    for found in MARK.finditer(marked):
        text += marked[position : found.start()]
        start = len(text)
        text += found.group(1)
        spans[(found.group(3), found.group(2))] = (start, len(text), found.group(1))
        position = found.end()
    text += marked[position:]
    lines, t = [], 0
    for number in sorted({key[0] for key in spans}):
        ids = {}
        for role in "sck":
            start, end, words = spans[(number, role)]
            t += 1
            ids[role] = f"T{t}"
            lines.append(f"T{t}\t{ROLE[role]} {start} {end}\t{words}")
        lines.append(
            f"E{number}\tAttribution:{ids['c']} Content:{ids['k']} Cue:{ids['c']} Source:{ids['s']}"
        )
    return text, "\n".join(lines) + "\n"


def write_split(folder: Path) -> Path:
    _split(folder)
    for index, marked in enumerate(ARTICLES):
        text, ann = brat(marked)
        (folder / "text" / f"article{index}.txt").write_text(text, encoding="utf-8")
        (folder / "attributions" / f"article{index}_a.ann").write_text(ann, encoding="utf-8")
    return folder


def test_brat_markup_round_trip() -> None:
    text, ann = brat(ARTICLES[0])
    first = ann.splitlines()[0].split("\t")
    start, end = map(int, first[1].split()[1:])
    assert text[start:end] == first[2] == "The harbour master"


@pytest.mark.model
def test_trained_model_is_used_by_the_analyser(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("pycrfsuite")
    from claimtrace import analyze
    from claimtrace.training.attribution import train_attribution

    with monkeypatch.context() as patch:  # train into the default place of a fresh cache
        patch.setenv("CLAIMTRACE_CACHE", str(tmp_path / "cache"))
        patch.delenv("CLAIMTRACE_ATTRIBUTION_MODEL")
        done = train_attribution(write_split(tmp_path / "train"), params={"max_iterations": 40})
        assert model.model_path() == done.path == tmp_path / "cache" / "models" / model.MODEL_NAME
    assert done.attributions == 6 and json.loads((done.path / model.META_FILE).read_text())

    text = "Ferry timetable\nThe captain mused that the tide was too low for the crossing."
    monkeypatch.setenv("CLAIMTRACE_ATTRIBUTION_MODEL", str(done.path))
    [found] = [a for a in analyze(text).attributions if a.cue and a.cue.span.text == "mused"]
    assert found.source_span is not None and found.source_span.text == "The captain"
    assert found.content.text.startswith("that the tide")
    monkeypatch.setenv("CLAIMTRACE_ATTRIBUTION_MODEL", "off")
    cues = {a.cue.span.text for a in analyze(text).attributions if a.cue}
    assert "mused" not in cues


@pytest.mark.model
def test_eval_reports_the_trained_model_beside_the_rules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("pycrfsuite")
    from claimtrace.evaluation import attribution as suite
    from claimtrace.training.attribution import train_attribution

    done = train_attribution(write_split(tmp_path / "train"), out=tmp_path / "model")
    write_split(tmp_path / "dev")  # scored only; the same invented articles
    rules_only = suite.run(tmp_path)
    assert list(rules_only["details"]["baselines"]) == ["rules, nested attributions scored too"]
    monkeypatch.setenv("CLAIMTRACE_ATTRIBUTION_MODEL", str(done.path))
    both = suite.run(tmp_path)
    assert both["figures"] == rules_only["figures"]  # the gated figures stay the rules'
    trained = both["details"]["baselines"][f"trained {done.path.name}"]
    assert trained["exact.cue.f1"] > rules_only["figures"]["exact.cue.f1"]
