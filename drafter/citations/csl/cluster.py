"""One citation put together from its cites (sorting, affixes, suppress-author, grouping and
collapsing, CSL §Citation), and the reference list's entries (§Bibliography)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from drafter.citations.csl import sorting
from drafter.citations.csl.data import Cite, Item
from drafter.citations.csl.rich import Rich

if TYPE_CHECKING:
    from drafter.citations.csl.processor import Citation, Processor


def render(processor: Processor, citation: Citation) -> Rich:
    """A citation's text: its cites in the style's order, each with its affixes."""
    section = processor.style.citation
    cites = citation.cites
    if section.sort:
        cites = sorting.sort_cites(processor, cites, section)
    parts: list[Rich] = []
    for cite in cites:
        rendered = processor.render(cite, section, "citation")
        if rendered is None or rendered.is_empty():
            continue
        parts.append(_affixed(cite, rendered))
    delimiter = section.delimiter if section.delimiter is not None else ""
    body = _joined(parts, delimiter)
    body = section.decoration.apply(body, _context(processor, cites))
    return Rich([p for p in (section.prefix, body, section.suffix) if p]) if parts else Rich([])


def _affixed(cite: Cite, rendered: Rich) -> Rich:
    if not (cite.prefix or cite.suffix):
        return rendered
    return Rich([p for p in (cite.prefix, rendered, cite.suffix) if p])


def _joined(parts: list[Rich], delimiter: str) -> Rich:
    children: list[Rich | str] = []
    for part in parts:
        if children and delimiter:
            children.append(delimiter)
        children.append(part)
    return Rich(children)


def _context(processor: Processor, cites: list[Cite]):  # type: ignore[no-untyped-def]
    from drafter.citations.csl.context import Context

    first = cites[0] if cites else Cite(Item({}))
    return Context(processor.style, first, "citation")


def bibliography_entries(processor: Processor, entries: list[tuple[Item, Rich]]) -> list[Rich]:
    """Each entry with the layout's affixes and formatting."""
    section = processor.style.bibliography
    assert section is not None
    out = []
    for item, rendered in entries:
        ctx = _context(processor, [Cite(item)])
        body = section.decoration.apply(rendered, ctx)
        out.append(Rich([p for p in (section.prefix, body, section.suffix) if p]))
    return out
