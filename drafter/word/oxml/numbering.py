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


def add_list_definition(numbering: BaseOxmlElement, kind: str) -> int:
    """Add a one-level list (`bullet` or `decimal`) and return its `w:numId`."""
    fmt, text = LIST_LEVELS[kind]
    abstract_ids = [
        int(a) for a in numbering.xpath("./w:abstractNum/@w:abstractNumId") if a.isdigit()
    ]
    num_ids = [int(n) for n in numbering.xpath("./w:num/@w:numId") if n.isdigit()]
    abstract_id = max(abstract_ids, default=-1) + 1
    num_id = max(num_ids, default=0) + 1
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        f'<w:multiLevelType w:val="singleLevel"/>'
        f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>'
    )
    cleanup = numbering.find(qn("w:numIdMacAtCleanup"))
    nums = numbering.xpath("./w:num")
    if nums:
        nums[0].addprevious(abstract)
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
    return num_id


def set_style_numbering(style: BaseOxmlElement, num_id: int) -> None:
    """Number every paragraph of a paragraph style with list `num_id`."""
    numbering = style.get_or_add_pPr().get_or_add_numPr()  # type: ignore[attr-defined]
    numbering.get_or_add_ilvl().val = 0
    numbering.get_or_add_numId().val = num_id


def set_style_outline_level(style: BaseOxmlElement, level: int) -> None:
    """Make a paragraph style a heading level (navigation pane, PDF outline)."""
    ppr = style.get_or_add_pPr()  # type: ignore[attr-defined]
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
