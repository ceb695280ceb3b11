"""Styles written inline and evaluated through the processor, for the names tests."""

from __future__ import annotations

from typing import Any

from drafter.citations.csl import (
    dates,  # noqa: F401  (registers cs:date)
    names,  # noqa: F401  (registers cs:names)
    suite,
)
from drafter.citations.csl.context import Context, Disambiguation
from drafter.citations.csl.data import Cite, Item
from drafter.citations.csl.rich import Rich
from drafter.citations.csl.style import Style

NS = 'xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"'
DOE, ROE, NOAKES, MOE = ("Doe", "John"), ("Roe", "Jane"), ("Noakes", "Rick"), ("Moe", "Mary")


def people(*pairs: tuple[str, str]) -> list[dict[str, str]]:
    return [{"family": family, "given": given} for family, given in pairs]


def item(**fields: Any) -> dict[str, Any]:
    return {"id": "ITEM-1", "type": "book", **fields}


def style(
    layout: str, citation: str = "", root: str = "", bibliography: str = "", macros: str = ""
) -> bytes:
    """A style whose citation layout (and bibliography, if given) is `layout`."""
    bib = f"<bibliography {bibliography}><layout>{layout}</layout></bibliography>"
    body = f"{macros}<citation {citation}><layout>{layout}</layout></citation>{bib}"
    return f"<style {NS} {root}>{body}</style>".encode()


def cite(layout: str, record: dict[str, Any], **attributes: str) -> str:
    """One item cited once, as the suite's HTML-ish text ("" when it prints nothing)."""
    body = style(layout, **attributes)
    text = suite.citations(body, [record], [suite.Cluster([{"id": record["id"]}])])[0]
    return "" if text == suite.EMPTY else text


def cited(layout: str, record: dict[str, Any], **fields: Any) -> str:
    """One item cited once with the suite's cite fields (`locator`, `label`, `prefix`, ...)."""
    cluster = suite.Cluster([{"id": record["id"], **fields}])
    return suite.citations(style(layout), [record], [cluster])[0]


def entry(layout: str, record: dict[str, Any], **attributes: str) -> str:
    body = style(layout, **attributes)
    text = suite.bibliography(body, [record], [suite.Cluster([{"id": record["id"]}])])[0]
    return "" if text == suite.EMPTY else text


def evaluate(
    layout: str,
    record: dict[str, Any],
    mode: str = "citation",
    disambiguation: Disambiguation | None = None,
    **options: Any,
) -> tuple[Rich | None, Context]:
    """A layout evaluated directly, with the context it left behind."""
    compiled = Style(style(layout))
    section = compiled.citation if mode == "citation" else compiled.bibliography
    assert section is not None
    ctx = Context(
        compiled,
        Cite(Item(record), **options),
        mode,
        disambiguation=disambiguation or Disambiguation(),
        name_options=section.name_options,
    )
    return section.layout.evaluate(ctx), ctx


AUTHORS = item(author=people(DOE, ROE, NOAKES))
