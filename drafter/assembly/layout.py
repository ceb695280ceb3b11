"""Lay rendered parts out as document blocks in the template's order, with lead words and headings."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from drafter.assembly.assemble import Assembly
from drafter.model import Block, Inline, Span
from drafter.render.clauses import Paragraph


def lay_out(
    assembly: Assembly,
    title: Sequence[Inline],
    rendered: Mapping[int, list[Paragraph]],
) -> list[Block]:
    """Blocks in reading order; `rendered` maps a part's index in `assembly.parts` to paragraphs."""
    blocks: list[Block] = []
    if title:
        blocks.append(Block("title", tuple(title), "title"))
    entries = assembly.layout.entries
    for position, entry in enumerate(entries):
        if entry.startswith("#"):
            following = [e for e in entries[position + 1 :] if not e.startswith("#")]
            if any(assembly.section_parts(e) for e in following):
                heading = entry.lstrip("#").strip()
                blocks.append(Block("heading", (Span(heading),), following[0]))
            continue
        spec = assembly.template.section(entry)
        if spec is None:
            continue
        lead = spec.lead if entry not in assembly.layout.no_lead else ""
        first = True
        for index, part in enumerate(assembly.parts):
            if part.origin.section != entry:
                continue
            for paragraph in rendered.get(index, []):
                role = "bullet" if paragraph.bullet else spec.role
                show = lead and not paragraph.bullet and (first or spec.lead_each)
                blocks.append(
                    Block(role, paragraph.inlines, entry, part.origin, lead if show else "")
                )
                first = False
    return blocks
