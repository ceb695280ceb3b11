"""Cite grouping and collapsing (csl/collapse.py) with year suffixes: which cites group, the delimiters between
them, suffixes alone and as ranges."""

from __future__ import annotations

from typing import Any

from drafter.citations.csl import (  # noqa: F401  (dates and names register their elements)
    dates,
    names,
    suite,
)

NS = 'xmlns="http://purl.org/net/xbiblio/csl" version="1.0"'
AUTHOR_YEAR = (
    '<group delimiter=" "><names variable="author"><name form="short"/></names>'
    '<date variable="issued"><date-part name="year"/></date></group>'
)
SUFFIX = 'disambiguate-add-year-suffix="true"'


def book(number: int, family: str, year: int, **fields: Any) -> dict:
    return {
        "id": f"ITEM-{number}",
        "type": "book",
        "author": [{"family": family, "given": "A"}],
        "issued": {"date-parts": [[year]]},
        **fields,
    }


def cited(
    items: list[dict],
    citation: str,
    style_class: str = "in-text",
    layout: str = AUTHOR_YEAR,
    sort: str = "",
    cites: list[dict] | None = None,
) -> str:
    body = (
        f'<style {NS} class="{style_class}"><citation {citation}>{sort}'
        f'<layout delimiter="; ">{layout}</layout></citation></style>'
    ).encode()
    cites = cites or [{"id": item["id"]} for item in items]
    return suite.citations(body, items, [suite.Cluster(cites)])[0]


ALIKE = [book(1, "Doe", 2000), book(2, "Doe", 2000), book(3, "Doe", 2001)]


def test_year_suffixes_collapse_after_the_cite_group_delimiter() -> None:
    options = f'{SUFFIX} collapse="year-suffix" cite-group-delimiter="/" year-suffix-delimiter=","'
    assert cited(ALIKE, options) == "Doe 2000a/b/2001"


def test_year_suffixes_collapse_after_the_year_suffix_delimiter_without_one() -> None:
    assert cited(ALIKE, f'{SUFFIX} collapse="year-suffix" year-suffix-delimiter=","') == (
        "Doe 2000a,b, 2001"
    )


def test_a_note_style_groups_with_the_layout_delimiter_by_default() -> None:
    options = f'{SUFFIX} collapse="year-suffix" year-suffix-delimiter=","'
    assert cited(ALIKE, options, "note") == "Doe 2000a,b; 2001"


def test_three_suffixes_in_sequence_are_a_range_with_year_suffix_ranged() -> None:
    items = [book(n, "Doe", 2000) for n in range(1, 5)]
    cites = [{"id": f"ITEM-{n}"} for n in (1, 2, 3, 4)]
    options = f'{SUFFIX} collapse="year-suffix-ranged"'
    assert cited(items, options, cites=cites) == "Doe 2000a–d"
    assert cited(items[:2], options) == "Doe 2000a; b"


def test_cites_move_next_to_their_authors_only_in_a_sorted_citation() -> None:
    items = [book(1, "Doe", 2000), book(2, "Roe", 2001), book(3, "Doe", 2002)]
    assert cited(items, 'collapse="year"') == "Doe 2000; Roe 2001; Doe 2002"
    sort = '<sort><key variable="issued"/></sort>'
    assert cited(items, 'collapse="year"', sort=sort) == "Doe 2000, 2002; Roe 2001"


def test_the_after_collapse_delimiter_follows_a_locator_and_a_group() -> None:
    layout = f'<group delimiter=", ">{AUTHOR_YEAR}<text variable="locator"/></group>'
    items = [book(1, "Doe", 2000), book(2, "Doe", 2001), book(3, "Roe", 2002)]
    options = 'collapse="year" after-collapse-delimiter="|"'
    cites = [{"id": "ITEM-1", "locator": "3"}, {"id": "ITEM-2"}, {"id": "ITEM-3"}]
    assert cited(items, options, layout=layout, cites=cites) == "Doe 2000, 3|2001|Roe 2002"
    assert cited(items, options, layout=layout) == "Doe 2000; 2001|Roe 2002"


def test_cites_printing_no_names_collapse_to_their_suffixes() -> None:
    layout = '<date variable="issued"><date-part name="year"/></date>'
    options = f'{SUFFIX} collapse="year-suffix" year-suffix-delimiter=","'
    assert cited(ALIKE, options, layout=layout) == "2000a,b; 2001"
