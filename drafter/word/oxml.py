"""Element classes and builders for the WordprocessingML that python-docx does not model.

Notes (`w:footnotes`/`w:endnotes`), note references, bookmarks, fields, hyperlinks, the
settings that go with notes, and custom document properties. Only the proxies in this package
use this module; nothing outside `drafter.word` sees XML.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import cast

from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import OxmlElement, element_class_lookup, parse_xml, register_element_cls
from docx.oxml.simpletypes import ST_DecimalNumber, ST_String
from docx.oxml.text.paragraph import CT_P
from docx.oxml.text.run import CT_R
from docx.oxml.xmlchemy import BaseOxmlElement, OptionalAttribute, RequiredAttribute, ZeroOrMore

NOTE_KINDS = ("footnote", "endnote")
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
CUSTOM_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


# --- notes -----------------------------------------------------------------


class CT_Note(BaseOxmlElement):
    """`w:footnote` or `w:endnote`: a story of paragraphs, or a separator when typed."""

    id: int = RequiredAttribute("w:id", ST_DecimalNumber)  # type: ignore[assignment]
    type: str | None = OptionalAttribute("w:type", ST_String)  # type: ignore[assignment]

    p = ZeroOrMore("w:p", successors=())
    tbl = ZeroOrMore("w:tbl", successors=())

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
        yield from cast(list[CT_Note], self.xpath(f"./w:{self.kind}"))

    def add_note(self) -> CT_Note:
        """A new empty normal note with the next free id, appended at the end."""
        ids = [int(n.get(qn("w:id"), "0")) for n in self.iter_notes()]
        note = cast(CT_Note, OxmlElement(f"w:{self.kind}"))
        note.id = max(ids, default=0) + 1
        self.append(note)
        return note

    def remove_normal_notes(self) -> None:
        """Drop every note but the separators (a reference document's leftovers)."""
        for note in list(self.iter_notes()):
            if note.is_normal:
                self.remove(note)

    def ensure_separators(self) -> tuple[int, int]:
        """The ids of the separator and continuation separator, adding them when missing."""
        found: dict[str, int] = {}
        for note in self.iter_notes():
            if note.type in ("separator", "continuationSeparator"):
                found.setdefault(note.type, note.id)
        for index, (kind, mark) in enumerate(
            (("separator", "w:separator"), ("continuationSeparator", "w:continuationSeparator"))
        ):
            if kind in found:
                continue
            used = {n.id for n in self.iter_notes()}
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


# --- settings --------------------------------------------------------------


def set_note_properties(
    settings: BaseOxmlElement, kind: str, separator_ids: tuple[int, int]
) -> None:
    """List the separators in `w:settings` (`w:footnotePr`), as Word expects when they exist.

    Numbering options already there (a reference document's) are kept; endnotes are numbered
    1, 2, 3 unless they say otherwise, since Word's own default for them is i, ii, iii.
    """
    tag = f"w:{kind}Pr"
    props = settings.find(qn(tag))
    if props is None:
        props = OxmlElement(tag)
        successors = _SETTINGS_AFTER_FOOTNOTEPR if kind == "footnote" else _SETTINGS_AFTER_ENDNOTEPR
        anchor = next((c for c in settings if c.tag in {qn(t) for t in successors}), None)
        if anchor is not None:
            anchor.addprevious(props)
        else:
            settings.append(props)
    for old in props.findall(qn(f"w:{kind}")):
        props.remove(old)
    if props.find(qn("w:numFmt")) is None:
        number_format = OxmlElement("w:numFmt", {qn("w:val"): "decimal"})
        position = props.find(qn("w:pos"))
        if position is not None:
            position.addnext(number_format)
        else:
            props.insert(0, number_format)
    for note_id in separator_ids:
        props.append(OxmlElement(f"w:{kind}", {qn("w:id"): str(note_id)}))


_SETTINGS_AFTER_ENDNOTEPR = (
    "w:compat",
    "w:docVars",
    "w:rsids",
    "m:mathPr",
    "w:attachedSchema",
    "w:themeFontLang",
    "w:clrSchemeMapping",
    "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures",
    "w:forceUpgrade",
    "w:captions",
    "w:readModeInkLockDown",
    "w:smartTagType",
    "w:schemaLibrary",
    "w:shapeDefaults",
    "w:doNotEmbedSmartTags",
    "w:decimalSymbol",
    "w:listSeparator",
)
_SETTINGS_AFTER_FOOTNOTEPR = ("w:endnotePr", *_SETTINGS_AFTER_ENDNOTEPR)


# --- inline content --------------------------------------------------------


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
    p.append(OxmlElement("w:bookmarkStart", {qn("w:id"): str(bookmark_id), qn("w:name"): name}))


def add_bookmark_end(p: CT_P, bookmark_id: int) -> None:
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
        yield int(start.get(qn("w:id"), "0")), start.get(qn("w:name"), "")


# --- custom document properties -------------------------------------------


class CT_CustomProperties(BaseOxmlElement):
    """`op:Properties`, the root of docProps/custom.xml."""

    def items(self) -> Iterator[tuple[str, str]]:
        for prop in self.findall(f"{{{CUSTOM_NS}}}property"):
            value = next(iter(prop), None)
            yield prop.get("name", ""), (value.text or "") if value is not None else ""

    def set(self, name: str, value: str) -> None:  # type: ignore[override]
        """Set a text property, replacing one of the same name."""
        for prop in self.findall(f"{{{CUSTOM_NS}}}property"):
            if prop.get("name") == name:
                self.remove(prop)
        pids = [int(p.get("pid", "1")) for p in self.findall(f"{{{CUSTOM_NS}}}property")]
        prop = self.makeelement(
            f"{{{CUSTOM_NS}}}property",
            {"fmtid": CUSTOM_FMTID, "pid": str(max(pids, default=1) + 1), "name": name},
        )
        text = prop.makeelement(f"{{{VT_NS}}}lpwstr", {})
        text.text = value
        prop.append(text)
        self.append(prop)


def new_custom_properties_xml() -> bytes:
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<Properties xmlns="{CUSTOM_NS}" xmlns:vt="{VT_NS}"/>'
    ).encode()


