"""Ingest: formats, metadata, datelines, and every bad-input branch with its error code."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
from pathlib import Path

import pytest

from claimtrace.errors import (
    BinaryInput,
    EmptyInput,
    EncodingError,
    InputNotFound,
    InputTooLarge,
    InvalidDate,
    InvalidJSONInput,
    InvalidSetting,
    MissingField,
    NoArticleFound,
    UnsupportedFormat,
    UnsupportedLanguage,
)
from claimtrace.ingest import load_input, load_path, parse_date, sniff_format
from claimtrace.ingest.checks import MAX_BYTES_ENV, max_bytes
from claimtrace.ingest.language import check_english
from claimtrace.ingest.text import split_byline

HEADLINE = "Flooded rail tunnel closes northern line for a week: Operator"
ARTICLE = f"""{HEADLINE}
Engineers are pumping water out of the tunnel after two days of heavy rain
By Jane Roe | 3 May 2024

Water from a burst culvert flooded the Kestrel Hill tunnel on Tuesday night, the rail
operator said in a statement, and trains on the northern line will not run until next week.

According to the operator, nobody was on board the last train that passed through the tunnel
before it filled with water.

A maintenance worker, who asked not to be named, told the Valley Courier that the culvert had
been reported as blocked in March.

The regional transport office has yet to comment on the closure.
"""

HTML_PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Bridge repairs delayed again | Riverside Herald</title>
<meta property="og:site_name" content="Riverside Herald">
<meta name="author" content="Sam Okafor">
<meta property="article:published_time" content="2024-06-11T08:30:00Z">
<link rel="canonical" href="https://herald.example/bridge-repairs">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article>
<h1>Bridge repairs delayed again</h1>
<p>Repairs to the old stone bridge over the Avon will take three more months, the county
council said on Monday, after engineers found cracks in two of its arches.</p>
<p>The council said that the bridge would stay closed to cars but open to walkers while the
work goes on, and that the extra cost had not yet been calculated.</p>
</article>
<footer>Copyright Riverside Herald</footer>
</body></html>
"""

FOREIGN = {
    "french": (
        "Le conseil municipal a annoncé lundi que les travaux sur le vieux pont de pierre "
        "dureront encore trois mois, après que les ingénieurs ont découvert des fissures dans "
        "deux de ses arches. Le pont restera fermé aux voitures mais ouvert aux piétons."
    ),
    "german": (
        "Die Reparatur der alten Steinbrücke wird noch drei Monate dauern, teilte der "
        "Gemeinderat am Montag mit, nachdem Ingenieure Risse in zwei ihrer Bögen gefunden "
        "hatten. Die Brücke bleibt für Autos gesperrt, ist aber für Fußgänger geöffnet."
    ),
    "spanish": (
        "Las obras del viejo puente de piedra durarán tres meses más, según anunció el lunes "
        "el ayuntamiento, después de que los ingenieros encontraran grietas en dos de sus "
        "arcos. El puente seguirá cerrado a los coches pero abierto a los peatones."
    ),
    "arabic": (
        "أعلن المجلس البلدي يوم الاثنين أن أعمال إصلاح الجسر الحجري القديم ستستغرق ثلاثة أشهر "
        "أخرى بعد أن اكتشف المهندسون شقوقا في اثنين من أقواسه."
    ),
    "russian": (
        "Городской совет в понедельник сообщил, что ремонт старого каменного моста продлится "
        "ещё три месяца, после того как инженеры обнаружили трещины в двух его арках."
    ),
    "italian": (
        "Il sindaco ha detto che il ponte sarà riparato in tre mesi e che i costi non sono "
        "ancora noti. Era in città lunedì con gli ingegneri del comune."
    ),
    "portuguese": (
        "O prefeito disse que a ponte será reparada em três meses e que os custos ainda não "
        "são conhecidos. Ele estava na cidade com os engenheiros."
    ),
    "chinese": "市议会周一表示，由于工程师在两个拱门中发现裂缝，旧石桥的维修工作将再持续三个月。",
}


