"""Harvest returned files: match each to the draft, attribute every change and comment to its
draft item (by bookmark, else by text), report per item across reviewers with conflicts, and
take accepted text back into the draft as in-place edits."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from drafter.draftfile import dumps_draft
from drafter.editing import Position, set_item_text
from drafter.errors import quoted
from drafter.model import NOTE_MARK_CLOSE, NOTE_MARK_OPEN, Document, Draft, ReturnedFile

_SPACES = re.compile(r"\s+")
_NOTE = re.compile(re.escape(NOTE_MARK_OPEN) + r"(\d+)" + re.escape(NOTE_MARK_CLOSE))


def draft_hash(draft: Draft) -> str:
    return hashlib.sha256(dumps_draft(draft).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Provenance:
    """What a returned file is to the draft: `same`, `older` (an earlier version) or `unrelated`."""

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


@dataclass(frozen=True)
class ItemReview:
    """Every edit to one draft item, and each reviewer's accepted text where it changed."""

    position: Position
    label: str
    original: str
    edits: tuple[Edit, ...]
    accepted: dict[str, str]  # reviewer -> accepted text, for reviewers who changed the item

    @property
    def conflict(self) -> bool:
        """Two reviewers changed the item to different texts."""
        return len(set(self.accepted.values())) > 1


@dataclass(frozen=True)
class Review:
    provenance: dict[str, Provenance]  # file -> what it is
    items: tuple[ItemReview, ...]
    unplaced: tuple[Edit, ...]  # edits outside every draft item (title, frame, notes)


def _norm(text: str) -> str:
    return _SPACES.sub(" ", _NOTE.sub("", text)).strip()


def _locate(passage_section: str | None, passage_index: int | None, original: str, draft: Draft,
            document: Document) -> tuple[Position | None, str]:  # fmt: skip
    """The draft item a passage belongs to: by its bookmark, else by matching its text."""
    if passage_section is not None and passage_index is not None:
        items = draft.sections.get(passage_section, ())
        if passage_index < len(items):
            return Position(passage_section, passage_index), "bookmark"
    wanted = _norm(original)
    if wanted:
        for block in document.blocks:
            if block.origin is None:
                continue
            body = _norm("".join(getattr(i, "text", "") for i in block.inlines))
            if body and (
                body == wanted or (len(wanted) > 40 and (wanted in body or body in wanted))
            ):
                return Position(block.origin.section, block.origin.index), "text match"
    return None, "none"


def review(
    draft: Draft, document: Document, returned: Sequence[tuple[str, ReturnedFile]]
) -> Review:
    """Everything the returned files say about the draft, per item."""
    provenance = {name: identify(draft, r) for name, r in returned}
    by_item: dict[Position, list[Edit]] = {}
    originals: dict[Position, str] = {}
    accepted: dict[Position, dict[str, str]] = {}
    unplaced: list[Edit] = []
    for _name, file in returned:
        located = [_locate(p.section, p.index, p.original, draft, document) for p in file.passages]
        for change in file.changes:
            position, how = located[change.passage]
            edit = Edit(change.author, change.kind, change.text, change.date, position, how)
            (by_item.setdefault(position, []) if position else unplaced).append(edit)
            if position is not None:
                passage = file.passages[change.passage]
                originals.setdefault(position, passage.original)
                accepted.setdefault(position, {})[change.author] = passage.accepted
        authors = {r.id: r.author for r in file.remarks}
        for remark in file.remarks:
            position, how = (
                located[remark.passage] if remark.passage is not None else (None, "none")
            )
            edit = Edit(
                remark.author,
                "reply" if remark.reply_to else "comment",
                remark.text,
                remark.date,
                position,
                how,
                remark.anchored_text,
                authors.get(remark.reply_to or ""),
            )
            (by_item.setdefault(position, []) if position else unplaced).append(edit)
            if position is not None and remark.passage is not None:
                originals.setdefault(position, file.passages[remark.passage].original)
    items = []
    order = {
        (s, i): n
        for n, (s, i) in enumerate(
            (s, i) for s, its in draft.sections.items() for i in range(len(its))
        )
    }
    for position in sorted(by_item, key=lambda p: order.get((p.section, p.index), 1 << 30)):
        item = draft.sections[position.section][position.index]
        label = item.clause or item.edited_from or "inline text"
        items.append(
            ItemReview(
                position,
                f"{position.section} {position.index + 1}: {label}",
                originals.get(position, ""),
                tuple(by_item[position]),
                accepted.get(position, {}),
            )
        )
    return Review(provenance, tuple(items), tuple(unplaced))


class ReviewConflict(Exception):
    """Chosen reviewers changed one item differently."""


def apply_review(
    draft: Draft, document: Document, result: Review, reviewers: Sequence[str] = ()
) -> tuple[Draft, list[Position]]:
    """The draft with the chosen reviewers' accepted text as in-place edits (all reviewers when
    none are named); raises ReviewConflict where they disagree."""
    changed = []
    for item in result.items:
        texts = {r: t for r, t in item.accepted.items() if not reviewers or r in reviewers}
        if not texts:
            continue
        if len(set(texts.values())) > 1:
            names = " and ".join(sorted(texts))
            raise ReviewConflict(
                f"{names} changed {item.label} differently; choose one with --reviewer"
            )
        text = to_draft_text(next(iter(texts.values())), document)
        draft = set_item_text(draft, item.position, text)
        changed.append(item.position)
    return draft, changed


_MARKUP = re.compile(r"([\\*\[\]_`])")


def to_draft_text(accepted: str, document: Document) -> str:
    """Accepted text as a draft's inline text: markup characters escaped, each note reference
    back to its citation marker, placed before the punctuation it follows."""
    keys = {note.number: note.keys for note in document.notes}
    parts = _NOTE.split(accepted)
    out = _MARKUP.sub(r"\\\1", parts[0])
    for number, rest in zip(parts[1::2], parts[2::2], strict=True):
        cited = keys.get(int(number), ())
        marker = "[" + "; ".join("@" + k for k in cited) + "]" if cited else ""
        trailing = re.search(r"[.,;:!?][”’\"']*$", out)
        if marker and trailing:
            out = out[: trailing.start()] + " " + marker + out[trailing.start() :]
        elif marker:
            out += " " + marker
        out += _MARKUP.sub(r"\\\1", rest)
    return out
