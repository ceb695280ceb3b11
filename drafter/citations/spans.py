"""The processor's written characters back to Spans: a capital opening a note, and web
addresses and DOIs made into link Spans."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from drafter.model import Span

_FLAGS = ("italic", "bold", "small_caps", "superscript", "subscript")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"]+|\bdoi:\s?10\.\d{4,}/\S+", re.IGNORECASE)
_URL_TRAILING = ".,;:!?)]}'\"’”>"


@dataclass(frozen=True)
class Char:
    """One written character and its formatting (italic, bold, small caps, super-, subscript)."""

    char: str
    style: tuple[bool, ...]


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
