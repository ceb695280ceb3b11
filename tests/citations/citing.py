"""Sample sources and small helpers for the citation tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from drafter.model import CiteItem, Source, Span

# The `render` fixture: a style name or .csl path and clusters, to the notes as plain strings.
Render = Callable[..., list[str]]

RECORDS: list[dict[str, Any]] = [
    {
        "id": "doe",
        "type": "article-newspaper",
        "title": "A Story, Told",
        "author": [{"family": "Doe", "given": "Jane"}],
        "container-title": "The Paper",
        "issued": {"date-parts": [[2020, 5, 1]]},
        "URL": "https://example.org/a",
    },
    {
        "id": "roe",
        "type": "book",
        "title": "Big Book",
        "author": [{"family": "Roe", "given": "Richard"}],
        "publisher": "Pub",
        "issued": {"date-parts": [[2019]]},
    },
    {
        "id": "hrw",
        "type": "report",
        "title": "Watching & Waiting <Draft>",
        "author": [{"literal": "Human Rights Watch"}],
        "issued": {"date-parts": [[2021, 11, 24]]},
    },
]


def sample_sources() -> dict[str, Source]:
    return {r["id"]: Source(r["id"], r) for r in RECORDS}


def text(spans: tuple[Span, ...]) -> str:
    return "".join(s.text for s in spans)


def cite(key: str, locator: str | None = None, label: str = "page", **kw: str) -> list[CiteItem]:
    return [CiteItem(key, locator=locator, label=label, **kw)]
