"""Given names added by disambiguation (givennames.py): the by-cite rule within sets of alike
cites, the global rules (all-names, primary-name, with or without initials) everywhere."""

from __future__ import annotations

from csl.citing import AUTHOR_YEAR, ET_AL, GIVEN, YEAR, book, cited, styled
from drafter.citations.csl import givennames
from drafter.citations.csl.rich import Rich


def test_by_cite_expands_only_the_names_that_differ_within_a_set() -> None:
    items = [
        book(1, ("Asthma", "Albert"), ("Bronchitis", "Brandon"), ("Cold", "Charles")),
        book(2, ("Asthma", "Albert"), ("Bronchitis", "Biff"), ("Cold", "Curtis")),
    ]
    shown = '<names variable="author"><name initialize-with="."/></names>'
    out = cited(styled(shown, f"{ET_AL} {GIVEN}"), items)
    assert out == ["A. Asthma, Brandon Bronchitis, et al.; A. Asthma, Biff Bronchitis, et al."]


def test_by_cite_gives_initials_when_the_initials_differ() -> None:
    items = [book(1, ("Doe", "John")), book(2, ("Doe", "Anne"))]
    assert cited(styled(AUTHOR_YEAR, GIVEN), items) == ["J. Doe 2000; A. Doe 2000"]


def test_by_cite_leaves_names_that_are_the_same() -> None:
    items = [book(1, ("Doe", "John")), book(2, ("Doe", "John"))]
    body = styled(AUTHOR_YEAR, f'{GIVEN} disambiguate-add-year-suffix="true"')
    assert cited(body, items) == ["Doe 2000a; Doe 2000b"]


def test_all_names_expands_names_whose_cites_are_not_ambiguous() -> None:
    items = [book(1, ("Malone", "Nolan J."), year=2001), book(2, ("Malone", "Kemp"), year=1951)]
    shown = '<names variable="author"><name form="short"/></names>'
    layout = f'<group delimiter=" ">{shown}{YEAR}</group>'
    body = styled(layout, f'{GIVEN} givenname-disambiguation-rule="all-names"')
    assert cited(body, items) == ["Nolan J. Malone 2001; Kemp Malone 1951"]


def test_all_names_expands_in_full_when_the_initials_match() -> None:
    items = [book(1, ("Doe", "John"), year=2001), book(2, ("Doe", "Jane"), year=1951)]
    body = styled(AUTHOR_YEAR, f'{GIVEN} givenname-disambiguation-rule="all-names"')
    assert cited(body, items) == ["John Doe 2001; Jane Doe 1951"]


def test_all_names_with_initials_never_expands_beyond_initials() -> None:
    items = [
        book(1, ("Doe", "John"), year=2001),
        book(2, ("Doe", "Jane"), year=1951),
        book(3, ("Roe", "Anne"), year=1990),
        book(4, ("Roe", "Bill"), year=1991),
    ]
    rule = 'givenname-disambiguation-rule="all-names-with-initials"'
    assert cited(styled(AUTHOR_YEAR, f"{GIVEN} {rule}"), items) == [
        "Doe 2001; Doe 1951; A. Roe 1990; B. Roe 1991"
    ]


def test_primary_name_expands_first_names_only() -> None:
    items = [
        book(1, ("Doe", "John"), ("Roe", "Anne"), year=2001),
        book(2, ("Doe", "Anne"), ("Roe", "Bill"), year=1951),
    ]
    shown = '<names variable="author"><name form="short" and="text"/></names>'
    layout = f'<group delimiter=" ">{shown}{YEAR}</group>'
    body = styled(layout, f'{GIVEN} givenname-disambiguation-rule="primary-name"')
    assert cited(body, items) == ["John Doe and Roe 2001; Anne Doe and Roe 1951"]


def test_primary_name_with_initials_gives_first_names_initials_only() -> None:
    items = [
        book(1, ("Doe", "John"), ("Roe", "Anne"), year=2001),
        book(2, ("Doe", "Anne"), ("Roe", "Bill"), year=1951),
        book(3, ("Moe", "Jane"), year=1990),
        book(4, ("Moe", "John"), year=1991),
    ]
    shown = '<names variable="author"><name form="short" and="text" initialize-with=". "/></names>'
    layout = f'<group delimiter=" ">{shown}{YEAR}</group>'
    rule = 'givenname-disambiguation-rule="primary-name-with-initials"'
    assert cited(styled(layout, f"{GIVEN} {rule}"), items) == [
        "J. Doe and Roe 2001; A. Doe and Roe 1951; Moe 1990; Moe 1991"
    ]


def test_a_particle_belongs_to_the_family_name_it_is_compared_by() -> None:
    items = [
        book(
            1,
            ("Santos", "Rafael"),
            year=2001,
            author=[{"family": "Santos", "given": "Rafael", "non-dropping-particle": "dos"}],
        ),
        book(2, ("Santos", "Beatriz"), year=2002),
    ]
    body = styled(AUTHOR_YEAR, f'{GIVEN} givenname-disambiguation-rule="primary-name"')
    assert cited(body, items) == ["dos Santos 2001; Santos 2002"]


def test_initials_are_the_first_letter_of_each_part_of_a_given_name() -> None:
    assert [givennames.initials(g) for g in ("John P.", "Jean-Paul", "J.R.R.", "")] == [
        "JP",
        "JP",
        "JRR",
        "",
    ]


def test_the_names_of_a_cite_are_those_of_the_variables_it_printed() -> None:
    printed = Rich([Rich(["Doe"], role="names:editor"), " ", Rich(["2000"], role="date:issued")])
    assert givennames.printed_variables([printed, Rich(["x"], role="names:author")]) == [
        "editor",
        "author",
    ]
