"""A citation's cites and the reference list's entries: subsequent-author-substitute by its
rules, affixes kept as written in documents."""

from __future__ import annotations

from typing import Any

import pytest

from drafter.citations.csl import suite

NS = 'xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"'


def _entries(rule: str, authors: list[list[str]]) -> list[str]:
    records: list[dict[str, Any]] = [
        {
            "id": f"i{n}",
            "type": "book",
            "title": f"Volume {n}",
            "author": [{"family": f, "given": "Lee"} for f in families],
        }
        for n, families in enumerate(authors)
    ]
    style = (
        f'<style {NS}><citation><layout><text variable="title"/></layout></citation>'
        f'<bibliography subsequent-author-substitute="&#8212;" '
        f'subsequent-author-substitute-rule="{rule}"><layout>'
        '<group delimiter=". "><names variable="author"><name form="short" and="text"/>'
        '<label prefix=", " form="short"/></names><text variable="title"/></group>'
        "</layout></bibliography></style>"
    ).encode()
    clusters = [suite.Cluster([{"id": r["id"]} for r in records])]
    return suite.bibliography(style, records, clusters)


def test_complete_all_replaces_a_repeated_list_whole() -> None:
    entries = _entries("complete-all", [["Ames", "Bell"], ["Ames", "Bell"], ["Ames"]])
    assert entries == ["Ames and Bell. Volume 0", "\u2014. Volume 1", "Ames. Volume 2"]


def test_complete_each_replaces_every_name_of_a_repeated_list() -> None:
    entries = _entries("complete-each", [["Ames", "Bell"], ["Ames", "Bell"]])
    assert entries[1] == "\u2014 and \u2014. Volume 1"


@pytest.mark.parametrize(
    ("rule", "second"),
    [
        ("partial-each", "\u2014, \u2014, and Cole. Volume 1"),
        ("partial-first", "\u2014, Bell, and Cole. Volume 1"),
    ],
)
def test_partial_rules_replace_the_leading_names_that_repeat(rule: str, second: str) -> None:
    entries = _entries(rule, [["Ames", "Bell"], ["Ames", "Bell", "Cole"]])
    assert entries[1] == second


def test_a_label_is_kept_when_the_names_are_replaced() -> None:
    records = [
        {"id": "x", "type": "book", "title": "One", "author": [{"family": "Ames"}]},
        {"id": "y", "type": "book", "title": "Two", "editor": [{"family": "Ames"}]},
    ]
    style = (
        f'<style {NS}><citation><layout><text variable="title"/></layout></citation>'
        '<bibliography subsequent-author-substitute="---"><layout><group delimiter=". ">'
        '<names variable="author"><name/><label prefix=" " form="short"/>'
        '<substitute><names variable="editor"/></substitute></names>'
        '<text variable="title"/></group></layout></bibliography></style>'
    ).encode()
    clusters = [suite.Cluster([{"id": "x"}, {"id": "y"}])]
    assert suite.bibliography(style, records, clusters) == ["Ames. One", "--- ed. Two"]
