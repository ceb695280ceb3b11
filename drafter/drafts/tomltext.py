"""TOML text for plain values, written the way a file's neighbouring values are, and a strict
comparison of TOML values (1 is not true, 1 is not 1.0)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f]")
_ESCAPES = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"'}
_ESCAPES["\\"] = "\\\\"
_TO_ESCAPE = re.compile('[\x00-\x1f\x7f"\\\\]')  # what a basic string writes as an escape
ONE_LINE = 80  # a new array longer than this is written one item a line


@dataclass(frozen=True)
class Look:
    """How a neighbouring value is written: literal ('...') strings, spaces inside braces."""

    literal: bool = False
    spaced: bool = True
    inner: Look | None = None  # the look of the values inside a table or array


def toml_text(value: Any, look: Look | None = None) -> str:
    """`value` as TOML text, written like `look` where the value allows it."""
    look = look or Look()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        return ("inf" if value > 0 else "-inf") if math.isinf(value) else repr(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, str):
        return string_text(value, look.literal)
    if isinstance(value, dict):
        pairs = ", ".join(f"{key_text(k)} = {toml_text(v, look.inner)}" for k, v in value.items())
        if not pairs:
            return "{}"
        return f"{{ {pairs} }}" if look.spaced else f"{{{pairs}}}"
    if isinstance(value, list | tuple):
        parts = [toml_text(v, look.inner) for v in value]
        line = "[" + ", ".join(parts) + "]"
        if len(line) <= ONE_LINE:
            return line
        return "[\n" + "".join(f"  {p},\n" for p in parts) + "]"
    raise TypeError(f"cannot write {type(value).__name__} in TOML")


def string_text(text: str, literal: bool = False) -> str:
    """A TOML string: literal when asked and the text allows it, else basic with escapes."""
    if literal and "'" not in text and not _CONTROL.search(text):
        return f"'{text}'"
    return '"' + _TO_ESCAPE.sub(_escape, text) + '"'


def _escape(match: re.Match[str]) -> str:
    char = match[0]
    return _ESCAPES.get(char) or f"\\u{ord(char):04x}"


def key_text(key: str) -> str:
    return key if _BARE_KEY.match(key) else string_text(key)


def value_key(value: Any) -> Any:
    """A hashable form of a TOML value that tells apart what TOML tells apart."""
    if isinstance(value, dict):
        return ("table", tuple(sorted((k, value_key(v)) for k, v in value.items())))
    if isinstance(value, list | tuple):
        return ("array", tuple(value_key(v) for v in value))
    return (type(value).__name__, repr(value))
