"""Sources of the draft: cited (with their first note), unused ones of the draft's own files,
and every other source of the library; Enter edits one, `n` adds a new one."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from drafter.library.load import Library
from drafter.model import Document
from drafter.tui.shown import shown


class CitationsPanel(OptionList):
    """Cited sources first, in note order; then the rest."""

    BINDINGS = [Binding("n", "new", "New source"), Binding("enter", "select", "Edit", show=False)]

    @dataclass
    class SourceEditRequested(Message):
        """The user asked to edit a source (`key`) or to add one (None)."""

        key: str | None

    def show(self, document: Document, library: Library, own_keys: tuple[str, ...] = ()) -> None:
        first_note: dict[str, int] = {}
        for note in document.notes:
            for key in note.keys:
                first_note.setdefault(key, note.number)
        highlighted = self.highlighted
        self.clear_options()
        self.add_option(
            Option(f"[b]Cited ({len(first_note)})[/]  n: new source", id="head", disabled=True)
        )
        for key, number in first_note.items():
            source = library.source(key)
            title = shown(source.title) if source else "[$error]missing[/]"
            self.add_option(Option(f"{number:>3}  {shown(key)}  [dim]{title}[/]", id=key))
        unused = [k for k in own_keys if k not in first_note]
        if unused:
            self.add_option(
                Option(f"[b]Unused, in this draft's files ({len(unused)})[/]", disabled=True)
            )
            self.add_options(Option(f"     {shown(k)}", id=k) for k in unused)
        rest = [k for k in library.sources if k not in first_note and k not in unused]
        self.add_option(Option(f"[b]Library ({len(rest)})[/]", disabled=True))
        self.add_options(
            Option(f"     {shown(k)}  [dim]{shown(library.sources[k].title)}[/]", id=k)
            for k in rest
        )
        if highlighted is not None and highlighted < self.option_count:
            self.highlighted = highlighted

    def action_new(self) -> None:
        self.post_message(self.SourceEditRequested(None))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id and event.option.id != "head":
            self.post_message(self.SourceEditRequested(event.option.id))
