"""Numbers in CSL: is-numeric, label plurality, cs:number forms, ordinals and roman numerals.
Cases named after a CSL test-suite fixture (../shared/csl-test-suite/humans) prove what it
proves, on its numbers or values of their own; the rest follow the CSL 1.0.2 specification."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from drafter.citations.csl.numbers import (
    format_number,
    is_numeric,
    is_plural,
    ordinal,
    roman,
)

from .fake_terms import EN, FR, IT, LEGACY, NB_HYPHEN, NL, NONE, SEPARATE, FakeTerms


def finishes_quickly(run: Callable[[], object], seconds: float = 20.0) -> None:
    """A linear pass over these values takes a second or less; a quadratic one would take hours."""
    start = time.perf_counter()
    run()
    assert time.perf_counter() - start < seconds


# is_numeric


@pytest.mark.parametrize("value", ["2nd", "L2", "L2d", "12a", "D2", "2E", "8n11564", "0"])
def test_a_number_with_a_prefix_or_suffix_is_numeric(value: str) -> None:
    assert is_numeric(value)


@pytest.mark.parametrize(
    "value", ["2-4", "2 - 4", "2–4", "2, 4", "2 , 4", "2 & 4", "2&4", "2 and 4", "213, and 235"]
)
def test_numbers_joined_by_a_comma_hyphen_ampersand_or_and_are_numeric(value: str) -> None:
    assert is_numeric(value)


def test_the_locales_and_term_joins_numbers_when_it_is_given() -> None:
    assert not is_numeric("213 et 235")
    assert is_numeric("213 et 235", and_term="et")
    assert is_numeric("213, et 235", and_term="et")


@pytest.mark.parametrize(
    "value",
    [
        "second",
        "2nd edition",
        "2 4",
        "a1b2",
        "2.5",
        "expanded edition",  # as number_IsNumericWithAlpha
        "Fifth ed.",  # condition_TextIsNotNumeric
        "",  # condition_EmptyIsNumericFalse
        "   ",
        # as number_SpacesMakeIsNumericFalse
        "rule: 1998, revised in part May 3, 2004, and March 9, 2011",
    ],
)
def test_words_spaces_and_emptiness_make_a_value_not_numeric(value: str) -> None:
    assert not is_numeric(value)


def test_an_integer_and_a_numeral_are_numeric() -> None:
    assert is_numeric(5)  # condition_NumberIsNumeric
    assert is_numeric("5")  # condition_NumeralIsNumeric
    assert not is_numeric(True)


def test_a_comma_without_a_space_after_it_joins_nothing() -> None:
    """As citeproc-js reads it, so a thousands separator is not taken for two numbers."""
    assert not is_numeric("2,3")
    assert not is_numeric("1,000")
    assert not is_plural("1,000")


@pytest.mark.parametrize("value", ["-5", -5, "١٢", "٣", "²", "2ª", "五"])
def test_negative_numbers_and_non_ascii_digits_are_not_numeric(value: str | int) -> None:
    assert not is_numeric(value)


def test_an_escaped_hyphen_makes_one_number_of_two() -> None:
    # as label_CollapsedPageNumberPluralDetection, where the label stays singular
    assert is_numeric("327\\-30")
    assert not is_plural("327\\-30")


def test_an_abbreviated_locator_label_before_a_number_keeps_it_numeric() -> None:
    assert is_numeric("7, p. 3-8")  # number_OrdinalSpacing
    assert is_numeric("p. 5")
    assert is_numeric("vol. 2")
    assert not is_numeric("x. 5")
    assert not is_numeric("5 p.")


def test_a_letter_range_after_a_number_is_one_number() -> None:
    assert is_numeric("12a-c")
    assert not is_plural("12a-c")


# is_plural


@pytest.mark.parametrize("value", ["1-3", "2 & 4", "2, 4", "32-34", "1–3", "S12-S15", "xii-xv"])
def test_a_range_or_several_numbers_are_plural(value: str) -> None:
    assert is_plural(value)


@pytest.mark.parametrize("value", ["1", "2nd", "xii", "e9612", "", "1 to 5", "2 4"])
def test_one_number_or_numbers_not_joined_are_singular(value: str) -> None:
    assert not is_plural(value)


def test_numbers_joined_by_and_are_plural() -> None:
    assert is_plural("213 and 235")  # label_PluralWithAnd
    assert is_plural("213, and 235")  # label_PluralWithCommaAnd
    assert is_plural("213 et 235", and_term="et")  # label_PluralWithLocalizedAnd
    assert is_plural("213, et 235", and_term="et")  # label_PluralWithCommaLocalizedAnd


def test_a_one_letter_and_term_is_not_taken_for_a_roman_numeral() -> None:
    assert is_plural("3 i 5", and_term="i")  # Catalan "i"
    assert not is_plural("i", and_term="i")


def test_a_range_followed_by_other_text_is_plural() -> None:
    # as locator_SingularEmbeddedLabelAfterPlural, whose label is plural
    assert is_plural("367-368, fig. 333")


def test_number_of_pages_is_plural_above_one() -> None:
    assert not is_plural("1", variable="number-of-pages")
    assert not is_plural("01", variable="number-of-volumes")
    assert not is_plural("0", variable="number-of-pages")
    assert is_plural("3", variable="number-of-volumes")
    assert is_plural(10, variable="number-of-pages")
    assert not is_plural("3", variable="volume")


# format_number


def test_a_number_takes_each_form() -> None:
    assert format_number("42", "numeric", EN) == "42"  # number_SimpleNumberArabic
    assert format_number("42", "ordinal", EN) == "42nd"  # number_SimpleNumberOrdinalShort
    assert format_number("42", "long-ordinal", EN) == "42nd"  # number_SimpleNumberOrdinalLong
    assert format_number("9", "long-ordinal", EN) == "ninth"  # number_SimpleNumberOrdinalLong
    assert format_number("42", "roman", EN) == "xlii"  # number_SimpleNumberRoman
    assert format_number(100, "numeric", EN) == "100"  # number_FailingDelimiters


def test_each_number_is_transformed_and_the_delimiters_are_kept() -> None:
    assert format_number("2-4", "ordinal", EN) == "2nd–4th"
    assert format_number("2 - 4", "numeric", EN) == "2–4"
    assert format_number("2,  3", "roman", EN) == "ii, iii"
    assert format_number("2 , 3", "numeric", EN) == "2, 3"
    assert format_number("2&3", "long-ordinal", EN) == "second & third"
    assert format_number("213 and 235", "ordinal", EN) == "213th and 235th"
    assert format_number("213 ,  et 235", "ordinal", FR) == "213ᵉ, et 235ᵉ"


def test_a_number_with_an_affix_or_leading_zero_is_never_transformed() -> None:
    assert format_number("2E", "ordinal", EN) == "2E"
    assert format_number("12a", "roman", EN) == "12a"
    assert format_number("05", "ordinal", EN) == "05"
    assert format_number("2a-4", "ordinal", EN) == "2a–4th"
    assert format_number("327\\-30", "ordinal", EN) == "327-30"


@pytest.mark.parametrize(
    "value",
    [
        "Special edition",
        "expanded edition",  # as number_IsNumericWithAlpha
        # as number_SpacesMakeIsNumericFalse
        "rule: 1998, revised in part May 3, 2004, and March 9, 2011",
        " 2nd edition ",
        "-5",
    ],
)
def test_non_numeric_text_comes_back_unchanged(value: str) -> None:
    assert format_number(value, "ordinal", EN) == value


def test_the_range_delimiter_is_the_locales_term_or_an_en_dash() -> None:
    assert format_number("1-2", "numeric", FR) == f"1{NB_HYPHEN}2"
    assert format_number("1-2", "numeric", NONE) == "1–2"


def test_numbers_with_different_prefixes_keep_their_hyphen() -> None:
    assert format_number("S1-T2", "numeric", EN) == "S1-T2"
    assert format_number("S1-S2", "numeric", EN) == "S1–S2"


def test_an_embedded_label_is_rendered_again_and_its_numbers_stay_numeric() -> None:
    assert format_number("7, p. 3-8", "ordinal", EN) == "7th, pp. 3–8"  # number_OrdinalSpacing
    assert format_number("7, pp. 3", "ordinal", EN) == "7th, p. 3"
    assert format_number("7, ch. 3", "ordinal", EN) == "7th, ch. 3"  # no term: as written


def test_an_unknown_form_renders_numbers_as_they_are() -> None:
    assert format_number("2-4", "spelled-out", EN) == "2–4"


# ordinal


ENGLISH = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 11: "11th", 12: "12th", 13: "13th"}
ENGLISH |= {21: "21st", 22: "22nd", 23: "23rd", 101: "101st", 111: "111th", 112: "112th"}
ENGLISH |= {0: "0th", 100: "100th", 1000001: "1000001st"}


@pytest.mark.parametrize(("number", "expected"), ENGLISH.items())
def test_english_ordinals_follow_the_last_digits(number: int, expected: str) -> None:
    assert ordinal(number, EN, None) == expected


def test_a_gendered_ordinal_is_used_for_its_gender() -> None:
    assert ordinal(1, FR, "feminine") == "1ʳᵉ"  # as number_NewOrdinalsEdition
    assert ordinal(1, FR, "masculine") == "1ᵉʳ"
    assert ordinal(1, FR, None) == "1ᵉ"
    assert ordinal(1, FR, "neuter") == "1ᵉ"
    assert ordinal(21, FR, "feminine") == "21ᵉ"  # match="whole-number"


def test_a_gendered_ordinal_falls_back_to_the_neuter_term_of_the_same_number() -> None:
    assert ordinal(2, EN, "feminine") == "2nd"
    assert ordinal(12, EN, "masculine") == "12th"
    terms = FakeTerms({"ordinal": "e", "ordinal-01": "x"}, {("ordinal-01", "feminine"): "re"})
    terms.matches[("ordinal-01", "feminine")] = "whole-number"
    assert [ordinal(n, terms, "feminine") for n in (1, 21)] == ["1re", "21x"]


def test_a_missing_gendered_ordinal_falls_back_to_the_neuter_one() -> None:
    # number_SeparateOrdinalNamespaces: edition is feminine, issue masculine.
    editions = [ordinal(n, SEPARATE, "feminine") for n in (1, 2, 3)]
    issues = [ordinal(n, SEPARATE, "masculine") for n in (1, 2, 3)]
    assert editions == ["1.ª", "2.ª", "3.ª"]
    assert issues == ["1.º", "2.ºº", "3.ª"]


DUTCH = {1: "1ste", 2: "2de", 8: "8ste", 0: "0de", 100: "100ste", 102: "102de"}
DUTCH |= {22: "22ste", 13: "13de", 113: "113de", 20: "20ste"}


@pytest.mark.parametrize(("number", "expected"), DUTCH.items())
def test_an_ordinal_terms_match_limits_the_numbers_it_takes(number: int, expected: str) -> None:
    assert ordinal(number, NL, None) == expected


def test_a_two_digit_ordinal_term_wins_over_a_one_digit_one() -> None:
    terms = FakeTerms({"ordinal": "d", "ordinal-03": "x", "ordinal-13": "y", "ordinal-11": "w"})
    terms.matches[("ordinal-11", None)] = "whole-number"
    assert [ordinal(n, terms) for n in (3, 13, 23, 113)] == ["3x", "13y", "23x", "113y"]
    assert [ordinal(n, terms) for n in (11, 111)] == ["11w", "111d"]


def test_a_csl_1_0_locale_uses_ordinal_01_to_04() -> None:
    numbers = (1, 2, 3, 4, 11, 12, 13, 22, 104, 113, 121)
    expected = ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "22nd", "104th", "113th"]
    assert [ordinal(n, LEGACY) for n in numbers] == [*expected, "121st"]


def test_long_ordinals_name_one_to_ten_and_fall_back_to_ordinals() -> None:
    assert [ordinal(n, EN, long=True) for n in (1, 2, 10)] == ["first", "second", "tenth"]
    assert ordinal(11, EN, long=True) == "11th"
    assert ordinal(21, EN, long=True) == "21st"  # long-ordinal-01 matches the whole number
    assert ordinal(2, NONE, long=True) == "2"


def test_a_long_ordinal_takes_the_gender_and_falls_back_to_the_neuter() -> None:
    assert ordinal(1, IT, "masculine", long=True) == "primo"
    assert ordinal(1, IT, "feminine", long=True) == "prima"
    assert ordinal(10, IT, "masculine", long=True) == "decima"
    assert ordinal(2, IT, "feminine", long=True) == "2ª"


def test_an_ordinal_without_terms_is_the_number() -> None:
    assert ordinal(5, NONE) == "5"


def test_negative_and_huge_numbers_are_ordinals_too() -> None:
    assert ordinal(-3, EN) == "-3rd"
    assert ordinal(10**30 + 2, EN) == "1" + "0" * 29 + "2nd"


# roman


ROMAN = {1: "i", 4: "iv", 9: "ix", 14: "xiv", 40: "xl", 90: "xc", 400: "cd", 900: "cm"}
ROMAN |= {1994: "mcmxciv", 3999: "mmmcmxcix"}


@pytest.mark.parametrize(("number", "expected"), ROMAN.items())
def test_roman_numerals_are_lower_case(number: int, expected: str) -> None:
    assert roman(number) == expected


@pytest.mark.parametrize("number", [0, -3, 4000, 10**25])
def test_a_number_without_a_roman_numeral_stays_in_digits(number: int) -> None:
    assert roman(number) == str(number)


# hostile values

MEGABYTE = 1_000_000
QUARTER = MEGABYTE // 4


def test_a_megabyte_number_is_read_without_converting_it() -> None:
    digits = "7" * MEGABYTE
    finishes_quickly(lambda: is_numeric(digits))
    assert is_numeric(digits)
    assert not is_plural(digits)
    assert format_number(digits, "ordinal", EN) == digits + "th"
    assert format_number(digits, "roman", EN) == digits


# A megabyte of one character, or a quarter of one holding some 100,000 numbers.
LONG_VALUES = {
    "ranges": "1-2, " * (QUARTER // 5),
    "ampersands": "1&" * (QUARTER // 2) + "1",
    "ands": "1 and " * (QUARTER // 6) + "1",
    "labels": "p. 1, " * (QUARTER // 6),
    "periods": "1." * (QUARTER // 2),
    "alternating": "1a" * (MEGABYTE // 2),
    "spaces": "1" + " " * MEGABYTE + "2",
    "leading": " " * MEGABYTE + "x",
    "hyphens": "-" * MEGABYTE,
    "commas": ", " * (MEGABYTE // 2),
}


@pytest.mark.parametrize("value", list(LONG_VALUES.values()), ids=list(LONG_VALUES))
def test_a_long_value_is_read_in_linear_time(value: str) -> None:
    def read() -> None:
        is_numeric(value)
        is_plural(value)
        format_number(value, "ordinal", EN)

    finishes_quickly(read)


def test_many_numbers_are_formatted_in_linear_time() -> None:
    value = ", ".join(str(n) for n in range(50_000))
    out: list[str] = []
    finishes_quickly(lambda: out.append(format_number(value, "ordinal", EN)))
    assert out[0].startswith("0th, 1st, 2nd, 3rd, 4th, 5th")
    assert out[0].endswith("49998th, 49999th")


def test_an_enormous_ordinal_number_is_left_alone_or_ordinalized() -> None:
    assert is_numeric("99999999999999999999th")
    assert format_number("99999999999999999999th", "ordinal", EN) == "99999999999999999999th"
    assert format_number("99999999999999999999", "ordinal", EN) == "99999999999999999999th"
    assert format_number("99999999999999999999", "roman", EN) == "99999999999999999999"
    assert format_number("99999999999999999991", "long-ordinal", EN) == "99999999999999999991st"


def test_negative_numbers_and_unicode_digits_come_back_unchanged() -> None:
    assert format_number(-5, "ordinal", EN) == "-5"
    assert format_number("-5", "roman", EN) == "-5"
    assert format_number("٣", "ordinal", EN) == "٣"
    assert format_number("３", "roman", EN) == "３"  # a fullwidth digit
