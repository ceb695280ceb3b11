"""Read a DOCX back: paragraphs, notes in reference order, links, bookmarks and properties.

Files come back from other people: they are opened with size limits and without entity
resolution (python-docx's parser never resolves entities or fetches DTDs).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docx.blkcntnr import BlockItemContainer
from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from docx.oxml.xmlchemy import BaseOxmlElement

from drafter.errors import DrafterError
from drafter.word.notes import Note, document_notes
from drafter.word.oxml import (
    bookmark_texts,
    field_instructions,
    hyperlink_ids,
    note_reference_ids,
    text_of,
)
from drafter.word.properties import CustomProperties
from drafter.word.safety import FIX, load_docx


@dataclass(frozen=True)
class NoteContents:
    """A note as a reader sees it: its number by order of reference, its text and links."""

    number: int
    kind: str
    text: str
    links: tuple[str, ...]


@dataclass(frozen=True)
class ParagraphContents:
    """A body paragraph: style, visible text, its links, note numbers and field instructions."""

    style_id: str | None
    style_name: str
    text: str
    links: tuple[str, ...]
    note_numbers: tuple[int, ...]
    fields: tuple[str, ...]


@dataclass(frozen=True)
class DocxContents:
    """What a DOCX holds, in reading order."""

    paragraphs: tuple[ParagraphContents, ...]
    notes: tuple[NoteContents, ...]
    bookmarks: dict[str, str]
    properties: dict[str, str]
    title: str
    headers: tuple[str, ...]
    footers: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


def open_docx(source: Path | bytes) -> DocxDocument:
    """A python-docx Document from a path or bytes, refusing oversized or malformed packages."""
    return load_docx(source, DrafterError)


def read_docx(source: Path | bytes) -> DocxContents:
    """Everything drafter reads back from a DOCX."""
    document = open_docx(source)
    body = document.element.body
    numbers: dict[tuple[str, int], int] = {}
    notes: list[NoteContents] = []
    for kind in ("footnote", "endnote"):
        try:
            found = document_notes(document, kind, create=False)
        except ValueError:
            path = source if isinstance(source, Path) else None
            raise DrafterError(f"its {kind}s part is malformed", path, None, FIX) from None
        by_id = {n.id: n for n in found} if found is not None else {}
        for note_id in note_reference_ids(body, kind):
            if (kind, note_id) in numbers or note_id not in by_id:
                continue
            numbers[(kind, note_id)] = len(notes) + 1
            notes.append(_note(by_id[note_id], len(notes) + 1))
    paragraphs = []
    for paragraph in document.paragraphs:
        p = paragraph._p
        refs = tuple(
            numbers[(kind, note_id)]
            for kind in ("footnote", "endnote")
            for note_id in note_reference_ids(p, kind)
            if (kind, note_id) in numbers
        )
        style = paragraph.style
        paragraphs.append(
            ParagraphContents(
                style_id=style.style_id if style is not None else None,
                style_name=style.name if style is not None and style.name else "",
                text=text_of(p),
                links=_links(document.part, p),
                note_numbers=refs,
                fields=tuple(field_instructions(p)),
            )
        )
    return DocxContents(
        paragraphs=tuple(paragraphs),
        notes=tuple(notes),
        bookmarks=bookmark_texts(body),
        properties=dict(CustomProperties(document)),
        title=document.core_properties.title or "",
        headers=tuple(_story_text(s.header) for s in document.sections),
        footers=tuple(_story_text(s.footer) for s in document.sections),
    )


def _note(note: Note, number: int) -> NoteContents:
    element = note._element
    return NoteContents(
        number=number,
        kind=note.kind,
        text=text_of(element).strip(),
        links=_links(note.part, element),
    )


def _links(part: Part, element: BaseOxmlElement) -> tuple[str, ...]:
    rels = part.rels
    out = []
    for r_id in hyperlink_ids(element):
        rel = rels.get(r_id)
        if rel is not None and rel.reltype == RT.HYPERLINK:
            out.append(rel.target_ref)
    return tuple(out)


def _story_text(story: BlockItemContainer) -> str:
    """A header's or footer's text; empty when it is the previous section's."""
    if getattr(story, "is_linked_to_previous", True):
        return ""
    return "\n".join(p.text for p in story.paragraphs)
