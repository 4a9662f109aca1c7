"""RSS and Atom feeds (feedparser): each item is one article.

An item's text is its longest content, else its summary, turned from HTML into paragraphs.
Its title, link, date and the feed's title (as publisher) go with it as a JSON record, so it
passes the same checks as any JSON input. With a `Fetcher` (``--fetch``) the page an item
links to is downloaded and read as HTML instead; without one nothing is downloaded.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator, Mapping
from html.parser import HTMLParser
from typing import Any

from ..errors import FetchFailed, InvalidFeed
from .fetch import Fetcher
from .items import Article, ReadFailure

BLOCK_TAGS = frozenset(
    ("p", "div", "br", "li", "ul", "ol", "blockquote", "pre", "tr", "table", "section", "article")
) | {f"h{level}" for level in range(1, 7)}
SKIP_TAGS = frozenset(("script", "style", "noscript"))


def read_feed(
    data: bytes, name: str, fetcher: Fetcher | None = None
) -> Iterator[Article | ReadFailure]:
    """The items of a feed file as articles (or, with `fetcher`, as the pages they link to)."""
    import feedparser

    parsed = feedparser.parse(data)  # bytes, so feedparser never downloads anything
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception") or "no RSS or Atom root element"
        raise InvalidFeed(
            f"{name} is not a readable RSS/Atom feed: {reason}", detail={"path": name}
        )
    publisher = _clean(parsed.feed.get("title"))
    for number, entry in enumerate(parsed.entries, start=1):
        link = entry.get("link")
        if fetcher is not None and link:
            yield fetched(link, fetcher)
        else:
            yield entry_article(entry, f"{name}#{number}", publisher)


def entry_article(entry: Mapping[str, Any], name: str, publisher: str | None) -> Article:
    """One item as a JSON record: text, title, url, published, publisher."""
    record = {
        "text": entry_text(entry),
        "title": _clean(html_to_text(entry.get("title") or "")),
        "url": entry.get("link"),
        "published": entry_date(entry),
        "publisher": publisher,
    }
    data = json.dumps({key: value for key, value in record.items() if value is not None})
    return Article(name=name, data=data, input_format="json", url=entry.get("link"))


def entry_text(entry: Mapping[str, Any]) -> str:
    """The longest of the item's contents, else its summary, as plain paragraphs."""
    contents = [item for item in entry.get("content") or () if item.get("value")]
    best = max(contents, key=lambda item: len(item["value"]), default=None)
    value = best["value"] if best else entry.get("summary") or ""
    kind = (best or entry.get("summary_detail") or {}).get("type", "text/html")
    return value if kind == "text/plain" else html_to_text(value)


def entry_date(entry: Mapping[str, Any]) -> str | None:
    """The item's publication (else update) date as YYYY-MM-DD."""
    parsed: time.struct_time | None = entry.get("published_parsed") or entry.get("updated_parsed")
    return time.strftime("%Y-%m-%d", parsed) if parsed else None


def fetched(url: str, fetcher: Fetcher) -> Article | ReadFailure:
    """The linked page as an HTML article, or the reason it could not be downloaded."""
    try:
        page = fetcher(url)
    except FetchFailed as error:
        return ReadFailure(name=url, error=error)
    return Article(name=url, data=page.data, input_format="html", url=page.url)


def html_to_text(fragment: str) -> str:
    """Paragraphs of an HTML fragment: block elements break, whitespace collapses."""
    if "<" not in fragment and "&" not in fragment:
        return fragment.strip()
    parser = _TextParser()
    parser.feed(fragment)
    parser.close()
    paragraphs = (" ".join(part.split()) for part in "".join(parser.parts).split("\n\n"))
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP_TAGS:
            self.skipping += 1
        elif tag in BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def _clean(value: Any) -> str | None:
    return (" ".join(value.split()) or None) if isinstance(value, str) else None
