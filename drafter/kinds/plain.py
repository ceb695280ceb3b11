"""A plain document: the template's sections and nothing around them, with no checks beyond the
ones every document has. The kind of a template that names none."""

from __future__ import annotations

from dataclasses import dataclass

from drafter.kinds.kind import PlainFrame, ReadContext
from drafter.model import Document, Draft


@dataclass(frozen=True)
class PlainKind:
    name: str = "document"
    rule: str = ""
    description: str = "sections only: no frame and no checks of its own"
    keys: tuple[str, ...] = ()
    editor: frozenset[str] = frozenset()

    def read(self, draft: Draft, context: ReadContext) -> PlainFrame:
        return PlainFrame()

    def papers(self, draft: Draft, document: Document) -> list[tuple[str, Document]]:
        return []


KIND = PlainKind()
