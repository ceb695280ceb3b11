"""The CSL processor test suite's view of the citation layer: fixtures' items and clusters in,
the suite's HTML-ish text out (used by `benchmarks/csl_conformance.py` and its test)."""

from __future__ import annotations

import hashlib
import html
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from drafter.citations import engine, spans
from drafter.model import CiteItem, Source


@dataclass(frozen=True)
class Cluster:
    """One citation: the suite's cite objects (`id`, `locator`, `label`, `prefix`, ...) and the
    number of the note that holds it (None for a citation in the text)."""

    cites: Sequence[dict[str, Any]]
    note: int | None = None


def citations(style: bytes, items: Sequence[dict[str, Any]], clusters: Sequence[Cluster]) -> list[str]:
    """Each cluster as the suite writes it."""
    parsed = _parsed(style)
    sources = _sources(items)
    rendered = engine.render_marked(parsed, sources, [_cite_items(c) for c in clusters])
    return [_html(text) for text in rendered]


def bibliography(
    style: bytes, items: Sequence[dict[str, Any]], clusters: Sequence[Cluster]
) -> list[str]:
    """The reference list of the cited items, one entry each."""
    parsed = _parsed(style)
    keys = list(dict.fromkeys(str(c["id"]).lower() for cl in clusters for c in cl.cites))
    return [_html(text) for text in engine.reference_marked(parsed, _sources(items), keys)]


def bibliography_html(entries: Sequence[str]) -> str:
    """Entries inside the suite's `csl-bib-body` and `csl-entry` divs."""
    lines = ['<div class="csl-bib-body">']
    lines += [f'  <div class="csl-entry">{entry}</div>' for entry in entries]
    return "\n".join([*lines, "</div>"])


def _parsed(style: bytes) -> engine.ParsedStyle:
    return engine.parsed(hashlib.sha256(style).hexdigest(), style, Path("style.csl"))


def _sources(items: Sequence[dict[str, Any]]) -> dict[str, Source]:
    return {str(i["id"]).lower(): Source(str(i["id"]), i) for i in items}


def _cite_items(cluster: Cluster) -> list[CiteItem]:
    return [
        CiteItem(
            str(c["id"]),
            str(c["locator"]) if c.get("locator") not in (None, "") else None,
            c.get("label") or "page",
            c.get("prefix") or "",
            c.get("suffix") or "",
        )
        for c in cluster.cites
    ]


_TAGS = {
    "italic": ("<i>", "</i>"),
    "bold": ("<b>", "</b>"),
    "small_caps": ('<span style="font-variant:small-caps;">', "</span>"),
    "superscript": ("<sup>", "</sup>"),
    "subscript": ("<sub>", "</sub>"),
}


def _html(marked: str) -> str:
    out = []
    for char in marked:
        marker = spans._MARKER.get(char)
        if marker:
            flag, step = marker
            out.append(_TAGS[flag][0 if step > 0 else 1])
        else:
            out.append(html.escape(char, quote=False).replace("&amp;", "&#38;").replace("&lt;", "&#60;").replace("&gt;", "&#62;"))
    return "".join(out)
