"""The time stage: normaliser rules on plain strings, calendar rules, and the Doc stage."""

from __future__ import annotations

import datetime as dt

import pytest

from claimtrace.extract import time as time_stage
from claimtrace.extract import time_calendar as cal
from claimtrace.extract.time import TimeExpression, consistency_warnings, extract_times
from claimtrace.extract.time_normalise import normalise
from claimtrace.model import TextSpan

DCT = dt.date(2022, 4, 29)  # a Friday

# (phrase, DCT, expected value) — the core of the normaliser, no spaCy involved.
VALUES = [
    ("26 August, 2017", DCT, "2017-08-26"),
    ("August 2017", DCT, "2017-08"),
    ("In August 2017", DCT, "2017-08"),
    ("January of 2020", DCT, "2020-01"),
    ("2019", DCT, "2019"),
    ("2021-11-03", DCT, "2021-11-03"),
    ("March 14, 2025", DCT, "2025-03-14"),
    ("Sept. 9, 1998", DCT, "1998-09-09"),
    ("Friday, 14 March 2025", DCT, "2025-03-14"),
    ("28 April", DCT, "2022-04-28"),
    ("April 28", DCT, "2022-04-28"),
    ("the 3rd of May", DCT, "2022-05-03"),
    ("November 30", DCT, "2021-11-30"),
    ("Last July", DCT, "2021-07"),
    ("next July", DCT, "2022-07"),
    ("this July", DCT, "2022-07"),
    ("last year", DCT, "2021"),
    ("this year", DCT, "2022"),
    ("next year", DCT, "2023"),
    ("yesterday", DCT, "2022-04-28"),
    ("today", DCT, "2022-04-29"),
    ("tomorrow", DCT, "2022-04-30"),
    ("Friday", DCT, "2022-04-29"),
    ("on Tuesday", DCT, "2022-04-26"),
    ("last Friday", DCT, "2022-04-22"),
    ("next Monday", DCT, "2022-05-02"),
    ("last week", DCT, "2022-W16"),
    ("this week", DCT, "2022-W17"),
    ("over the past week", DCT, "P1W"),
    ("two days ago", DCT, "2022-04-27"),
    ("three months ago", DCT, "2022-01"),
    ("earlier this month", DCT, "2022-04"),
    ("next month", DCT, "2022-05"),
    ("late last year", DCT, "2021"),
    ("in the 1990s", DCT, "199"),
    ("the '80s", DCT, "198"),
    ("now", DCT, "PRESENT_REF"),
    ("currently", DCT, "PRESENT_REF"),
    ("recently", DCT, "PAST_REF"),
    ("in the past", DCT, "PAST_REF"),
    ("over the years", DCT, "PXY"),
    ("for three years", DCT, "P3Y"),
    ("nine hours", DCT, "PT9H"),
    ("twenty-four hours", DCT, "PT24H"),
    ("two decades", DCT, "P20Y"),
    ("10-year", DCT, "P10Y"),
    ("several weeks", DCT, "PXW"),
    ("2021-W30", DCT, "2021-W30"),
    ("2022-Q1", DCT, "2022-Q1"),
    ("the first quarter", DCT, "2022-Q1"),
    ("the third quarter of 2019", DCT, "2019-Q3"),
    ("last summer", DCT, "2021-SU"),
    ("Friday morning", DCT, "2022-04-29TMO"),
    ("last night", DCT, "2022-04-28TNI"),
    ("10:35 a.m.", DCT, "2022-04-29T10:35"),
    ("9 p.m. Wednesday", DCT, "2022-04-27T21:00"),
    ("daily", DCT, "P1D"),
    ("every Thursday", DCT, "XXXX-WXX-4"),
    ("Christmas", DCT, "2021-12-25"),
    ("July last year", DCT, "2021-07"),
    ("January this year", DCT, "2022-01"),
    ("almost four years ago", DCT, "2018"),
    ("a week or so ago", DCT, "2022-W16"),
    ("recent weeks", DCT, "PXW"),
    ("in recent days", DCT, "PXD"),
    ("nineteen ninety-six", DCT, "1996"),
    ("the winter of nineteen ninety-four", DCT, "1994-WI"),
    ("January nineteen ninety-seven", DCT, "1997-01"),
    ("the year two thousand", DCT, "2000"),
    ("9 a.m. EST Tuesday", DCT, "2022-04-26T09:00"),
    ("noon Thursday", DCT, "2022-04-28T12:00"),
    ("the nineties", DCT, "199"),
    ("the coming weeks", DCT, "PXW"),
    ("the near future", DCT, "FUTURE_REF"),
    ("the latest period", DCT, "2022-Q1"),
    ("the full year", DCT, "2022"),
    ("the current fiscal year", DCT, "2022"),
    ("Thanksgiving", DCT, "2021-11-25"),
    ("Election Day", dt.date(2022, 10, 20), "2022-11-08"),
    ("Memorial Day 2021", DCT, "2021-05-31"),
    ("the week of March 6", DCT, "2022-W09"),
    ("the quarter a year ago", DCT, "2021-Q1"),
    ("the year-ago third quarter", DCT, "2020-Q3"),
    ("the fiscal-first quarter", DCT, "2022-Q1"),
    ("eight trading days", DCT, "P8D"),
    ("each July", DCT, "XXXX-07"),
    ("Tuesday nights", DCT, "XXXX-WXX-2TNI"),
]


