"""A letter's signatories as a table: in printed order, filterable, duplicates and missing
consent flagged; `M` imports a CSV (a sign-up form's export) into the list."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Input, Static

from drafter.kinds.signatories import Signatory, arrange, duplicates, normalize
from drafter.tui.shown import literal, shown


class SignatoriesPanel(Vertical):
    """Shows signers; the filter narrows by any words of name, organization, group or place."""

    BINDINGS = [Binding("M", "import_csv", "Import CSV")]

    @dataclass
    class ImportRequested(Message):
        """The user asked to merge a CSV of sign-ups into the list."""

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.signers: tuple[Signatory, ...] = ()
        self.groups: tuple[str, ...] = ()

    def compose(self) -> ComposeResult:
        yield Static("", id="signer-summary")
        yield Input(placeholder="filter signatories", id="signer-filter")
        yield DataTable(id="signer-table", cursor_type="row")

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(
            "signatory", "kind", "group", "place", "consent", "check"
        )

    def show(self, signers: tuple[Signatory, ...], groups: tuple[str, ...], note: str = "") -> None:
        self.signers, self.groups = signers, groups
        arranged = arrange(signers, groups)
        summary = note or arranged.sentence() or "no signatories yet: M imports a CSV"
        flagged = len(duplicates(signers))
        if flagged:
            summary += f"  ·  {flagged} suspected duplicates"
        self.query_one("#signer-summary", Static).update(shown(summary))
        self._fill()

    def _fill(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        words = normalize(self.query_one("#signer-filter", Input).value).split()
        doubles = {id(d.second): d.first for d in duplicates(self.signers)}
        arranged = arrange(self.signers, self.groups)
        for group in (*arranged.organizations, *arranged.individuals):
            for signer in group.members:
                haystack = normalize(
                    " ".join((signer.display, signer.organization, signer.group, signer.location))
                )
                if not all(w in haystack for w in words):
                    continue
                first = doubles.get(id(signer))
                flag = f"⚠ same as line {first.line}" if first is not None else ""
                consent = signer.consent_date or ("✓" if signer.consented else "—")
                cells = (signer.display, signer.kind, signer.group, signer.location, consent, flag)
                table.add_row(*(literal(c) for c in cells))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._fill()

    def action_import_csv(self) -> None:
        self.post_message(self.ImportRequested())
