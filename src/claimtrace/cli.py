"""The ``claimtrace`` command line.

Each command calls the library and nothing more; `cli_base.cli_errors` is the one place that
turns errors into output: ``error [CTxxx]: message`` on stderr, the JSON error payload on
stdout with ``--format json``, and the error's exit status. Heavy modules (spaCy, trafilatura) are
imported only inside commands, so ``claimtrace --help`` starts fast.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from . import __version__
from .cli_base import CONTEXT, cli_errors, debug_option, emit
from .cli_corpus import COMMANDS as CORPUS_COMMANDS
from .cli_train import train as train_group
from .errors import UnsupportedFormat
from .evaluation import ALL as EVAL_ALL
from .evaluation import SUITES as EVAL_SUITES
from .ingest import load_path

if TYPE_CHECKING:
    from .model import Document, Report

OUTPUT_FORMATS = ("text", "json", "markdown", "geojson", "csv")
OUTPUT_ALIASES = {"md": "markdown"}

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
  claimtrace analyze article.txt --format geojson -o places.geojson
  claimtrace analyze article.txt --format csv -o claims.csv
"""


@click.group(help=GROUP_HELP, context_settings=CONTEXT)
@click.version_option(__version__, "--version", prog_name="claimtrace")
def claimtrace() -> None:
    """The command group; subcommands are added below."""


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
    metavar="text|json|markdown|geojson|csv",
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


def warn_failures(report: Report) -> None:
    """Name the failed stages on stderr; the exit status stays 0."""
    if report.failures:
        stages = ", ".join(failure.stage for failure in report.failures)
        click.echo(
            f"warning: stages failed: {stages} (the report keeps the other stages' results)",
            err=True,
        )


INGEST_HELP = """Analyse many articles and keep them, with their reports, in a corpus database.

PATH is a file (text, HTML, JSON), a folder (walked recursively), a JSON Lines file (.jsonl, one
{"text", "title", "published", "url", "publisher"} per line), an RSS/Atom feed (.rss, .atom,
.xml: each item is an article), a WARC file (.warc, .warc.gz: each HTML response), or - for
stdin. The database is claimtrace.db here, --db PATH, or $CLAIMTRACE_DATABASE_URL
(postgresql://...). Articles already stored (same text) are skipped, so a rerun resumes an
interrupted one; an article that fails is stored as a failure row with its error code.
Nothing is downloaded unless --fetch is given (URLs given as PATH and pages that feed items
link to; http(s) only, with timeouts and a size cap).

\b
Examples:
  claimtrace ingest articles/ --workers 2
  claimtrace ingest corpus.jsonl feed.xml crawl.warc.gz --db news.db
  cat corpus.jsonl | claimtrace ingest - --published 2024-05-01
"""


@claimtrace.command(
    help=INGEST_HELP,
    short_help="Analyse many articles into a corpus database (SQLite or PostgreSQL).",
    context_settings=CONTEXT,
)
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--db", metavar="PATH", help="SQLite file or database URL, e.g. --db news.db.")
@click.option(
    "--workers", type=click.IntRange(min=1), default=1, show_default=True, help="e.g. --workers 2."
)
@click.option("--fetch", is_flag=True, help="Download URLs and linked feed items (http/https).")
@click.option("--published", metavar="DATE", help="Date for articles without one: 2024-05-01.")
@click.option("--model", metavar="NAME", help="spaCy pipeline, e.g. en_core_web_sm.")
@debug_option
@cli_errors
def ingest(paths: tuple[str, ...], db: str | None, debug: bool, **options: Any) -> None:
    from .batch import BatchOptions, ingest_inputs
    from .batch_progress import ProgressDisplay, render_summary
    from .corpus import open_store
    from .ingest import user_published
    from .ingest.articles import count_articles

    options["published"] = user_published(options["published"])
    with open_store(db) as store, ProgressDisplay(count_articles(paths)) as progress:
        summary = ingest_inputs(paths, store, BatchOptions(**options), on_outcome=progress)
    click.echo(render_summary(summary, store.location), err=True)
    if summary.interrupted:
        raise SystemExit(130)


EVAL_DATA_ENV = "CLAIMTRACE_EVAL_DATA"
EVAL_HELP = f"""Score claimtrace on public gold data, beside published figures and pinned floors.

SUITE is one of {", ".join(EVAL_SUITES)}, or all. --data is the folder that holds the
suites' folders (polnear/, tempeval3-tbaq/, geoparsing/, ...; also ${EVAL_DATA_ENV}). A suite
whose folder is absent is skipped. Results go to <results-dir>/<suite>.json and
<results-dir>/combined.json (or --out). With --check-floors a figure below its floor in
eval/floors.json exits with status 1, unless --allow-regression states why. --update-floors
raises floors to this run's figures less a margin; lowering one needs --allow-regression.

\b
Examples:
  claimtrace eval all --data ../shared/eval --check-floors
  claimtrace eval hedging --data ../shared/eval --limit 200
  claimtrace eval all --data ../shared/eval --update-floors
"""


@claimtrace.command(
    "eval",
    help=EVAL_HELP,
    short_help="Score on public gold data; check the quality floors.",
    context_settings=CONTEXT,
)
@click.argument("suite", type=click.Choice([*EVAL_SUITES, EVAL_ALL]), metavar="SUITE")
@click.option(
    "--data",
    envvar=EVAL_DATA_ENV,
    required=True,
    metavar="DIR",
    type=click.Path(path_type=Path),
    help=f"Folder of the suites' data folders (or ${EVAL_DATA_ENV}), e.g. ../shared/eval.",
)
@click.option(
    "--limit", type=click.IntRange(min=1), metavar="N", help="Score the first N items, e.g. 50."
)
@click.option(
    "--out", type=click.Path(path_type=Path), metavar="FILE", help="Combined result, e.g. a.json."
)
@click.option(
    "--results-dir",
    type=click.Path(path_type=Path),
    default="eval/results",
    show_default=True,
    metavar="DIR",
    help="Where each suite's result goes, e.g. /tmp/results.",
)
@click.option(
    "--floors",
    "floors_path",
    type=click.Path(path_type=Path),
    default="eval/floors.json",
    show_default=True,
    metavar="FILE",
    help="The floors file, e.g. eval/floors.json.",
)
@click.option("--check-floors", is_flag=True, help="Exit 1 when a figure is below its floor.")
@click.option("--update-floors", is_flag=True, help="Raise floors to this run's figures.")
@click.option(
    "--allow-regression",
    metavar="REASON",
    help='Accept (and with --update-floors, lower to) figures below floors, e.g. "new corpus".',
)
@debug_option
@cli_errors
def eval_command(debug: bool, **options: Any) -> None:
    from .evaluation import report, runner

    request = runner.Request(options.pop("suite"), options.pop("data"), **options)
    run = runner.evaluate(
        request, on_start=lambda name, path: click.echo(f"scoring {name} on {path}", err=True)
    )
    click.echo(report.format_report(run.outcomes, run.floors))
    click.echo("\n".join(report.closing_lines(run)), err=True)
    if run.problems:
        raise SystemExit(1)


claimtrace.add_command(train_group)

for corpus_command in CORPUS_COMMANDS:
    claimtrace.add_command(corpus_command)


def main(argv: Sequence[str] | None = None) -> None:
    """Console entry point (``claimtrace = claimtrace.cli:main``)."""
    claimtrace.main(args=list(argv) if argv is not None else None, prog_name="claimtrace")
