"""Reviewers' text as draft text: what they typed kept literal (template delimiters, inline
markup and straight quotes escaped, so it renders exactly as typed), and note references back to
citation markers."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from drafter.model import NOTE_MARK_CLOSE, NOTE_MARK_OPEN, CiteItem, Document
from drafter.render.clauses import URL_TRAILING

NOTE = re.compile(re.escape(NOTE_MARK_OPEN) + r"(\d+)" + re.escape(NOTE_MARK_CLOSE))
# A bare address, as `render.clauses` reads one (its URL token): left as typed, since markup
# inside an address is not markup; a backslash ends one, so an escape right after an address
# stays one. Its trailing punctuation is not part of it (`render.clauses.URL_TRAILING`), so
# that is escaped.
_URL = re.compile(r"https?://[^\s<>\"\\]*[^\s<>\"*\\]")
_MARKUP = re.compile(r"([\\*\[\]'\"])")  # a straight quote would be made typographic
_BULLET = re.compile(r"^([ \t]*)-(?= )", re.MULTILINE)  # a line `- x` would be a bullet
_LINE_BREAK = re.compile(r"(?<!\n)\n(?!\n)")  # Word's line break inside a paragraph
_JINJA = re.compile(r"\{[{%#]")  # what opens a Jinja placeholder, block or comment
_TRAILING = re.compile(r"[.,;:!?](?:[”’]|\\[\"'])*$")  # quotes typed straight are escaped
# A locator's label as `render.clauses` reads it back (`p. 12` is page 12).
_LABEL_WORDS = {
    "page": "p.",
    "chapter": "chap.",
    "section": "sec.",
    "paragraph": "para.",
    "note": "n.",
    "figure": "fig.",
    "volume": "vol.",
    "column": "col.",
    "line": "l.",
    "issue": "no.",
    "article": "art.",
    "part": "pt.",
}


def escape_jinja(text: str) -> str:
    """`text` with every `{{`, `{%` and `{#` printed by a placeholder instead of opening one."""
    return _JINJA.sub(lambda m: '{{ "' + m.group() + '" }}', text)


def escape_markup(text: str) -> str:
    """`text` with backslashes, asterisks, brackets, straight quotes and leading `- ` escaped
    (addresses as they are), so the markup parser (`render.clauses`) gives back exactly these
    characters."""
    out: list[str] = []
    position = 0
    for match in _URL.finditer(text):
        address = match.group().rstrip(URL_TRAILING)
        out.append(_MARKUP.sub(r"\\\1", text[position : match.start()]))
        out.append(address)
        position = match.start() + len(address)
    out.append(_MARKUP.sub(r"\\\1", text[position:]))
    return _BULLET.sub(lambda m: m.group(1) + "\\-", "".join(out))


def literal(text: str) -> str:
    """Typed text as draft text that renders as exactly that text."""
    return escape_jinja(escape_markup(_LINE_BREAK.sub("\v", text)))


def marker(items: Sequence[CiteItem]) -> str:
    """The citation marker that `render.clauses` reads back as `items`."""
    parts = []
    for item in items:
        part = f"@{item.key}"
        if item.prefix:
            part = f"{item.prefix} {part}"
        if item.locator:
            part += f", {_LABEL_WORDS.get(item.label, 'p.')} {item.locator}"
        elif item.suffix:
            part += f" {item.suffix}"
        parts.append(part)
    return "[" + "; ".join(parts) + "]"


def affix_fits(text: str, prefix: bool) -> bool:
    """Whether `text` can stand as a citation's prefix (or suffix) in a marker."""
    if not text or any(c in text for c in "[];\n\v"):
        return False
    return "@" not in text if prefix else not text.startswith(",")


def to_draft_text(
    accepted: str, document: Document, citations: Mapping[int, Sequence[CiteItem]] | None = None
) -> str:
    """Accepted text as a draft's inline text: typed characters literal, each note reference back
    to its citation marker (`citations` overrides a note's), before the punctuation it follows."""
    items: dict[int, Sequence[CiteItem]] = {
        note.number: note.items or tuple(CiteItem(k) for k in note.keys) for note in document.notes
    }
    items.update(citations or {})
    parts = NOTE.split(accepted)
    out = literal(parts[0])
    for number, rest in zip(parts[1::2], parts[2::2], strict=True):
        cited = items.get(int(number), ())
        mark = escape_jinja(marker(cited)) if cited else ""
        trailing = _TRAILING.search(out)
        if mark and trailing:
            out = out[: trailing.start()] + " " + mark + out[trailing.start() :]
        elif mark:
            out += " " + mark
        out += literal(rest)
    return out
