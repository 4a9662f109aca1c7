"""What the corpus readers yield: an article still to be checked and parsed, or a failure."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import ClaimtraceError


@dataclass(frozen=True, slots=True)
class Article:
    """One article as read from an input, before `claimtrace.ingest.load_input` checks it.

    `name` says where it came from (a path, ``path:line`` in JSONL, ``path#item`` in a feed,
    ``path#url`` in a WARC file, a URL); `input_format` None means sniff the data.
    """

    name: str
    data: str | bytes
    input_format: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class ReadFailure:
    """An input, or part of one, that could not be read (CT1xx)."""

    name: str
    error: ClaimtraceError
