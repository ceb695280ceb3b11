"""Names read into parts (particles, suffixes, literals) and given names made initials."""

from __future__ import annotations

import pytest

from drafter.citations.csl.nameparts import Name, initialize, parse, romanesque


@pytest.mark.parametrize(
    ("family", "particle", "rest"),
    [
        ("van der Berg", "van der", "Berg"),
        ("in 't Veld", "in 't", "Veld"),
        ("al-Rashid", "al-", "Rashid"),
        ("d'Orsay", "d'", "Orsay"),
        ("von und zu Brandt", "von und zu", "Brandt"),
    ],
)
def test_leading_lowercase_words_of_a_family_name_are_its_non_dropping_particle(
    family: str, particle: str, rest: str
) -> None:
    name = parse({"family": family, "given": "Ann"})
    assert (name.non_dropping, name.family) == (particle, rest)


@pytest.mark.parametrize("family", ["Las Casas", "L'Estrange", "St. Clair"])
def test_a_capitalised_first_word_is_part_of_the_family_name(family: str) -> None:
    assert parse({"family": family, "given": "Ann"}) == Name(family=family, given="Ann")


def test_trailing_lowercase_words_of_a_given_name_are_its_dropping_particle() -> None:
    name = parse({"family": "Smith", "given": "Karl von und zu"})
    assert (name.given, name.dropping) == ("Karl", "von und zu")


def test_what_follows_a_comma_in_a_given_name_is_its_suffix() -> None:
    name = parse({"family": "Orsay", "given": "Marie Claire, dame d'"})
    assert (name.given, name.suffix, name.comma_suffix) == ("Marie Claire", "dame d'", False)
    assert parse({"family": "Doe", "given": "James,! Jr."}).comma_suffix


def test_explicit_particles_are_kept_and_the_name_is_not_parsed_again() -> None:
    name = parse({"family": "Doe", "given": "Jacques de", "non-dropping-particle": "van"})
    assert (name.family, name.given, name.non_dropping, name.dropping) == (
        "Doe",
        "Jacques de",
        "van",
        "",
    )


@pytest.mark.parametrize(
    "record",
    [
        {"family": '"van Dyke"', "given": "Dick"},
        {"family": "van Dyke", "given": "Dick", "parse-names": False},
        {"family": "van Dyke", "given": "Dick", "static-particles": True},
    ],
)
def test_quotes_parse_names_false_or_static_particles_keep_the_family_name(
    record: dict[str, object],
) -> None:
    assert parse(record).family == "van Dyke"


def test_a_family_name_alone_is_not_parsed_for_particles() -> None:
    assert parse({"family": "van Gogh"}) == Name(family="van Gogh")


def test_literals_and_institutions_print_as_they_are() -> None:
    assert parse({"literal": "Smith, John"}).literal == "Smith, John"
    assert parse({"family": "Doe Inc.", "given": "", "isInstitution": "true"}).literal == "Doe Inc."


def test_as_dict_gives_the_parsed_parts_in_csl_json_terms() -> None:
    parsed = parse({"family": "van der Berg", "given": "Ann, Jr."}).as_dict()
    assert parsed == {
        "family": "Berg",
        "given": "Ann",
        "non-dropping-particle": "van der",
        "suffix": "Jr.",
    }
    assert parse({"literal": "WHO"}).as_dict() == {"literal": "WHO"}


@pytest.mark.parametrize(
    ("given", "terminator", "initials"),
    [
        ("Mary Ann", ". ", "M. A."),
        ("John M.E.", ". ", "J. M. E."),
        ("John M.E.", "", "JME"),
        ("ME", " ", "M"),
        ("Th. R.S.", " ", "Th R S"),
        ("Ruth B.", ".", "R.B."),
        ("Anna Beatrix de Lacy Moreau", ".", "A.B. de L.M."),
        ("Mei-Ling Chen Hua", ". ", "M.-L. C. H."),
        ("Xiao-mei", "", "X"),
        ("Lord", ". ", "Lord"),
    ],
)
def test_initialize_turns_each_given_name_into_an_initial_and_terminator(
    given: str, terminator: str, initials: str
) -> None:
    assert initialize(given, terminator, normalize_only=False) == initials


@pytest.mark.parametrize(
    ("given", "terminator", "normalized"),
    [
        ("M.E", ".", "M.E."),
        ("M E", ". ", "M. E."),
        ("Ph.M.E.", "", "PhME"),
        ("ME", ".", "ME"),
        ("Me.", ".", "Me."),
        ("John M.E.", ". ", "John M. E."),
    ],
)
def test_initialize_false_only_rewrites_what_already_are_initials(
    given: str, terminator: str, normalized: str
) -> None:
    assert initialize(given, terminator, normalize_only=True) == normalized


def test_initialize_with_hyphen_false_drops_the_hyphen_between_initials() -> None:
    assert initialize("Mei-Ling", ". ", normalize_only=False, hyphen=False) == "M. L."


def test_initials_keep_the_given_names_markup_tags() -> None:
    assert initialize("<b>Anna</b> Quist", ". ", normalize_only=False) == "<b>A.</b> Q."
    assert initialize("<b>Anna</b>-Quist", ". ", normalize_only=False) == "<b>A.</b>-Q."


def test_a_name_in_a_cjk_script_is_written_family_first_without_a_space() -> None:
    assert romanesque(parse({"family": "我妻", "given": "栄"}), None) == 0
    assert romanesque(parse({"family": "Doe", "given": "John"}), "ja") == 1
    assert romanesque(parse({"family": "Doe", "given": "John"}), "en") == 2
