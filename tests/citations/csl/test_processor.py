"""The processor over a document: positions from note numbers, citation numbers, the reference
list's empty entries, and the citation-label it makes."""

from __future__ import annotations

from typing import Any

from drafter.citations.csl import suite
from drafter.citations.csl.processor import Citation, Processor
from drafter.citations.csl.style import Style

NS = 'xmlns="http://purl.org/net/xbiblio/csl" version="1.0"'
POSITIONS = """
<choose>
  <if position="ibid-with-locator"><text value="ibid-loc"/></if>
  <else-if position="ibid"><text value="ibid"/></else-if>
  <else-if position="near-note"><text value="near"/></else-if>
  <else-if position="subsequent"><text value="later"/></else-if>
  <else><text variable="title"/></else>
</choose>
<text variable="locator" prefix=" " />
"""
ITEMS = [
    {"id": "a", "type": "book", "title": "Tide Tables", "author": [{"family": "Marsh"}]},
    {"id": "b", "type": "book", "title": "Salt Roads", "author": [{"family": "Quill"}]},
]


def _style(layout: str, *, note: bool = True, citation: str = "", delimiter: str = "; ") -> Style:
    kind = "note" if note else "in-text"
    return Style(
        f'<style {NS} class="{kind}"><citation {citation}>'
        f'<layout delimiter="{delimiter}">{layout}</layout></citation></style>'.encode()
    )


def _render(style: Style, clusters: list[tuple[list[dict[str, Any]], int | None]]) -> list[str]:
    processor = Processor(style, ITEMS)
    citations = [
        Citation(
            [processor.cite(c["id"], **{k: v for k, v in c.items() if k != "id"}) for c in cites],
            note,
        )
        for cites, note in clusters
    ]
    return [r.text() for r in processor.citations(citations)]


def test_a_repeat_in_the_next_note_is_ibid_and_a_new_locator_ibid_with_locator() -> None:
    notes = _render(
        _style(POSITIONS),
        [([{"id": "a"}], 1), ([{"id": "a"}], 2), ([{"id": "a", "locator": "4"}], 3)],
    )
    assert notes == ["Tide Tables", "ibid", "ibid-loc 4"]


def test_a_note_without_citations_between_breaks_the_ibid() -> None:
    notes = _render(_style(POSITIONS), [([{"id": "a"}], 1), ([{"id": "a"}], 3)])
    assert notes == ["Tide Tables", "near"]


def test_ibid_needs_the_note_before_to_hold_nothing_else() -> None:
    clusters = [([{"id": "b"}], 1), ([{"id": "a"}], 1), ([{"id": "a"}], 2)]
    assert _render(_style(POSITIONS), clusters)[2] == "near"


def test_two_citations_of_one_item_in_the_same_note_are_ibid() -> None:
    clusters = [([{"id": "a"}], 1), ([{"id": "b"}], 2), ([{"id": "b"}], 2)]
    assert _render(_style(POSITIONS), clusters)[2] == "ibid"


def test_a_cite_after_one_of_the_same_item_in_its_citation_is_ibid() -> None:
    (note,) = _render(_style(POSITIONS), [([{"id": "a"}, {"id": "a", "locator": "9"}], 1)])
    assert note == "Tide Tables; ibid-loc 9"


def test_near_note_counts_notes_not_citations() -> None:
    style = _style(POSITIONS, citation='near-note-distance="2"')
    clusters = [([{"id": "a"}], 1), ([{"id": "b"}], 2), ([{"id": "a"}], 3), ([{"id": "b"}], 9)]
    assert _render(style, clusters)[2:] == ["near", "later"]


def test_a_term_opening_a_note_is_capitalised_and_one_inside_it_is_not() -> None:
    style = _style(
        '<choose><if position="ibid"><text term="ibid"/></if>'
        '<else><text variable="title"/></else></choose>'
    )
    processor = Processor(style, ITEMS)
    citations = [
        Citation([processor.cite("a")], 1),
        Citation([processor.cite("a")], 2),
        Citation([processor.cite("b"), processor.cite("b")], 3),
    ]
    texts = [r.text() for r in processor.citations(citations)]
    assert texts == ["Tide Tables", "Ibid.", "Salt Roads; ibid."]


def test_citation_numbers_follow_first_citation_without_a_sorted_bibliography() -> None:
    style = _style('<text variable="citation-number"/>', note=False, delimiter=",")
    assert _render(style, [([{"id": "b"}, {"id": "a"}], None), ([{"id": "a"}], None)]) == [
        "1,2",
        "2",
    ]


def test_an_item_without_a_label_gets_letters_of_its_authors_and_year() -> None:
    record = {
        "id": "c",
        "type": "book",
        "author": [{"family": "Okafor"}, {"family": "Lund"}],
        "issued": {"date-parts": [[1987]]},
    }
    style = (
        f'<style {NS} class="in-text"><citation><layout>'
        '<text variable="citation-label"/></layout></citation></style>'
    ).encode()
    assert suite.citations(style, [record], [suite.Cluster([{"id": "c"}])]) == ["OkLu87"]


def test_an_entry_that_prints_nothing_keeps_its_place_in_the_list() -> None:
    style = Style(
        f'<style {NS} class="in-text"><citation><layout><text variable="title"/></layout>'
        '</citation><bibliography><layout><text variable="title"/></layout></bibliography>'
        "</style>".encode()
    )
    records = [*ITEMS, {"id": "empty", "type": "book"}]
    processor = Processor(style, records)
    citations = [Citation([processor.cite(i) for i in ("a", "empty", "b")])]
    processor.citations(citations)
    entries = [r.text() for r in processor.bibliography(citations)]
    assert entries == ["Tide Tables", "", "Salt Roads"]
