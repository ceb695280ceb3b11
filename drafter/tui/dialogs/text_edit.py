"""Edit an item's text in place; Ctrl+S keeps it, Escape drops the change."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, TextArea

from drafter.tui.shown import shown


class TextEditDialog(ModalScreen[str | None]):
    """A text area holding the item's Markdown; the result is the new text or None."""

    BINDINGS = [
        Binding("ctrl+s", "keep", "Keep", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.heading = title
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(f"{shown(self.heading)} — Ctrl+S keeps, Escape cancels")
            yield TextArea(self.text, id="editor", soft_wrap=True)

    def action_keep(self) -> None:
        self.dismiss(self.query_one("#editor", TextArea).text)

    def action_cancel(self) -> None:
        self.dismiss(None)
