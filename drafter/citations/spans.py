"""A citeproc formatter that marks formatting with private-use characters, and the way back to Spans.

citeproc-py calls `preformat()` on every piece of source text and wraps formatted pieces with
`Italic()`, `SmallCaps()` and so on. Here each wrapper brackets its text with a pair of
private-use characters that cannot occur in the text (preformat removes them), so the result
parses back into Spans without guessing — unlike HTML, which citeproc does not escape.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from drafter.model import Span

_FLAGS = ("italic", "bold", "small_caps", "superscript", "subscript")
_OPEN = {flag: chr(0xE000 + 2 * i) for i, flag in enumerate(_FLAGS)}
_CLOSE = {flag: chr(0xE001 + 2 * i) for i, flag in enumerate(_FLAGS)}
_MARKER = {char: (flag, +1) for flag, char in _OPEN.items()} | {
    char: (flag, -1) for flag, char in _CLOSE.items()
}
_STRIP = str.maketrans("", "", "".join(_MARKER))

_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"]+|\bdoi:\s?10\.\d{4,}/\S+", re.IGNORECASE)
_URL_TRAILING = ".,;:!?)]}'\"’”>"


def _wrapper(flag: str) -> type[str]:
    opening, closing = _OPEN[flag], _CLOSE[flag]

    class Wrapped(str):
        def __new__(cls, text: object) -> Wrapped:
            return super().__new__(cls, f"{opening}{text}{closing}")

    Wrapped.__name__ = flag.title().replace("_", "")
    return Wrapped


class MarkerFormatter:
    """The formatter "module" handed to citeproc-py."""

    @staticmethod
    def preformat(text: object) -> str:
        return str(text).translate(_STRIP)

    Italic = _wrapper("italic")
    Oblique = Italic
    Bold = _wrapper("bold")
    Light = str
    Underline = str
    SmallCaps = _wrapper("small_caps")
    Superscript = _wrapper("superscript")
    Subscript = _wrapper("subscript")


def clean(text: str) -> str:
    """Text from outside citeproc (prefixes, suffixes) with any marker characters removed."""
    return text.translate(_STRIP)


@dataclass(frozen=True)
class Char:
    char: str
    style: tuple[bool, ...]


def read_marked(marked: str) -> list[Char]:
    """Characters with their formatting, read from marker-bracketed text."""
    depth = dict.fromkeys(_FLAGS, 0)
    out: list[Char] = []
    for char in marked:
        marker = _MARKER.get(char)
        if marker:
            flag, step = marker
            depth[flag] = max(0, depth[flag] + step)
            continue
        out.append(Char(char, tuple(depth[f] > 0 for f in _FLAGS)))
    return out


def move_punctuation_into_quotes(chars: list[Char]) -> list[Char]:
    """American style: a comma or period after a closing quote goes inside it."""
    out = list(chars)
    opened = 0
    index = 0
    while index < len(out) - 1:
        char = out[index].char
        following = out[index + 1].char
        if char == "‘":
            opened += 1
        elif char == "’" and following.isalpha():
            pass  # an apostrophe inside a word
        elif char in "”’" and following in ",.":
            if char == "”" or opened:
                out[index], out[index + 1] = out[index + 1], out[index]
                index += 1
            if char == "’" and opened:
                opened -= 1
        elif char == "’" and opened:
            opened -= 1
        index += 1
    return out


def capitalize_first(chars: list[Char]) -> list[Char]:
    """A note is a sentence: its first letter is a capital (`ibid.` → `Ibid.`)."""
    out = list(chars)
    text = "".join(c.char for c in out)
    for index, item in enumerate(out):
        if item.char.isalpha():
            if _URL.match(text, index):
                break  # a note may open with a web address, which keeps its case
            out[index] = replace(item, char=item.char.upper())
            break
        if not item.char.isspace() and item.char not in "“‘\"'(":
            break
    return out


def group(chars: Iterable[Char]) -> tuple[Span, ...]:
    """Runs of equally formatted characters as Spans, with web addresses as link Spans."""
    spans: list[Span] = []
    text: list[str] = []
    style: tuple[bool, ...] | None = None
    for item in chars:
        if item.style != style and text:
            spans.extend(_link(_span("".join(text), style)))
            text = []
        style = item.style
        text.append(item.char)
    if text:
        spans.extend(_link(_span("".join(text), style)))
    return tuple(spans)


def _span(text: str, style: tuple[bool, ...] | None) -> Span:
    italic, bold, small_caps, superscript, subscript = style or (False,) * len(_FLAGS)
    return Span(text, italic, bold, small_caps, superscript, subscript)


def _link(span: Span) -> list[Span]:
    """Split a Span so each web address or DOI in it becomes a hyperlink Span."""
    out: list[Span] = []
    position = 0
    for match in _URL.finditer(span.text):
        address = match.group().rstrip(_URL_TRAILING)
        if address.count("(") > address.count(")") and match.group()[len(address) :][:1] == ")":
            address += ")"
        end = match.start() + len(address)
        if match.start() > position:
            out.append(replace(span, text=span.text[position : match.start()]))
        out.append(replace(span, text=address, url=_target(address)))
        position = end
    if position < len(span.text):
        out.append(replace(span, text=span.text[position:]))
    return out


def _target(address: str) -> str:
    if address.lower().startswith("doi:"):
        return "https://doi.org/" + address[4:].strip()
    if address.lower().startswith("www."):
        return "https://" + address
    return address
