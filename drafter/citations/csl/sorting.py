"""Sorting cites and reference-list entries by a style's cs:sort keys (CSL §Sorting)."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from drafter.citations.csl.context import Context, Disambiguation
from drafter.citations.csl.data import Cite, Item

if TYPE_CHECKING:
    from drafter.citations.csl.processor import Processor
    from drafter.citations.csl.style import Section, SortKey


def sort_items(processor: Processor, items: list[Item], section: Section, mode: str) -> list[Item]:
    cites = [Cite(item) for item in items]
    return [c.item for c in _sorted(processor, cites, section, mode)]


def sort_cites(processor: Processor, cites: list[Cite], section: Section) -> list[Cite]:
    return _sorted(processor, cites, section, "citation")


def _sorted(processor: Processor, cites: list[Cite], section: Section, mode: str) -> list[Cite]:
    keyed = [
        (cite, [_key(processor, cite, key, section, mode) for key in section.sort])
        for cite in cites
    ]
    directions = [key.descending for key in section.sort]

    def compare(left: tuple[Cite, list[Any]], right: tuple[Cite, list[Any]]) -> int:
        for a, b, descending in zip(left[1], right[1], directions, strict=True):
            if a == b:
                continue
            if a is None:
                return 1  # an empty key sorts last either way
            if b is None:
                return -1
            result = -1 if a < b else 1
            return -result if descending else result
        return 0

    return [cite for cite, _ in sorted(keyed, key=functools.cmp_to_key(compare))]


def _key(processor: Processor, cite: Cite, key: SortKey, section: Section, mode: str) -> Any:
    from drafter.citations.csl import sortkeys

    ctx = Context(
        processor.style,
        cite,
        mode,
        sorting=True,
        disambiguation=processor.disambiguation.get(cite.item.id) or Disambiguation(),
        name_options=section.name_options,
        sort_names=key.names or None,
    )
    return sortkeys.value(ctx, key)
