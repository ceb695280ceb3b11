"""Punctuation where pieces meet: a suffix, delimiter or affix that repeats the punctuation the
text before it already ends with is dropped ("ed." + "." → "ed."; "Why?" + "." → "Why?"), as
citeproc-js and pandoc's citeproc do when they join output."""

from __future__ import annotations

from drafter.citations.csl.rich import Rich

ENDS = ".!?"
SAME = ",;:"
# closing characters that may stand between the earlier punctuation and the joint
TRANSPARENT = "”’\"')]"


def tidy(rich: Rich) -> Rich:
    """The tree with punctuation doubled at a joint removed (changes the tree in place)."""
    previous: list[tuple[Rich, int]] = []  # the last non-empty string seen: (parent, index)
    stack: list[tuple[Rich, int]] = [(rich, 0)]
    while stack:
        node, index = stack.pop()
        if index >= len(node.children):
            continue
        stack.append((node, index + 1))
        child = node.children[index]
        if isinstance(child, Rich):
            stack.append((child, 0))
            continue
        if not child:
            continue
        if previous:
            parent, at = previous[-1]
            before = parent.children[at]
            assert isinstance(before, str)
            child = _joint(before, child, quoted=parent.quotes)
            node.children[index] = child
        if child:
            previous[:] = [(node, index)]
    return rich


def _joint(before: str, after: str, quoted: bool) -> str:
    """`after` without punctuation that `before` already ends with."""
    first = after[0]
    if first not in ENDS + SAME:
        return after
    tail = before.rstrip(TRANSPARENT)
    if not tail:
        return after
    last = tail[-1]
    if first == "." and last in ENDS:
        return after[1:]
    if first in SAME and last == first:
        return after[1:]
    return after
