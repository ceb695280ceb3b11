"""Text from files as the editor shows it: controls made visible, markup characters literal."""

from __future__ import annotations

from rich.text import Text

from drafter.errors import visible


def shown(text: object, keep: str = "") -> str:
    """`text` for a widget that reads Textual markup (Label, Static, Option): `[bold]` shows as
    written, and control and bidi characters appear as `\\x1b`, `\\u202e` instead of acting.
    Characters in `keep` (a newline in a multi-line pane) pass as they are."""
    return visible(str(text), keep).replace("[", "\\[")


def literal(text: object, style: str = "") -> Text:
    """`text` as a Rich Text, never read as markup (for Tree labels and DataTable cells)."""
    return Text(visible(str(text)), style=style)
