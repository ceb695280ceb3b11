"""Whole numbers read from attributes of documents strangers send: ids, never trusted."""

from __future__ import annotations

MAX_DIGITS = 10  # Word's ids are 32-bit; a longer run of digits is not an id


def xml_int(value: str | None) -> int | None:
    """The integer an attribute such as `w:id` holds, or None for anything else: ASCII digits
    only (`"²".isdigit()` is true, yet `int("²")` fails), an optional minus, at most 10 digits."""
    if not value:
        return None
    digits = value[1:] if value[0] == "-" else value
    if not (digits.isascii() and digits.isdigit()) or len(digits) > MAX_DIGITS:
        return None
    return int(value)
