"""Downloading pages (``--fetch`` only): http(s), a timeout, a size cap, few redirects.

Nothing in claimtrace reaches the network unless the user asks for it with ``--fetch``.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from http.client import HTTPMessage
from typing import IO, Any
from urllib.parse import urljoin, urlsplit

from .. import __version__
from ..errors import FetchFailed
from . import checks

SCHEMES = ("http", "https")
TIMEOUT_S = 20.0  # each connect or read
TOTAL_TIMEOUT_S = 60.0  # the whole download
MAX_REDIRECTS = 5
CHUNK = 64 * 1024
USER_AGENT = f"claimtrace/{__version__}"


@dataclass(frozen=True, slots=True)
class Page:
    """A downloaded page: where it ended up after redirects, and its bytes."""

    url: str
    data: bytes
    content_type: str


@dataclass(frozen=True, slots=True)
class Fetcher:
    """Downloads one URL with the limits it holds; raises FetchFailed (CT116)."""

    timeout_s: float = TIMEOUT_S
    total_timeout_s: float = TOTAL_TIMEOUT_S
    max_bytes: int | None = None  # None: the ingest size cap ($CLAIMTRACE_MAX_BYTES or 10 MiB)

    def __call__(self, url: str) -> Page:
        check_scheme(url)
        cap = checks.max_bytes(self.max_bytes)
        opener = urllib.request.build_opener(_Redirects())
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
        try:
            with opener.open(request, timeout=self.timeout_s) as response:
                check_length(url, response.headers, cap)
                data = read_capped(url, response, cap, time.monotonic() + self.total_timeout_s)
                return Page(response.geturl(), data, response.headers.get_content_type())
        except urllib.error.HTTPError as error:
            raise _http_failure(url, error) from None
        except urllib.error.URLError as error:
            raise FetchFailed(f"cannot fetch {url}: {error.reason}", detail={"url": url}) from None
        except (TimeoutError, OSError) as error:
            raise FetchFailed(f"cannot fetch {url}: {error}", detail={"url": url}) from None


def check_scheme(url: str) -> None:
    """Only http and https URLs are fetched (no file:, ftp: or data:)."""
    scheme = urlsplit(url).scheme.lower()
    if scheme not in SCHEMES:
        raise FetchFailed(
            f"refusing to fetch {url!r}: only http and https URLs are fetched",
            detail={"url": url},
        )


def check_length(url: str, headers: HTTPMessage, cap: int) -> None:
    """Refuse a page whose declared length is over the cap before reading it."""
    length = headers.get("Content-Length")
    if length and length.isdigit() and int(length) > cap:
        raise FetchFailed(
            f"{url} is {length} bytes, over the limit of {cap} bytes", detail={"url": url}
        )


def read_capped(url: str, response: IO[bytes], cap: int, deadline: float) -> bytes:
    """The body, in chunks, refusing more than `cap` bytes or a download past `deadline`."""
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read(CHUNK):
        size += len(chunk)
        if size > cap:
            raise FetchFailed(f"{url} is over the limit of {cap} bytes", detail={"url": url})
        if time.monotonic() > deadline:
            raise FetchFailed(f"{url} took too long to download", detail={"url": url})
        chunks.append(chunk)
    return b"".join(chunks)


def _http_failure(url: str, error: urllib.error.HTTPError) -> FetchFailed:
    if 300 <= error.code < 400:
        return FetchFailed(f"{url}: too many redirects", detail={"url": url})
    return FetchFailed(f"{url}: HTTP {error.code} {error.reason}", detail={"url": url})


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows at most MAX_REDIRECTS redirects, and only to http(s) URLs."""

    max_redirections = MAX_REDIRECTS

    def http_error_302(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: HTTPMessage,
    ) -> Any:
        location = headers.get("Location") or headers.get("URI")
        if location:
            check_scheme(urljoin(req.full_url, location))
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302
