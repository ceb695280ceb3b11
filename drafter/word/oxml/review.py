"""Walking a returned body in reading order: which bookmark, tracked change and comment range
each piece of text sits in, and the text as it was and as it would read with every change
accepted."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from drafter.word.oxml.numbers import xml_int

NOTE_OPEN, NOTE_CLOSE = "\ue000", "\ue001"  # around a note number in extracted text

_CHANGE_TAGS = {
    qn("w:ins"): "insertion",
    qn("w:del"): "deletion",
    qn("w:moveFrom"): "move-from",
    qn("w:moveTo"): "move-to",
}
_REMOVED = ("deletion", "move-from")


@dataclass
class Piece:
    """A stretch of text with where it sits."""

    text: str
    change: tuple[str, str, str] | None  # kind, author, date
    bookmarks: tuple[str, ...]
    comments: tuple[str, ...]
    paragraph: int


@dataclass
class Walk:
    """Everything a walk of the body finds."""

    pieces: list[Piece] = field(default_factory=list)
    comment_ranges: dict[str, list[int]] = field(default_factory=dict)  # id -> piece indexes


def walk_body(body: BaseOxmlElement, note_numbers: dict[int, int]) -> Walk:
    """Pieces of text in reading order; `note_numbers` maps footnote ids to their numbers."""
    walk = Walk()
    bookmarks: dict[str, str] = {}  # id -> name
    comments: set[str] = set()
    paragraph = -1
    fields = _Fields()
    for event, node in _events(body):
        tag = node.tag
        if fields.takes(node):
            if fields.marker:  # a NOTEREF field ended: its note's marker is its text
                _add(
                    walk,
                    Piece(
                        fields.marker,
                        _change(node),
                        tuple(bookmarks.values()),
                        tuple(comments),
                        paragraph,
                    ),
                )
                fields.marker = ""
            continue
        if event == "start" and tag == qn("w:p"):
            paragraph += 1
        elif tag == qn("w:bookmarkStart"):
            bookmarks[node.get(qn("w:id"), "")] = node.get(qn("w:name"), "")
        elif tag == qn("w:bookmarkEnd"):
            bookmarks.pop(node.get(qn("w:id"), ""), None)
        elif tag == qn("w:commentRangeStart"):
            comments.add(node.get(qn("w:id"), ""))
            walk.comment_ranges.setdefault(node.get(qn("w:id"), ""), [])
        elif tag == qn("w:commentRangeEnd"):
            comments.discard(node.get(qn("w:id"), ""))
        else:
            text = _text(node, note_numbers)
            if text:
                _add(
                    walk,
                    Piece(
                        text, _change(node), tuple(bookmarks.values()), tuple(comments), paragraph
                    ),
                )
    return walk


def _add(walk: Walk, piece: Piece) -> None:
    for comment in piece.comments:
        walk.comment_ranges[comment].append(len(walk.pieces))
    walk.pieces.append(piece)


class _Fields:
    """Complex fields met in the walk: a NOTEREF field (a repeat of a reused note) reads as its
    note's marker, numbered by the `_RefNote<n>` bookmark it names, and its cached result as
    nothing; any other field reads as its result."""

    def __init__(self) -> None:
        self.stack: list[_OpenField] = []
        self.in_noteref_results = 0  # open fields on the stack that are a NOTEREF's result
        self.marker = ""  # a NOTEREF field's note marker, set as the field ends

    def takes(self, node: BaseOxmlElement) -> bool:
        """Whether `node` is field machinery or a NOTEREF field's result (read as nothing).

        Constant time per node however deep fields nest: the instruction is joined once, at
        `separate` or `end`; instruction text after `separate` is not part of it."""
        if node.tag == qn("w:fldChar"):
            kind = node.get(qn("w:fldCharType"), "")
            if kind == "begin":
                self.stack.append(_OpenField())
            elif kind == "separate" and self.stack and not self.stack[-1].separated:
                top = self.stack[-1]
                top.separated = True
                top.instruction = "".join(top.parts)
                top.noteref = _NOTEREF.match(top.instruction) is not None
                self.in_noteref_results += top.noteref
            elif kind == "end" and self.stack:
                top = self.stack.pop()
                self.in_noteref_results -= top.noteref
                instruction = top.instruction if top.separated else "".join(top.parts)
                found = _NOTEREF.match(instruction)
                self.marker = f"{NOTE_OPEN}{found.group(1)}{NOTE_CLOSE}" if found else ""
            return True
        if node.tag == qn("w:instrText"):
            if self.stack and not self.stack[-1].separated:
                self.stack[-1].parts.append(node.text or "")
            return True
        return self.in_noteref_results > 0 and node.tag in (qn("w:t"), qn("w:delText"))


@dataclass
class _OpenField:
    """A complex field the walk is inside: its instruction so far, and whether it has reached
    its result (and is a NOTEREF, whose result reads as nothing)."""

    parts: list[str] = field(default_factory=list)
    instruction: str = ""
    separated: bool = False
    noteref: bool = False


_NOTEREF = re.compile(r"\s*NOTEREF\s+_RefNote(\d+)\b")


_EVENT_TAGS = (
    "w:p",
    "w:bookmarkStart",
    "w:bookmarkEnd",
    "w:commentRangeStart",
    "w:commentRangeEnd",
    "w:t",
    "w:delText",
    "w:tab",
    "w:br",
    "w:footnoteReference",
    "w:endnoteReference",
    "w:fldChar",
    "w:instrText",
)


def _events(body: BaseOxmlElement) -> Iterator[tuple[str, BaseOxmlElement]]:
    interesting = {qn(tag) for tag in _EVENT_TAGS}
    for node in body.iter():
        if node.tag in interesting:
            yield "start", node


def _text(node: BaseOxmlElement, note_numbers: dict[int, int]) -> str:
    tag = node.tag
    if tag in (qn("w:t"), qn("w:delText")):
        return node.text or ""
    if tag == qn("w:tab"):
        return "\t"
    if tag == qn("w:br"):
        return "\n"
    if tag in (qn("w:footnoteReference"), qn("w:endnoteReference")):
        value = node.get(qn("w:id"), "")
        found = xml_int(value)
        number = note_numbers.get(found) if found is not None else None
        return f"{NOTE_OPEN}{number}{NOTE_CLOSE}" if number is not None else ""
    return ""


def _change(node: BaseOxmlElement) -> tuple[str, str, str] | None:
    for ancestor in node.iterancestors():
        kind = _CHANGE_TAGS.get(ancestor.tag)
        if kind:
            return kind, ancestor.get(qn("w:author"), ""), ancestor.get(qn("w:date"), "")
    return None


def is_removed(piece: Piece) -> bool:
    """Text that an accepted change takes out (deleted or moved away)."""
    return piece.change is not None and piece.change[0] in _REMOVED


def is_added(piece: Piece) -> bool:
    return piece.change is not None and piece.change[0] not in _REMOVED


def comment_elements(comments_root: BaseOxmlElement | None) -> Iterator[BaseOxmlElement]:
    if comments_root is None:
        return iter(())
    return iter(comments_root.findall(qn("w:comment")))


def comment_text(comment: BaseOxmlElement) -> str:
    """A comment's own text, its paragraphs joined by newlines."""
    paragraphs = []
    for p in comment.iter(qn("w:p")):
        paragraphs.append("".join(t.text or "" for t in p.iter(qn("w:t"))))
    return "\n".join(paragraphs).strip()
