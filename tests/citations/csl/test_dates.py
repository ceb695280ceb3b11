"""CSL dates: CSL-JSON date input, localized and own date-parts, part forms, seasons, ranges,
literals, group suppression, the implicit year suffix, sort keys, hostile values, and the CSL
test suite's `date_*` fixtures. Expected texts follow the CSL 1.0.2 specification and the
fixtures (../shared/csl-test-suite/humans)."""

from __future__ import annotations

import time
from typing import Any

import pytest

from drafter.citations.csl import dates, sortkeys
from drafter.citations.csl.context import Context, Disambiguation
from drafter.citations.csl.data import Cite, Item
from drafter.citations.csl.dateparse import DateValue, Point, parse
from drafter.citations.csl.processor import Processor
from drafter.citations.csl.rich import Rich
from drafter.citations.csl.style import Style

from .suite_fixtures import passing

DATE_FIXTURES_FLOOR = 65  # date_* fixtures passing; the rest wait on names and the processor
DASH = "\u2013"

STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id/><title/><updated>2024-01-01T00:00:00+00:00</updated></info>
  {locale}
  {macros}
  <citation><layout>{layout}</layout></citation>
  <bibliography>{sort}<layout><text variable="title"/></layout></bibliography>
</style>"""


def style_of(layout: str, locale: str = "", macros: str = "", sort: str = "") -> Style:
    xml = STYLE.format(layout=layout, locale=locale, macros=macros, sort=sort)
    return Style(xml.encode())


def context(style: Style, record: dict[str, Any], **options: Any) -> Context:
    return Context(style, Cite(Item({"id": "ITEM-1", **record})), "citation", **options)


def rendered(
    layout: str,
    record: dict[str, Any],
    *,
    locale: str = "",
    lang: str | None = None,
    year_suffix: str | None = None,
) -> str:
    """The citation layout's plain text for one item."""
    xml = STYLE.format(layout=layout, locale=locale, macros="", sort="")
    style = Style(xml.encode(), lang)
    ctx = context(style, record, disambiguation=Disambiguation(year_suffix=year_suffix))
    out = style.citation.layout.evaluate(ctx)
    return "" if out is None else out.text()


def issued(*parts: list[Any], **extra: Any) -> dict[str, Any]:
    return {"issued": {"date-parts": list(parts), **extra}}


TEXT = '<date variable="issued" form="text"/>'
NUMERIC = '<date variable="issued" form="numeric"/>'
OWN = """<date variable="issued">
  <date-part name="month" suffix=" "/><date-part name="day" suffix=", "/>
  <date-part name="year"/></date>"""


# --- the locale's month names ---------------------------------------------------------------


def test_the_locale_s_month_names_are_read_in_text_dates() -> None:
    style = style_of(TEXT)
    french = Style(STYLE.format(layout=TEXT, locale="", macros="", sort="").encode(), "fr-FR")
    assert parse("15 mars 2000", dates.month_names(french.locale)) == DateValue(Point(2000, 3, 15))
    assert parse("15 mars 2000", dates.month_names(style.locale)).literal == "15 mars 2000"


# --- uncertain dates -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({"date-parts": [[2000]], "circa": True}, True),
        ({"date-parts": [[2000]], "circa": 1}, True),
        ({"date-parts": [[2000]], "circa": "true"}, True),
        ({"date-parts": [[2000]], "circa": "0"}, False),
        ({"date-parts": [[2000]], "circa": False}, False),
        ({"date-parts": [[2000]]}, False),
        ({"raw": "c. 1900"}, True),
        ("circa 1900", True),
        ("1900?", True),
        ("ca. 1900", True),
        ("1900", False),
        (None, False),
        ({"circa": True}, False),  # no date, so nothing is uncertain
    ],
)
def test_is_uncertain_reads_circa_and_uncertain_text(value: Any, expected: bool) -> None:
    assert dates.is_uncertain(value) is expected


