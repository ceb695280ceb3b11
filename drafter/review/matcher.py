"""Harvest returned files: match each to the draft, attribute every change and comment to its
draft item (by bookmark, else by text; a note's to the item citing it, an added paragraph's to
the item it follows), report per item across reviewers with conflicts, and take accepted text
back into the draft as in-place edits, citation affixes and new inline items."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from drafter.drafts.editing import Position, add_item, remove_item, set_item_text
from drafter.drafts.file import dumps_draft
from drafter.errors import quoted
from drafter.model import CiteItem, Document, Draft, Item, Passage, ReturnedFile
from drafter.review.noteedits import NoteRequest, NoteReview, describe, plan_notes
from drafter.review.reviewertext import NOTE as _NOTE
from drafter.review.reviewertext import literal, to_draft_text

__all__ = ["NoteReview", "to_draft_text"]  # re-exported: the editor takes them from here

_SPACES = re.compile(r"\s+")
Rebuild = Callable[[Draft], Document]


def draft_hash(draft: Draft) -> str:
    return hashlib.sha256(dumps_draft(draft).encode("utf-8")).hexdigest()


UNMARKED = (
    "no drafter properties (stripped by the editor that saved it); its paragraphs are "
    "matched to this draft's items by their text"
)


def _kin(file: ReturnedFile) -> Provenance:
    """What a file holding this draft's text is when its properties do not say so: stripped by
    an editor, or built from a copy or a later version of the draft (`NAME.reviewed.toml`)."""
    built = file.properties.get("drafter.draft")
    if not file.properties.get("drafter.draft_sha256") or not built:
        return Provenance("unmarked", UNMARKED)
    return Provenance(
        "older",
        f"built from {quoted(built)}, which holds this draft's text; edits are matched by item",
    )


@dataclass(frozen=True)
class Provenance:
    """What a returned file is to the draft: `same`, `older` (an earlier version), `unmarked`
    (no drafter properties, but paragraphs of this draft) or `unrelated`."""

    relation: str
    detail: str


def identify(draft: Draft, returned: ReturnedFile) -> Provenance:
    props = returned.properties
    name = draft.path.name if draft.path else ""
    if not props.get("drafter.draft_sha256"):
        return Provenance("unrelated", "no drafter properties (not built by drafter, or stripped)")
    if props["drafter.draft_sha256"] == draft_hash(draft):
        return Provenance(
            "same", f"built from this draft by drafter {props.get('drafter.version', '?')}"
        )
    if props.get("drafter.draft") == name:
        return Provenance(
            "older", "built from an earlier version of this draft; edits are matched by item"
        )
    return Provenance(
        "unrelated", f"built from {quoted(props.get('drafter.draft', '?'))}, not {quoted(name)}"
    )


@dataclass(frozen=True)
class Edit:
    """A change or a comment, placed at a draft item."""

    reviewer: str
    kind: str  # insertion, deletion, move-from, move-to, comment
    text: str
    date: str
    position: Position | None
    attribution: str  # bookmark, text match, none
    anchored_text: str = ""
    reply_to: str | None = None  # for a reply: the author of the comment it answers
    where: str = ""  # inside the item's text (""), "note 8", "new paragraph after whereas 12"
    note: int | None = None


@dataclass(frozen=True)
class ItemReview:
    """Every edit to one draft item, and each reviewer's accepted text where it changed: of the
    item's own text, of its notes, and the paragraphs reviewers added after it."""

    position: Position
    label: str
    original: str
    edits: tuple[Edit, ...]
    accepted: dict[str, str]  # reviewer -> accepted text, for reviewers who changed the item
    notes: tuple[NoteReview, ...] = ()
    added: tuple[tuple[str, str], ...] = ()  # (reviewer, paragraph) added after the item

    @property
    def conflict(self) -> bool:
        """Two reviewers changed the item's text, or one of its notes, to different texts."""
        return len(set(self.accepted.values())) > 1 or any(n.conflict for n in self.notes)


@dataclass(frozen=True)
class Review:
    provenance: dict[str, Provenance]  # file -> what it is
    items: tuple[ItemReview, ...]
    unplaced: tuple[Edit, ...]  # edits outside every draft item (title, frame)
    title: dict[str, str] = field(default_factory=dict)  # reviewer -> the title they left

    def refusals(self, reviewers: Sequence[str] = ()) -> list[str]:
        """One line per note edit of the chosen reviewers that `apply_review` leaves out: what
        it did, why it cannot be a citation's prefix or suffix, and what to do instead."""
        return [
            f"note {note.number} ({item.label}): {who}'s edit, which "
            f"{describe(note.original, note.accepted[who])}, is not applied: {why}"
            for item in self.items
            for note in item.notes
            for who, why in note.refused.items()
            if not reviewers or who in reviewers
        ]


