"""Compiling a style: what a stranger's style file cannot do to the processor."""

from __future__ import annotations

import pytest

from drafter.citations.csl import suite
from drafter.citations.csl.style import MAX_NESTING, Style, StyleError

NS = 'xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"'
ITEM = [{"id": "a", "type": "book", "title": "Harbour Lights"}]


def _style(layout: str, macros: str = "") -> bytes:
    return f"<style {NS}>{macros}<citation><layout>{layout}</layout></citation></style>".encode()


def test_groups_nested_past_the_limit_are_refused_not_a_crash() -> None:
    deep = (
        "<group>" * (MAX_NESTING + 5) + '<text variable="title"/>' + "</group>" * (MAX_NESTING + 5)
    )
    with pytest.raises(StyleError, match="nests elements more than"):
        Style(_style(deep))


def test_groups_nested_within_the_limit_render() -> None:
    depth = MAX_NESTING // 2
    nested = "<group>" * depth + '<text variable="title"/>' + "</group>" * depth
    assert suite.citations(_style(nested), ITEM, [suite.Cluster([{"id": "a"}])]) == [
        "Harbour Lights"
    ]


def test_a_macro_that_calls_itself_stops_instead_of_recursing_forever() -> None:
    macros = '<macro name="loop"><text variable="title"/><text macro="loop"/></macro>'
    (text,) = suite.citations(
        _style('<text macro="loop"/>', macros), ITEM, [suite.Cluster([{"id": "a"}])]
    )
    assert text.startswith("Harbour LightsHarbour Lights") and len(text) < 10_000


def test_a_call_to_a_missing_macro_prints_nothing() -> None:
    layout = '<text macro="nowhere"/><text variable="title"/>'
    assert suite.citations(_style(layout), ITEM, [suite.Cluster([{"id": "a"}])]) == [
        "Harbour Lights"
    ]


def test_a_style_without_a_citation_is_refused() -> None:
    with pytest.raises(StyleError, match="no cs:citation"):
        Style(f"<style {NS}></style>".encode())


def test_macros_nesting_past_the_stack_are_an_error_not_a_crash() -> None:
    depth = MAX_NESTING - 2
    body = (
        "<group>" * depth + '<text variable="title"/><text macro="m{next}"/>' + "</group>" * depth
    )
    macros = "".join(f'<macro name="m{n}">{body.format(next=n + 1)}</macro>' for n in range(40))
    with pytest.raises(StyleError, match="too deeply"):
        suite.citations(_style('<text macro="m0"/>', macros), ITEM, [suite.Cluster([{"id": "a"}])])
