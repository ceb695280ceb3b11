"""The sizes a clause body's operations would make, checked before they run: `'x' * n`, format
strings (literal text, widths and printed values summed over every field) and their errors."""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable

MAX_OUTPUT_CHARS = 200_000  # a single clause rendering to more than this is refused
MAX_VALUE_SIZE = MAX_OUTPUT_CHARS  # the largest text or list (counted in characters and items)
_PRINTF_TAIL = re.compile(r"[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")  # after `%` and a `(key)`

# The length of the text a value prints as, by the key a field names: an argument's position
# (int), a keyword or `%(key)` name (str), or None for all the arguments together.
Weigh = Callable[[int | str | None], int]


class Exhausted(Exception):
    """A clause body went over the rendering budget."""


def too_big(what: str = "a value") -> Exhausted:
    """The error for a value over MAX_VALUE_SIZE; `what` names it."""
    return Exhausted(f"{what} of more than {MAX_VALUE_SIZE:,} characters or items")


def check_size(estimate: int, what: str) -> None:
    """Refuse an operation whose result would be `estimate` characters or items, too many."""
    if estimate > MAX_VALUE_SIZE:
        raise too_big(what)


def _no_weight(_key: int | str | None) -> int:
    return 0


def _digits(numbers: Iterable[str | None]) -> int:
    """The sum of the widths and precisions `numbers` (digit strings) give; a huge one is
    refused before it is read as a number."""
    total = 0
    for number in numbers:
        if number:
            if len(number) > 7:
                raise too_big("a formatted text")
            total += int(number)
    return total


def check_format(text: str, weigh: Weigh = _no_weight) -> None:
    """Refuse a `str.format` string whose result would pass MAX_VALUE_SIZE: its literal text,
    and for every field its widths and precisions and the text of the value it prints, summed
    (16,000 fields of width 199,999 are refused, not checked one by one)."""
    total, auto = 0, 0
    for literal, name, spec, conversion in string.Formatter().parse(text):
        total += len(literal)
        if name is None:
            continue
        if spec and "{" in spec:
            raise too_big("a formatted field with a nested width")
        head = re.split(r"[.\[]", name, maxsplit=1)[0]
        key: int | str = (
            int(head) if head.isascii() and head.isdigit() and len(head) <= 10 else head
        )
        if head == "":
            key, auto = auto, auto + 1
        printed = weigh(key)
        total += _digits(re.findall(r"\d+", spec or "")) + printed * (10 if conversion else 1)
        check_size(total, "a formatted text")


def check_printf(text: str, weigh: Weigh = _no_weight) -> None:
    """The same for `%` formatting: widths and precisions summed, each `%(key)s` printing its
    value again, and positional values printed once between them."""
    total, positional = len(text), False
    for key, width, precision, span in _printf_fields(text):
        if "*" in (width, precision):
            raise too_big("a formatted field with a `*` width")
        total += _digits((width, precision)) - span  # the field's own characters are not printed
        if key is None:
            positional = True
        else:
            total += weigh(key)
        check_size(total, "a formatted text")
    if positional:
        check_size(total + weigh(None), "a formatted text")


def _printf_fields(text: str) -> list[tuple[str | None, str | None, str | None, int]]:
    """The `(key)`, width, precision and length of each `%` field, in one pass: a `%(` without a
    closing `)` after it is not searched to the end again for every `%`."""
    fields: list[tuple[str | None, str | None, str | None, int]] = []
    last_close = text.rfind(")")
    start = text.find("%")
    while start != -1:
        end, key = start + 1, None
        if text.startswith("%", end):  # `%%` prints one `%`
            start = text.find("%", end + 1)
            continue
        if text.startswith("(", end) and end < last_close:
            close = text.find(")", end)
            key, end = text[end + 1 : close], close + 1
        tail = _PRINTF_TAIL.match(text, end)
        assert tail is not None  # every part of it is optional
        width, precision = tail.groups()
        fields.append((key, width, precision, tail.end() - start))
        start = text.find("%", tail.end())
    return fields
