"""Small modal dialogs: a one-line answer, a choice from a filtered list, a yes/no/cancel."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from drafter.tui.shown import shown


class PromptDialog(ModalScreen[str | None]):
    """Ask for one line of text; Enter answers, Escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str, value: str = "") -> None:
        super().__init__()
        self.question = question
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(shown(self.question))
            yield Input(self.value, id="answer")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ChoiceDialog(ModalScreen[str | None]):
    """Choose from a list narrowed by typing; Enter takes the highlighted entry."""

    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("down", "down", show=False)]

    def __init__(self, question: str, choices: list[str], current: str = "") -> None:
        super().__init__()
        self.question = question
        self.choices = choices
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(shown(self.question))
            yield Input(placeholder="type to narrow", id="filter")
            yield OptionList(id="choices")

    def on_mount(self) -> None:
        self._fill("")

    def _fill(self, text: str) -> None:
        options = self.query_one("#choices", OptionList)
        options.clear_options()
        words = text.lower().split()
        found = [c for c in self.choices if all(w in c.lower() for w in words)][:300]
        options.add_options(Option(shown(c), id=c) for c in found)
        if found:
            options.highlighted = found.index(self.current) if self.current in found else 0

    def on_input_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        options = self.query_one("#choices", OptionList)
        if options.highlighted is not None:
            self.dismiss(options.get_option_at_index(options.highlighted).id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_down(self) -> None:
        self.query_one("#choices", OptionList).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmDialog(ModalScreen[str]):
    """A question with lettered answers, e.g. (s)ave, (d)iscard, (c)ancel."""

    def __init__(self, question: str, answers: dict[str, str]) -> None:
        super().__init__()
        self.question = question
        self.answers = answers  # key -> answer id

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(shown(self.question))
            yield Label(
                "   ".join(f"[b]{key}[/] {answer}" for key, answer in self.answers.items()),
                id="answers",
            )

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()  # the key answers this dialog and nothing behind it
        if event.key in self.answers:
            self.dismiss(self.answers[event.key])
        elif event.key == "escape" and "c" in self.answers:
            self.dismiss(self.answers["c"])
