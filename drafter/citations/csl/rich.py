"""Formatted output as a tree: what every CSL element evaluates to, before it is written out.

A `Rich` holds strings and other Riches, with the CSL formatting set on it (`font-style`,
`font-variant`, `font-weight`, `text-decoration`, `vertical-align`, each by its CSL attribute
name and value), whether it is quoted, whether text case must leave it alone (`nocase`), and a
`display` role. Flip-flopping (italic inside italic reads upright, quotes inside quotes become
inner quotes) is left to the writers, which see the whole tree.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

FORMATTING = ("font-style", "font-variant", "font-weight", "text-decoration", "vertical-align")


@dataclass(eq=False)
class Rich:
    """A run of formatted output: its children in order, and what applies to all of them."""

    children: list[Rich | str] = field(default_factory=list)
    formatting: dict[str, str] = field(default_factory=dict)
    quotes: bool = False
    nocase: bool = False
    display: str | None = None

    def text(self) -> str:
        """The plain text, without formatting or quotation marks."""
        return "".join(child if isinstance(child, str) else child.text() for child in self.children)

    def strings(self) -> Iterator[str]:
        """The text's strings in reading order."""
        for child in self.children:
            if isinstance(child, str):
                yield child
            else:
                yield from child.strings()

    def is_empty(self) -> bool:
        return not any(self.strings())

    def is_plain(self) -> bool:
        """Whether this node adds nothing of its own (no formatting, quotes, case or display)."""
        return not (self.formatting or self.quotes or self.nocase or self.display)

    def copy(self) -> Rich:
        """A deep copy, so one part can be changed without changing another."""
        return Rich(
            [c if isinstance(c, str) else c.copy() for c in self.children],
            dict(self.formatting),
            self.quotes,
            self.nocase,
            self.display,
        )


def rich(*pieces: Rich | str | None) -> Rich:
    """A plain Rich of the non-empty pieces."""
    return Rich([p for p in pieces if p])


def joined(parts: Iterable[Rich | str], delimiter: str = "") -> Rich:
    """The parts, in order, with `delimiter` between each two."""
    children: list[Rich | str] = []
    for part in parts:
        if children and delimiter:
            children.append(delimiter)
        children.append(part)
    return Rich(children)
