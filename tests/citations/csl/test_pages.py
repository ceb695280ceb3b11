"""Page ranges in CSL: the page-range formats, prefixes, delimiters and text that is no range.
Cases named after a CSL test-suite fixture (../shared/csl-test-suite/humans) carry its page values
and the ranges it expects; the rest follow the CSL 1.0.2 specification."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from drafter.citations.csl.pages import page_range

NB_HYPHEN = "\u2011"  # the fr-FR page-range delimiter
MEGABYTE = 1_000_000


def finishes_quickly(run: Callable[[], object], seconds: float = 20.0) -> None:
    """A linear pass over these values takes a second or less; a quadratic one would take hours."""
    start = time.perf_counter()
    run()
    assert time.perf_counter() - start < seconds


# page_Chicago: each page value and its RESULT.
CHICAGO_15 = [
    ("101-108", "101–8"),
    ("3-10", "3–10"),
    ("71-72", "71–72"),
    ("96-117", "96–117"),
    ("100-4", "100–104"),
    ("600-13", "600–613"),
    ("1100-23", "1100–1123"),
    ("107-108", "107–8"),
    ("505-17", "505–17"),
    ("1002-1006", "1002–6"),
    ("321-325", "321–25"),
    ("415-532", "415–532"),
    ("1536-538", "1536–38"),
    ("11564-11568", "11564–68"),
    ("11564-11578", "11564–78"),
    ("13792-13803", "13792–803"),
    ("1496-504", "1496–1504"),
    ("2787-816", "2787–2816"),
]


@pytest.mark.parametrize(("value", "expected"), CHICAGO_15)
@pytest.mark.parametrize("fmt", ["chicago", "chicago-15"])
def test_chicago_is_the_15th_editions_rules(value: str, fmt: str, expected: str) -> None:
    assert page_range(value, fmt, "–") == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [  # the CSL 1.0.2 specification's examples, Appendix V
        ("3-10", "3–10"),
        ("71-72", "71–72"),
        ("92-113", "92–113"),
        ("100-104", "100–104"),
        ("600-613", "600–613"),
        ("1100-1123", "1100–1123"),
        ("107-108", "107–8"),
        ("505-517", "505–17"),
        ("1002-1006", "1002–6"),
        ("321-325", "321–25"),
        ("415-532", "415–532"),
        ("1087-1089", "1087–89"),
        ("1496-1500", "1496–500"),
        ("11564-11568", "11564–68"),
        ("13792-13803", "13792–803"),
        ("12991-13001", "12991–3001"),
    ],
)
def test_chicago_16_shortens_to_the_changed_part(value: str, expected: str) -> None:
    assert page_range(value, "chicago-16", "–") == expected


def test_chicago_15_keeps_all_digits_when_three_of_four_change() -> None:
    assert page_range("1496-1504", "chicago-15", "–") == "1496–1504"
    assert page_range("2787-2816", "chicago-15", "–") == "2787–2816"
    assert page_range("2787-2816", "chicago-16", "–") == "2787–816"


def test_expanded_writes_the_second_number_in_full() -> None:
    assert page_range("42-5", "expanded", "–") == "42–45"
    assert page_range("321-28", "expanded", "–") == "321–328"
    assert page_range("2787-816", "expanded", "–") == "2787–2816"
    # as label_CollapsedPageNumberPluralDetection
    assert page_range("427-30", "expanded", "–") == "427–430"


def test_minimal_leaves_out_the_repeated_digits() -> None:
    assert page_range("42-45", "minimal", "–") == "42–5"
    assert page_range("321-328", "minimal", "–") == "321–8"
    assert page_range("2787-2816", "minimal", "–") == "2787–816"
    assert page_range("98-102", "minimal", "–") == "98–102"


def test_minimal_two_keeps_two_digits() -> None:
    assert page_range("42-45", "minimal-two", "–") == "42–45"
    assert page_range("321-328", "minimal-two", "–") == "321–28"
    assert page_range("2787-2816", "minimal-two", "–") == "2787–816"
    assert page_range("1-5", "minimal-two", "–") == "1–5"


def test_without_a_format_only_the_delimiter_changes() -> None:
    assert page_range("110-5", None, "–") == "110–5"  # page_NoOption
    assert page_range("1-2", None, "=") == "1=2"  # locale_PageRangeDelimiterTermDefined
    assert page_range("463-509", None, NB_HYPHEN) == f"463{NB_HYPHEN}509"  # number_StrangeError
    assert page_range("321-28", "unknown-format", "–") == "321–28"


def test_the_delimiter_is_the_one_given() -> None:
    # page_WithLocaleAndWeirdDelimiter: fr's non-breaking hyphen
    assert page_range("253-257", "chicago", NB_HYPHEN) == f"253{NB_HYPHEN}57"


def test_each_range_of_a_value_is_formatted() -> None:
    assert page_range("1-5, 7-9", "minimal", "–") == "1–5, 7–9"
    assert page_range("101-108, 321-328 & 1536-538", "chicago", "–") == "101–8, 321–28 & 1536–38"
    # as locator_SingularEmbeddedLabelAfterPlural
    assert page_range("367-368, fig. 333", None, "–") == "367–368, fig. 333"


def test_a_prefix_is_repeated_only_in_expanded_form() -> None:
    assert page_range("S12-S15", "expanded", "–") == "S12–S15"
    assert page_range("S12-S15", "minimal", "–") == "S12–5"
    assert page_range("S12-S15", "chicago", "–") == "S12–15"
    assert page_range("S12-S15", None, "–") == "S12–S15"
    assert page_range("8n11564-8n1568", "chicago", "–") == "8n11564–68"  # page_ChicagoWeird
    assert page_range("n11564-n1568", "chicago", "–") == "n11564–68"  # page_ChicagoWeird


def test_numbers_with_different_prefixes_are_no_range() -> None:
    assert page_range("n11564-1568", "chicago", "–") == "n11564-1568"  # page_ChicagoWeird
    # page_ExpandWeirdComposite
    composite = "123N110 - N5, 456K200 - 99"
    assert page_range(composite, "expanded", "–") == "123N110-N5, 456K200-99"


@pytest.mark.parametrize(
    "value", ["a-b", "1-5-7", "12a-c", "e9612", "Introduction", "", "- 5", "1 to 5", "١-٢"]
)
def test_text_that_is_no_range_is_left_as_it_is(value: str) -> None:
    for fmt in (None, "expanded", "minimal", "chicago-16"):
        assert page_range(value, fmt, "–") == value


def test_roman_numerals_and_affixed_numbers_only_get_the_delimiter() -> None:
    assert page_range("xii-xv", "minimal", "–") == "xii–xv"
    assert page_range("XII-XV", "expanded", "–") == "XII–XV"
    assert page_range("12a-15b", "minimal", "–") == "12a–15b"
    assert page_range("011-015", "minimal", "–") == "011–015"


def test_a_range_that_does_not_ascend_is_not_shortened() -> None:
    assert page_range("22-22", "minimal", "–") == "22–22"
    assert page_range("50-40", "chicago", "–") == "50–40"
    assert page_range("5-07", "minimal", "–") == "5–07"


def test_an_escaped_hyphen_is_a_hyphen_and_no_range() -> None:
    # as label_CollapsedPageNumberPluralDetection, where the label stays singular
    assert page_range("327\\-30", "expanded", "–") == "327-30"


def test_spaces_and_en_dashes_around_a_range_are_read_as_a_hyphen() -> None:
    assert page_range("329 - 348", None, "–") == "329–348"
    assert page_range("2703 –2710", "expanded", "–") == "2703–2710"
    assert page_range("10–19", "minimal", "–") == "10–9"


def test_a_megabyte_number_is_no_range() -> None:
    digits = "7" * MEGABYTE
    assert page_range(digits, "chicago", "–") == digits


def test_a_megabyte_range_is_shortened_without_arithmetic() -> None:
    half = MEGABYTE // 2
    value = "1" * half + "-" + "1" * (half - 1) + "2"
    for fmt in ("expanded", "minimal", "minimal-two", "chicago-15", "chicago-16"):
        out = page_range(value, fmt, "–")
        assert out.startswith("1" * half + "–")
    assert page_range(value, "minimal", "–").endswith("–2")


# A megabyte of one character, or a quarter of one holding some 50,000 ranges.
LONG_VALUES = {
    "ranges": "1-2, " * (MEGABYTE // 20),
    "chains": "1-" * (MEGABYTE // 8) + "1",
    "alternating": "1a" * (MEGABYTE // 2),
    "spaces": "1" + " " * MEGABYTE + "-2",
    "hyphens": "-" * MEGABYTE,
    "escaped": "\\-" * (MEGABYTE // 2),
}


@pytest.mark.parametrize("value", list(LONG_VALUES.values()), ids=list(LONG_VALUES))
def test_a_long_value_is_read_in_linear_time(value: str) -> None:
    def read() -> None:
        for fmt in (None, "expanded", "minimal", "minimal-two", "chicago", "chicago-16"):
            page_range(value, fmt, "–")

    finishes_quickly(read)