# --- plain text ---------------------------------------------------------------------------


def test_plain_text_headline_dateline_and_offsets() -> None:
    document = load_input(ARTICLE)
    assert document.text == ARTICLE
    assert document.title == HEADLINE
    assert document.title_span is not None
    span = document.title_span
    assert document.text[span.start : span.end] == span.text == HEADLINE
    assert document.byline == "Jane Roe"
    assert document.published == dt.date(2024, 5, 3)
    assert document.published_from == "dateline"
    assert document.input_format == "text"
    assert document.language == "en"


def test_first_line_ending_with_period_is_not_a_headline() -> None:
    text = "The ferry left the harbour on time.\n\n" + ARTICLE.split("\n\n", 1)[1]
    document = load_input(text)
    assert document.title is None
    assert document.title_span is None


def test_headline_after_leading_blank_lines_keeps_its_offsets() -> None:
    text = "\n\n  " + ARTICLE
    span = load_input(text).title_span
    assert span is not None
    assert text[span.start : span.end] == HEADLINE


def test_no_date_anywhere_is_none_not_a_guess() -> None:
    body = ARTICLE.replace("By Jane Roe | 3 May 2024\n", "")
    document = load_input(body)
    assert document.published is None
    assert document.published_from == "none"
    assert document.byline is None


@pytest.mark.parametrize(
    ("rest", "byline", "published"),
    [
        ("Staff Reporter - March 14 2025", "Staff Reporter", dt.date(2025, 3, 14)),
        ("Jane Roe | 3 May 2024", "Jane Roe", dt.date(2024, 5, 3)),
        ("X, Agency — 2024-05-03", "X, Agency", dt.date(2024, 5, 3)),
        ("Lee Park, March 3, 2024", "Lee Park", dt.date(2024, 3, 3)),
        ("Ana Diaz – 1st June 2023", "Ana Diaz", dt.date(2023, 6, 1)),
        ("Ana Diaz", "Ana Diaz", None),
        ("Ana Diaz - Metro desk", "Ana Diaz - Metro desk", None),
    ],
)
def test_split_byline(rest: str, byline: str, published: dt.date | None) -> None:
    assert split_byline(rest) == (byline, published)


def test_dateline_with_standfirst_and_separate_date_line() -> None:
    text = "Harbour cranes idle\nA strike enters its second week\nPublished: 12 August 2023\n\n"
    text += ARTICLE.split("\n\n", 1)[1]
    document = load_input(text)
    assert document.title == "Harbour cranes idle"
    assert document.published == dt.date(2023, 8, 12)
    assert document.published_from == "dateline"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-03-14", dt.date(2025, 3, 14)),
        ("2025-03-14T09:30:00+02:00", dt.date(2025, 3, 14)),
        ("2025/3/4", dt.date(2025, 3, 4)),
        ("14 March 2025", dt.date(2025, 3, 14)),
        ("14th of March 2025", dt.date(2025, 3, 14)),
        ("March 14, 2025", dt.date(2025, 3, 14)),
        ("March 14 2025", dt.date(2025, 3, 14)),
        ("Fri, 14 Mar. 2025", dt.date(2025, 3, 14)),
        ("Sept 2 2024", dt.date(2024, 9, 2)),
        ("2025-02-30", None),
        ("03/04/2025", None),
        ("Smarch 14 2025", None),
        ("yesterday", None),
        ("", None),
    ],
)
def test_parse_date(value: str, expected: dt.date | None) -> None:
    assert parse_date(value) == expected


# --- normalisation and hashing ------------------------------------------------------------


def test_crlf_and_bom_are_normalised_before_offsets() -> None:
    raw = ("\ufeff" + ARTICLE.replace("\n", "\r\n")).encode("utf-8")
    document = load_input(raw)
    assert document.text == ARTICLE
    assert document.title_span is not None
    assert document.title_span.start == 0
    assert document.content_hash == hashlib.sha256(ARTICLE.encode("utf-8")).hexdigest()
    assert load_input(ARTICLE).content_hash == document.content_hash