@pytest.mark.parametrize(("text", "dct", "expected"), VALUES)
def test_normalise_value(text: str, dct: dt.date, expected: str) -> None:
    reading = normalise(text, dct)
    assert reading is not None, text
    assert reading.value == expected


# (phrase, expected value) without a publication date: placeholders, never a year.
UNANCHORED = [
    ("28 April", "XXXX-04-28"),
    ("Last July", "XXXX-07"),
    ("last year", "XXXX"),
    ("yesterday", "XXXX-XX-XX"),
    ("on Friday", "XXXX-WXX-5"),
    ("last week", "XXXX-WXX"),
    ("two days ago", "XXXX-XX-XX"),
    ("the third quarter", "XXXX-Q3"),
    ("26 August, 2017", "2017-08-26"),
    ("for three years", "P3Y"),
]


@pytest.mark.parametrize(("text", "expected"), UNANCHORED)
def test_normalise_without_dct(text: str, expected: str) -> None:
    reading = normalise(text, None)
    assert reading is not None
    assert reading.value == expected
    assert reading.anchored is False


# (phrase, DCT, (type, granularity, anchored, vague, start, end))
DETAILS = [
    ("over the past week", DCT, ("DURATION", "week", True, False, "2022-04-22", "2022-04-29")),
    ("the next two years", DCT, ("DURATION", "year", True, False, "2022-04-29", "2024-04-29")),
    ("Last July", DCT, ("DATE", "month", True, False, "2021-07-01", "2021-07-31")),
    ("last week", DCT, ("DATE", "week", True, False, "2022-04-18", "2022-04-24")),
    ("26 August, 2017", DCT, ("DATE", "day", False, False, "2017-08-26", "2017-08-26")),
    ("the 1990s", DCT, ("DATE", "decade", False, False, "1990-01-01", "1999-12-31")),
    ("2022-Q1", DCT, ("DATE", "quarter", False, False, "2022-01-01", "2022-03-31")),
    ("over the years", DCT, ("DURATION", "year", False, True, None, None)),
    ("recently", DCT, ("DATE", "vague", False, True, None, "2022-04-29")),
    ("nine hours", DCT, ("DURATION", "hour", False, False, None, None)),
    ("10:35 a.m.", DCT, ("TIME", "time", True, False, "2022-04-29", "2022-04-29")),
    ("weekly", DCT, ("SET", "week", False, False, None, None)),
]


@pytest.mark.parametrize(("text", "dct", "expected"), DETAILS)
def test_normalise_details(
    text: str, dct: dt.date, expected: tuple[str, str, bool, bool, str | None, str | None]
) -> None:
    reading = normalise(text, dct)
    assert reading is not None
    got = (reading.type, reading.granularity, reading.anchored, reading.vague)
    assert (*got, reading.start, reading.end) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "the",
        "62-year-old",
        "45 years old",
        "aged 30",
        "Mr. Smith",
        "many people",
        "seven a year ago",  # "up from seven a year ago": the count is no part of the time
        "the day",  # "the day after the vote": anaphoric, not the publication day
        "the night of",
        "years",  # "for years": TimeML leaves a bare plural unit out
    ],
)
def test_not_a_time(text: str) -> None:
    assert normalise(text, DCT) is None


