"""Inline content python-docx cannot make: hyperlinks, bookmarks and complex fields."""

from __future__ import annotations

from collections.abc import Iterator
from typing import cast

from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from docx.oxml.text.paragraph import CT_P
from docx.oxml.text.run import CT_R
from docx.oxml.xmlchemy import BaseOxmlElement

from drafter.word.oxml.numbers import xml_int


def add_hyperlink(p: CT_P, r_id: str) -> BaseOxmlElement:
    """Append an empty external `w:hyperlink` to `p`; its runs go inside."""
    link = OxmlElement("w:hyperlink", {qn("r:id"): r_id, qn("w:history"): "1"})
    p.append(link)
    return cast(BaseOxmlElement, link)


def new_run(parent: BaseOxmlElement) -> CT_R:
    """Append an empty run to a paragraph or hyperlink."""
    r = cast(CT_R, OxmlElement("w:r"))
    parent.append(r)
    return r


def add_bookmark_start(p: CT_P, bookmark_id: int, name: str) -> None:
    """Open bookmark `name` at the end of `p`."""
    p.append(OxmlElement("w:bookmarkStart", {qn("w:id"): str(bookmark_id), qn("w:name"): name}))


def add_bookmark_end(p: CT_P, bookmark_id: int) -> None:
    """Close bookmark `bookmark_id` at the end of `p`."""
    p.append(OxmlElement("w:bookmarkEnd", {qn("w:id"): str(bookmark_id)}))


def add_field(p: CT_P, instruction: str, result: str, run_style: str | None = None) -> None:
    """Append a complex field (`begin`, instruction, `separate`, cached result, `end`)."""

    def run(child: BaseOxmlElement) -> None:
        r = new_run(p)
        if run_style:
            r.style = run_style
        r.append(child)

    run(OxmlElement("w:fldChar", {qn("w:fldCharType"): "begin"}))
    instr = OxmlElement("w:instrText", {qn("xml:space"): "preserve"})
    instr.text = f" {instruction} "
    run(instr)
    run(OxmlElement("w:fldChar", {qn("w:fldCharType"): "separate"}))
    text = OxmlElement("w:t")
    text.text = result
    run(text)
    run(OxmlElement("w:fldChar", {qn("w:fldCharType"): "end"}))


def iter_bookmarks(element: BaseOxmlElement) -> Iterator[tuple[int, str]]:
    """(id, name) of every bookmark started inside `element`."""
    for start in element.iter(qn("w:bookmarkStart")):
        number = xml_int(start.get(qn("w:id")))
        if number is not None:
            yield number, start.get(qn("w:name"), "")


_AFTER_SZ_CS = (
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
)


def set_complex_script_format(
    element: BaseOxmlElement,
    *,
    bold: bool = False,
    italic: bool = False,
    half_points: int | None = None,
    font: str | None = None,
) -> None:
    """Give complex scripts (Arabic, Hebrew, Devanagari...) the formatting Latin text has: Word
    and LibreOffice read their bold, italic, size and font from separate properties."""
    rpr = element.get_or_add_rPr()
    if bold:
        rpr._set_bool_val("bCs", True)
    if italic:
        rpr._set_bool_val("iCs", True)
    if font:
        rpr.get_or_add_rFonts().set(qn("w:cs"), font)
    if half_points is not None:
        for old in rpr.findall(qn("w:szCs")):
            rpr.remove(old)
        rpr.insert_element_before(
            OxmlElement("w:szCs", {qn("w:val"): str(half_points)}), *_AFTER_SZ_CS
        )
