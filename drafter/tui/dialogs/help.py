"""Every key binding, gathered from the app, the editor and its widgets."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


def keys_of(bindings: Iterable[BindingType], displayed: bool = False) -> list[tuple[str, str]]:
    """Key and description of each binding; `displayed`: the key as the footer shows it."""
    return [
        ((b.key_display or b.key) if displayed else b.key, b.description)
        for b in bindings
        if isinstance(b, Binding)
    ]


class HelpDialog(ModalScreen[None]):
    """A list of bindings; any key closes it."""

    BINDINGS = [Binding("escape,q,f1", "close", "Close")]

    def __init__(self, groups: list[tuple[str, list[tuple[str, str]]]]) -> None:
        super().__init__()
        self.groups = groups

    def compose(self) -> ComposeResult:
        lines = ["[b]drafter keys[/]  (Escape closes)", ""]
        for title, bindings in self.groups:
            lines.append(f"[b]{title}[/]")
            lines += [f"  {key:<14} {description}" for key, description in bindings]
            lines.append("")
        with VerticalScroll(classes="dialog wide"):
            yield Static("\n".join(lines), id="help-text")

    def action_close(self) -> None:
        self.dismiss(None)
