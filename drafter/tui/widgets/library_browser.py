"""Search the clause library, preview the highlighted clause, and choose one to add."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from drafter.library import Library
from drafter.model import Clause

MAX_SHOWN = 200


def fuzzy_score(query: str, clause: Clause) -> int | None:
    """How well `query` matches a clause (higher is better); None when a word is missing.

    Every word of the query must appear in the id, title, tags or text, or match the initials
    or a subsequence of the id; the id and title weigh more than the text.
    """
    score = 0
    fields = (
        (clause.id.lower(), 6),
        (clause.title.lower(), 4),
        (" ".join(clause.tags).lower(), 3),
        (clause.body.lower(), 1),
    )
    for word in query.lower().split():
        best = max((weight for text, weight in fields if word in text), default=0)
        if not best and _subsequence(word, clause.id.lower()):
            best = 2
        if not best:
            return None
        score += best
    return score


def _subsequence(word: str, text: str) -> bool:
    it = iter(text)
    return all(char in it for char in word)


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

    def __init__(self, library: Library, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.library = library
        self.kind: str | None = None

    def compose(self) -> ComposeResult:
        yield Input(placeholder="search clauses: words of the id, title, tags or text", id="search")
        yield OptionList(id="matches")
        yield Static("", id="clause-preview")

    def on_mount(self) -> None:
        self.refresh_matches()

    def matches(self, query: str) -> list[Clause]:
        """Clauses matching `query`, best first; the current section's kind first on ties."""
        scored = []
        for clause in self.library.clauses.values():
            score = fuzzy_score(query, clause) if query.strip() else 0
            if score is not None:
                scored.append((-score, clause.kind != self.kind, clause.id, clause))
        return [c for *_, c in sorted(scored, key=lambda s: s[:3])][:MAX_SHOWN]

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
            Option(f"{c.id}  [dim]{c.title}[/]", id=c.id) for c in self.matches(query)
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
