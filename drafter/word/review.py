"""Read a returned DOCX for review: each bookmarked draft item's text before and after its
tracked changes, the changes with author and date, and the comments with what they mark."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.parser import parse_xml
from docx.oxml.xmlchemy import BaseOxmlElement

from drafter.model import NOTE_MARK_CLOSE, NOTE_MARK_OPEN, Change, Passage, Remark, ReturnedFile
from drafter.word.anchors import TITLE, parse_bookmark_name
from drafter.word.notes import Notes, document_notes
from drafter.word.oxml import note_reference_ids
from drafter.word.oxml.numbers import xml_int
from drafter.word.oxml.review import (
    Piece,
    Walk,
    comment_elements,
    comment_text,
    is_added,
    is_removed,
    walk_body,
)
from drafter.word.properties import CustomProperties
from drafter.word.safety import load_docx

W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W14_PARA_ID = "{http://schemas.microsoft.com/office/word/2010/wordml}paraId"
W15_NS = "{http://schemas.microsoft.com/office/word/2012/wordml}"
_NOTE_REF = re.compile(re.escape(NOTE_MARK_OPEN) + r"(\d+)" + re.escape(NOTE_MARK_CLOSE))
RT_COMMENTS_EXTENDED = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"


def read_returned(source: Path | bytes) -> ReturnedFile:
    """A reviewed file, opened defensively, as passages, changes and remarks."""
    document = load_docx(source)
    body = document.element.body
    numbers: dict[int, int] = {}
    # drafter writes footnotes or endnotes, never both: the kind the body references is read
    kind = "footnote" if note_reference_ids(body, "footnote") else "endnote"
    try:
        notes = document_notes(document, kind, create=False)
    except ValueError:
        notes = None
    if notes is not None:  # the draft's notes by their order; those a reviewer added after them
        inserted = _inserted_references(body, kind)
        for note_id in note_reference_ids(body, kind):
            if note_id not in inserted:
                numbers.setdefault(note_id, len(numbers) + 1)
        for note_id in note_reference_ids(body, kind):
            numbers.setdefault(note_id, len(numbers) + 1)
    walk = walk_body(body, numbers)
    passages, piece_passage = _passages(walk.pieces)
    if notes is not None:
        _add_notes(walk, passages, piece_passage, notes, numbers)
    changes = _merged(
        [
            (i, Change(p.change[0], p.change[1], p.change[2], p.text, piece_passage[i]))
            for i, p in enumerate(walk.pieces)
            if p.change is not None
        ]
    )
    remarks = []
    parents = _reply_parents(document)
    para_of: dict[str, str] = {}  # paraId of a comment's last paragraph -> comment id
    for element in comment_elements(_comments_root(document)):
        ids = [p.get(W14_PARA_ID) for p in element.iter(f"{W_NS}p") if p.get(W14_PARA_ID)]
        if ids:
            para_of[ids[-1]] = element.get(f"{W_NS}id", "")
    for element in comment_elements(_comments_root(document)):
        comment_id = element.get(f"{W_NS}id", "")
        indexes = walk.comment_ranges.get(comment_id, [])
        remarks.append(
            Remark(
                id=comment_id,
                author=element.get(f"{W_NS}author", ""),
                date=element.get(f"{W_NS}date", ""),
                text=comment_text(element),
                anchored_text="".join(walk.pieces[i].text for i in indexes),
                passage=piece_passage[indexes[0]] if indexes else None,
                reply_to=_reply_to(element, parents, para_of),
            )
        )
    return ReturnedFile(
        path=source if isinstance(source, Path) else None,
        properties=dict(CustomProperties(document)),
        passages=tuple(passages),
        changes=changes,
        remarks=tuple(remarks),
    )


def _passages(pieces: list[Piece]) -> tuple[list[Passage], dict[int, int]]:
    """Group pieces by their innermost drafter bookmark, else by paragraph."""
    keys: dict[tuple[str, object], int] = {}
    texts: list[tuple[str | None, list[str], list[str], int]] = []
    piece_passage: dict[int, int] = {}
    paragraph_anchor: dict[int, str] = {}
    for index, piece in enumerate(pieces):
        anchor = next(
            (b for b in reversed(piece.bookmarks) if b == TITLE or parse_bookmark_name(b)), None
        )
        if anchor:
            paragraph_anchor[piece.paragraph] = anchor
        else:  # an editor may move a bookmark's end before the paragraph's note mark
            anchor = paragraph_anchor.get(piece.paragraph)
        key = ("bookmark", anchor) if anchor else ("paragraph", piece.paragraph)
        if key not in keys:
            keys[key] = len(texts)
            texts.append((anchor, [], [], piece.paragraph))
        slot = keys[key]
        _, original, accepted, last = texts[slot]
        if anchor and piece.paragraph != last:  # a clause of several paragraphs
            original.append("\n\n")
            accepted.append("\n\n")
            texts[slot] = (anchor, original, accepted, piece.paragraph)
        if not is_added(piece):
            original.append(piece.text)
        if not is_removed(piece):
            accepted.append(piece.text)
        piece_passage[index] = slot
    added = {slot for slot, (anchor, *_) in enumerate(texts) if anchor is None}
    for index, piece in enumerate(pieces):  # a paragraph a reviewer added: all of it inserted
        if not is_added(piece):
            added.discard(piece_passage[index])
    passages: list[Passage] = []
    follows = None  # the last passage that was in the document before the review
    for slot, (anchor, original, accepted, _) in enumerate(texts):
        parsed = parse_bookmark_name(anchor) if anchor else None
        passages.append(
            Passage(
                anchor,
                parsed.section if parsed else None,
                parsed.index if parsed else None,
                "".join(original).strip(),
                "".join(accepted).strip(),
                added=slot in added,
                parent=follows if slot in added else None,
            )
        )
        if slot not in added:
            follows = slot
    return passages, piece_passage


def _add_notes(
    walk: Walk,
    passages: list[Passage],
    piece_passage: dict[int, int],
    notes: Notes,
    numbers: dict[int, int],
) -> None:
    """Each referenced footnote's text as a passage of its own, after the body's; its pieces
    join the walk, so changes and comments in a note are read like the body's."""
    elements = {note.id: note.element for note in notes}
    holder: dict[int, int] = {}  # note number -> the passage whose text references it
    for index, passage in enumerate(passages):
        for text in (passage.original, passage.accepted):
            for number in _NOTE_REF.findall(text):
                if (found := xml_int(number)) is not None:
                    holder.setdefault(found, index)
    paragraphs = max((p.paragraph for p in walk.pieces), default=-1) + 1
    for note_id, number in sorted(numbers.items(), key=lambda pair: pair[1]):
        element = elements.get(note_id)
        if element is None:
            continue
        inner = walk_body(element, {})
        if not inner.pieces:
            continue
        slot, start = len(passages), len(walk.pieces)
        for piece in inner.pieces:
            piece.paragraph += paragraphs
            piece_passage[len(walk.pieces)] = slot
            walk.pieces.append(piece)
        paragraphs = walk.pieces[-1].paragraph + 1
        for comment, indexes in inner.comment_ranges.items():
            walk.comment_ranges.setdefault(comment, []).extend(start + i for i in indexes)
        parent = holder.get(number)
        around = passages[parent] if parent is not None else None
        passages.append(
            Passage(
                around.anchor if around else None,
                around.section if around else None,
                around.index if around else None,
                _note_text(inner.pieces, is_added),
                _note_text(inner.pieces, is_removed),
                note=number,
                added=all(is_added(p) for p in inner.pieces),
                parent=parent,
            )
        )