# (phrase, DCT, tense of its clause, expected): a weekday or date in a past or future clause
# ("" when the tense is unknown). A month of the coming quarter is the coming one, unless
# the clause is in the past ("payable Jan. 2" vs "In January, it bought").
TENSE = [
    ("Friday", DCT, "", "2022-04-29"),
    ("Monday", DCT, "", "2022-04-25"),
    ("Monday", DCT, "future", "2022-05-02"),
    ("Thursday", DCT, "future", "2022-05-05"),
    ("January", dt.date(2021, 11, 10), "past", "2021-01"),
    ("January", dt.date(2021, 11, 10), "", "2022-01"),
    ("January", dt.date(2021, 11, 10), "future", "2022-01"),
    ("Jan. 2", dt.date(2021, 10, 26), "", "2022-01-02"),
    ("March", dt.date(2021, 10, 26), "", "2021-03"),
]


@pytest.mark.parametrize(("text", "dct", "tense", "expected"), TENSE)
def test_tense_decides_direction(text: str, dct: dt.date, tense: str, expected: str) -> None:
    reading = normalise(text, dct, future=tense == "future", past=tense == "past")
    assert reading is not None
    assert reading.value == expected


@pytest.mark.parametrize(
    ("year", "rule", "expected"),
    [
        (2021, "11-4-4", dt.date(2021, 11, 25)),  # fourth Thursday of November
        (2021, "05-1-5", dt.date(2021, 5, 31)),  # last Monday of May
        (2022, "11-1-1+1", dt.date(2022, 11, 8)),  # the Tuesday after the first Monday
        (2020, "02-6-5", dt.date(2020, 2, 29)),  # a fifth Saturday exists
        (2021, "02-6-5", dt.date(2021, 2, 27)),  # none: the last one
    ],
)
def test_nth_weekday(year: int, rule: str, expected: dt.date) -> None:
    assert cal.nth_weekday(year, rule) == expected


@pytest.mark.parametrize(
    ("month", "day", "dct", "expected"),
    [
        (4, 28, DCT, 2022),
        (12, 20, dt.date(2022, 1, 5), 2021),
        (6, 1, dt.date(2022, 4, 29), 2022),  # within the look-ahead window
        (9, 1, dt.date(2022, 4, 29), 2021),
        (2, 29, dt.date(2023, 3, 1), 2023),
    ],
)
def test_infer_year(month: int, day: int, dct: dt.date, expected: int) -> None:
    assert cal.infer_year(month, day, dct) == expected


@pytest.mark.parametrize(
    ("weekday", "direction", "future", "expected"),
    [
        (5, 0, False, dt.date(2022, 4, 29)),
        (4, 0, False, dt.date(2022, 4, 28)),
        (6, 0, False, dt.date(2022, 4, 23)),
        (5, -1, False, dt.date(2022, 4, 22)),
        (5, 1, False, dt.date(2022, 5, 6)),
        (1, 0, True, dt.date(2022, 5, 2)),
    ],
)
def test_resolve_weekday(weekday: int, direction: int, future: bool, expected: dt.date) -> None:
    assert cal.resolve_weekday(weekday, DCT, direction, future) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-07", ("2021-07-01", "2021-07-31")),
        ("2024-02", ("2024-02-01", "2024-02-29")),
        ("2022-W16", ("2022-04-18", "2022-04-24")),
        ("2021-Q4", ("2021-10-01", "2021-12-31")),
        ("199", ("1990-01-01", "1999-12-31")),
        ("2022-04-29T10:35", ("2022-04-29", "2022-04-29")),
        ("P1W", None),
        ("PRESENT_REF", None),
    ],
)
def test_bounds(value: str, expected: tuple[str, str] | None) -> None:
    assert cal.bounds(value) == expected


