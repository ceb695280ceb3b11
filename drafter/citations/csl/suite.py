"""The CSL processor test suite's view of the citation layer: fixtures' items and clusters in,
the suite's HTML-ish text out (used by `benchmarks/csl_conformance.py` and its test)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from drafter.citations.csl import writers
from drafter.citations.csl.processor import Citation, Processor
from drafter.citations.csl.rich import Rich
from drafter.citations.csl.style import Style

CITE_OPTIONS = {
    "locator": "locator",
    "label": "label",
    "prefix": "prefix",
    "suffix": "suffix",
    "suppress-author": "suppress_author",
    "author-only": "author_only",
}


POSITIONS = {0: "first", 1: "subsequent", 2: "ibid", 3: "ibid-with-locator"}


@dataclass(frozen=True)
class Cluster:
    """One citation: the suite's cite objects (`id`, `locator`, `label`, `prefix`, ...) and the
    number of the note that holds it (None for a citation in the text)."""

    cites: Sequence[dict[str, Any]]
    note: int | None = None


def _citations(processor: Processor, clusters: Sequence[Cluster]) -> list[Citation]:
    out = []
    for cluster in clusters:
        cites = []
        for cite in cluster.cites:
            options: dict[str, Any] = {}
            for key, name in CITE_OPTIONS.items():
                value = cite.get(key)
                if value not in (None, ""):
                    options[name] = str(value) if name in ("locator", "label") else value
            options.setdefault("label", "page")
            if isinstance(cite.get("position"), int):  # citeproc-js's forced position
                options["extra"] = {"position": POSITIONS.get(cite["position"], "first")}
            cites.append(processor.cite(str(cite["id"]), note=cluster.note, **options))
        out.append(Citation(cites, cluster.note))
    return out


def citations(
    style: bytes, items: Sequence[dict[str, Any]], clusters: Sequence[Cluster]
) -> list[str]:
    """Each cluster as the suite writes it."""
    compiled = Style(style)
    processor = Processor(compiled, items)
    return [_html(r, compiled) for r in processor.citations(_citations(processor, clusters))]


def bibliography(
    style: bytes, items: Sequence[dict[str, Any]], clusters: Sequence[Cluster]
) -> list[str]:
    """The reference list of the cited items, one entry each."""
    compiled = Style(style)
    processor = Processor(compiled, items)
    citations = _citations(processor, clusters)
    processor.citations(citations)
    return [_html(r, compiled) for r in processor.bibliography(citations)]


def bibliography_html(entries: Sequence[str]) -> str:
    """Entries inside the suite's `csl-bib-body` and `csl-entry` divs."""
    lines = ['<div class="csl-bib-body">']
    for entry in entries:
        if entry.startswith("<div"):
            lines.append(f'  <div class="csl-entry">\n    {entry}\n  </div>')
        elif entry.endswith("</div>"):
            lines.append(f'  <div class="csl-entry">{entry}\n  </div>')
        else:
            lines.append(f'  <div class="csl-entry">{entry}</div>')
    return "\n".join([*lines, "</div>"])


EMPTY = "[CSL STYLE ERROR: reference with no printed form.]"


def _html(rich: Rich, style: Style) -> str:
    """The suite's HTML; what prints nothing is written as citeproc-js and pandoc write it."""
    return writers.to_html(rich, style.quote_marks()) or EMPTY
