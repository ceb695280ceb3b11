"""Document-level settings and section properties: note numbering and separators, a new
document's settings, emptying a body; removing elements in time linear in their size."""

from __future__ import annotations

import copy

from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import OxmlElement
from docx.oxml.xmlchemy import BaseOxmlElement


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
        tags = {qn(t) for t in successors}
        anchor = next((c for c in settings if c.tag in tags), None)
        if anchor is not None:
            anchor.addprevious(props)
        else:
            settings.append(props)
    for old in props.findall(qn(f"w:{kind}")):
        discard(old)
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


_SECTPR_AFTER_NOTEPR = (
    "w:type",
    "w:pgSz",
    "w:pgMar",
    "w:paperSrc",
    "w:pgBorders",
    "w:lnNumType",
    "w:pgNumType",
    "w:cols",
    "w:formProt",
    "w:vAlign",
    "w:noEndnote",
    "w:titlePg",
    "w:textDirection",
    "w:bidi",
    "w:rtlGutter",
    "w:docGrid",
    "w:printerSettings",
    "w:sectPrChange",
)


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


def discard(element: BaseOxmlElement) -> None:
    """Remove `element` and everything in it from its tree, in time linear in its size.

    lxml's `remove` keeps a removed element usable on its own, re-declaring the namespaces of
    every element inside it, in time that grows with the square of its size (200,000 tracked
    insertions in one paragraph: over a minute). Emptying it first frees its content at once.
    """
    element.clear()
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)


def clear_body(body: BaseOxmlElement) -> None:
    """Remove a body's content, keeping its final section properties."""
    section = qn("w:sectPr")
    for child in [c for c in body if c.tag != section]:
        discard(child)


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


def keep_first_section(body: BaseOxmlElement) -> None:
    """Make the first section's properties the body's own (a letterhead lives on page one)."""
    inner = body.xpath("./w:p/w:pPr/w:sectPr")
    final = body.find(qn("w:sectPr"))
    if not inner:
        return
    first = copy.deepcopy(inner[0])
    if final is not None:
        final.addprevious(first)
        discard(final)
    else:
        body.append(first)


def stop_tracking_changes(settings: BaseOxmlElement) -> None:
    """Turn off change tracking a reference document may have left on."""
    for element in settings.findall(qn("w:trackRevisions")):
        discard(element)
