"""Bookmark names: valid for Word, unique per item, and readable back to a section and index."""

from __future__ import annotations

import re

import pytest

from drafter.model import Origin
from drafter.word.anchors import bookmark_name, parse_bookmark_name


@pytest.mark.parametrize(
    ("origin", "name"),
    [
        (
            Origin("whereas", 2, "whereas/customer-risk-assessment"),
            "whereas_03_customer_risk_assessment",
        ),
        (Origin("resolved", 0, None), "resolved_01_inline"),
        (
            Origin("whereas", 11, "whereas/a-very-long-clause-identifier-that-goes-on"),
            "whereas_12_a_very_long_clause_identifier",
        ),
        (Origin("2nd-part", 0, "x"), "s2nd_part_01_x"),
    ],
)
def test_names_are_word_safe_and_say_section_position_and_clause(origin: Origin, name: str) -> None:
    assert bookmark_name(origin) == name
    assert len(name) <= 40 and re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", name)


def test_a_name_reads_back_to_its_section_and_index() -> None:
    anchor = parse_bookmark_name(
        bookmark_name(Origin("whereas", 6, "whereas/hart-biometric-database"))
    )
    assert anchor is not None
    assert (anchor.section, anchor.index, anchor.slug) == ("whereas", 6, "hart_biometric_database")


@pytest.mark.parametrize("name", ["_RefNote1", "_GoBack", "title", "whereas_x"])
def test_other_bookmarks_are_not_taken_for_draft_items(name: str) -> None:
    assert parse_bookmark_name(name) is None