def test_the_same_text_from_another_outlet_is_another_appearance() -> None:
    first = load_input(ARTICLE, publisher="Coast News")
    again = load_input(ARTICLE, publisher="Coast News")
    copy = load_input(ARTICLE, publisher="Valley Times")
    assert first.content_hash == again.content_hash
    assert len({first.content_hash, copy.content_hash, load_input(ARTICLE).content_hash}) == 3


# --- arguments override metadata ----------------------------------------------------------


def test_user_published_overrides_dateline() -> None:
    document = load_input(ARTICLE, published="2024-05-04")
    assert document.published == dt.date(2024, 5, 4)
    assert document.published_from == "user"
    assert load_input(ARTICLE, published=dt.date(2020, 1, 2)).published == dt.date(2020, 1, 2)


def test_user_url_publisher_and_title() -> None:
    document = load_input(ARTICLE, url="https://a.example/x", publisher="Valley Post", title="T")
    assert document.url == "https://a.example/x"
    assert document.publisher == "Valley Post"
    assert document.title == "T"
    assert document.title_span is None  # the given title is not in the text


@pytest.mark.parametrize("value", ["next tuesday", "2024-13-01", "14/03/2025"])
def test_bad_published_argument(value: str) -> None:
    with pytest.raises(InvalidDate, match="YYYY-MM-DD") as info:
        load_input(ARTICLE, published=value)
    assert info.value.code == "CT110"


# --- HTML ---------------------------------------------------------------------------------


def test_html_metadata_and_title_span() -> None:
    document = load_input(HTML_PAGE)
    assert document.input_format == "html"
    assert document.title == "Bridge repairs delayed again"
    assert document.text.startswith("Bridge repairs delayed again\n\nRepairs to the old stone")
    assert document.text.count("Bridge repairs delayed again") == 1
    assert document.title_span is not None
    span = document.title_span
    assert document.text[span.start : span.end] == document.title
    assert document.byline == "Sam Okafor"
    assert document.publisher == "Riverside Herald"
    assert document.url == "https://herald.example/bridge-repairs"
    assert document.published == dt.date(2024, 6, 11)
    assert document.published_from == "metadata"
    assert "Home" not in document.text
    assert "Copyright" not in document.text


def test_html_published_argument_wins() -> None:
    document = load_input(HTML_PAGE, published="2024-06-12", input_format="html")
    assert (document.published, document.published_from) == (dt.date(2024, 6, 12), "user")


def test_html_declared_charset_is_honoured() -> None:
    page = HTML_PAGE.replace('charset="utf-8"', 'charset="windows-1252"')
    page = page.replace("the county\ncouncil", "the county café\ncouncil")
    document = load_input(page.encode("windows-1252"))
    assert "county café" in document.text


def test_html_undeclared_bad_encoding() -> None:
    page = HTML_PAGE.replace('<meta charset="utf-8">', "").replace("county", "caf\xe9")
    with pytest.raises(EncodingError, match="declares no charset") as info:
        load_input(page.encode("latin-1"), input_format="html")
    assert info.value.code == "CT104"


def test_html_declared_charset_that_does_not_fit() -> None:
    raw = HTML_PAGE.replace("county", "caf\xe9").encode("latin-1")
    with pytest.raises(EncodingError, match="utf-8 \\(the charset the page declares\\)"):
        load_input(raw)
    unknown = raw.replace(b'charset="utf-8"', b'charset="klingon-8"')
    with pytest.raises(EncodingError, match="unknown charset 'klingon-8'"):
        load_input(unknown)


@pytest.mark.parametrize(
    "page",
    [
        "<html><body><nav><a href='/'>Home</a> <a href='/about'>About</a></nav></body></html>",
        "<html><body><p>Subscribe to read this story.</p></body></html>",
        "<!doctype html><html><body></body></html>",
    ],
)
def test_html_without_article(page: str) -> None:
    with pytest.raises(NoArticleFound, match="no article text") as info:
        load_input(page)
    assert info.value.code == "CT106"


