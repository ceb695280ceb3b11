"""Disambiguation through the processor: which cites are ambiguous, each step (names, the
disambiguate condition, year suffixes; given names are in test_givennames.py) taken only as far
as needed, the bound on the names step, the cost per cite, and the suite's disambiguate
fixtures."""

from __future__ import annotations

from typing import Any

import pytest

from csl.citing import (
    AUTHOR_YEAR,
    ET_AL,
    GIVEN,
    NAMES,
    SORT_BY_TITLE,
    SUFFIX,
    YEAR,
    book,
    cited,
    styled,
)
from drafter.citations.csl import disambiguate, suite
from drafter.citations.csl.processor import Processor

from .suite_fixtures import passing

DISAMBIGUATE_FIXTURES_REACHED = 50  # of 52


# Which cites are ambiguous


def test_cites_are_compared_in_the_position_each_has() -> None:
    layout = (
        '<choose><if position="first"><names variable="author"><name/></names>'
        '<text variable="title" prefix=", "/></if><else>'
        f'<group delimiter=", ">{NAMES}'
        '<choose><if disambiguate="true"><text variable="title"/></if></choose>'
        "</group></else></choose>"
    )
    items = [book(1, ("Doe", "John"), title="A"), book(2, ("Doe", "John"), title="B")]
    out = cited(styled(layout, root='class="note"'), items, [[1, 2], [1, 2]])
    assert out == ["John Doe, A; John Doe, B", "Doe, A; Doe, B"]


def test_an_item_is_also_compared_as_a_later_back_reference_would_cite_it() -> None:
    layout = (
        '<choose><if position="first"><names variable="author"><name/></names>'
        '<text variable="title" prefix=", "/></if><else>'
        f"{NAMES}"
        '<choose><if disambiguate="true"><text variable="title" prefix=", "/></if></choose>'
        '<text variable="first-reference-note-number" prefix=", n. "/></else></choose>'
    )
    items = [book(1, ("Doe", "John"), title="A"), book(2, ("Doe", "John"), title="B")]
    out = cited(styled(layout, root='class="note"'), items, [[1, 2], [1]])
    assert out[1] == "Doe, A, n. 1"  # item 2, never cited again, would read "Doe, n. 1"


def test_affixes_and_locators_do_not_tell_cites_apart() -> None:
    items = [book(1, ("Doe", "John")), book(2, ("Doe", "John"))]
    layout = f'{AUTHOR_YEAR}<text variable="locator" prefix=", "/>'
    clusters = [[{"id": "ITEM-1", "locator": "12", "prefix": "see "}, {"id": "ITEM-2"}]]
    body = styled(layout, 'disambiguate-add-year-suffix="true"')
    assert cited(body, items, clusters) == ["see Doe 2000a, 12; Doe 2000b"]


def test_a_cite_without_its_author_is_compared_with_its_author() -> None:
    items = [book(1, ("Doe", "John")), book(2, ("Roe", "Jane"))]
    clusters = [
        [{"id": "ITEM-1", "suppress-author": True}, {"id": "ITEM-2", "suppress-author": True}]
    ]
    body = styled(AUTHOR_YEAR, 'disambiguate-add-year-suffix="true"')
    assert cited(body, items, clusters) == ["2000; 2000"]


def test_cites_that_read_differently_are_left_alone() -> None:
    items = [book(1, ("Doe", "John")), book(2, ("Doe", "Jane"), year=2001)]
    body = styled(
        AUTHOR_YEAR, 'disambiguate-add-givenname="true" disambiguate-add-year-suffix="true"'
    )
    assert cited(body, items) == ["Doe 2000; Doe 2001"]


def test_classes_join_items_that_share_a_text_transitively_in_first_order() -> None:
    texts = {"a": ["x"], "b": ["y"], "c": ["y", "x"], "d": ["z"], "e": [""], "f": [""]}
    assert disambiguate.classes(texts) == [["a", "b", "c"], ["d"], ["e"], ["f"]]


