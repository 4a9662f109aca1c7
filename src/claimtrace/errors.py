"""The one error hierarchy of claimtrace. Every error has a stable code.

Codes are grouped: CT1xx input, CT2xx pipeline/model, CT3xx stage, CT4xx corpus store,
CT9xx internal.
`claimtrace.cli` and the HTTP layer map these to exit statuses / HTTP statuses in one place
(`error_payload`).
"""

from __future__ import annotations

from typing import Any


class ClaimtraceError(Exception):
    """Base of every error claimtrace raises on purpose."""

    code = "CT900"
    http_status = 500
    exit_status = 1

    def __init__(self, message: str, *, detail: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail or {}

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class InputError(ClaimtraceError):
    """The input cannot be analysed; the user must change it."""

    code = "CT100"
    http_status = 400
    exit_status = 2


class InputNotFound(InputError):
    code = "CT101"
    http_status = 404


class EmptyInput(InputError):
    code = "CT102"


class BinaryInput(InputError):
    code = "CT103"


class EncodingError(InputError):
    code = "CT104"


class InputTooLarge(InputError):
    code = "CT105"
    http_status = 413


class NoArticleFound(InputError):
    code = "CT106"
    http_status = 422


class UnsupportedLanguage(InputError):
    code = "CT107"
    http_status = 422


class InvalidJSONInput(InputError):
    code = "CT108"


class MissingField(InputError):
    code = "CT109"


class InvalidDate(InputError):
    code = "CT110"


class UnsupportedFormat(InputError):
    code = "CT111"


class InvalidSetting(InputError):
    """A size limit or other setting given by argument or environment is unusable."""

    code = "CT112"


class OutputNotWritable(InputError):
    """The report cannot be written where the user asked (--output)."""

    code = "CT113"


class InvalidFeed(InputError):
    """An RSS/Atom file that cannot be read as a feed."""

    code = "CT114"


class InvalidWARC(InputError):
    """A WARC file that cannot be read."""

    code = "CT115"


class FetchFailed(InputError):
    """A page could not be downloaded (--fetch): scheme, status, timeout, size or redirects."""

    code = "CT116"
    http_status = 502


class PipelineError(ClaimtraceError):
    """The NLP pipeline cannot be loaded or run."""

    code = "CT200"
    exit_status = 3


class ModelNotInstalled(PipelineError):
    code = "CT201"


class NotEnglishPipeline(PipelineError):
    code = "CT202"


class AttributionModelError(PipelineError):
    """The trained attribution model cannot be read (missing, damaged or out of date)."""

    code = "CT203"


class TrainingUnavailable(PipelineError):
    """Training or a trained model needs python-crfsuite (the ``train`` extra)."""

    code = "CT204"


class StageError(ClaimtraceError):
    """One extraction stage failed on one article."""

    code = "CT300"
    exit_status = 4


class StoreError(ClaimtraceError):
    """The corpus database cannot be opened, migrated or written."""

    code = "CT400"
    exit_status = 5


class DatabaseUnavailable(StoreError):
    code = "CT401"


class InvalidDatabaseURL(StoreError):
    code = "CT402"


class MigrationFailed(StoreError):
    """The database schema cannot be brought to this version (or is newer than it)."""

    code = "CT403"


class NoDatabase(StoreError):
    """A command that reads the corpus names a database that does not exist."""

    code = "CT404"
    http_status = 404


class UnknownCluster(InputError):
    """No claim cluster has the id given."""

    code = "CT117"
    http_status = 404


class UnknownSourceType(InputError):
    """A source type that is not one of the SourceType values."""

    code = "CT118"


class TrainingDataNotFound(InputError):
    """The training folder is absent or lacks ``text/`` and ``attributions/``."""

    code = "CT120"


class DevSplitRefused(InputError):
    """A folder named ``dev`` was given for training: dev is for scoring only."""

    code = "CT121"


class TrainingFileInvalid(InputError):
    """A check-worthiness training file is absent, unreadable, lacks the ``Text`` and
    ``class_label`` columns, or holds only one class."""

    code = "CT122"


class CheckworthinessModelError(PipelineError):
    """The trained check-worthiness model cannot be read (missing, damaged or out of date)."""

    code = "CT205"


def error_payload(error: BaseException) -> dict[str, Any]:
    """The stable JSON shape of an error, shared by the CLI and the HTTP API."""
    if isinstance(error, ClaimtraceError):
        return {
            "ok": False,
            "error": {"code": error.code, "message": error.message, **error.detail},
            "status": error.http_status,
        }
    return {
        "ok": False,
        "error": {"code": "CT900", "message": f"internal error: {type(error).__name__}: {error}"},
        "status": 500,
    }
