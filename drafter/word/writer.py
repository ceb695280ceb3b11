"""The DOCX writer: drafter's document IR in, a Word package out.

Blocks become paragraphs in drafter's styles; notes become real footnotes (or endnotes); links
are live; each draft item is wrapped in a bookmark; the document records where it came from.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from docx.document import Document as DocxDocument

from drafter import __version__
from drafter.model import Block, Document, Note, NoteRef, Span
from drafter.word.anchors import TITLE, bookmark_name, note_bookmark_name
from drafter.word.inline import (
    Bookmarks,
    ParagraphWriter,
    RunFormat,
    first_free_bookmark_id,
    xml_safe,
)
from drafter.word.notes import Notes, document_notes
from drafter.word.package import add_page_numbers, new_document, open_reference
from drafter.word.properties import CustomProperties
from drafter.word.styles import DocumentStyles, ensure_styles, style_id_for_role

PROPERTY_PREFIX = "drafter."


@dataclass(frozen=True)
class DocxOptions:
    """How to write: a reference document to take styles and page setup from, and the time."""

    reference: Path | None = None
    now: datetime | None = None


def to_docx(document: Document, options: DocxOptions = DocxOptions()) -> bytes:
    """The document as the bytes of a .docx file."""
    docx_document = compose(document, options)
    buffer = io.BytesIO()
    docx_document.save(buffer)
    return buffer.getvalue()


def compose(document: Document, options: DocxOptions = DocxOptions()) -> DocxDocument:
    """The document as a python-docx Document, ready to save."""
    if options.reference is not None:
        target = open_reference(options.reference)
        styles = ensure_styles(target, own_normal=False)
    else:
        target = new_document()
        styles = ensure_styles(target)
        add_page_numbers(target)
    kind = "endnote" if document.endnotes else "footnote"
    notes = document_notes(target, kind) if document.notes else None
    body = _Body(target, styles, notes, document.notes, first_free_bookmark_id(target))
    body.write(document.blocks, document.bibliography)
    _record(target, document, options.now or datetime.now(UTC))
    return target


class _Body:
    """Writes blocks in order, creating each note where it is first referenced."""

    def __init__(
        self,
        target: DocxDocument,
        styles: DocumentStyles,
        notes: Notes | None,
        note_texts: Sequence[Note],
        first_bookmark_id: int = 0,
    ) -> None:
        self.target = target
        self.styles = styles
        self.notes = notes
        self.note_texts = {n.number: n for n in note_texts}
        self.bookmarks = Bookmarks(first_bookmark_id)
        self.written: set[int] = set()
        self.reused: set[int] = set()
        endnotes = notes is not None and notes.kind == "endnote"
        # character styles by the id the document really uses (a reference document's own)
        self.ref_style = styles["EndnoteReference" if endnotes else "FootnoteReference"].style_id
        self.text_style = "EndnoteText" if endnotes else "FootnoteText"
        self.lead_style = styles["LeadWord"].style_id
        self.link_style = styles["Hyperlink"].style_id

    def write(self, blocks: Sequence[Block], bibliography: Sequence[Sequence[Span]]) -> None:
        refs = Counter(i.number for b in blocks for i in b.inlines if isinstance(i, NoteRef))
        self.reused = {number for number, times in refs.items() if times > 1}
        open_id: int | None = None
        for index, block in enumerate(blocks):
            previous = blocks[index - 1].origin if index else None
            following = blocks[index + 1].origin if index + 1 < len(blocks) else None
            paragraph = self.styles.add_paragraph(self.target, style_id_for_role(block.role))
            writer = ParagraphWriter(paragraph)
            if block.lead:
                writer.text(block.lead, RunFormat(style=self.lead_style))
                writer.text(" ")
            name = _anchor(block)
            if name and (block.origin is None or block.origin != previous):
                open_id = writer.bookmark_start(self.bookmarks, name)
            self.inlines(writer, block.inlines)
            if open_id is not None and (block.origin is None or block.origin != following):
                writer.bookmark_end(open_id)
                open_id = None
        if bibliography:
            self.styles.add_paragraph(self.target, "Heading1", "References")
            for entry in bibliography:
                paragraph = self.styles.add_paragraph(self.target, "Bibliography")
                self.inlines(ParagraphWriter(paragraph), entry)

    def inlines(self, writer: ParagraphWriter, inlines: Sequence[object]) -> None:
        for inline in inlines:
            if isinstance(inline, Span):
                self.span(writer, inline)
            elif isinstance(inline, NoteRef):
                self.note_ref(writer, inline.number)

    def note_ref(self, writer: ParagraphWriter, number: int) -> None:
        if self.notes is None or number not in self.note_texts:
            writer.text(str(number), RunFormat(superscript=True))
            return
        if number in self.written:  # notes = "reuse": point back to the first note
            writer.field(
                f"NOTEREF {note_bookmark_name(number)} \\f \\h", str(number), self.ref_style
            )
            return
        self.written.add(number)
        note = self.notes.add()
        paragraph = self.styles.add_paragraph(note, self.text_style)
        inner = ParagraphWriter(paragraph)
        inner.note_number(note.kind, self.ref_style)
        inner.text(" ")
        for span in self.note_texts[number].spans:
            self.span(inner, span)
        if number in self.reused:
            bookmark = writer.bookmark_start(self.bookmarks, note_bookmark_name(number))
            writer.note_reference(note, self.ref_style)
            writer.bookmark_end(bookmark)
        else:
            writer.note_reference(note, self.ref_style)

    def span(self, writer: ParagraphWriter, span: Span) -> None:
        fmt = RunFormat(
            italic=span.italic,
            bold=span.bold,
            small_caps=span.small_caps,
            superscript=span.superscript,
            subscript=span.subscript,
            style=self.link_style if span.url else None,
        )
        if span.url:
            writer.link(span.text, span.url, fmt)
        else:
            writer.text(span.text, fmt)


def _anchor(block: Block) -> str | None:
    if block.origin is not None:
        return bookmark_name(block.origin)
    return TITLE if block.role == "title" else None


def _record(target: DocxDocument, document: Document, now: datetime) -> None:
    """Core properties for people; custom properties for drafter's review of returned files."""
    core = target.core_properties
    core.title = xml_safe(document.title)[:255]  # the most a core property holds
    core.subject = {"proposal": "Shareholder proposal", "letter": "Sign-on letter"}.get(
        document.meta.get("template", ""), ""
    )
    core.last_modified_by = "drafter"
    core.comments = f"Built by drafter {__version__}"
    core.revision = 1
    utc = now.astimezone(UTC) if now.tzinfo else now
    core.created = core.modified = utc.replace(microsecond=0, tzinfo=None)
    custom = CustomProperties(target)
    custom.clear_prefix(PROPERTY_PREFIX)  # a reference document may carry an earlier build's
    custom.set(PROPERTY_PREFIX + "version", __version__)
    for key in ("draft", "draft_sha256", "template", "style", "notes"):
        if document.meta.get(key):
            custom.set(PROPERTY_PREFIX + key, document.meta[key])
