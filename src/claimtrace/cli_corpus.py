"""Corpus commands: ``crossref``, ``claims``, ``sources``, ``cluster`` and ``export``.

`claimtrace.cli` adds `COMMANDS` to the ``claimtrace`` group (import it, not this module).

Each command opens the store, calls one function of `claimtrace.corpus` and prints the
result as text or as JSON (``--format json``: one object with stable keys). Errors go through
`claimtrace.cli.cli_errors`, like every other command. A query that matches nothing prints
an empty result (``[]`` in JSON) and says so on stderr, with exit status 0.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import click

from .cli_base import CONTEXT, cli_errors, debug_option, emit

LIST_FORMATS = ("text", "json")
DB_HELP = "SQLite file or database URL (else $CLAIMTRACE_DATABASE_URL), e.g. --db news.db."
UPDATE_NOTE = """The cross-article tables are brought up to date first when articles were
added since the last run (see claimtrace crossref); otherwise nothing is recomputed."""

db_option = click.option("--db", metavar="PATH", help=DB_HELP)
format_option = click.option(
    "--format",
    "fmt",
    default="text",
    show_default=True,
    metavar="text|json",
    help="Output format, e.g. --format json.",
)


def list_format(fmt: str) -> str:
    """--format of a listing, validated (CT111)."""
    from .errors import UnsupportedFormat

    chosen = fmt.strip().lower()
    if chosen not in LIST_FORMATS:
        raise UnsupportedFormat(
            f"unknown output format {fmt!r}: use one of {', '.join(LIST_FORMATS)}",
            detail={"format": fmt},
        )
    return chosen


def to_json(key: str, records: Any) -> str:
    """``{key: [records]}`` as indented JSON (dates as ISO strings)."""
    from .crossref.render import to_data

    return json.dumps({key: to_data(records)}, ensure_ascii=False, indent=2)


def nothing_found(what: str) -> None:
    click.echo(f"no {what} match", err=True)


CROSSREF_HELP = """Cross-reference the stored articles: near-duplicates, claim clusters, origins.

Loads every stored report, groups copies, joins claims about the same event into clusters,
follows each claim's attribution chain to its origins and counts independent origins, then
stores the result (clusters, members, join reasons, origins, duplicate groups). A rerun on an
unchanged corpus does nothing; cluster ids stay the same between runs. The claims, sources,
cluster and export commands run it themselves when the corpus changed, so calling it is only
needed to pay its cost up front (after a large ingest) or with --force.

\b
Examples:
  claimtrace crossref --db news.db
  claimtrace crossref --force --format json
"""


@click.command(
    "crossref",
    help=CROSSREF_HELP,
    short_help="Cluster claims across the stored articles; find origins.",
    context_settings=CONTEXT,
)
@db_option
@click.option("--force", is_flag=True, help="Run even when the corpus has not changed.")
@format_option
@debug_option
@cli_errors
def crossref_command(db: str | None, force: bool, fmt: str, debug: bool) -> None:
    from .corpus import open_existing_store
    from .corpus.crossref_store import run_crossref

    fmt = list_format(fmt)
    with open_existing_store(db) as store:
        run = run_crossref(store, force=force)
    if fmt == "json":
        click.echo(json.dumps(dataclasses.asdict(run)))
        return
    done = f"in {run.seconds:.2f} s" if run.ran else "(unchanged since the last run)"
    click.echo(
        f"{run.articles} articles, {run.claims} claims, {run.clusters} clusters, "
        f"{run.joins} joins {done}; clusters added {run.added}, changed {run.changed}, "
        f"removed {run.removed}"
    )


CLAIMS_HELP = f"""List the stored claims with their source, outlet, date, cluster and the
cluster's independence count (distinct origins, not outlets).

--about keeps claims of clusters with a claim holding every content word given; --place,
clusters located at that place; --since, clusters first published on or after the date (or
whose events reach past it). Filters combine. {UPDATE_NOTE}

\b
Examples:
  claimtrace claims --db news.db
  claimtrace claims --about "ferry aground" --since 2024-05-01
  claimtrace claims --place Ostrel --format json
"""


@click.command(
    "claims",
    help=CLAIMS_HELP,
    short_help="List stored claims with source, outlet, date and cluster.",
    context_settings=CONTEXT,
)
@click.option("--about", metavar="TEXT", help='Words the claim is about, e.g. "ferry aground".')
@click.option("--place", metavar="NAME", help="Where its event took place, e.g. Ostrel.")
@click.option("--since", metavar="DATE", help="First published on or after, e.g. 2024-05-01.")
@db_option
@format_option
@debug_option
@cli_errors
def claims_command(
    about: str | None, place: str | None, since: str | None, db: str | None, fmt: str, debug: bool
) -> None:
    from .corpus import open_existing_store
    from .corpus.queries import list_claims, since_date

    fmt, date = list_format(fmt), since_date(since)
    with open_existing_store(db) as store:
        found = list_claims(store, about=about, place=place, since=date)
    if fmt == "json":
        click.echo(to_json("claims", found))
    for claim in found if fmt == "text" else ():
        click.echo(claim_line(claim))
    if not found:
        nothing_found("claims")


def claim_line(claim: Any) -> str:
    """One claim: date, outlet, source, cluster and independence, then the text."""
    date = claim.published.isoformat() if claim.published else "undated"
    source = f"{claim.source} [{claim.source_type}]" if claim.source else "the publisher"
    cluster = f"{claim.cluster} ({claim.independent_origins} independent)" if claim.cluster else "-"
    return f"{date}  {claim.outlet or claim.input_name}  {source}  {cluster}\n  {claim.text}"


SOURCES_HELP = """List the sources of the stored claims: name, type, in how many articles and
outlets they appear, and how many claims end with them (the innermost source of the chain).

