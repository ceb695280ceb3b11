"""Turn citation markers into numbered notes (note styles) or inline citations (in-text styles).

drafter numbers notes itself, in reading order; citeproc only formats them. Note references
go after adjacent punctuation, as note styles expect: `in 2011 [@x].` becomes `in 2011.¹`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from drafter.errors import CitationError
from drafter.model import Block, Cite, CiteItem, Inline, Note, NoteRef, Span

PUNCTUATION = ".,;:!?"
CLOSING_QUOTES = "\"'’”»"


class Formatter(Protocol):
    """What notes need of a citation renderer (drafter.citations.CitationRenderer)."""

    @property
    def is_note(self) -> bool: ...

    def render(self, clusters: Sequence[Sequence[CiteItem]]) -> list[tuple[Span, ...]]: ...

    def bibliography(self, keys: Sequence[str]) -> list[tuple[Span, ...]]: ...


@dataclass(frozen=True)
class Cited:
    """Blocks with notes resolved, the notes, a reference list, and the keys cited."""

    blocks: tuple[Block, ...]
    notes: tuple[Note, ...]
    bibliography: tuple[tuple[Span, ...], ...]
    keys: tuple[str, ...]


def cite_blocks(blocks: Sequence[Block], formatter: Formatter, mode: str = "footnotes") -> Cited:
    """Resolve every Cite in `blocks`; `mode="reuse"` points a repeated source to its first note."""
    cites = [(b, c) for b in blocks for c in b.inlines if isinstance(c, Cite)]
    keys = tuple(dict.fromkeys(item.key.lower() for _, cite in cites for item in cite.items))
    if formatter.is_note:
        return _as_notes(blocks, cites, formatter, mode, keys)
    rendered = iter(_render(formatter, [c.items for _, c in cites], cites))
    out = []
    for block in blocks:
        inlines: list[Inline] = []
        for inline in block.inlines:
            if isinstance(inline, Cite):
                spans = next(rendered)
                if inlines and isinstance(inlines[-1], Span) and not inlines[-1].text.endswith(" "):
                    inlines.append(Span(" "))
                inlines.extend(spans)
            else:
                inlines.append(inline)
        out.append(replace(block, inlines=tuple(inlines)))
    bibliography = tuple(formatter.bibliography(list(keys))) if keys else ()
    return Cited(tuple(out), (), bibliography, keys)


def _as_notes(
    blocks: Sequence[Block],
    cites: list[tuple[Block, Cite]],
    formatter: Formatter,
    mode: str,
    keys: tuple[str, ...],
) -> Cited:
    numbers: dict[int, int] = {}  # id(cite) -> note number
    first_note: dict[str, int] = {}  # key -> note of a plain single citation of it
    new: list[tuple[Block, Cite]] = []
    for block, cite in cites:
        single = _plain_single(cite)
        if mode == "reuse" and single and single in first_note:
            numbers[id(cite)] = first_note[single]
            continue
        new.append((block, cite))
        numbers[id(cite)] = len(new)
        if single:
            first_note.setdefault(single, len(new))
    rendered = _render(formatter, [c.items for _, c in new], new)
    notes = tuple(
        Note(n, spans, tuple(i.key.lower() for i in cite.items), block.origin, cite.items)
        for n, ((block, cite), spans) in enumerate(zip(new, rendered, strict=True), 1)
    )
    out = []
    for block in blocks:
        inlines: list[Inline] = [
            NoteRef(numbers[id(i)]) if isinstance(i, Cite) else i for i in block.inlines
        ]
        out.append(replace(block, inlines=place_refs(inlines)))
    return Cited(tuple(out), notes, (), keys)


def _plain_single(cite: Cite) -> str | None:
    """The key of a one-source citation without locator or affixes, which `reuse` may share."""
    if len(cite.items) != 1:
        return None
    item = cite.items[0]
    if item.locator or item.prefix or item.suffix:
        return None
    return item.key.lower()


def _render(
    formatter: Formatter, clusters: list[tuple[CiteItem, ...]], cites: Sequence[tuple[Block, Cite]]
) -> list[tuple[Span, ...]]:
    try:
        return formatter.render(clusters)
    except CitationError as exc:
        if exc.path is None:  # name the place in the user's files where the bad key is
            for _, cite in cites:
                if any(i.key.lower() in exc.message.lower() for i in cite.items):
                    exc.path, exc.line = cite.location.path, cite.location.line
                    break
        raise


def place_refs(inlines: list[Inline]) -> tuple[Inline, ...]:
    """Drop the space before each note reference and move following punctuation before it."""
    out: list[Inline] = []
    index = 0
    while index < len(inlines):
        inline = inlines[index]
        if not isinstance(inline, NoteRef):
            out.append(inline)
            index += 1
            continue
        refs = [inline]
        index += 1
        while index < len(inlines) and isinstance(ref := inlines[index], NoteRef):
            refs.append(ref)
            index += 1
        _strip_trailing_space(out)
        following = inlines[index] if index < len(inlines) else None
        if isinstance(following, Span) and following.url is None:
            moved = _leading_punctuation(following.text)
            if moved:
                _append_text(out, moved, following)
                rest = following.text[len(moved) :]
                inlines[index] = replace(following, text=rest)
        out.extend(refs)
    return tuple(i for i in out if not (isinstance(i, Span) and not i.text))


def _leading_punctuation(text: str) -> str:
    count = 0
    while count < len(text) and text[count] in PUNCTUATION:
        count += 1
    if count:
        while count < len(text) and text[count] in CLOSING_QUOTES:
            count += 1
    return text[:count]


def _strip_trailing_space(out: list[Inline]) -> None:
    while out and isinstance(out[-1], Span) and out[-1].url is None:
        stripped = out[-1].text.rstrip()
        if stripped:
            out[-1] = replace(out[-1], text=stripped)
            return
        out.pop()


def _append_text(out: list[Inline], text: str, like: Span) -> None:
    last = out[-1] if out else None
    if isinstance(last, Span) and last.url is None:
        out[-1] = replace(last, text=last.text + text)
    else:
        out.append(replace(like, text=text))
