"""Every check's findings; Enter jumps to the draft item concerned."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from drafter.drafts.editing import Position
from drafter.model import Issue
from drafter.tui.shown import shown

ICONS = {"error": "✖", "warning": "▲", "info": "●"}


class IssuesPanel(OptionList):
    """A list of issues, errors first."""

    @dataclass
    class IssueChosen(Message):
        """The user chose an issue that belongs to a draft item."""

        position: Position

    def show(self, issues: tuple[Issue, ...]) -> None:
        self.issues = sorted(issues, key=lambda i: ("error", "warning", "info").index(i.severity))
        self.clear_options()
        if not self.issues:
            self.add_option(Option("no issues: every check passes", id="none"))
            return
        for index, issue in enumerate(self.issues):
            where = f" [dim]({shown(issue.origin.anchor)})[/]" if issue.origin else ""
            self.add_option(
                Option(f"{ICONS[issue.severity]} {shown(issue.message)}{where}", id=str(index))
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is None or not event.option.id.isdigit():
            return
        issue = self.issues[int(event.option.id)]
        if issue.origin is not None:
            self.post_message(self.IssueChosen(Position(issue.origin.section, issue.origin.index)))
