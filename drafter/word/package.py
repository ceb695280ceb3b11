"""Where a DOCX starts: a small package built in code, or a user's reference document.

A reference document gives styles, page setup, headers and footers (a letterhead), as pandoc's
`--reference-doc` does: its body is emptied, its leftover notes dropped, its sections kept.
"""

from __future__ import annotations

import io
import zipfile
from functools import cache
from pathlib import Path
from typing import Any

import docx
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from drafter.errors import OutputError
from drafter.word.inline import ParagraphWriter
from drafter.word.notes import document_notes
from drafter.word.oxml import (
    clear_body,
    defuse_fields,
    discard,
    keep_first_section,
    new_settings_xml,
    stop_tracking_changes,
)
from drafter.word.safety import FIX, load_docx

_REVIEW_RELATIONSHIPS = {
    RT.COMMENTS,
    "http://schemas.microsoft.com/office/2011/relationships/commentsExtended",
    "http://schemas.microsoft.com/office/2016/09/relationships/commentsIds",
    "http://schemas.microsoft.com/office/2018/08/relationships/commentsExtensible",
    "http://schemas.microsoft.com/office/2011/relationships/people",
}

# Relationships a reference document loses, by the last part of their type: macros and their
# data, add-ins, ribbon changes, embedded or linked objects and controls, sub-documents, frames,
# imported chunks, an attached template, mail merge sources, signatures (void once changed), and
# the glossary of building blocks (Quick Parts, AutoText) with the fields and links of its own.
_ACTIVE_RELATIONSHIPS = frozenset(
    {
        "vbaProject",
        "vbaProjectSignature",
        "vbaProjectSignatureAgile",
        "wordVbaData",
        "glossaryDocument",
        "keyMapCustomizations",
        "extensibility",
        "userCustomization",
        "webextensiontaskpanes",
        "webextension",
        "oleObject",
        "package",
        "control",
        "activeXControlBinary",
        "subDocument",
        "frame",
        "aFChunk",
        "attachedTemplate",
        "mailMergeSource",
        "mailMergeHeaderSource",
        "recipientData",
        "origin",
        "signature",
    }
)
# Fields a reference document's headers and footers keep: they only number pages, date the
# document or repeat a heading, and fetch, run or reveal nothing. Every other field (DDEAUTO,
# INCLUDETEXT, INCLUDEPICTURE, HYPERLINK, MACROBUTTON, a form field ...) is reduced to the text it
# last displayed; so is FILENAME, which would print a path from whichever machine updates it.
HARMLESS_FIELDS = frozenset(
    {"PAGE", "NUMPAGES", "SECTIONPAGES", "SECTION", "DATE", "TIME", "STYLEREF"}
)
_O_RELID = "{urn:schemas-microsoft-com:office:office}relid"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


@cache
def _base_package() -> bytes:
    """The smallest package python-docx opens: a document part with one Letter section."""
    files = {
        "[Content_Types].xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="{_CT}">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{_PKG_RELS}">'
            f'<Relationship Id="rId1" Type="{_OFFICE}/officeDocument" Target="word/document.xml"/>'
            "</Relationships>"
        ),
        "word/_rels/document.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{_PKG_RELS}">'
            f'<Relationship Id="rId1" Type="{_OFFICE}/settings" Target="settings.xml"/>'
            "</Relationships>"
        ),
        "word/document.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:document xmlns:w="{_W}" xmlns:r="{_R}"><w:body><w:sectPr>'
            '<w:pgSz w:w="12240" w:h="15840"/>'
            '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="720" '
            'w:footer="720" w:gutter="0"/><w:cols w:space="720"/></w:sectPr></w:body></w:document>'
        ),
        "word/settings.xml": new_settings_xml().decode(),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def new_document() -> DocxDocument:
    """An empty US Letter document with one-inch margins and a page number in the footer."""
    return docx.Document(io.BytesIO(_base_package()))


def add_page_numbers(document: DocxDocument, style: str = "Footer") -> None:
    """A centred page number in the footer of every section."""
    for section in document.sections:
        paragraph = section.footer.paragraphs[0]
        paragraph.style = document.styles[style]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        ParagraphWriter(paragraph).field("PAGE", "1")


def open_reference(path: Path) -> DocxDocument:
    """A user's DOCX emptied of content, keeping its styles, first section, headers and footers."""
    path = Path(path)
    document = load_docx(path, OutputError)
    keep_first_section(document.element.body)
    clear_body(document.element.body)
    drop_review_material(document)
    drop_active_content(document)
    for kind in ("footnote", "endnote"):
        try:
            notes = document_notes(document, kind, create=False)
        except ValueError:
            raise OutputError(f"its {kind}s part is malformed", path, None, FIX) from None
        if notes is not None:
            notes.clear()
    return document


def drop_review_material(document: DocxDocument) -> None:
    """Comments, their companions and body images of the reference go; so does change tracking."""
    part = document.part
    for r_id, rel in list(part.rels.items()):
        if rel.reltype in _REVIEW_RELATIONSHIPS or rel.reltype == RT.IMAGE:
            part.drop_rel(r_id)  # nothing in the emptied body refers to it any more
    stop_tracking_changes(document.settings.element)


def drop_active_content(document: DocxDocument) -> None:
    """Macros, add-ins, embedded or linked objects, an attached template, mail merge, the
    glossary, every external target (links, linked pictures) and every field but the harmless
    ones of the reference go; nothing of it is followed."""
    package = document.part.package
    for r_id, rel in list(package.rels.items()):
        if rel.is_external or _kind(rel.reltype) in _ACTIVE_RELATIONSHIPS:
            del package.rels[r_id]
    for part in list(package.iter_parts()):
        element = getattr(part, "_element", None)
        for r_id, rel in list(part.rels.items()):
            if rel.is_external or _kind(rel.reltype) in _ACTIVE_RELATIONSHIPS:
                if element is not None:
                    _drop_references(element, r_id)
                del part.rels[r_id]
    for part in package.iter_parts():  # the parts still kept
        element = getattr(part, "_element", None)
        if element is not None:
            defuse_fields(element, HARMLESS_FIELDS)
    settings = document.settings.element
    for tag in ("w:attachedTemplate", "w:mailMerge", "w:updateFields"):
        for child in settings.findall(qn(tag)):
            discard(child)


def _kind(reltype: str) -> str:
    return reltype.rstrip("/").rsplit("/", 1)[-1]


def _refers(attribute: str) -> bool:
    """Whether an attribute holds a relationship id (r:id, r:link, r:embed ..., VML's o:relid)."""
    return attribute.startswith(f"{{{_R}}}") or attribute == _O_RELID


def _drop_references(root: Any, r_id: str) -> None:
    """Remove what refers to relationship `r_id` in a part's XML: a link keeps its text, a
    picture linked as well as embedded keeps the embedded copy, anything else in a run goes with
    its run."""
    referring = [
        element
        for element in root.iter()
        if any(value == r_id and _refers(name) for name, value in element.attrib.items())
    ]
    for element in referring:
        parent = element.getparent()
        if parent is None:
            continue
        if element.tag == qn("w:hyperlink"):
            for child in list(element):
                element.addprevious(child)
            discard(element)
        elif element.tag in (qn("a:hlinkClick"), qn("a:hlinkHover")):
            discard(element)
        elif element.tag == qn("a:blip") and element.get(qn("r:embed")) not in (None, r_id):
            for name in [n for n, v in element.attrib.items() if v == r_id]:
                del element.attrib[name]
        else:
            run = next((a for a in element.iterancestors(qn("w:r"))), element)
            if run.getparent() is not None:
                discard(run)
