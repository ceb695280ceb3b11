"""Edits to a draft as pure functions, and an undo history. Front ends (the TUI) call these; a
draft is never changed in place, so every state can be kept, compared and restored."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from drafter.model import Draft, Item


@dataclass(frozen=True)
class Position:
    """An item's place: section id and index within it."""

    section: str
    index: int


def _items(draft: Draft, section: str) -> list[Item]:
    return list(draft.sections.get(section, ()))


def _with(draft: Draft, section: str, items: list[Item]) -> Draft:
    sections = dict(draft.sections)
    sections[section] = tuple(items)
    return replace(draft, sections=sections)


def add_item(draft: Draft, section: str, item: Item, index: int | None = None) -> Draft:
    """Insert `item` into `section` at `index` (default: at the end)."""
    items = _items(draft, section)
    items.insert(len(items) if index is None else max(0, min(index, len(items))), item)
    return _with(draft, section, items)


def remove_item(draft: Draft, at: Position) -> Draft:
    items = _items(draft, at.section)
    del items[at.index]
    return _with(draft, at.section, items)


def duplicate_item(draft: Draft, at: Position) -> Draft:
    """Insert a copy of the item right after it."""
    items = _items(draft, at.section)
    items.insert(at.index + 1, items[at.index])
    return _with(draft, at.section, items)


def move_item(draft: Draft, at: Position, offset: int) -> tuple[Draft, Position]:
    """Move an item up (-1) or down (+1) within its section; returns the new draft and place."""
    items = _items(draft, at.section)
    target = max(0, min(at.index + offset, len(items) - 1))
    if target == at.index:
        return draft, at
    items.insert(target, items.pop(at.index))
    return _with(draft, at.section, items), Position(at.section, target)


def set_item_text(draft: Draft, at: Position, text: str) -> Draft:
    """Replace an item's text: it becomes inline text (the clause it came from is kept as the
    edit's `edited_from`)."""
    items = _items(draft, at.section)
    old = items[at.index]
    items[at.index] = Item(text=text, vars=old.vars, edited_from=old.clause or old.edited_from)
    return _with(draft, at.section, items)


def set_item_var(draft: Draft, at: Position, name: str, value: str | None) -> Draft:
    """Give one clause item its own value for a variable (None: back to the draft's)."""
    items = _items(draft, at.section)
    values = dict(items[at.index].vars)
    if value is None:
        values.pop(name, None)
    else:
        values[name] = value
    items[at.index] = replace(items[at.index], vars=values)
    return _with(draft, at.section, items)


def set_var(draft: Draft, name: str, value: str | None) -> Draft:
    """Set a draft variable, or remove it with None."""
    values = dict(draft.vars)
    if value is None:
        values.pop(name, None)
    else:
        values[name] = value
    return replace(draft, vars=values)


def set_fields(draft: Draft, **fields: Any) -> Draft:
    """Change top-level fields such as title, style, order or notes."""
    return replace(draft, **fields)


@dataclass
class History:
    """Undo and redo over whole drafts, with a mark for what was last saved."""

    current: Draft
    limit: int = 200
    _undo: list[Draft] = field(default_factory=list)
    _redo: list[Draft] = field(default_factory=list)
    saved: Draft | None = None

    def __post_init__(self) -> None:
        if self.saved is None:
            self.saved = self.current

    def apply(self, draft: Draft) -> bool:
        """Make `draft` current; False (and nothing recorded) when it equals the current one."""
        if draft == self.current:
            return False
        self._undo.append(self.current)
        del self._undo[: -self.limit]
        self._redo.clear()
        self.current = draft
        return True

    def undo(self) -> bool:
        if not self._undo:
            return False
        self._redo.append(self.current)
        self.current = self._undo.pop()
        return True

    def redo(self) -> bool:
        if not self._redo:
            return False
        self._undo.append(self.current)
        self.current = self._redo.pop()
        return True

    @property
    def dirty(self) -> bool:
        """Whether the current draft differs from what was last saved or opened."""
        return self.current != self.saved

    def mark_saved(self, draft: Draft | None = None) -> None:
        self.saved = draft if draft is not None else self.current