def expression(text: str, value: str, anchored: bool = False) -> TimeExpression:
    start, end = (cal.bounds(value) or (None, None)) if "P" not in value else (None, None)
    return TimeExpression(
        id="T1",
        span=TextSpan(0, len(text), text),
        value=value,
        type="DATE",
        start=start,
        end=end,
        anchored=anchored,
        vague=False,
        granularity="day",
    )


@pytest.mark.parametrize(
    ("text", "value", "dct", "anchored", "warned"),
    [
        ("Friday, 14 March 2025", "2025-03-14", dt.date(2025, 3, 20), False, False),
        ("Monday, 14 March 2025", "2025-03-14", dt.date(2025, 3, 20), False, True),
        ("Monday, 14 March 2025", "2025-03-14", None, False, True),
        ("Tue 1 March 2022", "2022-03-01", DCT, False, False),
        ("3 May 2022", "2022-05-03", DCT, False, True),  # after the publication date
        ("2 April 2022", "2022-04-02", DCT, False, False),
        ("the past week", "P1W", DCT, True, False),
        ("next Tuesday", "2022-05-03", DCT, True, False),  # forward by its own words
        ("Tuesday 28 April", "2022-04-28", DCT, True, True),  # 28 April 2022 is a Thursday
        ("4 May", "2022-05-04", DCT, True, True),  # a day number: checked like a full date
    ],
)
def test_consistency_warnings(
    text: str, value: str, dct: dt.date | None, anchored: bool, warned: bool
) -> None:
    warnings = consistency_warnings((expression(text, value, anchored),), dct)
    assert bool(warnings) is warned


def test_no_after_publication_warning_without_dct() -> None:
    assert consistency_warnings((expression("3 May 2022", "2022-05-03"),), None) == ()


# --- the stage over parsed text -----------------------------------------------------------

# (sentence, DCT, expected (phrase, value) pairs) — hand-written news sentences.
SENTENCES = [
    (
        "The ministry said on Thursday that the convoy had been stopped twice over the past "
        "week near the border.",
        DCT,
        [("Thursday", "2022-04-28"), ("the past week", "P1W")],
    ),
    (
        "Last July, a spokesman for the port authority promised new cranes by next month.",
        DCT,
        [("Last July", "2021-07"), ("next month", "2022-05")],
    ),
    (
        "The audit, published on 3 February, 2019, covered the whole of 2018.",
        DCT,
        [("3 February, 2019", "2019-02-03"), ("2018", "2018")],
    ),
    (
        "Residents have complained about the smell for three years, and the plant is now closed.",
        DCT,
        [("three years", "P3Y"), ("now", "PRESENT_REF")],
    ),
    (
        "In January of 2020 the council approved the plan; two days ago it was shelved.",
        DCT,
        [("January of 2020", "2020-01"), ("two days ago", "2022-04-27")],
    ),
    (
        "The union will meet the employers on Monday, the chairwoman said yesterday.",
        DCT,
        [("Monday", "2022-05-02"), ("yesterday", "2022-04-28")],
    ),
    (
        "Fishing boats have been leaving the harbour earlier this month, as they did in the 1990s.",
        DCT,
        [("earlier this month", "2022-04"), ("the 1990s", "199")],
    ),
    (
        "The talks lasted nine hours on 28 April and ended without a deal.",
        None,
        [("nine hours", "PT9H"), ("28 April", "XXXX-04-28")],
    ),
    (
        "The members had filed their reports by Wednesday, the agency said.",
        DCT,
        [("Wednesday", "2022-04-27")],  # past perfect: "by" does not look ahead
    ),
    (
        "The dividend is payable Jan. 2 to holders of record, the bank said.",
        dt.date(2022, 10, 26),
        [("Jan. 2", "2023-01-02")],
    ),
    (
        "In January, the bank bought a smaller rival.",
        dt.date(2022, 10, 26),
        [("January", "2022-01")],  # past tense: the January before
    ),
    (
        "Exports fell in July last year, and the offer expires at 5 p.m. EST Nov. 9.",
        dt.date(2022, 11, 2),
        [("July last year", "2021-07"), ("5 p.m. EST Nov. 9", "2022-11-09T17:00")],
    ),
    (
        "The market opens every Thursday, and the fair returns each July.",
        DCT,
        [("every Thursday", "XXXX-WXX-4"), ("each July", "XXXX-07")],
    ),
    (
        "Traders have been nervous in recent weeks.",
        DCT,
        [("recent weeks", "PXW")],
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "dct", "expected"), SENTENCES)
def test_extract_times(
    nlp, text: str, dct: dt.date | None, expected: list[tuple[str, str]]
) -> None:  # type: ignore[no-untyped-def]
    times = extract_times(nlp(text), dct)
    found = [(t.span.text, t.value) for t in times]
    for pair in expected:
        assert pair in found, found
    for t in times:
        assert text[t.span.start : t.span.end] == t.span.text
    assert [t.id for t in times] == [f"T{i}" for i in range(1, len(times) + 1)]


