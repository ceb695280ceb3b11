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
from drafter.citations.csl.style import Section, Style, StyleError


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
        if isinstance(options.get("locator"), str):
            options["locator"] = options["locator"].strip()
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
        try:
            return section.layout.evaluate(ctx)
        except RecursionError:  # macros within macros within nested groups, past Python's stack
            raise StyleError("the style's macros call each other too deeply") from None

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
    and the numbers of their notes (CSL §Position), as citeproc-js counts them: a cite is ibid
    when it follows a cite of the same item in its citation, or opens a citation that follows
    one whose only cite is of the same item, in the same note or in the note before when that
    note holds nothing else. Citations in the text of a note style (no note number) are a
    sequence of their own."""
    distance = int(style.citation.options.get("near-note-distance", "5") or 5)
    first_note: dict[str, int | None] = {}
    last: dict[str, tuple[int, int | None, int, Cite]] = {}  # item -> (citation, note, place, cite)
    per_note: dict[int, int] = {}
    for citation in citations:
        if citation.note is not None:
            per_note[citation.note] = per_note.get(citation.note, 0) + 1
    previous: dict[bool, int] = {}  # in a note or not -> the index of the citation before
    for index, citation in enumerate(citations):
        note = citation.note
        stream = note is not None
        before = previous.get(stream)
        for place, cite in enumerate(citation.cites):
            key = cite.item.id
            if key not in last:
                cite.position = "first"
                first_note[key] = note
                last[key] = (index, note, place, cite)
                continue
            was_citation, was_note, was_place, was = last[key]
            if place:
                follows = was_citation == index and place == was_place + 1
            else:
                follows = (
                    before is not None
                    and was_citation == before
                    and len(citations[before].cites) == 1
                    and _adjacent(note, was_note, per_note)
                )
            cite.position = _ibid(cite, was) if follows else "subsequent"
            cite.first_note = first_note[key]
            cite.near_note = (
                note is not None and was_note is not None and note - was_note <= distance
            )
            last[key] = (index, note, place, cite)
        previous[stream] = index
    for citation in citations:  # a position the caller sets wins (citeproc-js's `position`)
        for cite in citation.cites:
            forced = cite.extra.get("position")
            if forced:
                cite.position = forced


def _adjacent(note: int | None, was: int | None, per_note: dict[int, int]) -> bool:
    """Whether an earlier citation is near enough for ibid: in the same note, or in the note
    just before that holds no other citation (in the text, any earlier citation is)."""
    if note is None or was is None:
        return True
    return note == was or (note - was == 1 and per_note.get(was, 0) <= 1)


def _ibid(cite: Cite, before: Cite) -> str:
    if not before.locator:
        return "ibid-with-locator" if cite.locator else "ibid"
    if not cite.locator:
        return "subsequent"
    if (before.locator, before.label) == (cite.locator, cite.label):
        return "ibid"
    return "ibid-with-locator"
