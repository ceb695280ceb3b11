"""Proxy for writing a paragraph's inline content: formatted text, links, note marks,
bookmarks and fields. The writer calls these; the XML stays in `oxml`."""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import count
from urllib.parse import quote

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from drafter.model import UNWRITABLE, writable
from drafter.word.notes import Note
from drafter.word.oxml import (
    add_bookmark_end,
    add_bookmark_start,
    add_field,
    add_hyperlink,
    add_note_ref_mark,
    add_note_reference,
    iter_bookmarks,
    new_run,
    set_complex_script_format,
)


@dataclass(frozen=True)
class RunFormat:
    """Character formatting of a run; `style` is a character style id."""

    italic: bool = False
    bold: bool = False
    small_caps: bool = False
    superscript: bool = False
    subscript: bool = False
    style: str | None = None


class Bookmarks:
    """Hands out document-wide bookmark ids."""

    def __init__(self, start: int = 0) -> None:
        self._ids = count(start)

    def next_id(self) -> int:
        return next(self._ids)


class ParagraphWriter:
    """Appends inline content to one paragraph."""

    def __init__(self, paragraph: Paragraph) -> None:
        self.paragraph = paragraph
        self._p = paragraph._p

    def text(self, text: str, fmt: RunFormat = RunFormat()) -> Run:
        run = Run(new_run(self._p), self.paragraph)
        _format(run, fmt)
        run.text = xml_safe(text)
        return run

    def link(self, text: str, url: str, fmt: RunFormat = RunFormat()) -> None:
        """A live external hyperlink; its relationship lives on this paragraph's own part. An
        address longer than Office follows is written as its text alone."""
        target = uri(url)
        if len(target) > MAX_LINK_TARGET:
            self.text(text, replace(fmt, style=None))
            return
        r_id = self.paragraph.part.relate_to(target, RT.HYPERLINK, is_external=True)
        link = add_hyperlink(self._p, r_id)
        run = Run(new_run(link), self.paragraph)
        _format(run, fmt)
        run.text = xml_safe(text)

    def note_reference(self, note: Note, style: str) -> None:
        """The body mark of `note`, in character style `style`."""
        run = Run(new_run(self._p), self.paragraph)
        run._r.style = style
        add_note_reference(run._r, note.kind, note.id)

    def note_number(self, kind: str, style: str) -> None:
        """The number that opens a note's own first paragraph."""
        run = Run(new_run(self._p), self.paragraph)
        run._r.style = style
        add_note_ref_mark(run._r, kind)

    def bookmark_start(self, bookmarks: Bookmarks, name: str) -> int:
        """Open a bookmark here; returns its id for `bookmark_end`."""
        bookmark_id = bookmarks.next_id()
        add_bookmark_start(self._p, bookmark_id, name)
        return bookmark_id

    def bookmark_end(self, bookmark_id: int) -> None:
        add_bookmark_end(self._p, bookmark_id)

    def field(self, instruction: str, result: str, style: str | None = None) -> None:
        """A field such as `PAGE` or `NOTEREF _Ref1 \\f \\h`, with its current result."""
        add_field(self._p, instruction, result, style)


MAX_LINK_TARGET = 2079  # Office reports a longer link target as unreadable content


def xml_safe(text: str) -> str:
    """Text a Word file can hold: a vertical tab (Word's own line break) or a carriage return
    becomes a line break; control characters, lone surrogates and U+FFFE/U+FFFF are dropped."""
    return writable(text)


def uri(url: str) -> str:
    """An address as a relationship target: spaces and non-ASCII percent-encoded, escapes kept."""
    return quote(UNWRITABLE.sub("", url), safe=":/?#[]@!$&'()*+,;=%~")


def first_free_bookmark_id(document: DocxDocument) -> int:
    """One more than the highest bookmark id in any part (headers of a reference document)."""
    highest = -1
    for part in document.part.package.iter_parts():
        element = getattr(part, "_element", None)
        if element is not None:
            highest = max([highest, *(i for i, _ in iter_bookmarks(element))])
    return highest + 1


def _format(run: Run, fmt: RunFormat) -> None:
    if fmt.style:
        run._r.style = fmt.style
    if fmt.italic:
        run.italic = True
    if fmt.bold:
        run.bold = True
    if fmt.italic or fmt.bold:
        set_complex_script_format(run._r, bold=fmt.bold, italic=fmt.italic)
    if fmt.small_caps:
        run.font.small_caps = True
    if fmt.superscript:
        run.font.superscript = True
    if fmt.subscript:
        run.font.subscript = True