def test_is_uncertain_date_holds_only_for_an_uncertain_date() -> None:
    layout = '<choose><if is-uncertain-date="issued"><text value="circa "/></if></choose>' + OWN
    assert rendered(layout, issued([2005, 12, 15], circa=1)) == "circa December 15, 2005"
    assert rendered(layout, issued([2005, 12, 15])) == "December 15, 2005"


# --- localized dates --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("layout", "parts", "expected"),
    [
        (TEXT, [2005, 12, 15], "December 15, 2005"),
        (TEXT, [2005, 12], "December 2005"),
        (TEXT, [2005], "2005"),
        (NUMERIC, [2005, 12, 15], "12/15/2005"),
        (NUMERIC, [2005, 4, 5], "04/05/2005"),
        (NUMERIC, [2005, 12], "12/2005"),
        (
            '<date variable="issued" form="text" date-parts="year-month"/>',
            [2005, 12, 15],
            "December 2005",
        ),
        ('<date variable="issued" form="text" date-parts="year"/>', [2005, 12, 15], "2005"),
        (
            '<date variable="issued" form="numeric" date-parts="year-month"/>',
            [2005, 12, 15],
            "12/2005",
        ),
    ],
)
def test_a_localized_date_follows_the_locale_s_format(
    layout: str, parts: list[int], expected: str
) -> None:
    assert rendered(layout, issued(parts)) == expected


def test_a_localized_date_follows_the_style_s_language() -> None:
    assert rendered(TEXT, issued([2005, 12, 15]), lang="fr-FR") == "15 décembre 2005"
    assert rendered(NUMERIC, issued([2005, 12, 5]), lang="fr-FR") == "05/12/2005"


def test_the_style_s_locale_date_format_comes_before_the_locale_file_s() -> None:
    locale = """<locale><date form="text">
      <date-part name="year"/><date-part name="month" prefix=". "/>
      <date-part name="day" prefix=" " suffix="."/></date></locale>"""
    assert rendered(TEXT, issued([1998, 4, 10]), locale=locale) == "1998. April 10."


def test_a_style_date_part_overrides_the_locale_s_form_and_formatting_but_not_affixes() -> None:
    layout = """<date variable="issued" form="text">
      <date-part name="month" form="short" suffix="!!" prefix="??"/>
      <date-part name="day" form="numeric-leading-zeros"/></date>"""
    assert rendered(layout, issued([2005, 12, 5])) == "Dec. 05, 2005"


def test_a_style_date_part_does_not_reorder_a_localized_date() -> None:
    layout = """<date variable="issued" form="text">
      <date-part name="year"/><date-part name="day"/><date-part name="month"/></date>"""
    assert rendered(layout, issued([2005, 12, 15])) == "December 15, 2005"


def test_formatting_on_a_date_part_covers_the_part_and_not_its_affixes() -> None:
    style = style_of("""<date variable="issued" form="text">
      <date-part name="month" font-style="italic"/></date>""")
    out = style.citation.layout.evaluate(context(style, issued([2005, 12, 15])))
    assert out is not None and out.text() == "December 15, 2005"
    assert _formatted(out, "font-style", "italic") == ["December"]


# --- dates with their own date-parts ----------------------------------------------------------


@pytest.mark.parametrize(
    ("part", "parts", "expected"),
    [
        ('<date-part name="month"/>', [2005, 12], "December"),
        ('<date-part name="month" form="short"/>', [2005, 12], "Dec."),
        ('<date-part name="month" form="short" strip-periods="true"/>', [2005, 12], "Dec"),
        ('<date-part name="month" form="numeric"/>', [2005, 4], "4"),
        ('<date-part name="month" form="numeric-leading-zeros"/>', [2005, 4], "04"),
        ('<date-part name="month" text-case="uppercase"/>', [2005, 4], "APRIL"),
        ('<date-part name="day"/>', [2005, 4, 5], "5"),
        ('<date-part name="day" form="numeric-leading-zeros"/>', [2005, 4, 5], "05"),
        ('<date-part name="year"/>', [2005], "2005"),
        ('<date-part name="year" form="short"/>', [2005], "05"),
        ('<date-part name="year" prefix="[" suffix="]"/>', [2005], "[2005]"),
    ],
)
def test_a_date_part_renders_in_its_form(part: str, parts: list[int], expected: str) -> None:
    assert rendered(f'<date variable="issued">{part}</date>', issued(parts)) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (21, "21st"),
        (22, "22nd"),
        (23, "23rd"),
        (31, "31st"),
    ],
)
def test_an_ordinal_day_takes_the_locale_s_ordinal(day: int, expected: str) -> None:
    layout = '<date variable="issued"><date-part name="day" form="ordinal"/></date>'
    assert rendered(layout, issued([2000, 1, day])) == expected