# --- JSON ---------------------------------------------------------------------------------


def test_json_record() -> None:
    body = ARTICLE.split("\n\n", 1)[1]
    record = {
        "text": body,
        "title": "Tunnel flooded",
        "published": "2024-05-03",
        "url": "https://v.example/1",
        "publisher": "Valley Courier",
    }
    document = load_input(json.dumps(record))
    assert document.input_format == "json"
    assert document.text == "Tunnel flooded\n\n" + body
    assert document.title_span is not None
    assert document.title_span.text == "Tunnel flooded"
    assert (document.published, document.published_from) == (dt.date(2024, 5, 3), "metadata")
    assert (document.url, document.publisher) == ("https://v.example/1", "Valley Courier")


def test_json_text_already_opening_with_title_is_kept() -> None:
    document = load_input(json.dumps({"text": ARTICLE, "title": HEADLINE}))
    assert document.text == ARTICLE
    assert document.title_span is not None
    assert document.title_span.start == 0


@pytest.mark.parametrize(
    ("raw", "error", "code"),
    [
        ('{"text": "unterminated', InvalidJSONInput, "CT108"),
        ("{'text': 'single quotes'}", InvalidJSONInput, "CT108"),
        ('{"text": 42}', InvalidJSONInput, "CT108"),
        ('{"title": "No body here"}', MissingField, "CT109"),
        ('{"text": null}', MissingField, "CT109"),
        ('{"text": "   "}', EmptyInput, "CT102"),
        ('{"text": "A tunnel flooded.", "published": "soon"}', InvalidDate, "CT110"),
    ],
)
def test_bad_json(raw: str, error: type[Exception], code: str) -> None:
    with pytest.raises(error) as info:
        load_input(raw)
    assert getattr(info.value, "code", None) == code


def test_json_array_is_not_a_record() -> None:
    with pytest.raises(InvalidJSONInput, match="object"):
        load_input('[{"text": "x"}]', input_format="json")


# --- format sniffing ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("<!DOCTYPE html><html></html>", "html"),
        ("  <html lang='en'>", "html"),
        ("<body><p>Hi</p></body>", "html"),
        ("<p>A paragraph</p>", "html"),
        (b"\xef\xbb\xbf<!doctype html>", "html"),
        ('  {"text": "x"}', "json"),
        (b'{"text": "x"}', "json"),
        ("Plain words about <b> tags", "text"),
        ("Just a story.", "text"),
    ],
)
def test_sniff_format(data: str | bytes, expected: str) -> None:
    assert sniff_format(data) == expected


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("page.html", HTML_PAGE, "html"),
        ("page.HTM", HTML_PAGE, "html"),
        ("record.json", json.dumps({"text": ARTICLE}), "json"),
        ("story.txt", ARTICLE, "text"),
        ("story.md", ARTICLE, "text"),
        ("saved-page", HTML_PAGE, "html"),  # no extension: sniffed
    ],
)
def test_load_path_format_from_extension(
    tmp_path: Path, name: str, content: str, expected: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert load_path(path).input_format == expected


def test_unknown_input_format() -> None:
    with pytest.raises(UnsupportedFormat, match="'pdf'") as info:
        load_input(ARTICLE, input_format="pdf")
    assert info.value.code == "CT111"


def test_load_path_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(ARTICLE.encode("utf-8")))
    monkeypatch.setattr("sys.stdin", stdin)
    document = load_path("-")
    assert document.text == ARTICLE
    assert document.title == HEADLINE


