"""Reviewers' edits to a note: a note is a library source printed by the style, which a draft
cannot rewrite, so an edit is taken back only as the citation's prefix or suffix, and only when
the rebuilt note prints exactly the reviewer's text; otherwise it is refused, with the reason."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from drafter.editing import Position, set_item_text
from drafter.errors import DrafterError
from drafter.model import CiteItem, Document, Draft
from drafter.reviewtext import affix_fits, to_draft_text

_SPACES = re.compile(r"\s+")
FIX = "add the words to the item's text, or correct the source in the library"
NEW_NOTE_FIX = "add its source to the library (or the draft's sources) and cite it in the text"


@dataclass(frozen=True)
class NoteReview:
    """One note's text before the review and per reviewer after it; for each reviewer either the
    citation that prints their text (`citations`) or why it cannot be taken back (`refused`)."""

    number: int
    original: str
    accepted: dict[str, str]  # reviewer -> the note's text with their changes accepted
    citations: dict[str, tuple[CiteItem, ...]]
    refused: dict[str, str]

    @property
    def conflict(self) -> bool:
        return len(set(self.accepted.values())) > 1


def _norm(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def affixed(items: tuple[CiteItem, ...], before: str, after: str) -> tuple[CiteItem, ...] | str:
    """`items` with the reviewer's text as a prefix of the first or suffix of the last, or why
    that cannot be: the note's own text is the source's and stays as the library has it."""
    if _norm(after) == _norm(before):
        return items
    if after.startswith(before):
        added, last = after[len(before) :], items[-1]
        if last.locator:
            return "the citation has a locator, which a suffix cannot follow"
        suffix = (last.suffix + added).strip()
        if not affix_fits(suffix, prefix=False):
            return "a citation's suffix cannot start with a comma or hold brackets or ;"
        return (*items[:-1], replace(last, suffix=suffix))
    if after.endswith(before):
        added, first = after[: len(after) - len(before)], items[0]
        prefix = (added + first.prefix).strip()
        if not affix_fits(prefix, prefix=True):
            return "a citation's prefix cannot hold brackets, ; or @"
        return (replace(first, prefix=prefix), *items[1:])
    return "it changes the source's own words, which the library's source and the style print"


def plan_note(
    number: int,
    before: str,
    accepted: dict[str, str],
    body: str,
    position: Position,
    draft: Draft,
    document: Document,
    rebuild: Callable[[Draft], Document] | None,
) -> NoteReview:
    """How each reviewer's edit of note `number` (cited from the item at `position`, whose text
    in the returned file is `body`) is taken back, tried on a rebuild when one is given."""
    citations: dict[str, tuple[CiteItem, ...]] = {}
    refused: dict[str, str] = {}
    note = next((n for n in document.notes if n.number == number), None)
    for reviewer, after in accepted.items():
        if not before:
            refused[reviewer] = f"a new note has no source to cite — {NEW_NOTE_FIX}"
            continue
        if note is None or not note.items or _norm(note.text) != _norm(before):
            refused[reviewer] = f"the draft's note {number} is another note now — {FIX}"
            continue
        planned = affixed(note.items, before, after)
        if isinstance(planned, str):
            refused[reviewer] = f"{planned} — {FIX}"
            continue
        reason = (
            None
            if rebuild is None
            else _tried(number, planned, after, body, position, draft, document, rebuild)
        )
        if reason is None:
            citations[reviewer] = planned
        else:
            refused[reviewer] = f"{reason} — {FIX}"
    return NoteReview(number, before, dict(accepted), citations, refused)


def _common(one: str, other: str) -> int:
    """The length of the two texts' common beginning."""
    length = 0
    while length < min(len(one), len(other)) and one[length] == other[length]:
        length += 1
    return length


def _tail(printed: str, wanted: str) -> str:
    """`printed` from a little before where it stops matching `wanted`."""
    start = max(0, _common(printed, wanted) - 20)
    return ("…" if start else "") + printed[start:]


def describe(before: str, after: str) -> str:
    """What an edit did to a note's text, briefly: `adds “x” at the end`, `changes “a” to “b”`."""
    head = _common(before, after)
    tail = 0
    while tail < min(len(before), len(after)) - head and before[-1 - tail] == after[-1 - tail]:
        tail += 1
    old, new = before[head : len(before) - tail], after[head : len(after) - tail]
    place = "" if not before else " at the end" if not tail else " at the start" if not head else ""
    if not old:
        return f"adds “{new}”{place}"
    return f"deletes “{old}”{place}" if not new else f"changes “{old}” to “{new}”"


def _tried(
    number: int,
    items: tuple[CiteItem, ...],
    after: str,
    body: str,
    position: Position,
    draft: Draft,
    document: Document,
    rebuild: Callable[[Draft], Document],
) -> str | None:
    """Why the draft with `items` cited at note `number` does not print `after` there and every
    other note as before; None when it does."""
    text = to_draft_text(body, document, {number: items})
    try:
        notes = {n.number: n.text for n in rebuild(set_item_text(draft, position, text)).notes}
    except DrafterError as error:
        return f"the draft would not build ({error.message})"
    printed = notes.get(number, "")
    if _norm(printed) != _norm(after):
        return f"the style prints it as “{_tail(printed, after)}”"
    for other in document.notes:
        if other.number != number and _norm(notes.get(other.number, "")) != _norm(other.text):
            return f"it would change note {other.number}"
    return None
