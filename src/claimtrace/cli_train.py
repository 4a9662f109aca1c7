"""``claimtrace train``: fit optional models on a user's own copy of public training data.

Weights go to the user's cache (never into the package); the analyser uses them when present.
Each subcommand calls one library function and nothing more.
"""

from __future__ import annotations

import click

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

TRAIN_HELP = """Fit an optional model on your own copy of training data.

The shipped extractors are built from the project's own rules and lexicons; a trained
model is written to your cache and used on top of them when present.
"""


@click.group(help=TRAIN_HELP, context_settings=CONTEXT)
def train() -> None:
    """The ``train`` command group; subcommands are added below."""