\b
Examples:
  claimtrace sources --db news.db
  claimtrace sources --type anonymous --format json
"""


@click.command(
    "sources",
    help=SOURCES_HELP,
    short_help="List the sources of the stored claims, with counts.",
    context_settings=CONTEXT,
)
@click.option("--type", "kind", metavar="TYPE", help="Only one source type, e.g. anonymous.")
@db_option
@format_option
@debug_option
@cli_errors
def sources_command(kind: str | None, db: str | None, fmt: str, debug: bool) -> None:
    from .corpus import open_existing_store
    from .corpus.queries import list_sources, source_type

    fmt, kind = list_format(fmt), source_type(kind)
    with open_existing_store(db) as store:
        found = list_sources(store, kind=kind)
    if fmt == "json":
        click.echo(to_json("sources", found))
    for source in found if fmt == "text" else ():
        click.echo(
            f"{source.name} [{source.type}]: {source.articles} articles, {source.outlets} "
            f"outlets, {source.claims} claims, {source.mentions} mentions"
        )
    if not found:
        nothing_found("sources")


CLUSTER_HELP = f"""Show how one claim cluster spread: who reported what and when, citing whom;
its origins and independence count (distinct origins, not outlets), first appearance,
circular-reporting flags and why its claims were joined. ID is a cluster id as
`claimtrace claims` prints it. {UPDATE_NOTE}

\b
Examples:
  claimtrace cluster K3f9c2a71b0de --db news.db
  claimtrace cluster K3f9c2a71b0de --format json
"""


@click.command(
    "cluster",
    help=CLUSTER_HELP,
    short_help="Show one claim cluster: appearances, origins, independence.",
    context_settings=CONTEXT,
)
@click.argument("cluster_id", metavar="ID")
@db_option
@format_option
@debug_option
@cli_errors
def cluster_command(cluster_id: str, db: str | None, fmt: str, debug: bool) -> None:
    from .corpus import open_existing_store
    from .corpus.queries import find_stored_cluster
    from .crossref import cluster_to_dict, render_cluster_text

    fmt = list_format(fmt)
    with open_existing_store(db) as store:
        cluster = find_stored_cluster(store, cluster_id)
    if fmt == "json":
        click.echo(json.dumps(cluster_to_dict(cluster), ensure_ascii=False, indent=2))
        return
    click.echo("\n".join([*cluster_summary(cluster), render_cluster_text(cluster)]))


def cluster_summary(cluster: Any) -> list[str]:
    """The profile in a few lines (counts, flags, first appearance) and the articles by id
    (the ids the join reasons name)."""
    profile = cluster.profile
    first = profile.first_appearance
    flags = [
        name
        for name in ("circular", "single_origin", "citation_loop", "syndicated", "denied")
        if getattr(profile, name)
    ]
    lines = [
        f"Independent origins: {profile.independent_origins} (distinct origins; "
        f"articles {profile.articles}, outlets {profile.outlets}, voices {profile.voices})",
        f"Flags: {', '.join(flags) or 'none'}",
    ]
    if first is not None:
        lines.append(f"First appearance: {appearance_line(first)}")
    lines.append("Articles:")
    lines.extend(f"  {a.article_id}  {appearance_line(a)}" for a in cluster.appearances)
    return lines


def appearance_line(appearance: Any) -> str:
    date = appearance.published.isoformat() if appearance.published else "undated"
    where = appearance.url or appearance.title or ""
    return " ".join(filter(None, (date, appearance.publisher or appearance.article_id, where)))


EXPORT_HELP = f"""Export the whole corpus.

claimreview: schema.org ClaimReview JSON-LD drafts, one per claim cluster, with every
appearance and the first appearance (no rating: that is the fact-checker's). prov: W3C
PROV-JSON (agents are outlets and sources, entities are articles, claims and evidence;
wasAttributedTo, wasDerivedFrom). geojson: places and events of every article. csv: one
event row per claim. jsonl: every stored report, one a line. {UPDATE_NOTE}

\b
Examples:
  claimtrace export --format claimreview --output drafts.json
  claimtrace export --format prov --db news.db -o provenance.json
  claimtrace export --format csv > events.csv
"""


@click.command(
    "export",
    help=EXPORT_HELP,
    short_help="Export the corpus: ClaimReview, PROV-JSON, GeoJSON, CSV, JSONL.",
    context_settings=CONTEXT,
)
@click.option(
    "--format",
    "export_format",
    required=True,
    metavar="claimreview|prov|geojson|csv|jsonl",
    help="What to write, e.g. --format prov.",
)
@click.option("--output", "-o", metavar="FILE", help="Write here, e.g. -o drafts.json.")
@db_option
@debug_option
@cli_errors
def export_command(export_format: str, output: str | None, db: str | None, debug: bool) -> None:
    from .corpus import open_existing_store
    from .corpus.exports import export_corpus, validate_format

    validate_format(export_format)
    with open_existing_store(db) as store:
        text = export_corpus(store, export_format)
        if text or output:
            emit(text, output)
        if not store.counts()["documents"]:
            click.echo("the corpus holds no articles: nothing to export", err=True)


COMMANDS = (crossref_command, claims_command, sources_command, cluster_command, export_command)