def test_limit_day_ordinals_to_day_1_leaves_other_days_numeric() -> None:
    locale = '<locale><style-options limit-day-ordinals-to-day-1="true"/></locale>'
    layout = '<date variable="issued"><date-part name="day" form="ordinal"/></date>'
    assert rendered(layout, issued([1965, 6, 1]), locale=locale) == "1st"
    assert rendered(layout, issued([1965, 6, 2]), locale=locale) == "2"


def test_negative_and_short_years_take_the_bc_and_ad_terms() -> None:
    layout = '<date variable="issued"><date-part name="year"/></date>'
    assert rendered(layout, issued([-44])) == "44 BC"
    assert rendered(layout, issued([79])) == "79 AD"
    assert rendered(layout, issued([1999])) == "1999"


def test_the_date_s_delimiter_joins_the_parts_that_print() -> None:
    layout = """<date variable="issued" delimiter="-"><date-part name="year"/>
      <date-part name="month" form="numeric"/><date-part name="day"/></date>"""
    assert rendered(layout, issued([2005, 7, 13])) == "2005-7-13"
    assert rendered(layout, issued([2005])) == "2005"


def test_the_date_s_affixes_text_case_and_formatting_wrap_the_whole_date() -> None:
    layout = '<date variable="issued" form="text" prefix="(" suffix=")" text-case="uppercase"/>'
    assert rendered(layout, issued([2005, 12, 15])) == "(DECEMBER 15, 2005)"
    style = style_of('<date variable="issued" form="text" font-weight="bold"/>')
    out = style.citation.layout.evaluate(context(style, issued([2005, 12, 15])))
    assert out is not None and _formatted(out, "font-weight", "bold") == ["December 15, 2005"]


def test_the_rendered_date_is_marked_with_its_variable() -> None:
    style = style_of('<date variable="accessed" form="text"/>')
    node = style.citation.layout.children[0]
    out = node.evaluate(context(style, {"accessed": {"date-parts": [[2001, 2, 3]]}}))
    assert out is not None and out.role == "date:accessed"


# --- seasons ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (issued([2000], season=3), "Autumn 2000"),
        (issued([2000], season="3"), "Autumn 2000"),
        (issued([2000, 21]), "Spring 2000"),
        (issued([2000, 16]), "Winter 2000"),
        (issued([2000], season="Michaelmas"), "Michaelmas 2000"),
        (issued([2000, 5], season=3), "May 2000"),  # a month wins over a season
    ],
)
def test_a_season_prints_in_the_month_s_place(date: dict[str, Any], expected: str) -> None:
    assert rendered(TEXT, date) == expected


def test_a_season_counts_as_a_variable_printed_in_a_group() -> None:
    layout = """<group prefix="(" suffix=")"><date variable="issued">
      <date-part name="month"/><date-part name="day" prefix=" "/></date></group>"""
    assert rendered(layout, issued([2000], season=3)) == "(Autumn)"


# --- ranges -----------------------------------------------------------------------------------


DAY_MONTH_YEAR = """<date variable="issued">
  <date-part name="day" suffix=" "/><date-part name="month" suffix=" "/>
  <date-part name="year"/></date>"""