# Step 1: names


SMITHS = [
    book(1, ("Smith", "John"), ("Brown", "John"), ("Jones", "John")),
    book(2, ("Smith", "John"), ("Brown", "John"), ("Jones", "John")),
    book(3, ("Smith", "John"), ("Benson", "John"), ("Jones", "John")),
]


def test_names_are_added_only_as_far_as_they_split_the_set() -> None:
    out = cited(styled(AUTHOR_YEAR, ET_AL), SMITHS)
    assert out == [
        "Smith, Brown, et al. 2000; Smith, Brown, et al. 2000; Smith, Benson, et al. 2000"
    ]


def test_names_that_never_split_the_set_are_not_added() -> None:
    body = styled(AUTHOR_YEAR, ET_AL + ' disambiguate-add-year-suffix="true"')
    assert cited(body, SMITHS[:2]) == ["Smith et al. 2000a; Smith et al. 2000b"]


def test_each_part_of_a_split_set_goes_on_alone() -> None:
    four = [
        book(1, ("Smith", "J"), ("Jones", "J"), ("Brown", "J")),
        book(2, ("Smith", "J"), ("Jones", "J"), ("Brown", "J")),
        book(3, ("Smith", "J"), ("Jones", "J"), ("Brown", "J"), ("Green", "J")),
        book(4, ("Smith", "J"), ("Jones", "J"), ("Brown", "J"), ("Green", "J")),
    ]
    body = styled(AUTHOR_YEAR, ET_AL + ' disambiguate-add-year-suffix="true"')
    assert cited(body, four) == [
        "Smith, Jones &#38; Brown 2000a; Smith, Jones &#38; Brown 2000b; "
        "Smith, Jones, Brown, et al. 2000a; Smith, Jones, Brown, et al. 2000b"
    ]


def test_added_names_leave_the_bibliography_alone() -> None:
    root = 'class="in-text" et-al-min="3" et-al-use-first="1"'
    body = styled(AUTHOR_YEAR, 'disambiguate-add-names="true"', root, bibliography=AUTHOR_YEAR)
    clusters = [suite.Cluster([{"id": i["id"]} for i in SMITHS])]
    assert suite.citations(body, SMITHS, clusters)[0].startswith("Smith, Brown, et al. 2000")
    assert suite.bibliography(body, SMITHS, clusters)[0] == "Smith et al. 2000"


def test_names_added_for_subsequent_cites_follow_et_al_subsequent() -> None:
    items = [
        book(1, ("Smith", "J"), ("Jones", "J"), ("Brown", "J")),
        book(2, ("Smith", "J"), ("Green", "J"), ("Brown", "J")),
    ]
    options = (
        'et-al-min="4" et-al-use-first="4" et-al-subsequent-min="3" '
        'et-al-subsequent-use-first="1" disambiguate-add-names="true"'
    )
    out = cited(styled(AUTHOR_YEAR, options), items, [[1, 2], [1, 2]])
    assert out == [
        "Smith, Jones &#38; Brown 2000; Smith, Green &#38; Brown 2000",
        "Smith, Jones, et al. 2000; Smith, Green, et al. 2000",
    ]


def test_the_names_step_stops_at_its_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(disambiguate, "MAX_ADDED_NAMES", 5)
    crowd = [(f"Name{n}", "A") for n in range(30)]
    items = [book(1, *crowd, ("Last", "A")), book(2, *crowd, ("Final", "A"))]
    body = styled(AUTHOR_YEAR, ET_AL + ' disambiguate-add-year-suffix="true"')
    assert cited(body, items) == ["Name0 et al. 2000a; Name0 et al. 2000b"]


# Step 3: the disambiguate condition


CONDITION = (
    f'<group delimiter=", ">{NAMES}'
    '<choose><if disambiguate="true"><text variable="title"/></if></choose></group>'
)


