"""`w:footnotes`/`w:endnotes` and their notes; the marks that tie body text to a note."""

from __future__ import annotations

from collections.abc import Iterator
from typing import cast

from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import OxmlElement, parse_xml, register_element_cls
from docx.oxml.simpletypes import ST_DecimalNumber, ST_String
from docx.oxml.text.run import CT_R
from docx.oxml.xmlchemy import BaseOxmlElement, OptionalAttribute, RequiredAttribute, ZeroOrMore

from drafter.word.oxml.numbers import xml_int
from drafter.word.oxml.settings import discard

NOTE_KINDS = ("footnote", "endnote")


class CT_Note(BaseOxmlElement):
    """`w:footnote` or `w:endnote`: a story of paragraphs, or a separator when typed."""

    id: int = RequiredAttribute("w:id", ST_DecimalNumber)  # type: ignore[assignment]
    type: str | None = OptionalAttribute("w:type", ST_String)  # type: ignore[assignment]

    p = ZeroOrMore("w:p", successors=())
    tbl = ZeroOrMore("w:tbl", successors=())

    @property
    def note_id(self) -> int | None:
        """The id, or None when a file from elsewhere has a malformed one."""
        return _int(self.get(qn("w:id"), ""))

    @property
    def is_normal(self) -> bool:
        """A note people wrote, not a separator or continuation notice."""
        return self.type in (None, "normal")

    @property
    def inner_content_elements(self) -> list[BaseOxmlElement]:
        return cast(list[BaseOxmlElement], self.xpath("./w:p | ./w:tbl"))


class CT_Notes(BaseOxmlElement):
    """`w:footnotes` or `w:endnotes`, the root of a notes part."""

    @property
    def kind(self) -> str:
        """'footnote' or 'endnote'."""
        return "endnote" if self.tag == qn("w:endnotes") else "footnote"

    def iter_notes(self) -> Iterator[CT_Note]:
        """Every note of this part, separators included, in file order."""
        yield from cast(list[CT_Note], self.xpath(f"./w:{self.kind}"))

    def next_note_id(self) -> int:
        """One more than the highest id of any note in the part (1 when there is none)."""
        return max((i for n in self.iter_notes() if (i := n.note_id) is not None), default=0) + 1

    def add_note(self, note_id: int | None = None) -> CT_Note:
        """A new empty normal note, appended at the end, with id `note_id` (by default the next
        free one: a caller adding many notes counts on from `next_note_id` instead)."""
        note = cast(CT_Note, OxmlElement(f"w:{self.kind}"))
        note.id = self.next_note_id() if note_id is None else note_id
        self.append(note)
        return note

    def remove_normal_notes(self) -> None:
        """Drop every note but the separators (a reference document's leftovers)."""
        for note in list(self.iter_notes()):
            if note.is_normal:
                discard(note)

    def ensure_separators(self) -> tuple[int, int]:
        """The ids of the separator and continuation separator, adding them when missing."""
        found: dict[str, int] = {}
        for note in self.iter_notes():
            if note.type in ("separator", "continuationSeparator") and note.note_id is not None:
                found.setdefault(note.type, note.note_id)
        for index, (kind, mark) in enumerate(
            (("separator", "w:separator"), ("continuationSeparator", "w:continuationSeparator"))
        ):
            if kind in found:
                continue
            used = {n.note_id for n in self.iter_notes()}
            new_id = next(i for i in (-1, 0, *range(1, 10_000)) if i not in used)
            note = parse_xml(
                f'<w:{self.kind} {nsdecls("w")} w:type="{kind}" w:id="{new_id}">'
                f'<w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
                f"<w:r><{mark}/></w:r></w:p></w:{self.kind}>"
            )
            self.insert(index, note)
            found[kind] = new_id
        return found["separator"], found["continuationSeparator"]


def new_notes_xml(kind: str) -> bytes:
    """A notes part holding only its two separators."""
    root = f"w:{kind}s"
    return (
        f"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<{root} {nsdecls('w', 'r')}>"
        f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" '
        f'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:{kind}>'
        f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" '
        f'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p>'
        f"</w:{kind}></{root}>"
    ).encode()


def add_note_reference(r: CT_R, kind: str, note_id: int) -> None:
    """Make `r` the body mark of note `note_id` (`w:footnoteReference`/`w:endnoteReference`)."""
    r.append(OxmlElement(f"w:{kind}Reference", {qn("w:id"): str(note_id)}))


def add_note_ref_mark(r: CT_R, kind: str) -> None:
    """Make `r` the number at the start of a note's own text (`w:footnoteRef`)."""
    r.append(OxmlElement(f"w:{kind}Ref"))


register_element_cls("w:footnotes", CT_Notes)
register_element_cls("w:endnotes", CT_Notes)
register_element_cls("w:footnote", CT_Note)
register_element_cls("w:endnote", CT_Note)


def _int(value: str) -> int | None:
    return xml_int(value)
