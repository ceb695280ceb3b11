"""Every variable the draft uses: description, default, value and the clauses using it."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.message import Message
from textual.widgets import DataTable

from drafter.library.load import Library
from drafter.model import Draft
from drafter.tui.shown import literal


@dataclass(frozen=True)
class VariableRow:
    name: str
    description: str
    default: str
    value: str
    used_by: tuple[str, ...]


def variable_rows(draft: Draft, library: Library) -> list[VariableRow]:
    """One row per variable of the draft's clauses, plus draft values no clause declares."""
    found: dict[str, tuple[str, str, list[str]]] = {}  # name -> description, default, used by
    for items in draft.sections.values():
        for item in items:
            clause = library.clause(item.clause or item.edited_from or "")
            if clause is None:
                continue
            for variable in clause.variables:
                if variable.name not in found:
                    found[variable.name] = (variable.description, variable.default or "", [])
                found[variable.name][2].append(clause.id)
    for name in draft.vars:
        found.setdefault(name, ("(draft value)", "", []))
    return [
        VariableRow(
            name, description, default, draft.vars.get(name, ""), tuple(dict.fromkeys(used))
        )
        for name, (description, default, used) in sorted(found.items())
    ]


class VariablesPanel(DataTable[Text]):
    """The variables as a table; Enter asks to edit the highlighted one's value."""

    BINDINGS = [("enter", "edit", "Set value")]

    @dataclass
    class EditRequested(Message):
        """The user asked to set this variable's value."""

        name: str

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.add_columns("variable", "value", "default", "used by", "description")

    def show(self, rows: list[VariableRow]) -> None:
        self.clear()
        for row in rows:
            fallback = literal("(default)", "dim") if row.default else literal("⚠ unset")
            value = literal(row.value) if row.value else fallback
            self.add_row(
                literal(row.name),
                value,
                literal(row.default),
                literal(", ".join(u.rsplit("/", 1)[-1] for u in row.used_by)),
                literal(row.description),
                key=row.name,
            )

    def action_edit(self) -> None:
        if self.row_count:
            key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
            if key:
                self.post_message(self.EditRequested(key))
