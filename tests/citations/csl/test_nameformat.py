"""One name as cs:name writes it: order and particles, initials, suffixes, scripts, name-part
formatting, and the given-name levels disambiguation asks for."""

from __future__ import annotations

import pytest

from csl.rendering import (
    DOE,
    ROE,
    cite,
    evaluate,
    item,
    people,
)
from drafter.citations.csl.context import Disambiguation

LA_RIVIERE = item(
    author=[
        {
            "family": "Rivière",
            "given": "Anne",
            "dropping-particle": "de",
            "non-dropping-particle": "la",
            "suffix": "II",
        }
    ]
)


@pytest.mark.parametrize(
    ("order", "demote", "written"),
    [
        ("", "display-and-sort", "Anne de la Rivière II"),
        ('name-as-sort-order="all"', "display-and-sort", "Rivière, Anne de la, II"),
        ('name-as-sort-order="all"', "never", "la Rivière, Anne de, II"),
        ('name-as-sort-order="all" sort-separator=" "', "sort-only", "la Rivière Anne de II"),
    ],
)
def test_name_as_sort_order_inverts_and_demote_non_dropping_particle_moves_the_particle(
    order: str, demote: str, written: str
) -> None:
    layout = f'<names variable="author"><name {order}/></names>'
    root = f'demote-non-dropping-particle="{demote}"'
    assert cite(layout, LA_RIVIERE, root=root) == written


def test_name_as_sort_order_first_inverts_only_the_first_name() -> None:
    layout = '<names variable="author"><name name-as-sort-order="first"/></names>'
    assert cite(layout, item(author=people(DOE, ROE))) == "Doe, John, Jane Roe"


def test_initialize_with_writes_initials_and_initialize_false_only_tidies_them() -> None:
    record = item(author=[{"family": "Doe", "given": "John M.E."}])
    initials = '<names variable="author"><name initialize-with=". "/></names>'
    assert cite(initials, record) == "J. M. E. Doe"
    tidy = '<names variable="author"><name initialize-with=". " initialize="false"/></names>'
    assert cite(tidy, record) == "John M. E. Doe"


def test_suffixes_follow_the_family_name_with_a_comma_when_asked() -> None:
    layout = '<names variable="author"><name/></names>'
    plain = item(author=[{"family": "Doe", "given": "Paul", "suffix": "III"}])
    comma = item(author=[{"family": "Doe", "given": "Jeff", "suffix": "Jr.", "comma-suffix": True}])
    assert cite(layout, plain) == "Paul Doe III"
    assert cite(layout, comma) == "Jeff Doe, Jr."


def test_literal_names_and_names_in_cjk_scripts_print_as_their_script_writes_them() -> None:
    layout = '<names variable="author"><name name-as-sort-order="all"/></names>'
    assert cite(layout, item(author=[{"literal": "Human Rights Watch"}])) == "Human Rights Watch"
    assert cite(layout, item(author=[{"family": "我妻", "given": "栄"}])) == "我妻栄"


def test_name_part_formatting_and_text_case_apply_to_the_part_and_its_particle() -> None:
    layout = (
        '<names variable="author"><name name-as-sort-order="all">'
        '<name-part name="family" text-case="uppercase" font-weight="bold"/></name></names>'
    )
    record = item(author=[{"family": "Doe", "given": "John", "non-dropping-particle": "la"}])
    assert cite(layout, record, root='demote-non-dropping-particle="never"') == (
        "<b>LA</b> <b>DOE</b>, John"
    )


def test_name_part_affixes_wrap_the_whole_part() -> None:
    layout = (
        '<names variable="author"><name name-as-sort-order="all" sort-separator=" ">'
        '<name-part name="family" prefix="(" suffix=")"/>'
        '<name-part name="given" prefix="[" suffix="]"/></name></names>'
    )
    record = item(
        author=[
            {
                "family": "Salle",
                "given": "Marc",
                "dropping-particle": "de",
                "non-dropping-particle": "La",
                "suffix": "Jr.",
            }
        ]
    )
    assert cite(layout, record, root='demote-non-dropping-particle="sort-only"') == (
        "(La Salle) [Marc de] Jr."
    )


@pytest.mark.parametrize(
    ("attributes", "level", "written"),
    [
        ('form="short" initialize-with=". "', 1, "J. Doe, J. Roe"),
        ('form="short" initialize-with=". "', 2, "John Doe, Jane Roe"),
        ('form="short"', 1, "John Doe, Jane Roe"),
        ('initialize-with=". "', 0, "J. Doe, J. Roe"),
        ('initialize-with=". "', 2, "John Doe, Jane Roe"),
    ],
)
def test_disambiguation_given_level_adds_initials_or_full_given_names(
    attributes: str, level: int, written: str
) -> None:
    layout = f'<names variable="author"><name {attributes}/></names>'
    asked = Disambiguation(given_level=level)
    out, _ = evaluate(layout, item(author=people(DOE, ROE)), disambiguation=asked)
    assert out is not None and out.text() == written


def test_a_level_for_one_name_overrides_the_level_for_all() -> None:
    layout = '<names variable="author"><name form="short" initialize-with=". "/></names>'
    asked = Disambiguation(given_level=1, given={("author", 1): 2})
    out, _ = evaluate(layout, item(author=people(DOE, ROE)), disambiguation=asked)
    assert out is not None and out.text() == "J. Doe, Jane Roe"


def test_an_institution_takes_the_family_name_parts_formatting() -> None:
    layout = (
        '<names variable="author"><name><name-part name="family" font-variant="small-caps"'
        ' text-case="uppercase"/></name></names>'
    )
    assert cite(layout, item(author=[{"literal": "Center for Media"}])) == (
        '<span style="font-variant:small-caps;">CENTER FOR MEDIA</span>'
    )
