"""The whole document as it will print: numbered notes at the end, updated after each edit."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from drafter.errors import visible
from drafter.model import Document, Inline, NoteRef, Span
from drafter.output.textout import list_numbers
from drafter.tui.shown import shown

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def document_text(document: Document) -> Text:
    """The document as styled terminal text; paragraphs wrap to the pane's width."""
    out = Text()
    numbers = list_numbers(document)
    for index, block in enumerate(document.blocks):
        if block.role == "title":
            out.append_text(_inlines(block.inlines, "bold"))
            out.append("\n\n")
            continue
        if block.role == "heading":
            out.append_text(_inlines(block.inlines, "bold underline"))
            out.append("\n\n")
            continue
        if index in numbers:
            out.append(f"{numbers[index]:>3}. ")
        elif block.role == "bullet":
            out.append("  • ")
        if block.lead:
            out.append(visible(block.lead) + " ", style="bold")
        out.append_text(_inlines(block.inlines))
        out.append("\n\n")
    if document.bibliography:
        out.append("References\n\n", style="bold")
        for entry in document.bibliography:
            out.append_text(_inlines(entry))
            out.append("\n")
    if document.notes:
        out.append("Notes\n", style="bold")
        for note in document.notes:
            out.append(f"{note.number:>3}. ", style="dim")
            out.append_text(_inlines(note.spans))
            out.append("\n")
    return out


def _inlines(inlines: Iterable[Inline], base: str = "") -> Text:
    text = Text(style=base)
    for inline in inlines:
        if isinstance(inline, NoteRef):
            text.append(str(inline.number).translate(SUPERSCRIPT), style="bold")
        elif isinstance(inline, Span):
            style = " ".join(
                name
                for name, on in (
                    ("italic", inline.italic),
                    ("bold", inline.bold),
                    ("underline", bool(inline.url)),
                )
                if on
            )
            text.append(visible(inline.text, keep="\n\t"), style=style or None)
    return text


class PreviewPane(VerticalScroll):
    """Scrollable text of the last successful build (or the error that stopped it)."""

    def compose(self) -> ComposeResult:
        yield Static("building…", id="preview-text")

    def show(self, document: Document | None, error: str | None = None) -> None:
        body = self.query_one("#preview-text", Static)
        body.set_class(error is not None, "error")
        body.update(
            shown(error) if error is not None else document_text(document) if document else ""
        )