def _inserted_references(body: BaseOxmlElement, kind: str) -> set[int]:
    """Ids of the notes whose reference is a tracked insertion: notes a reviewer added."""
    found = set()
    for reference in body.iter(f"{W_NS}{kind}Reference"):
        number = xml_int(reference.get(f"{W_NS}id"))
        if number is not None and any(a.tag == f"{W_NS}ins" for a in reference.iterancestors()):
            found.add(number)
    return found


def _note_text(pieces: list[Piece], leave_out: Callable[[Piece], bool]) -> str:
    """A note's text with the pieces `leave_out` picks left out, paragraphs joined by newlines."""
    lines: dict[int, list[str]] = {}
    for piece in pieces:
        line = lines.setdefault(piece.paragraph, [])
        if not leave_out(piece):
            line.append(piece.text)
    return "\n".join("".join(line) for line in lines.values()).strip()


def _merged(changes: list[tuple[int, Change]]) -> tuple[Change, ...]:
    """Pieces of one change that follow each other (runs split by formatting) as one change."""
    out: list[Change] = []
    previous = -2
    for index, change in changes:
        last = out[-1] if out else None
        same = last is not None and (last.kind, last.author, last.date, last.passage) == (
            change.kind,
            change.author,
            change.date,
            change.passage,
        )
        if last is not None and same and index == previous + 1:
            out[-1] = Change(
                last.kind, last.author, last.date, last.text + change.text, last.passage
            )
        else:
            out.append(change)
        previous = index
    return tuple(out)


def _comments_root(document: DocxDocument) -> BaseOxmlElement | None:
    try:
        comments = document.part.part_related_by(RT.COMMENTS)
    except KeyError:
        return None
    root: BaseOxmlElement | None = getattr(comments, "element", None)  # None: not an XML part
    return root


def _reply_parents(document: DocxDocument) -> dict[str, str]:
    """paraId of a reply's paragraph -> paraId of the comment it answers (commentsExtended)."""
    try:
        extended = document.part.part_related_by(RT_COMMENTS_EXTENDED)
    except KeyError:
        return {}
    try:
        root = parse_xml(extended.blob)
    except (SyntaxError, ValueError):
        return {}  # a malformed companion part only costs the reply links
    return {
        e.get(f"{W15_NS}paraId", ""): e.get(f"{W15_NS}paraIdParent", "")
        for e in root.iter(f"{W15_NS}commentEx")
        if e.get(f"{W15_NS}paraIdParent")
    }


def _reply_to(
    element: BaseOxmlElement, parents: dict[str, str], para_of: dict[str, str]
) -> str | None:
    ids = [p.get(W14_PARA_ID) for p in element.iter(f"{W_NS}p") if p.get(W14_PARA_ID)]
    parent = parents.get(ids[-1]) if ids else None
    return para_of.get(parent) if parent else None
