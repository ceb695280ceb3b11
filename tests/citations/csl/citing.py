"""Inline styles and items for the disambiguation and given-name tests: cites rendered
through the processor as the suite writes them."""

from __future__ import annotations

from typing import Any

from drafter.citations.csl import (  # noqa: F401  (dates and names register their elements)
    dates,
    names,
    suite,
)

NS = 'xmlns="http://purl.org/net/xbiblio/csl" version="1.0"'

NAMES = (
    '<names variable="author"><name form="short" and="symbol" delimiter-precedes-last="never"'
    ' initialize-with=". "/></names>'
)
YEAR = '<date variable="issued"><date-part name="year"/></date>'
AUTHOR_YEAR = f'<group delimiter=" ">{NAMES}{YEAR}</group>'
SORT_BY_TITLE = '<sort><key variable="title"/></sort>'


def book(number: int, *authors: tuple[str, str], year: int | None = 2000, **fields: Any) -> dict:
    record: dict[str, Any] = {
        "id": f"ITEM-{number}",
        "type": "book",
        "author": [{"family": f, "given": g} for f, g in authors],
        **fields,
    }
    if year is not None:
        record["issued"] = {"date-parts": [[year]]}
    return record


def styled(
    layout: str,
    citation: str = "",
    root: str = 'class="in-text"',
    bibliography: str | None = None,
    sort: str = "",
) -> bytes:
    bib = ""
    if bibliography is not None:
        bib = f"<bibliography>{sort}<layout>{bibliography}</layout></bibliography>"
    return (
        f'<style {NS} {root}><citation {citation}><layout delimiter="; ">{layout}</layout>'
        f"</citation>{bib}</style>"
    ).encode()


def cited(body: bytes, items: list[dict], clusters: list[list[Any]] | None = None) -> list[str]:
    """Each cluster (a list of item numbers, or of cite dicts) as the suite writes it; by
    default every item cited once, in one cluster."""
    if clusters is None:
        clusters = [list(range(1, len(items) + 1))]
    return suite.citations(body, items, [_cluster(c, n) for n, c in enumerate(clusters, 1)])


def _cluster(cites: list[Any], note: int) -> suite.Cluster:
    return suite.Cluster([c if isinstance(c, dict) else {"id": f"ITEM-{c}"} for c in cites], note)


ET_AL = 'et-al-min="3" et-al-use-first="1" disambiguate-add-names="true"'
GIVEN = 'disambiguate-add-givenname="true"'
SUFFIX = 'disambiguate-add-year-suffix="true"'
