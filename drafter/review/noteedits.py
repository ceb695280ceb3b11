"""Reviewers' edits to a note: a note is a library source printed by the style, which a draft
cannot rewrite, so an edit is taken back only as the citation's prefix or suffix, and only when
the rebuilt note prints exactly the reviewer's text; otherwise it is refused, with the reason."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from drafter.drafts.editing import Position, set_item_text
from drafter.errors import DrafterError
from drafter.model import CiteItem, Document, Draft
from drafter.review.reviewertext import affix_fits, to_draft_text

_SPACES = re.compile(r"\s+")
FIX = "add the words to the item's text, or correct the source in the library"
NEW_NOTE_FIX = "add its source to the library (or the draft's sources) and cite it in the text"
MAX_NOTE_TRIES = 20  # note edits tried on a rebuild of their own, in one review
TOO_MANY = (
    "not tried: more than {} note edits did not print together and need a rebuild each"
    " — apply the others, then review these notes in smaller rounds"
)


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


@dataclass(frozen=True)
class NoteRequest:
    """The reviewers' texts of note `number` (`before` in the draft's build), cited from the item
    at `position`, whose text in the returned file is `body`."""

    number: int
    before: str
    accepted: dict[str, str]
    body: str
    position: Position


def plan_notes(
    requests: Sequence[NoteRequest],
    draft: Draft,
    document: Document,
    rebuild: Callable[[Draft], Document] | None,
) -> list[NoteReview]:
    """`plan_note` for each request, its affixes tried on rebuilds when `rebuild` is given: all
    of one reviewer's on one rebuild, and only those that do not print so then each on a rebuild
    of its own, MAX_NOTE_TRIES of them in all (the rest are refused untried)."""
    planned = [
        plan_note(r.number, r.before, r.accepted, r.body, r.position, draft, document, None)
        for r in requests
    ]
    if rebuild is None:
        return planned
    verdicts: dict[tuple[int, str], str | None] = {}
    alone: list[tuple[int, str]] = []
    for who in dict.fromkeys(who for note in planned for who in note.citations):
        mine = [k for k, note in enumerate(planned) if who in note.citations]
        passed, failed = _together(who, mine, requests, planned, draft, document, rebuild)
        verdicts.update(((k, who), None) for k in passed)
        alone += [(k, who) for k in failed]
    for tries, (k, who) in enumerate(sorted(alone)):
        if tries >= MAX_NOTE_TRIES:
            verdicts[k, who] = TOO_MANY.format(MAX_NOTE_TRIES)
            continue
        r = requests[k]
        items = planned[k].citations[who]
        reason = _tried(
            r.number, items, r.accepted[who], r.body, r.position, draft, document, rebuild
        )
        verdicts[k, who] = None if reason is None else f"{reason} — {FIX}"
    return [_settled(note, k, verdicts) for k, note in enumerate(planned)]


def _together(
    who: str,
    mine: list[int],
    requests: Sequence[NoteRequest],
    planned: list[NoteReview],
    draft: Draft,
    document: Document,
    rebuild: Callable[[Draft], Document],
) -> tuple[list[int], list[int]]:
    """Which of one reviewer's planned note edits (`mine`, indexes of `requests`) all print as
    they wrote on one rebuild that has them all, every other note as before (a second rebuild
    leaves out those that did not); and the others, to be tried each on its own."""
    pending: list[int] = []
    alone: list[int] = []
    numbers: set[int] = set()
    for k in mine:  # a note number met twice (two returned files) is tried on its own
        (alone if requests[k].number in numbers else pending).append(k)
        numbers.add(requests[k].number)
    for _ in range(2):
        if not pending:
            break
        edits: dict[Position, tuple[str, dict[int, tuple[CiteItem, ...]]]] = {}
        for k in pending:
            r = requests[k]
            edits.setdefault(r.position, (r.body, {}))[1][r.number] = planned[k].citations[who]
        notes = _rebuilt(edits, draft, document, rebuild)
        if isinstance(notes, str):
            break
        wrong = {
            k
            for k in pending
            if _norm(notes.get(requests[k].number, "")) != _norm(requests[k].accepted[who])
        }
        if not wrong:
            if _other_changed(notes, {requests[k].number for k in pending}, document) is None:
                return pending, alone
            break
        alone += sorted(wrong)
        pending = [k for k in pending if k not in wrong]
    return [], alone + pending


def _settled(note: NoteReview, k: int, verdicts: dict[tuple[int, str], str | None]) -> NoteReview:
    """The planned note review with the rebuilds' verdicts: kept, or refused with the reason."""
    citations: dict[str, tuple[CiteItem, ...]] = {}
    refused: dict[str, str] = {}
    for who in note.accepted:
        why = note.refused.get(who) or verdicts.get((k, who))
        if why is None and who in note.citations:
            citations[who] = note.citations[who]
        elif why is not None:
            refused[who] = why
    return replace(note, citations=citations, refused=refused)


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
    notes = _rebuilt({position: (body, {number: items})}, draft, document, rebuild)
    if isinstance(notes, str):
        return notes
    printed = notes.get(number, "")
    if _norm(printed) != _norm(after):
        return f"the style prints it as “{_tail(printed, after)}”"
    return _other_changed(notes, {number}, document)


def _rebuilt(
    edits: dict[Position, tuple[str, dict[int, tuple[CiteItem, ...]]]],
    draft: Draft,
    document: Document,
    rebuild: Callable[[Draft], Document],
) -> dict[int, str] | str:
    """Each note's text once the items at the positions (of text `body`) cite the notes
    numbered so with those citations; or why that draft would not build."""
    for position, (body, citations) in edits.items():
        draft = set_item_text(draft, position, to_draft_text(body, document, citations))
    try:
        return {n.number: n.text for n in rebuild(draft).notes}
    except DrafterError as error:
        return f"the draft would not build ({error.message})"


def _other_changed(notes: dict[int, str], numbers: set[int], document: Document) -> str | None:
    """Which note, other than those `numbers`, the rebuild prints differently, if one."""
    for other in document.notes:
        if other.number not in numbers and _norm(notes.get(other.number, "")) != _norm(other.text):
            return f"it would change note {other.number}"
    return None
