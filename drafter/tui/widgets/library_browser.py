"""Search the clause library, preview the highlighted clause, and choose one to add."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from drafter.library.load import Library
from drafter.library.search import ClauseIndex
from drafter.model import Clause
from drafter.tui.shown import shown

MAX_SHOWN = 200


class LibraryBrowser(Vertical):
    """A search box, the matching clauses and a preview. Enter adds the top or chosen clause."""

    @dataclass
    class ClauseChosen(Message):
        """The user chose this clause to add to the draft."""

        clause_id: str

    @dataclass
    class ClauseHighlighted(Message):
        """The cursor is on this clause: the screen renders its preview."""

        clause_id: str

    def __init__(
        self,
        library: Library,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.library = library
        self.index = ClauseIndex(library.clauses.values())
        self.kind: str | None = None

    def compose(self) -> ComposeResult:
        yield Input(placeholder="search clauses: words of the id, title, tags or text", id="search")
        yield OptionList(id="matches")
        yield Static("", id="clause-preview")

    def on_mount(self) -> None:
        self.refresh_matches()

    def matches(self, query: str) -> list[Clause]:
        """Clauses matching `query`, best first; the current section's kind first on ties."""
        return self.index.search(query, self.kind, MAX_SHOWN)

    def set_kind(self, kind: str | None) -> None:
        """List clauses of `kind` (the current section's) first."""
        if kind != self.kind:
            self.kind = kind
            self.refresh_matches()

    def refresh_matches(self) -> None:
        query = self.query_one("#search", Input).value
        options = self.query_one("#matches", OptionList)
        options.clear_options()
        options.add_options(
            Option(f"{shown(c.id)}  [dim]{shown(c.title)}[/]", id=c.id) for c in self.matches(query)
        )
        if options.option_count:
            options.highlighted = 0

    def show_preview(self, text: str) -> None:
        self.query_one("#clause-preview", Static).update(text)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.refresh_matches()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        options = self.query_one("#matches", OptionList)
        if options.highlighted is not None:
            option = options.get_option_at_index(options.highlighted)
            if option.id:
                self.post_message(self.ClauseChosen(option.id))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.ClauseHighlighted(event.option.id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.ClauseChosen(event.option.id))