@pytest.mark.model
def test_extract_times_marks_anchoring(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Prices rose last year, the bank said in a report dated 12 March 2021."
    anchored = {t.span.text: t.anchored for t in extract_times(nlp(text), DCT)}
    assert anchored == {"last year": True, "12 March 2021": False}
    unanchored = extract_times(nlp(text), None)
    assert [t.value for t in unanchored] == ["XXXX", "2021-03-12"]


@pytest.mark.model
def test_quarter_comparison_context(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Profit in the third quarter rose to $4 million from $3 million a year earlier."
    values = {t.span.text: t.value for t in extract_times(nlp(text), dt.date(2021, 10, 20))}
    assert values["the third quarter"] == "2021-Q3"
    assert values["a year earlier"] == "2020-Q3"


@pytest.mark.model
def test_year_ago_quarter_is_not_shifted_twice(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Profit in the third quarter rose from the year-ago quarter. "
        "The year-ago results were restated."
    )
    values = [t.value for t in extract_times(nlp(text), dt.date(2021, 10, 20))]
    assert values == ["2021-Q3", "2020-Q3", "2020-Q3"]


@pytest.mark.model
def test_a_reporting_quarter_keeps_its_date(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Sales rose for the quarter ended Sept. 30 and for the year ended June 30."
    values = {t.span.text: t.value for t in extract_times(nlp(text), dt.date(2021, 10, 20))}
    assert values["the quarter"] == "2021-Q3"
    assert values["the year"] == "P1Y"


@pytest.mark.model
def test_weekday_and_date_read_as_one_expression(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The ferry left on Thursday, 10 March 2023, and again on Friday, March 17."
    times = extract_times(nlp(text), dt.date(2023, 3, 20))
    assert [(t.span.text, t.value) for t in times] == [
        ("Thursday, 10 March 2023", "2023-03-10"),
        ("Friday, March 17", "2023-03-17"),
    ]
    warnings = consistency_warnings(times, dt.date(2023, 3, 20))
    assert warnings == ("T1: 'Thursday, 10 March 2023' names Thursday but 2023-03-10 is a Friday",)


@pytest.mark.model
def test_future_clause_is_not_after_publication(nlp) -> None:  # type: ignore[no-untyped-def]
    said = "The trial began on 20 March 2023."
    planned = "The trial will begin on 20 March 2023."
    for text, warned in ((said, True), (planned, False)):
        doc = nlp(text)
        warnings = consistency_warnings(extract_times(doc, dt.date(2023, 3, 15)), DCT_2023, doc)
        assert bool(warnings) is warned, text


DCT_2023 = dt.date(2023, 3, 15)


@pytest.mark.model
def test_time_of_day_takes_the_date_after_it(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The blast came at 3 p.m. on Monday; the fire was out by noon, 16 March 2023."
    values = {t.span.text: t.value for t in extract_times(nlp(text), DCT_2023)}
    assert values["3 p.m."] == "2023-03-13T15:00" and values["Monday"] == "2023-03-13"
    assert values["noon"] == "2023-03-16T12:00"
    other = "The blast came at 10:35 a.m. (0735 GMT) Friday near the port."
    values = {t.span.text: t.value for t in extract_times(nlp(other), DCT_2023)}
    assert values["10:35 a.m."] == "2023-03-10T10:35"


def test_module_exports() -> None:
    assert set(time_stage.__all__) >= {"TimeExpression", "extract_times", "consistency_warnings"}