def _norm(text: str) -> str:
    return _SPACES.sub(" ", _NOTE.sub("", text)).strip()


def _block_texts(document: Document) -> list[tuple[Position, str]]:
    """Each draft item's block with its normalized text, worked out once per review."""
    return [
        (Position(b.origin.section, b.origin.index), body)
        for b in document.blocks
        if b.origin is not None
        and (body := _norm("".join(getattr(i, "text", "") for i in b.inlines)))
    ]


def _locate(
    passage: Passage, draft: Draft, blocks: list[tuple[Position, str]]
) -> tuple[Position | None, str]:
    """The draft item a passage belongs to: by its bookmark, else by matching its text."""
    section, index = passage.section, passage.index
    if section is not None and index is not None and index < len(draft.sections.get(section, ())):
        return Position(section, index), "bookmark"
    found = _by_text(passage, blocks)
    return (found, "text match") if found is not None else (None, "none")


def _by_text(passage: Passage, blocks: list[tuple[Position, str]]) -> Position | None:
    """The draft item whose text the passage's original text is (or holds, or is part of, for
    a passage over 40 characters)."""
    wanted = _norm(passage.original)
    if wanted:
        for position, body in blocks:
            if body == wanted or (len(wanted) > 40 and (wanted in body or body in wanted)):
                return position
    return None


def _shares_text(file: ReturnedFile, document: Document) -> bool:
    """Whether a returned file holds this draft's text: two of its paragraphs are items of the
    draft (one, for a draft of one item), so a stranger's file with one paragraph that happens
    to hold a short line of the draft is not taken for it."""
    blocks = _block_texts(document)
    wanted = min(2, len(blocks))
    matched = set()
    for passage in file.passages:
        if passage.parent is None and passage.note is None and not passage.added:
            position = _by_text(passage, blocks)
            if position is not None:
                matched.add(position)
                if len(matched) >= wanted:
                    return True
    return False


def _place(
    file: ReturnedFile, draft: Draft, document: Document
) -> list[tuple[Position | None, str]]:
    """Where each passage of `file` goes: a note or added paragraph goes with its parent."""
    located: list[tuple[Position | None, str]] = []
    blocks = _block_texts(document)
    for passage in file.passages:
        if passage.parent is not None and passage.parent < len(located):
            located.append(located[passage.parent])
        elif passage.note is not None or passage.added:
            located.append((None, "none"))
        else:
            located.append(_locate(passage, draft, blocks))
    return located


def _is_title(passage: Passage, document: Document) -> bool:
    """The title's paragraph: by its bookmark, else by its text."""
    if passage.anchor is not None:
        return passage.anchor == "title"
    return bool(document.title) and _norm(passage.original) == _norm(document.title)


def _where(passage: Passage, position: Position | None) -> str:
    if passage.note is not None:
        return f"new note {passage.note}" if passage.added else f"note {passage.note}"
    if passage.added:
        after = f" after {position.section} {position.index + 1}" if position else ""
        return "new paragraph" + after
    return ""


@dataclass
class _Gathered:
    """What the returned files say about one item, as it is gathered."""

    edits: list[Edit] = field(default_factory=list)
    original: str | None = None
    accepted: dict[str, str] = field(default_factory=dict)
    notes: dict[int, tuple[str, dict[str, str]]] = field(default_factory=dict)
    added: list[tuple[str, str]] = field(default_factory=list)


