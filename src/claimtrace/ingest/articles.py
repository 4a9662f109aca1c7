"""Many articles from many inputs: files, folders, JSONL, RSS/Atom feeds, WARC files, stdin.

`iter_articles` reads lazily, one input after another, and never raises for one bad input:
an input (or a part of one) that cannot be read is yielded as a `ReadFailure`. `load_article`
then checks and parses one `Article` into a `Document`, exactly as ``claimtrace analyze``
would.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError, InputNotFound
from ..model import Document
from . import checks, format_for_path, load_input, read_file
from .feeds import fetched, read_feed
from .fetch import Fetcher
from .items import Article, ReadFailure
from .jsonl import read_jsonl
from .warc import read_warc

__all__ = ["Article", "ReadFailure", "count_articles", "iter_articles", "load_article"]

Item = Article | ReadFailure
STDIN = "-"
JSONL_SUFFIXES = (".jsonl", ".ndjson")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
WARC_SUFFIXES = (".warc", ".warc.gz")
URL_PREFIXES = ("http://", "https://")


def iter_articles(
    inputs: Iterable[str], *, fetcher: Fetcher | None = None, max_bytes: int | None = None
) -> Iterator[Item]:
    """Every article of every input, in order; folders are walked recursively (sorted,
    hidden files left out). `fetcher` (``--fetch``) downloads URLs and linked feed items."""
    cap = checks.max_bytes(max_bytes)
    for raw in inputs:
        yield from _guarded(raw, partial(_input_articles, raw, fetcher, cap))


def _guarded(name: str, articles: Callable[[], Iterator[Item]]) -> Iterator[Item]:
    """The articles of one input; a read error ends that input as a ReadFailure."""
    try:
        yield from articles()
    except InputError as error:
        yield ReadFailure(name=name, error=error)


def _input_articles(raw: str, fetcher: Fetcher | None, cap: int) -> Iterator[Item]:
    if raw == STDIN:
        yield from stdin_articles(sys.stdin.buffer, cap)
    elif raw.lower().startswith(URL_PREFIXES):
        yield _url_article(raw, fetcher)
    elif Path(raw).is_dir():
        for path in folder_files(Path(raw)):
            yield from _guarded(str(path), partial(file_articles, path, fetcher, cap))
    else:
        yield from file_articles(Path(raw), fetcher, cap)


def _url_article(url: str, fetcher: Fetcher | None) -> Item:
    if fetcher is None:
        raise InputNotFound(f"{url} is a URL: add --fetch to download it", detail={"path": url})
    return fetched(url, fetcher)


def folder_files(folder: Path) -> list[Path]:
    """The files under a folder, sorted, leaving out hidden files and folders."""
    return sorted(
        path
        for path in folder.rglob("*")
        if path.is_file()
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    )


def file_kind(path: Path) -> str:
    """``jsonl``, ``feed``, ``warc`` or ``article`` (one article), from the file name."""
    name = path.name.lower()
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(FEED_SUFFIXES):
        return "feed"
    return "warc" if name.endswith(WARC_SUFFIXES) else "article"


def file_articles(path: Path, fetcher: Fetcher | None, cap: int) -> Iterator[Item]:
    """The articles in one file, by its kind."""
    kind = file_kind(path)
    if kind in ("jsonl", "warc") and not path.is_file():
        read_file(path, cap)  # raises the same CT101 as for any other file
    if kind == "jsonl":
        with path.open("rb") as lines:
            yield from read_jsonl(lines, str(path))
    elif kind == "feed":
        yield from read_feed(read_file(path, cap), str(path), fetcher)
    elif kind == "warc":
        yield from read_warc(path, cap)
    else:
        yield Article(name=str(path), data=read_file(path, cap), input_format=format_for_path(path))


def stdin_articles(stream: BinaryIO, cap: int) -> Iterator[Article]:
    """Stdin holds JSON Lines when its first line is a whole JSON object, else one article."""
    first = stream.readline(cap + 1)
    if _is_json_object(first):
        yield from read_jsonl(_chain_first(first, stream), "stdin")
        return
    data = first + stream.read(cap + 1 - len(first))
    checks.check_size(len(data), cap)
    yield Article(name="stdin", data=data)


def _is_json_object(line: bytes) -> bool:
    if not line.lstrip().startswith(b"{"):
        return False
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def _chain_first(first: bytes, rest: BinaryIO) -> Iterator[bytes]:
    yield first
    yield from rest


def load_article(article: Article, *, published: dt.date | None = None) -> Document:
    """Check and parse one article; `published` dates an article that states no date."""
    document = load_input(article.data, input_format=article.input_format, url=article.url)
    if published is not None and document.published is None:
        document = replace(document, published=published, published_from="user")
    return document


def count_articles(inputs: Sequence[str]) -> int | None:
    """How many articles the inputs hold, counted cheaply; None when that cannot be known
    without reading them (stdin, WARC files)."""
    total = 0
    for raw in inputs:
        paths = folder_files(Path(raw)) if Path(raw).is_dir() else [Path(raw)]
        for path in paths:
            count = _count_file(path) if raw != STDIN else None
            if count is None:
                return None
            total += count
    return total


def _count_file(path: Path) -> int | None:
    kind = file_kind(path)
    if kind == "warc":
        return None
    if kind == "article" or not path.is_file():
        return 1
    with path.open("rb") as stream:
        if kind == "jsonl":
            return sum(1 for line in stream if line.strip())
        data = stream.read()
    return data.count(b"<item") + data.count(b"<entry")
