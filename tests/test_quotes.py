"""Quotation spans: straight, curly, guillemets, AP multi-paragraph, unbalanced marks."""

from __future__ import annotations

import pytest

from claimtrace.extract.quotes import find_quotes


def texts(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('The clerk said "the office is shut" on Monday.', ['"the office is shut"']),
        ("“The ferry is late,” the captain said.", ["“The ferry is late,”"]),
        ("Le maire a dit « le pont est fermé » hier.", ["« le pont est fermé »"]),
        ("No quotes at all here.", []),
    ],
)
def test_simple_quotes(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_ap_style_quote_runs_over_paragraphs() -> None:
    text = "“The pumps failed first.\n\n“Then the lights went out,” the engineer said."
    found = find_quotes(text)
    assert len(found) == 1
    assert text[found[0].start : found[0].end].endswith("went out,”")
    assert found[0].closed


def test_unbalanced_quote_closes_at_paragraph_end() -> None:
    text = 'The guide said "the trail is closed.\nA second paragraph with "a quote" inside.'
    found = texts(text)
    assert found == ['"the trail is closed.', '"a quote"']


def test_odd_number_of_marks_never_raises() -> None:
    text = '“One” two ” three “four\n" five'
    found = find_quotes(text)
    assert all(0 <= q.start < q.end <= len(text) for q in found)
    assert next(text[q.start : q.end] for q in found) == "“One”"


def test_second_opener_closes_the_first() -> None:
    found = texts("“alpha beta “gamma” delta")
    assert found == ["“alpha beta", "“gamma”"]


def test_two_apostrophes_make_a_quote() -> None:
    text = "The ranger said ''the trail is closed,'' and it's shut till May."
    assert texts(text) == ["''the trail is closed,''"]


def test_two_apostrophes_are_not_closed_by_a_double_quote() -> None:
    text = "''One \" two'' three"
    assert texts(text) == ["''One \" two''"]
