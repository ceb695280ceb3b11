"""Formatted output as a tree: what every CSL element evaluates to, before it is written out.

A `Rich` holds strings and other Riches, with the CSL formatting set on it (`font-style`,
`font-variant`, `font-weight`, `text-decoration`, `vertical-align`, each by its CSL attribute
name and value), whether it is quoted, whether text case must leave it alone (`nocase`), and a
`display` role. Flip-flopping (italic inside italic reads upright, quotes inside quotes become
inner quotes) is left to the writers, which see the whole tree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
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
    role: str | None = None  # what produced it, for the processor: "names:author", "date:issued"

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

    def outermost(self, test: Callable[[Rich], bool]) -> Iterator[Rich]:
        """This node or, else, the nodes under it that pass `test`, in reading order, without
        looking inside one that passed (the names of a cite, the dates it prints)."""
        stack: list[Iterator[Rich | str]] = [iter([self])]
        while stack:
            child = next(stack[-1], None)
            if child is None:
                stack.pop()
            elif isinstance(child, Rich):
                if test(child):
                    yield child
                else:
                    stack.append(iter(child.children))


def joined(parts: Iterable[Rich | str], delimiter: str = "") -> Rich:
    """The parts, in order, with `delimiter` between each two."""
    children: list[Rich | str] = []
    for part in parts:
        if children and delimiter:
            children.append(delimiter)
        children.append(part)
    return Rich(children)
