"""Checks run before a body's operation that could make a huge value in one step: `*`, `**` and
`%`, the methods of built-in values a body may call (an allow-list), and filter arguments.

Widths in format strings, `center`, `indent`, `replace`, `join` and the like are sized from their
arguments before they run; a method outside the allow-list (`translate`, `to_bytes` ...) is
refused.
"""

from __future__ import annotations

import types
from collections.abc import Mapping
from typing import Any

from drafter.errors import quoted
from drafter.render.limits import Exhausted, Weigh, check_printf, check_size
from drafter.render.sandbox.budget import bounded, measure, printable, printed

# Methods of built-in values a body may call: those whose result is no larger than their input,
# and those checked first (`check_method`). Any other (`translate`, `to_bytes` ...) is refused.
_BOUNDED_METHODS = frozenset(
    {"capitalize", "casefold", "count", "endswith", "find", "get", "index", "isalnum", "isalpha",
     "isdecimal", "isdigit", "islower", "isnumeric", "isspace", "istitle", "isupper", "items",
     "keys", "lower", "lstrip", "partition", "removeprefix", "removesuffix", "rfind", "rindex",
     "rpartition", "rsplit", "rstrip", "split", "splitlines", "startswith", "strip", "swapcase",
     "title", "upper", "values"}
)  # fmt: skip
_WIDTH_METHODS = frozenset({"center", "ljust", "rjust", "zfill"})
_BUILTIN_VALUES = (str, bytes, int, float, list, tuple, dict, set, frozenset)


def format_weigher(args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> Weigh:
    """What each `str.format` field prints: its argument by position or keyword, else (in
    `format_map`) all of them."""

    def weigh(key: int | str | None) -> int:
        if isinstance(key, int) and key < len(args):
            return printed(args[key])
        return printed(kwargs[key] if isinstance(key, str) and key in kwargs else (args, kwargs))

    return weigh


def _printf_weigher(right: Any) -> Weigh:
    """What `%` fields print: a `%(key)` its value, positional ones all of `right` once."""
    return lambda key: printed(right[key] if isinstance(right, dict) and key in right else right)


def _arg(
    args: tuple[Any, ...], kwargs: Mapping[str, Any], index: int, name: str, default: Any
) -> Any:
    """A call's argument by position `index` or keyword `name`, else `default`."""
    if len(args) > index:
        return args[index]
    return kwargs.get(name, default)


def _width(value: Any) -> int:
    """A width argument as a number: a text's length, an int itself, anything else 0."""
    return len(value) if isinstance(value, str) else int(value) if isinstance(value, int) else 0


def _replaced_size(text: Any, old: Any, new: Any, count: Any) -> int:
    """The length of `text` after replacing `old` with `new` (at most `count` times)."""
    text, old, new = str(text), str(old), str(new)
    hits = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and count >= 0:
        hits = min(hits, count)
    return len(text) + hits * len(new)


def _joined(items: Any, separator: Any) -> tuple[list[Any], int]:
    """The items to join, listed and weighed, and the length of the joined text."""
    items = bounded(list(items))
    size = sum(len(i) if isinstance(i, str | bytes) else 1 for i in items)
    return items, size + len(str(separator)) * max(len(items) - 1, 0)


def check_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse `*` and `**` whose result would be huge, and huge widths in `%` formatting."""
    if operator == "*":
        for seq, times in ((left, right), (right, left)):
            if isinstance(seq, str | bytes | list | tuple) and isinstance(times, int):
                check_size(measure(seq) * max(times, 0), "a repeated value")
    elif operator == "**" and isinstance(left, int) and isinstance(right, int) and right > 0:
        if abs(left) > 1:
            check_size(left.bit_length() * right * 3 // 10, "a number")
    elif operator == "%" and isinstance(left, str):
        printable(right)
        check_printf(left, _printf_weigher(right))


def check_method(obj: Any, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> tuple[Any, ...]:
    """Refuse methods of built-in values that could make a huge value; the args to call with."""
    owner = getattr(obj, "__self__", None)
    if not isinstance(obj, types.BuiltinMethodType) or not isinstance(owner, _BUILTIN_VALUES):
        return args
    name = obj.__name__
    if name in _BOUNDED_METHODS:
        return args
    if name in _WIDTH_METHODS:
        check_size(_width(_arg(args, kwargs, 0, "width", 0)), "a padded text")
    elif name == "expandtabs" and isinstance(owner, str | bytes):
        tabs = owner.count("\t") if isinstance(owner, str) else owner.count(b"\t")
        size = _width(_arg(args, kwargs, 0, "tabsize", 8)) * (tabs + 1)
        check_size(len(owner) + size, "an expanded text")
    elif name == "replace" and isinstance(owner, str):
        printable((args, kwargs))
        count = _arg(args, kwargs, 2, "count", -1)
        check_size(_replaced_size(owner, args[0], args[1], count), "a replaced text")
    elif name == "join" and isinstance(owner, str | bytes) and args:
        items, size = _joined(args[0], owner)
        check_size(size, "a joined text")
        return (items, *args[1:])
    else:
        from jinja2.exceptions import SecurityError

        raise SecurityError(f"the method {quoted(name)} is not available in clause bodies")
    return args


def filter_value(name: str, value: Any, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> Any:
    """Check a filter's arguments before it runs; the value to run it on."""
    if name == "center":
        check_size(_width(_arg(args, kwargs, 0, "width", 80)), "a padded text")
    elif name == "indent":
        width = _width(_arg(args, kwargs, 0, "width", 4))
        check_size(len(str(value)) + width * (str(value).count("\n") + 1), "an indented text")
    elif name == "wordwrap":
        width = max(_width(_arg(args, kwargs, 0, "width", 79)), 1)
        wrap = _arg(args, kwargs, 2, "wrapstring", None) or "\n"
        check_size(len(str(value)) * (1 + len(str(wrap)) // width + 1), "a wrapped text")
    elif name == "replace":
        count = _arg(args, kwargs, 2, "count", None)
        old, new = _arg(args, kwargs, 0, "old", ""), _arg(args, kwargs, 1, "new", "")
        check_size(_replaced_size(value, old, new, count), "a replaced text")
    elif name == "join":
        value, size = _joined(value, _arg(args, kwargs, 0, "d", ""))
        check_size(size, "a joined text")
    elif name == "format" and isinstance(value, str):  # Jinja's is `value % (kwargs or args)`
        check_printf(value, _printf_weigher(kwargs or args))
    elif name in ("batch", "slice"):
        check_size(_width(_arg(args, kwargs, 0, "linecount", 0)), "a list")
    elif name in ("round", "tojson"):
        key, index = ("precision", 0) if name == "round" else ("indent", 0)
        if abs(_width(_arg(args, kwargs, index, key, 0))) > 100:
            raise Exhausted(f"a {key} over 100")
    return value
