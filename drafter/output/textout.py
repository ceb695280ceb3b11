"""Text writers: Markdown (pandoc flavour, `[^n]` footnotes) and plain text with numbered notes."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable

from drafter.model import Document, Inline, NoteRef, Span, writable

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>$^~@|#])")


def to_markdown(document: Document) -> str:
    """The document as Markdown that pandoc reads back with the same structure."""
    return writable(_markdown(document))


def _markdown(document: Document) -> str:
    out: list[str] = []
    numbers = list_numbers(document)
    for index, block in enumerate(document.blocks):
        text = _md_inlines(block.inlines)
        if block.lead:
            text = f"**{_md_escape(block.lead)}** {text}"
        if index in numbers:
            out.append(f"{numbers[index]}. {text}")
        elif block.role == "title":
            out.append(f"# {text}")
        elif block.role == "heading":
            out.append(f"## {text}")
        elif block.role == "bullet":
            out.append(f"- {text}")
        elif "\n" in text:  # an address: each line kept (a backslash ends a line in pandoc)
            out.append(text.replace("\n", "\\\n"))
        else:
            out.append(text)
    if document.bibliography:
        out.append("## References")
        out += [_md_inlines(entry) for entry in document.bibliography]
    body = _join(out, [b.role for b in document.blocks])
    notes = "\n".join(f"[^{n.number}]: {_md_inlines(n.spans)}" for n in document.notes)
    return body + ("\n\n" + notes if notes else "") + "\n"


NUMBERED = ("request", "reason")  # roles Word numbers through their paragraph style


def list_numbers(document: Document) -> dict[int, int]:
    """The printed number of each block in a numbered role, counting on across each list."""
    numbers: dict[int, int] = {}
    counts: dict[str, int] = {}
    for index, block in enumerate(document.blocks):
        if block.role in NUMBERED:
            counts[block.role] = counts.get(block.role, 0) + 1
            numbers[index] = counts[block.role]
    return numbers


def _join(chunks: list[str], roles: list[str]) -> str:
    """Blank lines between paragraphs; consecutive bullets stay one list."""
    text = ""
    for index, chunk in enumerate(chunks):
        if index:
            tight = index < len(roles) and roles[index] == "bullet" and roles[index - 1] == "bullet"
            text += "\n" if tight else "\n\n"
        text += chunk
    return text


def _md_inlines(inlines: Iterable[Inline]) -> str:
    out = []
    for inline in inlines:
        if isinstance(inline, NoteRef):
            out.append(f"[^{inline.number}]")
        elif isinstance(inline, Span):
            out.append(_md_span(inline))
    return "".join(out)


def _md_span(span: Span) -> str:
    if span.url:
        if span.text == span.url:
            text = f"<{span.url}>"
        else:
            text = f"[{_md_escape(span.text)}]({span.url})"
    else:
        text = _md_escape(span.text)
    if not text.strip():
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    core = text.strip()
    if span.small_caps:
        core = f"[{core}]{{.smallcaps}}"
    if span.superscript:
        core = f"^{core}^"
    if span.subscript:
        core = f"~{core}~"
    if span.italic:
        core = f"*{core}*"
    if span.bold:
        core = f"**{core}**"
    return lead + core + trail


def _md_escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


# --- plain text ------------------------------------------------------------

WIDTH = 78


def to_plain(document: Document) -> str:
    """The document as wrapped plain text, notes marked [n] and listed at the end."""
    return writable(_plain(document))


def _plain(document: Document) -> str:
    out: list[str] = []
    numbers = list_numbers(document)
    for index, block in enumerate(document.blocks):
        text = _plain_inlines(block.inlines)
        if block.lead:
            text = f"{block.lead} {text}"
        if index in numbers:
            label = f"{numbers[index]:>2}. "
            filled = textwrap.fill(
                text,
                WIDTH,
                initial_indent=label,
                subsequent_indent=" " * len(label),
                break_long_words=False,
                break_on_hyphens=False,
            )
            out.append(filled)
        elif block.role == "title":
            out.append(text + "\n" + "=" * min(len(text), WIDTH))
        elif block.role == "heading":
            out.append(text + "\n" + "-" * min(len(text), WIDTH))
        elif block.role == "bullet":
            out.append(textwrap.fill(text, WIDTH, initial_indent="  * ", subsequent_indent="    "))
        elif "\n" in text:  # an address block keeps its lines
            out.append(text)
        else:
            out.append(textwrap.fill(text, WIDTH, break_long_words=False, break_on_hyphens=False))
    if document.bibliography:
        out.append("References\n----------")
        out += [
            textwrap.fill(
                _plain_inlines(e), WIDTH, subsequent_indent="    ", break_long_words=False
            )
            for e in document.bibliography
        ]
    if document.notes:
        out.append("Notes\n-----")
        for note in document.notes:
            label = f"{note.number}. "
            out.append(
                textwrap.fill(
                    _plain_inlines(note.spans),
                    WIDTH,
                    initial_indent=label,
                    subsequent_indent=" " * len(label),
                    break_long_words=False,
                    break_on_hyphens=False,
                )
            )
    return _join(out, [b.role for b in document.blocks]) + "\n"


def _plain_inlines(inlines: Iterable[Inline]) -> str:
    return "".join(
        f"[{i.number}]" if isinstance(i, NoteRef) else i.text
        for i in inlines
        if isinstance(i, NoteRef | Span)
    )
