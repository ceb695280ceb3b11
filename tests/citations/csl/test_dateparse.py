"""Reading CSL-JSON dates: `date-parts` as numbers or digit strings, partial dates, ranges and
open ranges, seasons (months 13–16 and 21–24 too), `literal`, and `raw` or plain strings as
citeproc-js reads them; values that hold no date read as None, unreadable text as a literal."""

from __future__ import annotations

from typing import Any

import pytest

from drafter.citations.csl.dateparse import DateValue, Point, parse, to_int


@pytest.mark.parametrize(
    ("value", "start", "end"),
    [
        ({"date-parts": [[2000, 3, 15]]}, Point(2000, 3, 15), None),
        ({"date-parts": [["2000", "3", "15"]]}, Point(2000, 3, 15), None),
        ({"date-parts": [[2000, 3]]}, Point(2000, 3), None),
        ({"date-parts": [[1999, 1, 2], [2000, 1, 4]]}, Point(1999, 1, 2), Point(2000, 1, 4)),
        ({"date-parts": [[2000, 21]]}, Point(2000, season=1), None),
        ({"date-parts": [[2000, 15]]}, Point(2000, season=3), None),
        ({"date-parts": [[2000]], "season": 3}, Point(2000, season=3), None),
        ({"date-parts": [[2000]], "season": "Midsummer"}, Point(2000, season="Midsummer"), None),
        ({"date-parts": [[2000, 0, 15]]}, Point(2000), None),  # a day without a month is dropped
        ({"date-parts": [[2000, 2, 40]]}, Point(2000, 2), None),
        ({"raw": "2000-03-15"}, Point(2000, 3, 15), None),
        ({"date-parts": [], "raw": "2000/2001"}, Point(2000), Point(2001)),
        ("2000-03-15", Point(2000, 3, 15), None),
        ("2000-03-15T10:22:00Z", Point(2000, 3, 15), None),
        ("March 2000", Point(2000, 3), None),
        ("Spring 2005", Point(2005, season=1), None),
        ("15 March 2000", Point(2000, 3, 15), None),
        ("Dec. 15, 2000", Point(2000, 12, 15), None),
        ("1st June 1965", Point(1965, 6, 1), None),
        ("10/4/1998", Point(1998, 10, 4), None),  # month first, as citeproc-js guesses
        ("25/4/1998", Point(1998, 4, 25), None),
        ("44 BC", Point(-44), None),
        ("100 B.C.", Point(-100), None),
        ("-44", Point(-44), None),
        ("May 1–3, 2000", Point(2000, 5, 1), Point(2000, 5, 3)),
        ("May 3 - June 2, 2000", Point(2000, 5, 3), Point(2000, 6, 2)),
        ("Spring 1999 - Summer 2001", Point(1999, season=1), Point(2001, season=2)),
        ("2000-03-15/2000-04-01", Point(2000, 3, 15), Point(2000, 4, 1)),
        ("1999-2000", Point(1999), Point(2000)),
    ],
)
def test_a_date_value_reads_into_its_start_and_end(value: Any, start: Point, end: Point) -> None:
    date = parse(value)
    assert date is not None and date.literal is None
    assert (date.start, date.end) == (start, end)


def test_an_end_of_zero_is_an_open_range() -> None:
    assert parse({"date-parts": [[1987], [0]]}) == DateValue(Point(1987), open_end=True)


@pytest.mark.parametrize("text", ["1987\u2013", "1987-", "1987/", "1987/.."])
def test_a_text_range_without_an_end_is_open(text: str) -> None:
    assert parse(text) == DateValue(Point(1987), open_end=True)


def test_a_range_whose_ends_are_equal_is_one_date() -> None:
    assert parse({"date-parts": [[2000, 1, 2], [2000, 1, 2]]}) == DateValue(Point(2000, 1, 2))


@pytest.mark.parametrize(
    "text", ["no date given", "5 3 2000", "the year of the flood", "2000 2001"]
)
def test_a_string_that_is_not_a_date_is_kept_as_a_literal(text: str) -> None:
    assert parse(text) == DateValue(literal=text)
    assert parse({"date-parts": [], "raw": text}) == DateValue(literal=text)


def test_a_literal_wins_over_date_parts() -> None:
    date = parse({"date-parts": [[2000]], "literal": "in press"})
    assert date == DateValue(literal="in press")


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "   ",
        {},
        {"date-parts": []},
        {"date-parts": [[]]},
        {"date-parts": [[0]]},
        {"date-parts": "2000"},
        {"date-parts": {"a": 1}},
        {"date-parts": [None]},
        {"date-parts": [[[2000]]]},
        {"date-parts": [[True]]},
        {"date-parts": [["x"]]},
        {"date-parts": [[2000.5]]},
        {"date-parts": [[float("nan")]]},
        True,
        [2000],
        3.5,
    ],
)
def test_a_value_that_holds_no_date_reads_as_none(value: Any) -> None:
    assert parse(value) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (5, 5),
        ("5", 5),
        (" -44 ", -44),
        ("+7", 7),
        (2000.0, 2000),
        (True, None),
        ("5a", None),
        (2.5, None),
        ("1" * 41, None),
        (10**9, None),
        (None, None),
        ([1], None),
    ],
)
def test_to_int_takes_numbers_and_digit_strings_only(value: Any, expected: int | None) -> None:
    assert to_int(value) == expected
