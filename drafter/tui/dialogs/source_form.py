"""The source form: type, title, author or organization, publisher, dates, URL."""

from __future__ import annotations

from dataclasses import fields as dataclass_fields

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from drafter.errors import CitationError
from drafter.sources.entry import SOURCE_TYPES, SourceFields, fields_to_csl
from drafter.tui.shown import shown

LABELS = {  # field -> (label, placeholder)
    "type": ("Type", ", ".join(SOURCE_TYPES[:4]) + " …"),
    "title": ("Title", ""),
    "author": ("Author", "Family, Given — or an organization"),
    "publisher": ("Publisher", "newspaper, site or organization"),
    "issued": ("Date", "YYYY-MM-DD"),
    "url": ("URL", "https://…"),
    "accessed": ("Accessed", "YYYY-MM-DD"),
    "id": ("Key", "empty: made from author, year and title"),
}


class SourceForm(ModalScreen[SourceFields | None]):
    """Fill in a source; Ctrl+S (or Enter in the last field) keeps it, Escape cancels."""

    BINDINGS = [
        Binding("ctrl+s", "keep", "Keep", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, start: SourceFields, heading: str) -> None:
        super().__init__()
        self.start = start
        self.heading = heading

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="source-form"):
            yield Label(f"{shown(self.heading)} — Enter moves on, Ctrl+S keeps, Escape cancels")
            with Grid(id="source-grid"):
                for name, (label, hint) in LABELS.items():
                    yield Label(label)
                    yield Input(
                        getattr(self.start, name), placeholder=hint, id=f"f-{name}", compact=True
                    )
            yield Label("", id="form-error")

    def on_mount(self) -> None:
        self.query_one("#f-title", Input).focus()

    def collected(self) -> SourceFields:
        values = {
            f.name: self.query_one(f"#f-{f.name}", Input).value
            for f in dataclass_fields(SourceFields)
        }
        return SourceFields(**values)

    def show_error(self, message: str) -> None:
        self.query_one("#form-error", Label).update(f"[$error]{shown(message)}[/]")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "f-id":
            self.action_keep()
        else:
            self.focus_next()

    def action_keep(self) -> None:
        """Close with the fields, unless one is wrong: then say which, and stay open."""
        fields = self.collected()
        try:
            fields_to_csl(fields)
        except CitationError as error:
            self.show_error(f"{error.message} — {error.fix}" if error.fix else error.message)
            return
        self.dismiss(fields)

    def action_cancel(self) -> None:
        self.dismiss(None)
