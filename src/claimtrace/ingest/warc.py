"""WARC files (warcio): each HTML response record is one article, read as HTML."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import InvalidWARC
from .items import Article

HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(path: Path, cap: int) -> Iterator[Article]:
    """The HTML pages (status 200) of a WARC or WARC.gz file, with their target URLs.

    A page body is read up to one byte over `cap`, so the size check can refuse it (CT105).
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    with path.open("rb") as stream:
        try:
            for record in ArchiveIterator(stream):
                if is_html_page(record):
                    url = record.rec_headers.get_header("WARC-Target-URI")
                    data = record.content_stream().read(cap + 1)
                    yield Article(name=f"{path}#{url}", data=data, input_format="html", url=url)
        except ArchiveLoadFailed as error:
            raise InvalidWARC(f"{path} is not a readable WARC file: {error}") from None


def is_html_page(record: Any) -> bool:
    """A response record holding an HTML page with HTTP status 200."""
    if record.rec_type != "response" or record.http_headers is None:
        return False
    content_type = (record.http_headers.get_header("Content-Type") or "").split(";")[0]
    return bool(
        record.http_headers.get_statuscode() == "200" and content_type.strip().lower() in HTML_TYPES
    )
