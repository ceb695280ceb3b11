"""List definitions (`w:numbering`) and the paragraph-style details that use them."""

from __future__ import annotations

from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import OxmlElement, parse_xml
from docx.oxml.xmlchemy import BaseOxmlElement

LIST_LEVELS = {
    "bullet": ("bullet", "\u2022"),
    "decimal": ("decimal", "%1."),
}


def new_numbering_xml() -> bytes:
    """An empty numbering part, for a document that has none."""
    return (
        f"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<w:numbering {nsdecls('w')}/>"
    ).encode()


class ListDefinitions:
    """The list definitions of one `w:numbering`, read once: each list added after that costs
    the same however many definitions the part already holds (a reference document's)."""

    def __init__(self, numbering: BaseOxmlElement) -> None:
        self._numbering = numbering
        abstract_ids = (
            _number(a.get(qn("w:abstractNumId"), ""))
            for a in numbering.iterchildren(qn("w:abstractNum"))
        )
        nums = list(numbering.iterchildren(qn("w:num")))
        num_ids = (_number(n.get(qn("w:numId"), "")) for n in nums)
        self._abstract_id = max((i for i in abstract_ids if i is not None), default=-1) + 1
        self._num_id = max((i for i in num_ids if i is not None), default=0) + 1
        self._first_num = nums[0] if nums else None
        self._cleanup = numbering.find(qn("w:numIdMacAtCleanup"))

    def add(self, kind: str) -> int:
        """Add a one-level list (`bullet` or `decimal`) and return its `w:numId`."""
        fmt, text = LIST_LEVELS[kind]
        numbering = self._numbering
        abstract_id, num_id = self._abstract_id, self._num_id
        self._abstract_id, self._num_id = abstract_id + 1, num_id + 1
        abstract = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
            f'<w:multiLevelType w:val="singleLevel"/>'
            f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>'
        )
        cleanup = self._cleanup
        if self._first_num is not None:
            self._first_num.addprevious(abstract)
        elif cleanup is not None:
            cleanup.addprevious(abstract)
        else:
            numbering.append(abstract)
        num = parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'
        )
        if cleanup is not None:
            cleanup.addprevious(num)  # w:numIdMacAtCleanup must stay last
        else:
            numbering.append(num)
        if self._first_num is None:
            self._first_num = num
        return num_id


def _number(text: str) -> int | None:
    """A whole number written in ASCII digits, or None (also for more digits than any id has)."""
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 4000 else None


def set_style_numbering(style: BaseOxmlElement, num_id: int) -> None:
    """Number every paragraph of a paragraph style with list `num_id`."""
    numbering = style.get_or_add_pPr().get_or_add_numPr()
    numbering.get_or_add_ilvl().val = 0
    numbering.get_or_add_numId().val = num_id


def set_style_outline_level(style: BaseOxmlElement, level: int) -> None:
    """Make a paragraph style a heading level (navigation pane, PDF outline)."""
    ppr = style.get_or_add_pPr()
    existing = ppr.find(qn("w:outlineLvl"))
    if existing is None:
        existing = OxmlElement("w:outlineLvl")
        successors = {qn(t) for t in ("w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")}
        anchor = next((c for c in ppr if c.tag in successors), None)
        if anchor is not None:
            anchor.addprevious(existing)
        else:
            ppr.append(existing)
    existing.set(qn("w:val"), str(level))