@pytest.mark.parametrize(
    ("layout", "parts", "expected"),
    [
        (TEXT, [[2000], [2001]], f"2000{DASH}2001"),
        (TEXT, [[2000, 5, 1], [2000, 5, 3]], f"May 1{DASH}3, 2000"),
        (TEXT, [[2000, 5, 3], [2000, 6, 2]], f"May 3{DASH}June 2, 2000"),
        (TEXT, [[2000, 12, 30], [2001, 1, 2]], f"December 30, 2000{DASH}January 2, 2001"),
        (TEXT, [[2000, 5], [2000, 8]], f"May{DASH}August 2000"),
        (TEXT, [[1987], [0]], f"1987{DASH}"),
        (TEXT, [[1999, 21], [2001, 22]], f"Spring 1999{DASH}Summer 2001"),
        (TEXT, [[1999, 22], [1999, 21]], f"Summer{DASH}Spring 1999"),
        (NUMERIC, [[2005, 11, 15], [2006, 12, 20]], f"11/15/2005{DASH}12/20/2006"),
        (DAY_MONTH_YEAR, [[2003, 8, 10], [2003, 8, 23]], f"10{DASH}23 August 2003"),
        (DAY_MONTH_YEAR, [[2003, 8, 3], [2003, 10, 23]], f"3 August{DASH}23 October 2003"),
        (DAY_MONTH_YEAR, [[1987, 8], [2003, 10]], f"August 1987{DASH}October 2003"),
        (
            '<date variable="issued" form="text" date-parts="year"/>',
            [[1999, 1], [1999, 3]],
            "1999",
        ),  # the parts that differ are not shown
    ],
)
def test_a_range_collapses_at_the_largest_part_that_differs(
    layout: str, parts: list[list[int]], expected: str
) -> None:
    assert rendered(layout, issued(*parts)) == expected


def test_a_range_takes_the_range_delimiter_of_the_largest_part_that_differs() -> None:
    locale = """<locale><date form="text" delimiter=" ">
      <date-part name="day" range-delimiter="_D_"/>
      <date-part name="month" range-delimiter="_M_"/>
      <date-part name="year" range-delimiter="_Y_"/></date></locale>"""
    cases = {
        ((1999, 1, 2), (1999, 1, 4)): "2_D_4 January 1999",
        ((1999, 1, 2), (1999, 3, 4)): "2 January_M_4 March 1999",
        ((1999, 1, 2), (2000, 1, 4)): "2 January 1999_Y_4 January 2000",
    }
    for (start, end), expected in cases.items():
        assert rendered(TEXT, issued(list(start), list(end)), locale=locale) == expected


def test_the_end_of_a_range_drops_the_prefix_of_its_first_part() -> None:
    locale = """<locale><date form="text">
      <date-part name="year"/><date-part name="month" prefix=". "/>
      <date-part name="day" prefix=" " suffix="."/></date></locale>"""
    date = issued([1998, 4, 10], [1998, 5, 3])
    assert rendered(TEXT, date, locale=locale) == f"1998. April 10{DASH}May 3."


# --- literals and text dates ------------------------------------------------------------------


def test_a_literal_prints_with_the_date_s_affixes() -> None:
    layout = OWN.replace(
        '<date variable="issued">', '<date variable="issued" prefix="(" suffix=")">'
    )
    date = {"issued": {"date-parts": [], "literal": "perhaps before 1800"}}
    assert rendered(layout, date) == "(perhaps before 1800)"


def test_a_literal_prints_only_where_the_year_would() -> None:
    layout = '<date variable="issued"><date-part name="month"/></date>'
    assert rendered(layout, {"issued": {"literal": "in press"}}) == ""


def test_a_raw_date_renders_like_date_parts_and_an_unreadable_one_as_written() -> None:
    assert rendered(TEXT, {"issued": {"raw": "March 2000"}}) == "March 2000"
    assert rendered(TEXT, {"issued": "2000-03-15"}) == "March 15, 2000"
    assert rendered(TEXT, {"issued": {"date-parts": [], "raw": "no date given"}}) == "no date given"


# --- group suppression ------------------------------------------------------------------------


