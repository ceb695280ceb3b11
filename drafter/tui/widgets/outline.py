"""The draft's sections and items, as a tree; keys ask for moves, removals and edits."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Tree

from drafter.drafts.editing import Position
from drafter.library.load import Library
from drafter.model import Draft, Item, Template
from drafter.tui.shown import literal

Node = Position | str  # an item's position, or a section id


class Outline(Tree[Node]):
    """Sections and their items. Set `show(draft, template, library)` to refresh it."""

    BINDINGS = [
        Binding("K", "move(-1)", "Move up"),
        Binding("J", "move(1)", "Move down"),
        Binding("x", "request('remove')", "Remove"),
        Binding("y", "request('duplicate')", "Duplicate"),
        Binding("e", "request('edit')", "Edit text"),
        Binding("V", "request('item_var')", "Item variable"),
    ]

    @dataclass
    class ChangeRequested(Message):
        """The user asked to change an item: `op` is move, remove, duplicate or edit."""

        op: str
        position: Position
        offset: int = 0

    @dataclass
    class PositionHighlighted(Message):
        """The cursor is on an item (position) or a section (section id)."""

        node: Node

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__("draft", name=name, id=id, classes=classes)
        self.show_root = False
        self.guide_depth = 2

    def show(
        self, draft: Draft, template: Template, library: Library, focus: Node | None = None
    ) -> None:
        """Rebuild from `draft`, keeping the cursor on `focus` (or where it was)."""
        keep = focus if focus is not None else self.current
        self.clear()
        for spec in template.sections:
            items = draft.sections.get(spec.id, ())
            label = literal(f"{spec.label or spec.id} ({len(items)})")
            section = self.root.add(label, data=spec.id, expand=True)
            for index, item in enumerate(items):
                section.add_leaf(_label(item, library), data=Position(spec.id, index))
        self.call_after_refresh(self._restore, keep)

    def _restore(self, keep: Node | None) -> None:
        """Put the cursor on `keep`, or on the nearest line when it is gone."""
        for line in range(self.last_line + 1):
            node = self.get_node_at_line(line)
            if node is not None and node.data == keep:
                self.cursor_line = line
                return
        self.cursor_line = max(0, min(self.cursor_line, self.last_line))

    def select(self, node: Node) -> None:
        """Move the cursor to an item or section."""
        self._restore(node)

    @property
    def current(self) -> Node | None:
        node = self.cursor_node
        return node.data if node is not None else None

    def action_move(self, offset: int) -> None:
        if isinstance(self.current, Position):
            self.post_message(self.ChangeRequested("move", self.current, offset))

    def action_request(self, op: str) -> None:
        if isinstance(self.current, Position):
            self.post_message(self.ChangeRequested(op, self.current))

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[Node]) -> None:
        event.stop()
        if event.node.data is not None:
            self.post_message(self.PositionHighlighted(event.node.data))


def _label(item: Item, library: Library) -> Text:
    if item.clause:
        clause = library.clause(item.clause)
        title = clause.title if clause else "unknown clause"
        return literal(f"{item.clause.rsplit('/', 1)[-1]} — {title}")
    text = " ".join((item.text or "").split())
    mark = "✎ " if item.edited_from else "¶ "
    return literal(mark + (text[:60] + "…" if len(text) > 60 else text))
