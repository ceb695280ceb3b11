"""The review report's table for people: one row per edit, in report order (the CLI prints them
as plain records in one pass, linear in the number of edits, and draws a rich table only for a
short one on a terminal)."""

from __future__ import annotations

from dataclasses import dataclass

from drafter.review.harvest import Harvest, plain

HEADERS = ("item", "where", "reviewer", "edit", "text", "placed by")
DRAWN_ROWS = 500  # more rows than this are written as plain lines even on a terminal


@dataclass(frozen=True)
class Row:
    """One edit as the table shows it."""

    item: str
    conflict: bool
    where: str  # "" (the item's text), "note 8", "new paragraph after whereas 12", "title"
    reviewer: str
    kind: str
    text: str
    placed_by: str

    def cells(self) -> tuple[str, ...]:
        """The row's cells in HEADERS order, a conflict said after the item."""
        item = self.item + (" (conflict)" if self.conflict else "")
        return (item, self.where, self.reviewer, self.kind, self.text, self.placed_by)


def review_rows(result: Harvest) -> list[Row]:
    """Every edit of every item, then those outside the draft's items, in report order."""
    rows = []
    for item in result.review.items:
        for edit in item.edits:
            text = plain(edit.text)
            if edit.anchored_text:
                text += f"  (on “{plain(edit.anchored_text)}”)"
            rows.append(
                Row(
                    item.label,
                    item.conflict,
                    edit.where,
                    edit.reviewer,
                    edit.kind,
                    text,
                    edit.attribution,
                )
            )
    for edit in result.review.unplaced:
        outside = "title" if edit.where == "title" else "(outside the draft's items)"
        rows.append(
            Row(outside, False, edit.where, edit.reviewer, edit.kind, plain(edit.text), "none")
        )
    return rows
