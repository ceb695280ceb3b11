"""Cite grouping and collapsing: same authors together, years and year suffixes collapsed,
citation-number ranges, and the delimiters between them."""

from __future__ import annotations

from typing import Any

from drafter.citations.csl import suite

NS = 'xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"'
AUTHOR_DATE = (
    '<group delimiter=" "><names variable="author"><name form="short"/></names>'
    '<date variable="issued"><date-part name="year"/></date></group>'
    '<text variable="locator" prefix=", "/>'
)


def _book(key: str, family: str, year: int) -> dict[str, Any]:
    return {
        "id": key,
        "type": "book",
        "title": f"Report {key}",
        "author": [{"family": family, "given": "Ada"}],
        "issued": {"date-parts": [[year]]},
    }


ITEMS = [
    _book("a1", "Marsh", 1990),
    _book("b1", "Quill", 1995),
    _book("a2", "Marsh", 1998),
    _book("a3", "Marsh", 1998),
    _book("a4", "Marsh", 1998),
]


SORTED = '<sort><key macro="author"/></sort>'
AUTHOR_MACRO = '<macro name="author"><names variable="author"/></macro>'


def _cite(
    options: str, cites: list[dict[str, Any]], layout: str = AUTHOR_DATE, sort: str = ""
) -> str:
    style = (
        f"<style {NS}>{AUTHOR_MACRO}<citation {options}>{sort}"
        f'<layout prefix="(" suffix=")" delimiter="; ">{layout}</layout></citation></style>'
    ).encode()
    return suite.citations(style, ITEMS, [suite.Cluster(cites)])[0]


def test_in_a_sorted_citation_cites_by_one_author_come_together_and_lose_the_name() -> None:
    text = _cite('collapse="year"', [{"id": "b1"}, {"id": "a2"}, {"id": "a1"}], sort=SORTED)
    assert text == "(Marsh 1998, 1990; Quill 1995)"


def test_in_an_unsorted_citation_only_neighbours_collapse() -> None:
    text = _cite('collapse="year"', [{"id": "a1"}, {"id": "b1"}, {"id": "a2"}])
    assert text == "(Marsh 1990; Quill 1995; Marsh 1998)"
    text = _cite('collapse="year"', [{"id": "a1"}, {"id": "a2"}, {"id": "b1"}])
    assert text == "(Marsh 1990, 1998; Quill 1995)"


def test_without_collapsing_nothing_moves() -> None:
    assert _cite("", [{"id": "a1"}, {"id": "b1"}, {"id": "a2"}]) == (
        "(Marsh 1990; Quill 1995; Marsh 1998)"
    )


def test_grouping_alone_keeps_the_names_and_uses_the_group_delimiter() -> None:
    cites = [{"id": "a1"}, {"id": "b1"}, {"id": "a2"}]
    text = _cite('cite-group-delimiter=" / "', cites, sort=SORTED)
    assert text == "(Marsh 1990 / Marsh 1998; Quill 1995)"


def test_a_cite_with_a_prefix_is_not_moved_past() -> None:
    by_year = '<sort><key variable="issued" sort="descending"/></sort>'
    cites = [{"id": "a1"}, {"id": "b1"}, {"id": "a2"}]
    assert _cite('collapse="year"', cites, sort=by_year) == "(Marsh 1998, 1990; Quill 1995)"
    cites[1]["prefix"] = "see "
    assert _cite('collapse="year"', cites, sort=by_year) == (
        "(Marsh 1998; see Quill 1995; Marsh 1990)"
    )


def test_a_located_cite_in_a_year_group_takes_the_after_collapse_delimiter() -> None:
    cites = [{"id": "a1", "locator": "4"}, {"id": "a2", "locator": "9"}]
    assert _cite('collapse="year"', cites) == "(Marsh 1990, 4; 1998, 9)"


def test_same_year_cites_show_only_their_year_suffix() -> None:
    options = 'collapse="year-suffix" disambiguate-add-year-suffix="true"'
    text = _cite(options, [{"id": "a2"}, {"id": "a3"}, {"id": "a4"}])
    assert text == "(Marsh 1998a; b; c)"  # year-suffix-delimiter is the layout's by default
    text = _cite(options + ' year-suffix-delimiter=","', [{"id": "a2"}, {"id": "a3"}])
    assert text == "(Marsh 1998a,b)"


def test_three_successive_suffixes_become_a_range() -> None:
    options = 'collapse="year-suffix-ranged" disambiguate-add-year-suffix="true"'
    text = _cite(options, [{"id": "a2"}, {"id": "a3"}, {"id": "a4"}])
    assert text == "(Marsh 1998a\u2013c)"


def test_three_consecutive_citation_numbers_become_a_range() -> None:
    layout = '<text variable="citation-number"/>'
    every = [{"id": key} for key in ("a1", "b1", "a2", "a3", "a4")]
    cites = [{"id": key} for key in ("a1", "b1", "a2", "a4")]
    style = (
        f'<style {NS}><citation collapse="citation-number"><layout prefix="[" suffix="]" '
        f'delimiter=", ">{layout}</layout></citation></style>'
    ).encode()
    clusters = [suite.Cluster(every), suite.Cluster(cites)]
    assert suite.citations(style, ITEMS, clusters) == ["[1\u20135]", "[1\u20133, 5]"]
