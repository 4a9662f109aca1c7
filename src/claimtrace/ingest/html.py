"""HTML pages: the main text and metadata through trafilatura (imported only when needed)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..errors import NoArticleFound
from ..model import Document, TextSpan
from .dates import parse_date
from .language import check_english

MIN_ARTICLE_WORDS = 20


def parse_html(html: str, *, url: str | None = None, title: str | None = None) -> Document:
    """A Document whose text is ``title\\n\\n`` + the main text of the page."""
    found = extract(html, url)
    page_title = _clean(title) or _clean(found.get("title"))
    paragraphs = body_paragraphs(found.get("text"), page_title)
    if paragraphs:  # a page in a script without spaces is "not English", not "too short"
        check_english("\n".join(paragraphs))
    words = sum(len(paragraph.split()) for paragraph in paragraphs)
    if words < MIN_ARTICLE_WORDS:
        raise NoArticleFound(
            f"no article text found in the HTML (only {words} words of main text, at least "
            f"{MIN_ARTICLE_WORDS} needed)"
        )
    return build_document(found, page_title, "\n\n".join(paragraphs))


def extract(html: str, url: str | None) -> dict[str, Any]:
    """trafilatura's main text and metadata as a dict; empty when it finds nothing."""
    import trafilatura

    result = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params=_date_params(),
    )
    if result is None:
        return {}
    return result if isinstance(result, dict) else dict(result.as_dict())


def _date_params() -> dict[str, Any]:
    """Dates from the page's markup only: no guessing from free text or from today."""
    return {
        "original_date": True,
        "extensive_search": False,
        "max_date": dt.date.today().isoformat(),
    }


def body_paragraphs(text: str | None, title: str | None) -> list[str]:
    """The non-blank lines of the main text, without a repeated headline at the top."""
    paragraphs = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if paragraphs and title and paragraphs[0].casefold() == title.casefold():
        paragraphs = paragraphs[1:]
    return paragraphs


def build_document(found: dict[str, Any], title: str | None, body: str) -> Document:
    """Assemble the Document; the headline, when known, opens the text."""
    text = f"{title}\n\n{body}" if title else body
    date_text = _clean(found.get("date"))
    published = parse_date(date_text) if date_text else None
    return Document(
        text=text,
        title=title,
        title_span=TextSpan(0, len(title), title) if title else None,
        byline=_clean(found.get("author")),
        published=published,
        published_from="metadata" if published else "none",
        publisher=_clean(found.get("sitename")) or _clean(found.get("hostname")),
        url=_clean(found.get("url")),
        input_format="html",
    )


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None
