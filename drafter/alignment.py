"""Which items of an old and a new list are the same item (kept or edited in place), for
editing a file's arrays item by item."""

from __future__ import annotations

import difflib
from collections.abc import Hashable, Sequence

SIMILAR = 0.6  # items this alike (difflib ratio of their text) are one item edited


def align(
    old: Sequence[Hashable],
    new: Sequence[Hashable],
    old_ids: Sequence[Hashable] | None = None,
    new_ids: Sequence[Hashable] | None = None,
) -> list[tuple[int, int]]:
    """Pairs (old index, new index), increasing in both: equal items first, then, among the
    items between them, those with the same identity; an item whose identity is left over on
    both sides has moved (it is neither paired nor replaced). What is left between pairs is
    paired one for one when the counts agree, else by how alike the items are. An old item
    left out was removed, a new one added."""
    old_ids = old if old_ids is None else old_ids
    new_ids = new if new_ids is None else new_ids
    pairs: list[tuple[int, int]] = []
    gaps: list[tuple[range, range]] = []
    for tag, i1, i2, j1, j2 in _opcodes(old, new):
        if tag == "equal":
            pairs += zip(range(i1, i2), range(j1, j2), strict=True)
        elif tag == "replace":
            for sub, a1, a2, b1, b2 in _opcodes(old_ids[i1:i2], new_ids[j1:j2]):
                if sub == "equal":
                    pairs += zip(range(i1 + a1, i1 + a2), range(j1 + b1, j1 + b2), strict=True)
                elif sub == "replace":
                    gaps.append((range(i1 + a1, i1 + a2), range(j1 + b1, j1 + b2)))
    taken_old, taken_new = {i for i, _ in pairs}, {j for _, j in pairs}
    moving = {old_ids[i] for i in range(len(old)) if i not in taken_old} & {
        new_ids[j] for j in range(len(new)) if j not in taken_new
    }
    for olds, news in gaps:
        left_old = [i for i in olds if old_ids[i] not in moving]
        left_new = [j for j in news if new_ids[j] not in moving]
        if len(left_old) == len(left_new):
            pairs += zip(left_old, left_new, strict=True)
        else:
            pairs += _alike(old, new, left_old, left_new)
    return sorted(pairs)


def _opcodes(
    a: Sequence[Hashable], b: Sequence[Hashable]
) -> Sequence[tuple[str, int, int, int, int]]:
    return difflib.SequenceMatcher(None, list(a), list(b), autojunk=False).get_opcodes()


def _alike(
    old: Sequence[Hashable], new: Sequence[Hashable], olds: list[int], news: list[int]
) -> list[tuple[int, int]]:
    """In order, each new item with the most alike old item after the last one taken."""
    pairs: list[tuple[int, int]] = []
    after = -1
    for j in news:
        scores = [(_ratio(old[i], new[j]), -i, i) for i in olds if i > after]
        best = max(scores, default=None)
        if best is not None and best[0] >= SIMILAR:
            pairs.append((best[2], j))
            after = best[2]
    return pairs


def _ratio(a: Hashable, b: Hashable) -> float:
    return difflib.SequenceMatcher(None, repr(a), repr(b), autojunk=False).ratio()
