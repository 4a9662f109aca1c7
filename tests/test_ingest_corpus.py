"""Corpus readers: folders, JSON Lines, RSS and Atom feeds, WARC files, stdin, and --fetch
(against a local HTTP server; nothing else is downloaded)."""

from __future__ import annotations

import datetime as dt
import gzip
import http.server
import io
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from claimtrace.errors import FetchFailed, InvalidJSONInput
from claimtrace.ingest.articles import (
    Article,
    ReadFailure,
    count_articles,
    iter_articles,
    load_article,
    stdin_articles,
)
from claimtrace.ingest.feeds import html_to_text
from claimtrace.ingest.fetch import Fetcher
from store_helpers import CORPUS, article_text

PAGE = f"""<!DOCTYPE html><html lang="en"><head><title>Footbridge opens</title></head>
<body><article><h1>Footbridge opens</h1><p>{article_text(7)}</p></article></body></html>"""


def articles(*inputs: str | Path, fetcher: Fetcher | None = None) -> list[Article | ReadFailure]:
    return list(iter_articles([str(item) for item in inputs], fetcher=fetcher))


def article(item: Article | ReadFailure) -> Article:
    assert isinstance(item, Article), item
    return item


def names(items: list[Article | ReadFailure]) -> list[str]:
    return [item.name for item in items]


# --- folders and JSON Lines ---------------------------------------------------------------


def test_folder_is_walked_sorted_without_hidden_files() -> None:
    found = articles(CORPUS / "articles")
    assert [Path(name).name for name in names(found)] == [
        "grain-silo.txt",
        "library-roof.txt",
        "bridge-toll.txt",
    ]
    assert all(isinstance(item, Article) for item in found)


def test_jsonl_lines_are_articles_and_a_broken_line_fails_alone() -> None:
    found = articles(CORPUS / "ferries.jsonl")
    assert [name.rsplit(":", 1)[1] for name in names(found)] == ["1", "3", "4"]  # 2 is blank
    first = load_article(article(found[0]))
    assert first.title == "Gull Island ferry cancelled as winds rise"
    assert (first.published, first.publisher) == (dt.date(2024, 2, 9), "Coast Weekly")
    assert first.url == "https://coast.example/ferry-cancelled"
    with pytest.raises(InvalidJSONInput):
        load_article(article(found[2]))


def test_missing_input_is_a_read_failure_and_the_rest_goes_on(tmp_path: Path) -> None:
    found = articles(tmp_path / "absent.txt", CORPUS / "articles" / "grain-silo.txt")
    assert isinstance(found[0], ReadFailure) and found[0].error.code == "CT101"
    assert isinstance(found[1], Article)


def test_published_dates_only_undated_articles(tmp_path: Path) -> None:
    undated = tmp_path / "undated.txt"
    undated.write_text(article_text(3), encoding="utf-8")
    default = dt.date(2024, 7, 1)
    plain = load_article(Article(str(undated), undated.read_bytes(), "text"), published=default)
    assert (plain.published, plain.published_from) == (default, "user")
    dated = articles(CORPUS / "ferries.jsonl")[0]
    assert load_article(article(dated), published=default).published == dt.date(2024, 2, 9)


def test_count_articles() -> None:
    assert count_articles([str(CORPUS)]) == 10
    assert count_articles([str(CORPUS / "ferries.jsonl"), "-"]) is None


# --- feeds --------------------------------------------------------------------------------


def test_rss_items_with_html_content() -> None:
    found = articles(CORPUS / "harbour.rss")
    assert names(found) == [f"{CORPUS / 'harbour.rss'}#1", f"{CORPUS / 'harbour.rss'}#2"]
    fleet = load_article(article(found[0]))
    assert fleet.title == "Fishing fleet stays in port as storm nears"
    assert (fleet.publisher, fleet.published) == ("Harbour Gazette", dt.date(2024, 3, 5))
    assert fleet.url == "https://harbour.example/fleet-stays-in-port"
    assert "would not go out before Thursday at the earliest." in fleet.text
    assert "track()" not in fleet.text  # scripts are dropped
    assert "stayed in port on Monday" in fleet.text  # the full content, not the summary
    wall = load_article(article(found[1]))
    assert "finished two weeks early" in wall.text  # no content: the description


def test_atom_entries_with_content_or_summary() -> None:
    found = [load_article(article(item)) for item in articles(CORPUS / "valley.atom")]
    assert [doc.title for doc in found] == [
        "Rail line reopens after landslide",
        "Reservoir levels fall after dry spring",
    ]
    assert found[0].published == dt.date(2024, 6, 1)  # published before updated
    assert found[1].published == dt.date(2024, 6, 3)  # only updated
    assert found[0].text.count("\n\n") == 2  # title + two paragraphs
    assert {doc.publisher for doc in found} == {"Valley Courier"}


def test_xml_that_is_no_feed_is_ct114(tmp_path: Path) -> None:
    path = tmp_path / "inventory.xml"
    path.write_text("<inventory><crate>fuel</crate></inventory>", encoding="utf-8")
    (failure,) = articles(path)
    assert isinstance(failure, ReadFailure) and failure.error.code == "CT114"


