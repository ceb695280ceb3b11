"""BibTeX names to CSL names: "Last, Jr., First" with its particle, and a single word as a family
name. (Types, fields and dates are tested through whole entries in test_bibtex.py.)"""

from __future__ import annotations

from drafter.sources.bibcsl import parse_name


def test_last_first_with_particle_and_suffix() -> None:
    assert parse_name("de la Fontaine, Jr., Jean") == {
        "family": "Fontaine",
        "given": "Jean",
        "non-dropping-particle": "de la",
        "suffix": "Jr.",
    }


def test_single_word_name_is_a_family_name() -> None:
    assert parse_name("Amnesty") == {"family": "Amnesty"}
