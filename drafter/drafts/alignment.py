"""Which items of an old and a new list are the same item (kept or edited in place), for
editing a file's arrays item by item."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Hashable, Sequence

SIMILAR = 0.6  # items this alike (difflib ratio of their text) are one item edited
NEAR = 50  # an edited item is looked for among this many old items after the last one paired
LARGE = 50  # a gap of more items pairs an item with the next old one when that one is alike
WINDOW = 16  # ... else looks this far ahead (for an item removed or added there) by the
FULL = 4  # ... items' common start and end, and compares this many of them in full
COMPARISONS = 1000  # full comparisons one alignment spends at most (under a second), then
# pairs the rest by position
COMPARED = 160  # the characters of an item compared in full: a long item's first and last 80


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
    comparer = _Comparer()
    for olds, news in gaps:
        left_old = [i for i in olds if old_ids[i] not in moving]
        left_new = [j for j in news if new_ids[j] not in moving]
        if len(left_old) == len(left_new):
            pairs += zip(left_old, left_new, strict=True)
        else:
            pairs += _alike(old, new, left_old, left_new, comparer)
    return sorted(pairs)


def _opcodes(
    a: Sequence[Hashable], b: Sequence[Hashable]
) -> Sequence[tuple[str, int, int, int, int]]:
    return difflib.SequenceMatcher(None, list(a), list(b), autojunk=False).get_opcodes()


class _Comparer:
    """Full comparisons of item texts (difflib ratio), at most COMPARISONS in one alignment."""

    def __init__(self) -> None:
        self.left = COMPARISONS
        self.matcher = difflib.SequenceMatcher[str](None, autojunk=False)
        self.new: str | None = None  # the new item's text, until its side is indexed

    def against(self, text: str) -> None:
        self.new = text

    def _index(self) -> None:
        if self.new is not None:  # indexed once for all its comparisons, and only if needed
            self.matcher.set_seq2(_short(self.new))
            self.new = None

    def ratio(self, text: str, floor: float, tie_loses: bool = False) -> float | None:
        """The ratio of `text` (an old item's short text) to the new item's, when it is at
        least `floor` (above it, with `tie_loses`); None when a quick upper bound says it
        is not, so no full comparison is spent on it."""
        self._index()
        self.matcher.set_seq1(text)
        bound = min(self.matcher.real_quick_ratio(), self.matcher.quick_ratio())
        if bound < floor or (tie_loses and bound <= floor):
            return None
        self.left -= 1
        ratio = self.matcher.ratio()
        return ratio if ratio > floor or (ratio == floor and not tie_loses) else None


def _alike(
    old: Sequence[Hashable],
    new: Sequence[Hashable],
    olds: list[int],
    news: list[int],
    comparer: _Comparer,
) -> list[tuple[int, int]]:
    """In order, each new item with the most alike of the next NEAR old items after the last
    one taken. In a gap of over LARGE items, with the first alike of the next WINDOW (the
    next old item itself, in place, when that one is alike). Once the alignment has spent
    its comparisons, the rest by position."""
    texts = [repr(old[i]) for i in olds]
    short = [_short(text) for text in texts]
    large = max(len(olds), len(news)) > LARGE
    pairs: list[tuple[int, int]] = []
    start = 0  # olds[start:] are the old items not yet passed
    for done, j in enumerate(news):
        if comparer.left <= 0:
            pairs += zip(olds[start:], news[done:], strict=False)
            break
        text = repr(new[j])
        comparer.against(text)
        if large:
            best = _first_alike(comparer, texts, short, text, range(start, len(olds)))
        else:
            best = _most_alike(comparer, short, range(start, min(len(olds), start + NEAR)))
        if best is not None:
            pairs.append((olds[best], j))
            start = best + 1
    return pairs


def _most_alike(comparer: _Comparer, short: list[str], near: range) -> int | None:
    """The index in `near` of the text most alike the new item's (the first of equals), if
    any is SIMILAR."""
    best: int | None = None
    best_ratio = SIMILAR
    for k in near:
        ratio = comparer.ratio(short[k], best_ratio, tie_loses=best is not None)
        if ratio is not None:
            best, best_ratio = k, ratio
    return best


def _first_alike(
    comparer: _Comparer, texts: list[str], short: list[str], text: str, ahead: range
) -> int | None:
    """The first index of the next WINDOW in `ahead` whose text is SIMILAR to `text`. Their
    common start and end (a lower bound of the ratio) are tried first, over the window;
    then the first FULL of it in full."""
    near = ahead[:WINDOW]
    for k in near:
        if _ends_alike(texts[k], text) >= SIMILAR:
            return k
    return next((k for k in near[:FULL] if comparer.ratio(short[k], SIMILAR) is not None), None)


def _ends_alike(a: str, b: str) -> float:
    """How much of two texts their common start and end make up: at most their ratio."""
    if not a and not b:
        return 1.0
    start = _common(a, b, lambda n: a[:n] == b[:n])
    rest = min(len(a), len(b)) - start
    end = _common(a, b, lambda n: a[len(a) - n :] == b[len(b) - n :], rest)
    return 2 * (start + end) / (len(a) + len(b))


def _common(a: str, b: str, same: Callable[[int], bool], most: int | None = None) -> int:
    """The longest length n (at most `most`) for which `same(n)` holds, by bisection."""
    low, high = 0, min(len(a), len(b)) if most is None else most
    while low < high:
        middle = (low + high + 1) // 2
        if same(middle):
            low = middle
        else:
            high = middle - 1
    return low


def _short(text: str) -> str:
    """What is compared of an item's text: all of it, or its start and end when it is long (so
    that one comparison takes bounded time)."""
    half = COMPARED // 2
    return text if len(text) <= COMPARED else text[:half] + text[-half:]
