"""A document's citations through a compiled style: positions from note numbers, citation
numbers, disambiguation, sorting and the reference list (CSL 1.0.2 §Citation, §Bibliography)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from drafter.citations.csl import cluster, disambiguate, sorting
from drafter.citations.csl.context import Context, Disambiguation
from drafter.citations.csl.data import Cite, Item
from drafter.citations.csl.rich import Rich
from drafter.citations.csl.style import Section, Style


@dataclass
class Citation:
    """One citation as the document has it: its cites and the number of its note."""

    cites: list[Cite]
    note: int | None = None
    rendered: Rich | None = None
    extra: dict[str, Any] = field(default_factory=dict)


class UnknownItem(KeyError):
    """A cite names an item the document's sources lack."""


class Processor:
    """Renders one document's citations and reference list in one style."""

    def __init__(
        self, style: Style, records: Sequence[Mapping[str, Any]], *, affix_markup: bool = True
    ) -> None:
        self.style = style
        self.affix_markup = affix_markup  # read cite prefixes and suffixes as rich text
        self.items: dict[str, Item] = {}
        for record in records:
            item = Item(record)
            self.items.setdefault(item.id, item)
        self.disambiguation: dict[str, Disambiguation] = {}

    def cite(self, item_id: str, **options: Any) -> Cite:
        """A cite of one item (`locator`, `label`, `prefix`, `suffix`, ...)."""
        item = self.items.get(item_id)
        if item is None:
            raise UnknownItem(item_id)
        return Cite(item, **options)

    def citations(self, citations: Sequence[Citation]) -> list[Rich]:
        """Every citation rendered, in document order."""
        self._number(citations, self._cited(citations))
        _positions(citations, self.style)
        self.disambiguation = disambiguate.resolve(self, citations)
        return [cluster.render(self, c) for c in citations]

    def bibliography(self, citations: Sequence[Citation]) -> list[Rich]:
        """The reference list of the items `citations` cite, in the style's order (an entry
        the style prints nothing for is an empty tree, keeping its number)."""
        section = self.style.bibliography
        if section is None:
            return []
        items = self._cited(citations)
        if not self.disambiguation:
            self._number(citations, items)
            _positions(citations, self.style)
            self.disambiguation = disambiguate.resolve(self, citations)
        ordered = self.bibliography_order(items)
        entries = []
        for index, item in enumerate(ordered, 1):
            cite = Cite(item, number=index)
            rendered = self.render(cite, section, "bibliography")
            entries.append((item, rendered if rendered is not None else Rich([])))
        return cluster.bibliography_entries(self, entries)

    def render(
        self,
        cite: Cite,
        section: Section,
        mode: str,
        disambiguation: Disambiguation | None = None,
    ) -> Rich | None:
        """One cite (or entry) through a section's layout."""
        ctx = Context(
            self.style,
            cite,
            mode,
            disambiguation=disambiguation
            or self.disambiguation.get(cite.item.id, Disambiguation()),
            name_options=section.name_options,
        )
        return section.layout.evaluate(ctx)

    def bibliography_order(self, items: list[Item]) -> list[Item]:
        section = self.style.bibliography
        if section is None or not section.sort:
            return items
        return sorting.sort_items(self, items, section, "bibliography")

    def _cited(self, citations: Sequence[Citation]) -> list[Item]:
        seen: dict[str, Item] = {}
        for citation in citations:
            for cite in citation.cites:
                seen.setdefault(cite.item.id, cite.item)
        return list(seen.values())

    def _number(self, citations: Sequence[Citation], items: list[Item]) -> None:
        """citation-number: each item's place in the reference list."""
        numbers = {item.id: n for n, item in enumerate(self.bibliography_order(items), 1)}
        for citation in citations:
            for cite in citation.cites:
                cite.number = numbers.get(cite.item.id)


def _positions(citations: Sequence[Citation], style: Style) -> None:
    """first, subsequent, ibid, ibid-with-locator and near-note, from the order of the cites
    and the numbers of their notes (CSL §Position). A cite is ibid when it follows a cite of the
    same item in its citation, or opens a citation right after one (in the same or the
    preceding note) whose only cite, alone in its note, is of the same item."""
    distance = int(style.citation.options.get("near-note-distance", "5") or 5)
    first_note: dict[str, int] = {}
    last: dict[str, tuple[int, int, int, Cite]] = {}  # item -> (citation, note, place, cite)
    per_note: dict[int, int] = {}
    for index, citation in enumerate(citations):
        note = citation.note if citation.note is not None else index + 1
        per_note[note] = per_note.get(note, 0) + len(citation.cites)
    for index, citation in enumerate(citations):
        note = citation.note if citation.note is not None else index + 1
        for place, cite in enumerate(citation.cites):
            key = cite.item.id
            if key not in last:
                cite.position = "first"
                first_note[key] = note
            else:
                was_citation, was_note, was_place, before = last[key]
                alone = len(citations[was_citation].cites) == 1 and per_note.get(was_note, 0) <= 1
                follows = (was_citation == index and place == was_place + 1) or (
                    was_citation == index - 1 and note - was_note <= 1 and place == 0 and alone
                )
                cite.position = _ibid(cite, before) if follows else "subsequent"
                cite.first_note = first_note[key]
                cite.near_note = style.is_note and note - was_note <= distance
            last[key] = (index, note, place, cite)


def _ibid(cite: Cite, before: Cite) -> str:
    if not before.locator:
        return "ibid-with-locator" if cite.locator else "ibid"
    if not cite.locator:
        return "subsequent"
    if (before.locator, before.label) == (cite.locator, cite.label):
        return "ibid"
    return "ibid-with-locator"
