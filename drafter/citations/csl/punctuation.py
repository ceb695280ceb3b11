"""Punctuation where pieces meet, as citeproc-js joins output (the CSL test suite's
punctuation_FullMonty fixtures): a suffix, delimiter or affix that starts with punctuation the
text before it already ends with drops it ("ed." + "." → "ed."); a period or colon after other
strong punctuation is dropped ("Why?" + "." → "Why?", "Note;" + ":" → "Note;"); "!" or "?"
after a colon or semicolon replaces it ("Note:" + "?" → "Note?"); any other pair stays
("Inc." + "," → "Inc.,"). Closing quotation marks and brackets between the two are looked
through. A space that meets a space is written once."""

from __future__ import annotations

from drafter.citations.csl.rich import Rich

# closing characters that may stand between the earlier punctuation and the joint
TRANSPARENT = "”’\"')]"
PUNCTUATION = ".,;:!?"
# what a punctuation mark is dropped after, and what it replaces
DROPPED_AFTER = {".": ".:;!?", ":": ":;!?", ";": ";", ",": ",", "!": "!", "?": "?"}
REPLACES = {"!": ":;", "?": ":;"}


def tidy(rich: Rich) -> Rich:
    """The tree with punctuation and spaces doubled at a joint removed (changes it in place)."""
    previous: tuple[Rich, int] | None = None  # the last non-empty string seen: (parent, index)
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
        if previous is not None:
            parent, at = previous
            before = parent.children[at]
            assert isinstance(before, str)
            before, child = joint(before, child)
            parent.children[at] = before
            node.children[index] = child
        if child:
            previous = (node, index)
    return rich


def joint(before: str, after: str) -> tuple[str, str]:
    """The two strings with what doubles at their meeting taken out of `after` (or, for "!"
    and "?" after ":" or ";", out of `before`)."""
    if after[0] == " " and before.endswith(" "):
        return before, after.lstrip(" ")
    first = after[0]
    if first not in PUNCTUATION:
        return before, after
    tail = before.rstrip(TRANSPARENT)
    if not tail:
        return before, after
    last = tail[-1]
    if last in DROPPED_AFTER[first]:
        return before, after[1:]
    if last in REPLACES.get(first, ""):
        cut = len(tail) - 1
        return before[:cut] + first + before[cut + 1 :], after[1:]
    return before, after
