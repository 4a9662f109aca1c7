"""The CLI: help with examples, --version, one clean error line per bad input, stage failures."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result

from claimtrace import __version__, cli, export
from claimtrace.model import SCHEMA_VERSION, Document, Report, StageFailure

ARTICLE = """Night ferry runs aground near Gull Point: Coastguard
By Staff Writer - 9 October 2024

The night ferry from Larkport ran aground on a sandbank near Gull Point early on Wednesday,
the coastguard said, and all 54 passengers were taken ashore by lifeboat.

A crew member told the Harbour Gazette that the ship's radar had failed an hour before.
The ferry company has yet to comment on the cause of the accident.
"""


def invoke(*args: str, **kwargs: Any) -> Result:
    return CliRunner().invoke(cli.claimtrace, list(args), **kwargs)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "ferry.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture
def fake_pipeline(monkeypatch: pytest.MonkeyPatch) -> list[Report]:
    """Replace the model run and the renderer; return the list of reports rendered."""
    rendered: list[Report] = []

    def analyze_document(document: Document, *, model: str | None = None) -> Report:
        return Report(document=document)

    def render(report: Report, fmt: str) -> str:
        rendered.append(report)
        if fmt == "json":
            failures = [failure.stage for failure in report.failures]
            return json.dumps({"schema_version": report.schema_version, "failures": failures})
        return f"REPORT ({fmt}) {report.document.title}"

    monkeypatch.setattr(cli, "analyze_document", analyze_document)
    monkeypatch.setattr(export, "render", render, raising=False)
    return rendered


# --- help and version ---------------------------------------------------------------------


def all_commands() -> list[list[str]]:
    group = cli.claimtrace
    assert isinstance(group, click.Group)
    return [[], *([name] for name in group.commands)]


@pytest.mark.parametrize("command", all_commands())
def test_every_help_has_an_example(command: list[str]) -> None:
    result = invoke(*command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.output


def test_analyze_help_shows_file_html_stdin_and_json_examples() -> None:
    output = invoke("analyze", "--help").output
    assert "claimtrace analyze article.txt" in output
    assert ".html" in output
    assert "claimtrace analyze - " in output
    assert "--format json" in output


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert __version__ in result.output


# --- success ------------------------------------------------------------------------------


def test_analyze_file(article: Path, fake_pipeline: list[Report]) -> None:
    result = invoke("analyze", str(article), "--publisher", "Larkport News")
    assert result.exit_code == 0, result.output
    assert result.stdout == "REPORT (text) Night ferry runs aground near Gull Point: Coastguard\n"
    document = fake_pipeline[0].document
    assert document.publisher == "Larkport News"
    assert document.published_from == "dateline"


def test_analyze_stdin_with_published(fake_pipeline: list[Report]) -> None:
    result = invoke("analyze", "-", "--published", "2024-10-10", input=ARTICLE)
    assert result.exit_code == 0, result.output
    assert fake_pipeline[0].document.published_from == "user"


def test_analyze_writes_output_file(
    article: Path, tmp_path: Path, fake_pipeline: list[Report]
) -> None:
    out = tmp_path / "report.json"
    result = invoke("analyze", str(article), "--format", "json", "--output", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["schema_version"] == SCHEMA_VERSION


def test_analyze_html_file_without_url(tmp_path: Path, fake_pipeline: list[Report]) -> None:
    page = tmp_path / "saved-page.html"
    paragraphs = "".join(f"<p>{line}</p>" for line in ARTICLE.split("\n\n")[1:])
    page.write_text(
        f"<html><head><title>Ferry aground</title></head><body><article>"
        f"{paragraphs}</article></body></html>",
        encoding="utf-8",
    )
    result = invoke("analyze", str(page))
    assert result.exit_code == 0, result.output
    document = fake_pipeline[0].document
    assert (document.input_format, document.title, document.url) == ("html", "Ferry aground", None)


def test_real_renderer_json_without_model(article: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def analyze_document(document: Document, *, model: str | None = None) -> Report:
        return Report(document=document, failures=(StageFailure("claims", "CT300", "boom"),))

    monkeypatch.setattr(cli, "analyze_document", analyze_document)
    result = invoke("analyze", str(article), "--format", "json")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["schema_version"] == SCHEMA_VERSION
    assert payload["failures"][0]["stage"] == "claims"
    assert "claims" in result.stderr


# --- stage failures -----------------------------------------------------------------------


@pytest.fixture
def failing_stages(monkeypatch: pytest.MonkeyPatch) -> None:
    """The real renderers over a Report whose later stages failed."""

    def analyze_document(document: Document, *, model: str | None = None) -> Report:
        failures = (
            StageFailure("claims", "CT300", "ValueError: bad span"),
            StageFailure("assess", "CT300", "KeyError: 'C1'"),
        )
        return Report(document=document, failures=failures)

    monkeypatch.setattr(cli, "analyze_document", analyze_document)


@pytest.mark.usefixtures("failing_stages")
def test_stage_failures_in_text_output(article: Path) -> None:
    result = invoke("analyze", str(article))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    failed = lines.index("FAILED STAGES (their results are missing)")
    assert failed < lines.index("CLAIMS (0)")  # before any claim, not at the bottom
    assert "  - claims: [CT300] ValueError: bad span" in lines
    assert "warning: stages failed: claims, assess" in result.stderr


@pytest.mark.usefixtures("failing_stages")
def test_stage_failures_in_markdown(article: Path) -> None:
    result = invoke("analyze", str(article), "--format", "markdown")
    assert result.exit_code == 0
    assert result.stdout.index("## Failed stages") < result.stdout.index("## Claims")


@pytest.mark.usefixtures("failing_stages")
def test_stage_failures_in_json_output(article: Path) -> None:
    result = invoke("analyze", str(article), "--format", "json")
    assert result.exit_code == 0
    failures = json.loads(result.stdout)["failures"]
    assert [failure["stage"] for failure in failures] == ["claims", "assess"]
    assert "claims, assess" in result.stderr


# --- errors -------------------------------------------------------------------------------


def bad_inputs(tmp_path: Path) -> dict[str, tuple[list[str], str]]:
    """Arguments for each bad input and the code it must give."""
    files = {
        "empty.txt": b"  \n",
        "photo.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0d" * 10,
        "latin1.txt": ARTICLE.replace("ferry", "f\xe9rry").encode("latin-1"),
        "nav.html": b"<html><body><nav><a href='/'>Home</a></nav></body></html>",
        "french.txt": (
            "Le ferry de nuit s'est \xe9chou\xe9 sur un banc de sable mercredi matin, selon les "
            "garde-c\xf4tes, et tous les passagers ont \xe9t\xe9 ramen\xe9s \xe0 terre."
        ).encode(),
        "broken.json": b'{"text": ',
        "notext.json": b'{"title": "Ferry aground"}',
        "ok.txt": ARTICLE.encode(),
    }
    for name, content in files.items():
        (tmp_path / name).write_bytes(content)
    ok = str(tmp_path / "ok.txt")
    return {
        "missing": ([str(tmp_path / "absent.txt")], "CT101"),
        "empty": ([str(tmp_path / "empty.txt")], "CT102"),
        "binary": ([str(tmp_path / "photo.txt")], "CT103"),
        "encoding": ([str(tmp_path / "latin1.txt")], "CT104"),
        "too large": ([ok], "CT105"),  # CLAIMTRACE_MAX_BYTES set in the test
        "no article": ([str(tmp_path / "nav.html")], "CT106"),
        "not english": ([str(tmp_path / "french.txt")], "CT107"),
        "invalid json": ([str(tmp_path / "broken.json")], "CT108"),
        "no text": ([str(tmp_path / "notext.json")], "CT109"),
        "bad date": ([ok, "--published", "last week"], "CT110"),
        "bad format": ([ok, "--format", "xml"], "CT111"),
        "bad input format": ([ok, "--input-format", "pdf"], "CT111"),
        "bad output": ([ok, "--output", str(tmp_path / "no" / "such" / "dir.txt")], "CT113"),
    }


BAD_CASES = [
    "missing",
    "empty",
    "binary",
    "encoding",
    "too large",
    "no article",
    "not english",
    "invalid json",
    "no text",
    "bad date",
    "bad format",
    "bad input format",
    "bad output",
]


@pytest.mark.usefixtures("fake_pipeline")
@pytest.mark.parametrize("case", BAD_CASES)
def test_bad_input_gives_code_and_status(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    args, code = bad_inputs(tmp_path)[case]
    if case == "too large":
        monkeypatch.setenv("CLAIMTRACE_MAX_BYTES", "64")
    result = invoke("analyze", *args)
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith(f"error [{code}]: ")
    assert "Traceback" not in result.output
    assert len(lines) == 1


def test_input_error_traceback_with_debug(tmp_path: Path) -> None:
    result = invoke("analyze", str(tmp_path / "absent.txt"), "--debug")
    assert result.exit_code == 2
    assert result.stderr.startswith("error [CT101]: ")
    assert "Traceback" in result.stderr


@pytest.mark.usefixtures("fake_pipeline")
def test_error_with_json_format_prints_payload(tmp_path: Path) -> None:
    result = invoke("analyze", str(tmp_path / "absent.txt"), "--format", "json")
    assert result.exit_code == 2
    payload = json.loads(result.stdout)
    assert payload["ok"] is False
    assert payload["error"]["code"] == "CT101"
    assert payload["status"] == 404
    assert result.stderr.startswith("error [CT101]: no such file")


@pytest.fixture
def crashing(monkeypatch: pytest.MonkeyPatch) -> None:
    def analyze_document(document: Document, *, model: str | None = None) -> Report:
        raise RuntimeError("stage table corrupted")

    monkeypatch.setattr(cli, "analyze_document", analyze_document)


@pytest.mark.usefixtures("crashing")
def test_unexpected_error_is_one_line_and_a_hint(article: Path) -> None:
    result = invoke("analyze", str(article))
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "error [CT900]: internal error: RuntimeError: stage table corrupted"
    )
    assert "report" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.usefixtures("crashing")
def test_unexpected_error_json_payload(article: Path) -> None:
    result = invoke("analyze", str(article), "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["error"]["code"] == "CT900"


@pytest.mark.usefixtures("crashing")
@pytest.mark.parametrize(("flag", "env"), [(["--debug"], {}), ([], {"CLAIMTRACE_DEBUG": "1"})])
def test_traceback_only_with_debug(article: Path, flag: list[str], env: dict[str, str]) -> None:
    result = invoke("analyze", str(article), *flag, env=env)
    assert result.exit_code == 1
    assert "Traceback" in result.stderr
    assert "RuntimeError: stage table corrupted" in result.stderr


def test_unknown_model_is_ct201(article: Path) -> None:
    result = invoke("analyze", str(article), "--model", "no_such_pipeline_xyz")
    assert result.exit_code == 3
    assert result.stderr.startswith("error [CT201]: ")
    assert "Traceback" not in result.output


def test_main_entry_point(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        cli.main(["--version"])
    assert info.value.code == 0
    assert __version__ in capsys.readouterr().out


# --- end to end ---------------------------------------------------------------------------


@pytest.mark.model
def test_end_to_end_json(article: Path) -> None:
    result = invoke("analyze", str(article), "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["schema_version"] == SCHEMA_VERSION
    assert "Traceback" not in result.output


def test_a_closed_pipe_ends_quietly(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from claimtrace import cli_base

    class Stdout:
        def fileno(self) -> int:
            return 99

    redirected: list[int] = []
    monkeypatch.setattr(cli_base.os, "dup2", lambda _source, target: redirected.append(target))
    monkeypatch.setattr(cli_base.sys, "stdout", Stdout())
    with pytest.raises(SystemExit) as ended:
        cli_base.fail(BrokenPipeError(32, "Broken pipe"), json_output=False, debug=False)
    assert ended.value.code == cli_base.EXIT_BROKEN_PIPE
    assert redirected == [99] and capsys.readouterr().err == ""
