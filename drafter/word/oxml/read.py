"""Reading WordprocessingML back: visible text, bookmark text, note marks, links, fields."""

from __future__ import annotations

from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from drafter.word.oxml.numbers import xml_int


def text_of(element: BaseOxmlElement) -> str:
    """The visible text of an element: `w:t`, tabs and breaks, deleted text left out."""
    parts: list[str] = []
    for node in element.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")):
        if node.tag == qn("w:t"):
            parts.append(node.text or "")
        elif node.tag == qn("w:tab"):
            parts.append("\t")
        else:
            parts.append("\n")
    return "".join(parts)


def bookmark_texts(body: BaseOxmlElement) -> dict[str, str]:
    """The text each bookmark in `body` encloses, paragraphs joined by newlines."""
    start, end, t = qn("w:bookmarkStart"), qn("w:bookmarkEnd"), qn("w:t")
    open_marks: dict[str, str] = {}  # id -> name
    texts: dict[str, list[str]] = {}
    closed: dict[str, str] = {}
    for node in body.iter(start, end, t, qn("w:p")):
        if node.tag == start:
            name = node.get(qn("w:name"), "")
            open_marks[node.get(qn("w:id"), "")] = name
            texts[name] = []
        elif node.tag == end:
            name = open_marks.pop(node.get(qn("w:id"), ""), None)
            if name is not None:
                closed[name] = "".join(texts.pop(name)).strip("\n")
        elif node.tag == qn("w:p"):
            for name in open_marks.values():
                if texts[name]:
                    texts[name].append("\n")
        elif not _inside_deletion(node):
            for name in open_marks.values():
                texts[name].append(node.text or "")
    return closed


def _inside_deletion(node: BaseOxmlElement) -> bool:
    return any(a.tag in (qn("w:del"), qn("w:moveFrom")) for a in node.iterancestors())


def note_reference_ids(body: BaseOxmlElement, kind: str) -> list[int]:
    """Ids of the notes referenced from `body`, in reading order."""
    values = (r.get(qn("w:id"), "") for r in body.iter(qn(f"w:{kind}Reference")))
    return [n for n in map(xml_int, values) if n is not None]


def hyperlink_ids(element: BaseOxmlElement) -> list[str]:
    """Relationship ids of the external hyperlinks inside `element`, in order."""
    return [h.get(qn("r:id")) for h in element.iter(qn("w:hyperlink")) if h.get(qn("r:id"))]


def field_instructions(element: BaseOxmlElement) -> list[str]:
    """The instructions of the fields inside `element` (simple and complex), stripped."""
    simple = [f.get(qn("w:instr"), "").strip() for f in element.iter(qn("w:fldSimple"))]
    complex_ = [(i.text or "").strip() for i in element.iter(qn("w:instrText"))]
    return simple + complex_


def bookmark_end_ids(element: BaseOxmlElement) -> set[int]:
    """Ids of the bookmarks that end inside `element`."""
    values = (e.get(qn("w:id"), "") for e in element.iter(qn("w:bookmarkEnd")))
    return {n for n in map(xml_int, values) if n is not None}
