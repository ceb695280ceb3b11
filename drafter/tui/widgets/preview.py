"""The whole document as it will print: numbered notes at the end, updated after each edit."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static


class PreviewPane(VerticalScroll):
    """Scrollable text of the last successful build (or the error that stopped it)."""

    def compose(self) -> ComposeResult:
        yield Static("building…", id="preview-text")

    def show(self, text: str, error: bool = False) -> None:
        body = self.query_one("#preview-text", Static)
        body.set_class(error, "error")
        body.update(text)
