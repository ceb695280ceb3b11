"""Proxies for footnotes and endnotes: a collection per part, and each note a block container."""

from __future__ import annotations

from collections.abc import Iterator

from docx.blkcntnr import BlockItemContainer
from docx.document import Document as DocxDocument
from docx.settings import Settings

from drafter.word.oxml import CT_Note, set_note_properties, set_section_note_format
from drafter.word.parts import NotesPart, notes_part


class Note(BlockItemContainer):
    """One footnote or endnote; its paragraphs are ordinary python-docx paragraphs."""

    def __init__(self, element: CT_Note, part: NotesPart) -> None:
        super().__init__(element, part)
        self._note = element
        self._notes_part = part

    @property
    def id(self) -> int:
        return self._note.note_id if self._note.note_id is not None else -1

    @property
    def kind(self) -> str:
        return self._notes_part.notes_element.kind

    @property
    def element(self) -> CT_Note:
        return self._note

    @property
    def part(self) -> NotesPart:
        return self._notes_part

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


class Notes:
    """The normal notes of one notes part, in the order they are stored."""

    def __init__(self, part: NotesPart) -> None:
        self._part = part
        self._next_id: int | None = None  # counted once, so adding n notes is linear

    @property
    def kind(self) -> str:
        return self._part.notes_element.kind

    def __iter__(self) -> Iterator[Note]:
        for element in self._part.notes_element.iter_notes():
            if element.is_normal:
                yield Note(element, self._part)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def add(self) -> Note:
        """A new empty note; give it paragraphs, then reference it from the body."""
        notes = self._part.notes_element
        if self._next_id is None:
            self._next_id = notes.next_note_id()
        note = Note(notes.add_note(self._next_id), self._part)
        self._next_id += 1
        return note

    def clear(self) -> None:
        """Remove every normal note, keeping the separators."""
        self._part.notes_element.remove_normal_notes()
        self._next_id = None


def document_notes(
    document: DocxDocument, kind: str = "footnote", create: bool = True
) -> Notes | None:
    """The document's footnotes or endnotes; `create` adds the part and lists its separators."""
    part = notes_part(document.part, kind, create=create)
    if part is None:
        return None
    if not create:
        return Notes(part)
    separators = part.notes_element.ensure_separators()
    settings: Settings = document.settings
    set_note_properties(settings.element, kind, separators)
    if kind == "endnote":  # Word's and LibreOffice's default for endnotes is i, ii, iii
        for section in document.sections:
            set_section_note_format(section._sectPr, kind, "decimal")
    return Notes(part)
