"""Library listings: the styles list gives every style a title, and a search reads the titles."""

from __future__ import annotations

import pytest

from drafter.library.listing import list_entries
from drafter.library.load import Library, load_library
from drafter.library.roots import builtin_root


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library([builtin_root()])


def test_catalogue_styles_are_listed_with_their_titles(library: Library) -> None:
    rows = {r["name"]: r for r in list_entries(library, "styles")}
    assert "Chicago" in rows["chicago-notes-bibliography"]["title"]
    assert rows["chicago-notes-bibliography"]["source"] == "catalogue"
    assert rows["apa"]["title"].startswith("APA")
    assert sum(1 for r in rows.values() if not r["title"]) == 0


def test_the_librarys_own_styles_come_first_with_their_own_titles(library: Library) -> None:
    rows = list_entries(library, "styles")
    assert rows[0]["name"] == "proposal-urls" and rows[0]["source"].endswith("proposal-urls.csl")
    assert "proposal" in rows[0]["title"].lower()
    assert [r["name"] for r in rows].count("proposal-urls") == 1


def test_a_search_matches_catalogue_titles(library: Library) -> None:
    found = list_entries(library, "styles", search="MANUAL OF STYLE 18th")
    assert "chicago-notes-bibliography" in [r["name"] for r in found]
    assert all("manual of style 18th" in r["title"].lower() for r in found)