# --- bad input ----------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputNotFound, match="no such file") as info:
        load_path(tmp_path / "absent.txt")
    assert info.value.code == "CT101"
    with pytest.raises(InputNotFound, match="not a file"):
        load_path(tmp_path)


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  ", "\ufeff\n".encode()])
def test_empty_input(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(EmptyInput) as info:
        load_path(path)
    assert info.value.code == "CT102"


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    with pytest.raises(BinaryInput, match="NUL") as info:
        load_path(path)
    assert info.value.code == "CT103"


def test_control_bytes_without_nul_are_binary() -> None:
    data = bytes(range(1, 32)) * 50 + b"some words"
    with pytest.raises(BinaryInput, match="not text"):
        load_input(data)


def test_nul_in_str_is_binary() -> None:
    with pytest.raises(BinaryInput):
        load_input("text\x00with a NUL")


def test_invalid_utf8_text_names_the_byte_offset() -> None:
    raw = ARTICLE.encode("utf-8").replace(b"culvert flooded", b"culvert fl\xf6oded")
    offset = raw.index(b"\xf6")
    with pytest.raises(EncodingError, match=f"byte offset {offset}") as info:
        load_input(raw)
    assert info.value.code == "CT104"
    assert info.value.detail["offset"] == offset


def test_utf16_is_refused_as_encoding() -> None:
    with pytest.raises(EncodingError, match="UTF-16"):
        load_input(ARTICLE.encode("utf-16"))


def test_20_mb_html_page_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.html"
    paragraph = "<p>" + "A long paragraph about a flood in the valley. " * 20 + "</p>\n"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("<html><body>")
        while handle.tell() < 20 * 1024 * 1024:
            handle.write(paragraph * 100)
        handle.write("</body></html>")
    with pytest.raises(InputTooLarge, match=r"over the limit of 10\.0 MiB") as info:
        load_path(path)
    assert info.value.code == "CT105"
    assert info.value.detail["limit"] == 10 * 1024 * 1024
    assert info.value.detail["size"] == path.stat().st_size


def test_size_cap_from_argument_and_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(InputTooLarge, match="100 bytes"):
        load_input(ARTICLE, max_bytes=100)
    monkeypatch.setenv(MAX_BYTES_ENV, "200")
    assert max_bytes() == 200
    with pytest.raises(InputTooLarge, match="200 bytes"):
        load_input(ARTICLE)
    monkeypatch.setenv(MAX_BYTES_ENV, "lots")
    with pytest.raises(InvalidSetting, match=MAX_BYTES_ENV):
        load_input(ARTICLE)


def test_stdin_over_the_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"x" * 500)))
    with pytest.raises(InputTooLarge):
        load_path("-", max_bytes=100)


# --- language -----------------------------------------------------------------------------


@pytest.mark.parametrize("language", sorted(FOREIGN))
def test_non_english_text_is_refused(language: str) -> None:
    with pytest.raises(UnsupportedLanguage, match="English") as info:
        load_input(FOREIGN[language])
    assert info.value.code == "CT107"


@pytest.mark.parametrize(
    "text",
    [
        ARTICLE,
        "Police closed the road after the crash. Two drivers were taken to hospital.",
        "Storm warning issued",
        "Prime Minister Jane Doe met President John Smith in Geneva on Tuesday, officials said.",
        "Real Madrid beat Barcelona 3-1 at the Bernabeu on Sunday, Vinicius scoring twice.",
        "The mayor said the phrase «liberté, égalité, fraternité» was painted on the wall "
        "overnight, and that the council would remove it by the end of the week.",
        "The sign outside the shop read «Добро пожаловать», the owner said, and it had been "
        "there for years before the town council asked him to translate it for visitors.",
        # score lines and recipe lists have few function words in any language
        "Central 42, Westfield 17. Riverside 28, Lakeview 21 (OT). Northgate 35, Eastbrook 14. "
        "Harbor 10, Pinecrest 7. Summit 56, Valley 0. Oakwood 21, Maplewood 20.",
        "Breakfast: oats, blueberries, almond milk. Lunch: grilled chicken salad, olive oil, "
        "lemon. Snack: apple, peanut butter. Dinner: salmon, brown rice, broccoli, garlic.",
    ],
)
def test_english_passes(text: str) -> None:
    check_english(text)