def test_a_date_counts_as_tried_and_as_printed_only_when_it_prints() -> None:
    style = style_of(TEXT)
    node = style.citation.layout.children[0]
    for record, printed in ((issued([2000]), 1), ({}, 0), (issued([]), 0)):
        ctx = context(style, record)
        node.evaluate(ctx)
        assert (ctx.called, ctx.rendered) == (1, printed)


def test_a_group_whose_date_prints_nothing_is_suppressed() -> None:
    layout = """<text value="Kept"/><group><text value=" (dropped)"/>
      <date variable="issued"><date-part name="month"/></date></group>"""
    assert rendered(layout, issued([1965])) == "Kept"
    assert rendered(layout, {}) == "Kept"


def test_a_date_a_substitute_has_printed_is_not_printed_again() -> None:
    style = style_of(TEXT)
    ctx = context(style, issued([2000]))
    ctx.suppressed.add("issued")
    assert style.citation.layout.evaluate(ctx) is None
    assert (ctx.called, ctx.rendered) == (1, 0)


# --- the implicit year suffix -----------------------------------------------------------------


def test_the_year_suffix_follows_the_first_year_of_the_cite_once() -> None:
    layout = TEXT + '<text value="; "/>' + TEXT.replace("issued", "accessed")
    record = {**issued([2000, 5, 1]), "accessed": {"date-parts": [[2001, 2, 3]]}}
    assert rendered(layout, record, year_suffix="b") == "May 1, 2000b; February 3, 2001"


def test_the_year_suffix_follows_a_year_range() -> None:
    layout = '<date variable="issued"><date-part name="year"/></date>'
    assert rendered(layout, issued([2000], [2001]), year_suffix="a") == f"2000{DASH}2001a"


def test_the_year_suffix_is_left_to_a_style_that_prints_the_year_suffix_variable() -> None:
    layout = TEXT + '<text variable="year-suffix"/>'
    assert rendered(layout, issued([2000]), year_suffix="a") == "2000a"
    assert rendered(TEXT, issued([2000]), year_suffix=None) == "2000"


# --- sorting ----------------------------------------------------------------------------------


def _sort_value(record: dict[str, Any]) -> str | None:
    style = style_of(TEXT)
    return dates.sort_value(context(style, record, sorting=True), "issued")


def test_the_date_sort_hook_is_registered() -> None:
    assert dates.sort_value in sortkeys.DATE_SORT


def test_date_sort_values_order_dates_in_time() -> None:
    in_order = [
        issued([-100, 7, 13]),
        issued([-44, 3, 15]),
        issued([-44, 3, 16]),
        issued([54, 10, 13]),
        issued([1999]),
        issued([1999, 5]),
        issued([2000, 5]),
        issued([2000, 5], [1999, 5]),  # a range sorts by its start, then its end
        issued([2000, 5], [2001, 5]),
        issued([2000, 11, 2]),
        issued([999_999_999]),
    ]
    keys = [_sort_value(record) for record in in_order]
    assert all(keys)
    assert keys == sorted(keys)  # type: ignore[type-var]


def test_an_item_without_the_date_has_no_sort_value() -> None:
    assert _sort_value({}) is None
    assert _sort_value(issued([])) is None


def test_a_date_in_a_sort_macro_sorts_by_the_parts_it_shows() -> None:
    macro = '<macro name="date"><date variable="issued" form="numeric" date-parts="year"/></macro>'
    style = style_of(
        TEXT, macros=macro, sort='<sort><key macro="date"/><key variable="title"/></sort>'
    )
    records = [
        {"id": "A", "title": "Book A", **issued([2000, 11, 2])},
        {"id": "C", "title": "Book C", **issued([2001])},
        {"id": "D", "title": "Book D", **issued([1999])},
        {"id": "B", "title": "Book B", **issued([2000, 11, 1])},
    ]
    processor = Processor(style, records)
    ordered = processor.bibliography_order(list(processor.items.values()))
    assert [item.id for item in ordered] == ["D", "A", "B", "C"]