register_element_cls("w:footnotes", CT_Notes)
register_element_cls("w:endnotes", CT_Notes)
register_element_cls("w:footnote", CT_Note)
register_element_cls("w:endnote", CT_Note)
element_class_lookup.get_namespace(CUSTOM_NS)["Properties"] = CT_CustomProperties


# --- numbering and style details -------------------------------------------

LIST_LEVELS = {
    "bullet": ("bullet", "\u2022"),
    "decimal": ("decimal", "%1."),
}


def new_numbering_xml() -> bytes:
    return (
        f"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<w:numbering {nsdecls('w')}/>"
    ).encode()


def add_list_definition(numbering: BaseOxmlElement, kind: str) -> int:
    """Add a one-level list (`bullet` or `decimal`) and return its `w:numId`."""
    fmt, text = LIST_LEVELS[kind]
    abstract_ids = [int(a) for a in numbering.xpath("./w:abstractNum/@w:abstractNumId")]
    num_ids = [int(n) for n in numbering.xpath("./w:num/@w:numId")]
    abstract_id = max(abstract_ids, default=-1) + 1
    num_id = max(num_ids, default=0) + 1
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        f'<w:multiLevelType w:val="singleLevel"/>'
        f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>'
    )
    nums = numbering.xpath("./w:num")
    if nums:
        nums[0].addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
            "</w:num>"
        )
    )
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


def clear_body(body: BaseOxmlElement) -> None:
    """Remove a body's content, keeping its final section properties."""
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def new_settings_xml() -> bytes:
    """Settings for a new document: Word 2013+ layout, US English, no compatibility mode."""
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f"<w:settings {nsdecls('w')}>"
        '<w:defaultTabStop w:val="720"/>'
        '<w:characterSpacingControl w:val="doNotCompress"/>'
        "<w:compat>"
        '<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>'
        '<w:compatSetting w:name="overrideTableStyleFontSizeAndJustification" w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>'
        '<w:compatSetting w:name="enableOpenTypeFeatures" w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>'
        '<w:compatSetting w:name="doNotFlipMirrorIndents" w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>'
        "</w:compat>"
        '<w:themeFontLang w:val="en-US"/>'
        "</w:settings>"
    ).encode()


# --- reading ---------------------------------------------------------------


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
    return [int(r.get(qn("w:id"), "0")) for r in body.iter(qn(f"w:{kind}Reference"))]


def hyperlink_ids(element: BaseOxmlElement) -> list[str]:
    """Relationship ids of the external hyperlinks inside `element`, in order."""
    return [h.get(qn("r:id")) for h in element.iter(qn("w:hyperlink")) if h.get(qn("r:id"))]


def field_instructions(element: BaseOxmlElement) -> list[str]:
    """The instructions of the fields inside `element` (simple and complex), stripped."""
    simple = [f.get(qn("w:instr"), "").strip() for f in element.iter(qn("w:fldSimple"))]
    complex_ = [(i.text or "").strip() for i in element.iter(qn("w:instrText"))]
    return simple + complex_


_SECTPR_AFTER_NOTEPR = (
    "w:type", "w:pgSz", "w:pgMar", "w:paperSrc", "w:pgBorders", "w:lnNumType", "w:pgNumType",
    "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi",
    "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange",
)  # fmt: skip


def set_section_note_format(sect_pr: BaseOxmlElement, kind: str, number_format: str) -> None:
    """Number a section's notes as `number_format` unless the section already says how.

    LibreOffice reads the number format only from the section, Word from either.
    """
    tag = qn(f"w:{kind}Pr")
    props = sect_pr.find(tag)
    if props is None:
        props = OxmlElement(f"w:{kind}Pr")
        successors = {qn(t) for t in _SECTPR_AFTER_NOTEPR}
        if kind == "footnote":
            successors.add(qn("w:endnotePr"))
        anchor = next((c for c in sect_pr if c.tag in successors), None)
        if anchor is not None:
            anchor.addprevious(props)
        else:
            sect_pr.append(props)
    if props.find(qn("w:numFmt")) is None:
        number = OxmlElement("w:numFmt", {qn("w:val"): number_format})
        position = props.find(qn("w:pos"))
        if position is not None:
            position.addnext(number)
        else:
            props.insert(0, number)
