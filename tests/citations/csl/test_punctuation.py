"""Punctuation and spaces where two pieces of output meet."""

from __future__ import annotations

import pytest

from drafter.citations.csl import punctuation
from drafter.citations.csl.rich import Rich


@pytest.mark.parametrize(
    ("before", "after", "written"),
    [
        ("ed.", ". Smith", "ed. Smith"),
        ("Why?", ". Smith", "Why? Smith"),
        ("Note;", ": more", "Note; more"),
        ("Note:", ". more", "Note: more"),
        ("Note:", "? more", "Note? more"),
        ("Note;", "! more", "Note! more"),
        ("Inc.", ", 2008", "Inc., 2008"),
        ("Wow!", "? more", "Wow!? more"),
        ("list,", ", more", "list, more"),
        ("“Title?”", ". more", "“Title?” more"),
    ],
)
def test_punctuation_at_a_joint_is_merged_as_citeproc_js_merges_it(
    before: str, after: str, written: str
) -> None:
    assert punctuation.tidy(Rich([before, Rich([after])])).text() == written


def test_a_space_that_meets_a_space_is_written_once() -> None:
    tree = Rich([Rich(["In: "]), " ", Rich(["Container"])])
    assert punctuation.tidy(tree).text() == "In: Container"
