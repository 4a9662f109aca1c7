"""``claimtrace train``: fit optional models on a user's own copy of public training data.

Weights go to the user's cache (never into the package); the analyser uses them when present.
Each subcommand calls one library function and nothing more.
"""

from __future__ import annotations

from pathlib import Path

import click

from .cli_base import CONTEXT, cli_errors

TRAIN_HELP = """Fit an optional model on your own copy of training data.

The shipped extractors are built from the project's own rules and lexicons; a trained
model is written to your cache and used on top of them when present.

\b
Examples:
  claimtrace train attribution --data ~/corpora/polnear
  claimtrace train checkworthiness --data ~/corpora/checkthat
"""


@click.group(help=TRAIN_HELP, context_settings=CONTEXT)
def train() -> None:
    """The ``train`` command group; subcommands are added below."""


ATTRIBUTION_HELP = """Fit the CRF attribution taggers on PolNeAR-style brat data.

DIR is the train split (text/ and attributions/) or a folder holding train/. A folder named
dev is refused: dev is for scoring. The model goes to <cache>/models/attribution-crf-v1/
(or --out) and is used by the analyser from then on; CLAIMTRACE_ATTRIBUTION_MODEL=off turns
it off. The full PolNeAR train split takes about a quarter of an hour on two cores.

\b
Example:
  claimtrace train attribution --data ../shared/eval/polnear
  claimtrace eval attribution --data ../shared/eval
"""


@train.command("attribution", help=ATTRIBUTION_HELP, context_settings=CONTEXT)
@click.option(
    "--data",
    required=True,
    metavar="DIR",
    type=click.Path(path_type=Path),
    help="The train split, or a folder holding train/, e.g. ../shared/eval/polnear.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    metavar="DIR",
    help="Write the model here instead of the cache, e.g. /tmp/attribution-model.",
)
@click.option("--limit", type=click.IntRange(min=1), metavar="N", help="Use the first N texts.")
@click.option("--debug", is_flag=True, help="Show the traceback of an error.")
@cli_errors
def train_attribution_command(data: Path, out: Path | None, limit: int | None, debug: bool) -> None:
    from .training.attribution import train_attribution

    done = train_attribution(data, out=out, limit=limit)
    click.echo(
        f"trained on {done.texts} texts ({done.annotation_files} annotation files, "
        f"{done.attributions} attributions) in {done.seconds:.0f} s"
    )
    click.echo(f"model written to {done.path}")


CHECKWORTHINESS_HELP = """Fit the check-worthiness model on CheckThat!-style TSV.

The file needs the columns Text and class_label (Yes/No). --data is that file, a folder
holding one *train*.tsv, or a folder with checkworthiness/ holding it. Files or folders
named dev or dev-test are refused: they are for scoring. The model goes to
<cache>/models/checkworthiness-v2/ (or --out) and replaces the default score from then on;
CLAIMTRACE_CHECKWORTHINESS_MODEL=off turns it off. The full CheckThat! 2024 train split
(22,500 sentences) takes about five minutes on two cores.

\b
Example:
  claimtrace train checkworthiness --data ../shared/eval/checkworthiness
  claimtrace eval checkworthiness --data ../shared/eval
"""


@train.command("checkworthiness", help=CHECKWORTHINESS_HELP, context_settings=CONTEXT)
@click.option(
    "--data",
    required=True,
    metavar="PATH",
    type=click.Path(path_type=Path),
    help="The train TSV or a folder holding it, e.g. ../shared/eval/checkworthiness.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    metavar="DIR",
    help="Write the model here instead of the cache, e.g. /tmp/checkworthiness-model.",
)
@click.option("--limit", type=click.IntRange(min=1), metavar="N", help="Use the first N rows.")
@click.option("--debug", is_flag=True, help="Show the traceback of an error.")
@cli_errors
def train_checkworthiness_command(
    data: Path, out: Path | None, limit: int | None, debug: bool
) -> None:
    from .training.checkworthiness import train_checkworthiness

    click.echo(f"training check-worthiness on {data} (parsing every sentence first)", err=True)
    done = train_checkworthiness(data, out=out, limit=limit)
    click.echo(
        f"trained on {done.sentences} sentences ({done.positives} Yes) in {done.seconds:.0f} s"
    )
    click.echo(f"model written to {done.path}")