def test_items_without_a_date_sort_last_by_a_date_key() -> None:
    style = style_of(TEXT, sort='<sort><key variable="issued"/><key variable="title"/></sort>')
    records = [
        {"id": "1", "title": "A"},
        {"id": "2", "title": "B", **issued([2000])},
        {"id": "3", "title": "C"},
        {"id": "4", "title": "D", **issued([1999])},
    ]
    processor = Processor(style, records)
    ordered = processor.bibliography_order(list(processor.items.values()))
    assert [item.id for item in ordered] == ["4", "2", "1", "3"]


def test_a_sorting_render_gives_the_sort_string_without_affixes() -> None:
    style = style_of('<date variable="issued" form="text" prefix="(" suffix=")"/>')
    node = style.citation.layout.children[0]
    out = node.evaluate(context(style, issued([2000, 5, 1]), sorting=True))
    assert out is not None
    assert out.text() == dates.sort_key(DateValue(Point(2000, 5, 1)))
    assert "(" not in out.text()


# --- hostile input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        {"date-parts": [[10**30]]},
        {"date-parts": [["9" * 1_000_000]]},
        {"date-parts": [[-(10**30), 1, 1]]},
        {"date-parts": [[2000, 10**30, 10**30]]},
        {"date-parts": [[2000, "x", []]]},
        {"date-parts": [[2000], "x"]},
        {"date-parts": [None, None]},
        {"season": 10**30, "date-parts": [[2000]]},
        {"circa": [1, 2], "date-parts": [[2000]]},
        {"literal": 5, "date-parts": [[2000]]},
        {"raw": ["2000"]},
        [[2000]],
        12.5,
    ],
)
def test_hostile_date_values_never_raise(value: Any) -> None:
    for layout in (TEXT, NUMERIC, OWN):
        text = rendered(layout, {"issued": value})
        assert "000000000" not in text  # no huge year printed


def test_a_huge_year_within_bounds_prints_and_one_beyond_prints_nothing() -> None:
    layout = '<date variable="issued"><date-part name="year"/></date>'
    assert rendered(layout, issued([999_999_999])) == "999999999"
    assert rendered(layout, issued([1_000_000_000])) == ""
    assert rendered(layout, issued([-999_999_999])) == "999999999 BC"


def test_ten_thousand_date_parts_use_the_first_two() -> None:
    parts = [[2000, 5, 1], [2000, 5, 3]] + [[1, 1, 1]] * 10_000
    started = time.perf_counter()
    assert rendered(TEXT, {"issued": {"date-parts": parts}}) == f"May 1{DASH}3, 2000"
    assert time.perf_counter() - started < 1


@pytest.mark.parametrize(
    "text", ["x" * 1_000_000, "1" * 1_000_000, "2000-" * 200_000, "May " * 250_000]
)
def test_a_one_megabyte_string_is_printed_as_written_quickly(text: str) -> None:
    started = time.perf_counter()
    out = rendered(TEXT, {"issued": {"raw": text}})
    assert out == text.strip()
    assert rendered(TEXT, {"issued": text}) == text.strip()
    assert time.perf_counter() - started < 2


def test_every_long_raw_string_short_enough_to_parse_is_read_in_bounded_time() -> None:
    text = "-".join(["2000"] * 60) + " " + "/".join(["May"] * 10)
    started = time.perf_counter()
    date = parse(text[:256])
    assert date is not None
    assert time.perf_counter() - started < 1


# --- the CSL test suite -----------------------------------------------------------------------


def test_the_suite_s_date_fixtures_pass_at_least_the_floor() -> None:
    total, passed = passing("date_")
    assert total == 67
    assert len(passed) >= DATE_FIXTURES_FLOOR, f"{len(passed)} of {total} pass"


def _formatted(rich: Rich, name: str, value: str) -> list[str]:
    """The texts of the nodes in a tree that carry one formatting value."""
    found = [rich.text()] if rich.formatting.get(name) == value else []
    for child in rich.children:
        if isinstance(child, Rich):
            found += _formatted(child, name, value)
    return found
