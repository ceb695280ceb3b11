"""The names the command line offers without loading any kind are the kinds and templates there
are: each built-in name is a kind that loads, and the built-in library's templates are those."""

from __future__ import annotations

from drafter.kinds.names import BUILT_IN, PLAIN, STARTERS
from drafter.kinds.registry import built_in
from drafter.pipeline import open_library


def test_each_built_in_name_is_a_kind_of_that_name() -> None:
    for name in BUILT_IN:
        assert built_in(name).name == name


def test_the_starters_offered_are_the_built_in_librarys_templates() -> None:
    templates = open_library([]).templates
    assert sorted(STARTERS) == sorted(templates) and PLAIN not in STARTERS
    assert all(templates[name].kind == name for name in STARTERS)
