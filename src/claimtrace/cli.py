"""The ``claimtrace`` command line.

Each command calls the library and nothing more; `cli_errors` is the one place that turns
errors into output: ``error [CTxxx]: message`` on stderr, the JSON error payload on stdout
with ``--format json``, and the error's exit status. Heavy modules (spaCy, trafilatura) are
imported only inside commands, so ``claimtrace --help`` starts fast.
"""

from __future__ import annotations

import functools
import json
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from . import __version__
from .errors import ClaimtraceError, OutputNotWritable, UnsupportedFormat, error_payload
from .ingest import load_path

if TYPE_CHECKING:
    from .model import Document, Report

OUTPUT_FORMATS = ("text", "json", "markdown")
OUTPUT_ALIASES = {"md": "markdown"}
DEBUG_ENV = "CLAIMTRACE_DEBUG"
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

GROUP_HELP = """Turn news articles into sourced records: who claims what, on whose authority,
how hedged.

\b
Example:
  claimtrace analyze article.txt --published 2025-03-14
"""

ANALYZE_HELP = """Analyse one article and print its claims, sources and attribution chains.

PATH is a text, HTML or JSON file ({"text", "title", "published", "url", "publisher"}), or -
for stdin. Its format follows the extension (.html/.htm, .json, .txt/.md) and is otherwise
sniffed from the content; --input-format overrides both.

\b
Examples:
  claimtrace analyze article.txt --published 2025-03-14
  claimtrace analyze saved-page.html
  cat article.txt | claimtrace analyze - --format markdown
  claimtrace analyze record.json --format json --output report.json
"""


@click.group(help=GROUP_HELP, context_settings=CONTEXT)
@click.version_option(__version__, "--version", prog_name="claimtrace")
def claimtrace() -> None:
    """The command group; subcommands are added below."""


def cli_errors(command: Callable[..., None]) -> Callable[..., None]:
    """Run a command, sending any error through `fail` (the one error-to-output mapping)."""

    @functools.wraps(command)
    def wrapper(**kwargs: Any) -> None:
        try:
            command(**kwargs)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as error:  # every error ends in one clean line
            json_output = str(kwargs.get("fmt", "")).strip().lower() == "json"
            fail(error, json_output=json_output, debug=bool(kwargs.get("debug")))

    return wrapper


def fail(error: Exception, *, json_output: bool, debug: bool) -> NoReturn:
    """Print an error as one line (plus the JSON payload, plus a traceback) and exit."""
    if json_output:
        click.echo(json.dumps(error_payload(error), ensure_ascii=False))
    if isinstance(error, ClaimtraceError):
        click.echo(f"error [{error.code}]: {error.message}", err=True)
        status = error.exit_status
    else:
        message = " ".join(str(error).split())
        click.echo(f"error [CT900]: internal error: {type(error).__name__}: {message}", err=True)
        click.echo(
            "This is a bug in claimtrace. Please report it with the input and the output "
            f"of the same command with --debug (or {DEBUG_ENV}=1).",
            err=True,
        )
        status = 1
    if debug:
        click.echo("".join(traceback.format_exception(error)), err=True, nl=False)
    raise SystemExit(status)


debug_option = click.option(
    "--debug",
    is_flag=True,
    envvar=DEBUG_ENV,
    help=f"Show the traceback of an error (also {DEBUG_ENV}=1). Example: --debug",
)


@claimtrace.command(
    help=ANALYZE_HELP,
    short_help="Analyse one article: claims, sources, attribution chains.",
    context_settings=CONTEXT,
)
@click.argument("path")
@click.option("--published", metavar="DATE", help="Publication date, e.g. 2025-03-14.")
@click.option("--url", metavar="URL", help="The article's URL, e.g. https://example.com/a.")
@click.option("--publisher", metavar="NAME", help='Who published it, e.g. "Coast News".')
@click.option(
    "--input-format", metavar="text|html|json", help="How to read PATH, e.g. --input-format html."
)
@click.option(
    "--format",
    "fmt",
    default="text",
    show_default=True,
    metavar="text|json|markdown",
    help="Output format, e.g. --format json.",
)
@click.option("--model", metavar="NAME", help="spaCy pipeline, e.g. en_core_web_sm.")
@click.option("--output", "-o", metavar="FILE", help="Write here, e.g. -o report.json.")
@debug_option
@cli_errors
def analyze(
    path: str,
    published: str | None,
    url: str | None,
    publisher: str | None,
    input_format: str | None,
    fmt: str,
    model: str | None,
    output: str | None,
    debug: bool,
) -> None:
    fmt = output_format(fmt)
    document = load_path(
        path, input_format=input_format, published=published, url=url, publisher=publisher
    )
    report = analyze_document(document, model=model)
    emit(render_report(report, fmt), output)
    warn_failures(report)


def output_format(fmt: str) -> str:
    """The output format, validated (CT111) before any work is done."""
    fmt = OUTPUT_ALIASES.get(fmt.strip().lower(), fmt.strip().lower())
    if fmt not in OUTPUT_FORMATS:
        raise UnsupportedFormat(
            f"unknown output format {fmt!r}: use one of {', '.join(OUTPUT_FORMATS)}",
            detail={"format": fmt},
        )
    return fmt


def analyze_document(document: Document, *, model: str | None = None) -> Report:
    """Parse an ingested Document with the (cached) spaCy pipeline and run every stage."""
    from .nlp import load_pipeline

    nlp = load_pipeline(model)  # first: a missing model is reported before stages load
    from .pipeline import analyze_doc

    return analyze_doc(nlp(document.text), document, nlp)


def render_report(report: Report, fmt: str) -> str:
    """The rendered report (text and Markdown list failed stages at the top)."""
    from . import export

    rendered: str = export.render(report, fmt)
    return rendered


def emit(rendered: str, output: str | None) -> None:
    """Print the report, or write it to `output`."""
    text = rendered if rendered.endswith("\n") else rendered + "\n"
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as error:
        raise OutputNotWritable(f"cannot write {output}: {error.strerror}") from None


def warn_failures(report: Report) -> None:
    """Name the failed stages on stderr; the exit status stays 0."""
    if report.failures:
        stages = ", ".join(failure.stage for failure in report.failures)
        click.echo(
            f"warning: stages failed: {stages} (the report keeps the other stages' results)",
            err=True,
        )


def main(argv: Sequence[str] | None = None) -> None:
    """Console entry point (``claimtrace = claimtrace.cli:main``)."""
    claimtrace.main(args=list(argv) if argv is not None else None, prog_name="claimtrace")
