"""What every ``claimtrace`` command shares: its context settings, the ``--debug`` option,
writing output, and `cli_errors`, the one place that turns errors into output
(``error [CTxxx]: message`` on stderr, the JSON error payload on stdout with
``--format json``, and the error's exit status).

The command modules (`cli`, `cli_corpus`, `cli_train`) import from here, never from each
other, so any of them can be imported first.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import click

from .errors import ClaimtraceError, OutputNotWritable, error_payload

DEBUG_ENV = "CLAIMTRACE_DEBUG"
EXIT_BROKEN_PIPE = 141  # as a shell reports a command ended by SIGPIPE
CONTEXT: dict[str, Any] = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


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
    if isinstance(error, BrokenPipeError):  # the reader went away (`| head`): stop quietly
        with contextlib.suppress(OSError, ValueError):  # no real stdout: nothing to silence
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise SystemExit(EXIT_BROKEN_PIPE)
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


debug_option: Callable[[Callable[..., None]], Callable[..., None]] = click.option(
    "--debug",
    is_flag=True,
    envvar=DEBUG_ENV,
    help=f"Show the traceback of an error (also {DEBUG_ENV}=1). Example: --debug",
)


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