def review(
    draft: Draft,
    document: Document,
    returned: Sequence[tuple[str, ReturnedFile]],
    rebuild: Rebuild | None = None,
) -> Review:
    """Everything the returned files say about the draft, per item. With `rebuild` (the draft to
    its document), each note edit is tried as a citation affix and kept only if it prints so:
    one reviewer's all on one rebuild, a few that do not print so each alone (`plan_notes`)."""
    provenance = {name: identify(draft, r) for name, r in returned}
    gathered: dict[Position, _Gathered] = {}
    unplaced: list[Edit] = []
    title: dict[str, str] = {}
    for name, file in returned:
        located = _place(file, draft, document)
        if provenance[name].relation == "unrelated" and _shares_text(file, document):
            provenance[name] = _kin(file)
        for change in file.changes:
            position, how = located[change.passage]
            passage = file.passages[change.passage]
            edit = Edit(
                change.author,
                change.kind,
                change.text,
                change.date,
                position,
                how,
                where=_where(passage, position),
                note=passage.note,
            )
            if position is None and _is_title(passage, document):
                edit = replace(edit, where="title")
                title[change.author] = passage.accepted
            if position is None:
                unplaced.append(edit)
                continue
            item = gathered.setdefault(position, _Gathered())
            item.edits.append(edit)
            body = file.passages[passage.parent] if passage.parent is not None else passage
            if item.original is None and not passage.added:
                item.original = body.original
            if passage.note is not None:
                item.notes.setdefault(passage.note, (passage.original, {}))[1][change.author] = (
                    passage.accepted
                )
            elif passage.added:
                if (change.author, passage.accepted) not in item.added and passage.accepted:
                    item.added.append((change.author, passage.accepted))
            else:
                item.accepted[change.author] = passage.accepted
        authors = {r.id: r.author for r in file.remarks}
        for remark in file.remarks:
            position, how = (
                located[remark.passage] if remark.passage is not None else (None, "none")
            )
            marked = file.passages[remark.passage] if remark.passage is not None else None
            edit = Edit(
                remark.author,
                "reply" if remark.reply_to else "comment",
                remark.text,
                remark.date,
                position,
                how,
                remark.anchored_text,
                authors.get(remark.reply_to or ""),
                _where(marked, position) if marked else "",
                marked.note if marked else None,
            )
            if position is None:
                unplaced.append(edit)
                continue
            item = gathered.setdefault(position, _Gathered())
            item.edits.append(edit)
            if item.original is None and marked is not None and marked.parent is None:
                item.original = marked.original
    order = {
        (s, i): n
        for n, (s, i) in enumerate(
            (s, i) for s, its in draft.sections.items() for i in range(len(its))
        )
    }
    positions = sorted(gathered, key=lambda p: order.get((p.section, p.index), 1 << 30))
    requests = [
        NoteRequest(number, before, after, gathered[position].original or "", position)
        for position in positions
        for number, (before, after) in sorted(gathered[position].notes.items())
    ]
    planned = iter(plan_notes(requests, draft, document, rebuild))  # in the requests' order
    items = []
    for position in positions:
        found = gathered[position]
        entry = draft.sections[position.section][position.index]
        name = entry.clause or entry.edited_from or "inline text"
        label = f"{position.section} {position.index + 1}: {name}"
        notes = tuple(next(planned) for _ in found.notes)
        items.append(
            ItemReview(
                position,
                label,
                found.original or "",
                tuple(found.edits),
                found.accepted,
                notes,
                tuple(found.added),
            )
        )
    return Review(provenance, tuple(items), tuple(unplaced), title)


class ReviewConflict(Exception):
    """Chosen reviewers changed one item differently."""


def _chosen(texts: dict[str, str], reviewers: Sequence[str], what: str) -> tuple[str, str] | None:
    """A chosen reviewer and the one text all chosen reviewers agree on (None if none of them
    changed it); raises ReviewConflict when they disagree."""
    texts = {r: t for r, t in texts.items() if not reviewers or r in reviewers}
    if not texts:
        return None
    if len(set(texts.values())) > 1:
        names = " and ".join(sorted(texts))
        raise ReviewConflict(f"{names} changed {what} differently; choose one with --reviewer")
    return next(iter(texts.items()))


def apply_review(
    draft: Draft, document: Document, result: Review, reviewers: Sequence[str] = ()
) -> tuple[Draft, list[Position]]:
    """The draft with the chosen reviewers' title and accepted text as in-place edits (all
    reviewers when none are named; an item whose whole text they deleted is removed), their
    note edits as citation affixes (those `Review.refusals` names are left out) and the
    paragraphs they added as new inline items after the item they follow; raises
    ReviewConflict where they disagree."""
    changed = []
    title = _chosen(result.title, reviewers, "the title")
    if title is not None:
        draft = replace(draft, title=literal(title[1]))
    later: list[tuple[Position, list[str], bool]] = []  # (item, paragraphs after it, removed)
    for item in result.items:
        text = _chosen(item.accepted, reviewers, item.label)
        citations: dict[int, tuple[CiteItem, ...]] = {}
        for note in item.notes:
            usable = {r: t for r, t in note.accepted.items() if r in note.citations}
            chosen = _chosen(usable, reviewers, f"note {note.number} of {item.label}")
            if chosen is not None:
                citations[note.number] = note.citations[chosen[0]]
        removed = text is not None and not text[1].strip()
        if (text is not None or citations) and not removed:
            body = text[1] if text is not None else item.original
            draft = set_item_text(draft, item.position, to_draft_text(body, document, citations))
        added = list(dict.fromkeys(t for r, t in item.added if not reviewers or r in reviewers))
        if text is not None or citations or added:
            changed.append(item.position)
        if added or removed:
            later.append((item.position, added, removed))
    for position, paragraphs, removed in sorted(later, key=lambda p: -p[0].index):
        for paragraph in reversed(paragraphs):  # from the last item up: positions hold
            draft = add_item(
                draft, position.section, Item(text=literal(paragraph)), position.index + 1
            )
        if removed:
            draft = remove_item(draft, position)
    return draft, changed