def test_html_to_text_paragraphs() -> None:
    fragment = (
        "<p>One <b>bold</b>\nline.</p><ul><li>Two</li></ul><style>p{}</style>Three &amp; four"
    )
    assert html_to_text(fragment) == "One bold line.\n\nTwo\n\nThree & four"


# --- WARC ---------------------------------------------------------------------------------


def write_warc(path: Path) -> None:
    """A gzipped WARC: one HTML page, one 404 page, one image, one request record."""
    with path.open("wb") as output:
        writer = WARCWriter(output, gzip=True)
        for url, status, kind, body in [
            ("https://news.example/footbridge", "200 OK", "text/html; charset=utf-8", PAGE),
            ("https://news.example/missing", "404 Not Found", "text/html", PAGE),
            ("https://news.example/logo.png", "200 OK", "image/png", "PNG"),
        ]:
            headers = StatusAndHeaders(status, [("Content-Type", kind)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body.encode()), http_headers=headers
            )
            writer.write_record(record)
        request = writer.create_warc_record(
            "https://news.example/footbridge", "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n")
        )
        writer.write_record(request)


def test_warc_html_responses_are_articles(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path)
    (found,) = articles(path)
    assert isinstance(found, Article) and found.url == "https://news.example/footbridge"
    document = load_article(found)
    assert document.title == "Footbridge opens"
    assert "footbridge number 7" in document.text
    assert document.url == "https://news.example/footbridge"
    assert count_articles([str(path)]) is None


def test_unreadable_warc_is_ct115(tmp_path: Path) -> None:
    path = tmp_path / "broken.warc.gz"
    path.write_bytes(gzip.compress(b"this is not a WARC record at all\r\n\r\n" * 4))
    (failure,) = articles(path)
    assert isinstance(failure, ReadFailure) and failure.error.code == "CT115"


# --- stdin --------------------------------------------------------------------------------


def test_stdin_jsonl() -> None:
    lines = b'{"text": "one"}\n\n{"text": "two"}\n'
    found = list(stdin_articles(io.BytesIO(lines), 1000))
    assert [item.name for item in found] == ["stdin:1", "stdin:3"]
    assert {item.input_format for item in found} == {"json"}


def test_stdin_single_article() -> None:
    text = article_text(2).encode()
    (found,) = stdin_articles(io.BytesIO(text), 10_000)
    assert (found.name, found.data, found.input_format) == ("stdin", text, None)


def test_stdin_pretty_printed_json_is_one_article() -> None:
    (found,) = stdin_articles(io.BytesIO(b'{\n  "text": "one"\n}\n'), 1000)
    assert found.name == "stdin"


# --- fetch --------------------------------------------------------------------------------


class Pages(http.server.BaseHTTPRequestHandler):
    """A tiny site: a page, a big page, a redirect loop, a redirect to a file URL, a 404."""

    def do_GET(self) -> None:
        if self.path == "/page":
            self.reply(200, PAGE.encode())
        elif self.path == "/big":
            self.reply(200, b"x" * 5000)
        elif self.path.startswith("/hop"):
            self.redirect(f"/hop{len(self.path)}")
        elif self.path == "/to-file":
            self.redirect("file:///etc/hostname")
        else:
            self.reply(404, b"not here")

    def reply(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_fetch_page(site: str) -> None:
    page = Fetcher()(f"{site}/page")
    assert page.data == PAGE.encode() and page.content_type == "text/html"


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/big", "over the limit"),
        ("/hop", "too many redirects"),
        ("/to-file", "only http and https"),
        ("/absent", "HTTP 404"),
    ],
)
def test_fetch_refusals_are_ct116(site: str, path: str, words: str) -> None:
    with pytest.raises(FetchFailed) as error:
        Fetcher(timeout_s=5, max_bytes=1000)(f"{site}{path}")
    assert error.value.code == "CT116"
    assert words in error.value.message


def test_fetch_refuses_other_schemes() -> None:
    with pytest.raises(FetchFailed):
        Fetcher()("file:///etc/hostname")


def test_url_input_needs_fetch(site: str) -> None:
    (failure,) = articles(f"{site}/page")
    assert isinstance(failure, ReadFailure) and failure.error.code == "CT101"
    assert "--fetch" in failure.error.message
    (page,) = articles(f"{site}/page", fetcher=Fetcher())
    assert isinstance(page, Article) and load_article(page).title == "Footbridge opens"


def test_feed_items_fetched_only_with_fetch(site: str, tmp_path: Path) -> None:
    feed = tmp_path / "links.rss"
    feed.write_text(
        "<rss version='2.0'><channel><title>Links</title>"
        f"<item><title>A</title><link>{site}/page</link><description>short</description></item>"
        f"<item><title>B</title><link>{site}/absent</link><description>short</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    assert names(articles(feed)) == [f"{feed}#1", f"{feed}#2"]
    page, failure = articles(feed, fetcher=Fetcher())
    assert isinstance(page, Article) and page.input_format == "html"
    assert isinstance(failure, ReadFailure) and failure.error.code == "CT116"
    assert failure.name == f"{site}/absent"