def test_the_condition_holds_for_the_items_still_ambiguous_only() -> None:
    items = [
        book(1, ("Doe", "John"), title="A"),
        book(2, ("Doe", "John"), title="B"),
        book(3, ("Roe", "Jane"), title="C"),
    ]
    assert cited(styled(CONDITION), items) == ["Doe, A; Doe, B; Roe"]


def test_the_condition_comes_after_names_that_tell_cites_apart() -> None:
    items = [
        book(1, ("Doe", "John"), ("Roe", "A"), ("Moe", "A"), title="A"),
        book(2, ("Doe", "John"), ("Poe", "A"), ("Moe", "A"), title="B"),
    ]
    assert cited(styled(CONDITION, ET_AL), items) == ["Doe, Roe, et al.; Doe, Poe, et al."]


# Step 4: year suffixes


def test_year_suffixes_follow_the_reference_list_not_the_citation() -> None:
    items = [
        book(1, ("Doe", "John"), title="Zebra"),
        book(2, ("Doe", "John"), title="Apple"),
    ]
    body = styled(AUTHOR_YEAR, SUFFIX, bibliography=AUTHOR_YEAR, sort=SORT_BY_TITLE)
    assert cited(body, items) == ["Doe 2000b; Doe 2000a"]


def test_year_suffixes_run_past_z_to_two_letters() -> None:
    assert [disambiguate.letters(n) for n in (0, 25, 26, 27, 51, 52)] == [
        "a",
        "z",
        "aa",
        "ab",
        "az",
        "ba",
    ]


def test_fifty_three_alike_items_get_suffixes_up_to_ba() -> None:
    items = [book(n, ("Doe", "John")) for n in range(1, 54)]
    out = cited(styled(AUTHOR_YEAR, f"{GIVEN} {SUFFIX}"), items)[0].split("; ")
    assert (out[0], out[25], out[26], out[51], out[52]) == (
        "Doe 2000a",
        "Doe 2000z",
        "Doe 2000aa",
        "Doe 2000az",
        "Doe 2000ba",
    )


def test_a_year_suffix_is_printed_by_its_variable_when_there_is_no_date() -> None:
    layout = (
        f'<group delimiter=" ">{NAMES}<group><choose><if variable="issued">{YEAR}'
        '<text variable="year-suffix"/></if><else><text term="no date" form="short"/>'
        '<text variable="year-suffix" prefix="-"/></else></choose></group></group>'
    )
    items = [book(1, ("Doe", "John"), year=None), book(2, ("Doe", "John"), year=None)]
    assert cited(styled(layout, SUFFIX), items) == ["Doe n.d.-a; Doe n.d.-b"]


def test_the_accessed_date_does_not_tell_cites_apart() -> None:
    layout = f'{AUTHOR_YEAR}<date variable="accessed" prefix=" [" suffix="]"><date-part name="year"/></date>'
    items = [
        book(1, ("Doe", "John"), accessed={"date-parts": [[1965]]}),
        book(2, ("Doe", "John"), accessed={"date-parts": [[2065]]}),
    ]
    assert cited(styled(layout, SUFFIX), items) == ["Doe 2000a [1965]; Doe 2000b [2065]"]


# Cost


def test_disambiguation_renders_each_cite_a_bounded_number_of_times(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    items = [book(n, (f"Author{n % 100}", "A"), year=1900 + n % 3) for n in range(600)]
    calls = 0
    render = Processor.render

    def counted(self: Processor, *args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        return render(self, *args, **kwargs)

    monkeypatch.setattr(Processor, "render", counted)
    body = styled(AUTHOR_YEAR, f"{ET_AL} {GIVEN} {SUFFIX}")
    out = cited(body, items, [[n] for n in range(600)])
    assert len(out) == 600
    assert calls <= 5 * 600  # first renders, two probes of step 1, the citations: 4 a cite


# The suite


def test_the_suites_disambiguate_fixtures_pass_at_least_as_often_as_they_did() -> None:
    total, passed = passing("disambiguate_")
    assert len(passed) >= DISAMBIGUATE_FIXTURES_REACHED, f"{len(passed)} of {total} pass"
