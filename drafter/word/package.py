"""Where a DOCX starts: a small package built in code, or a user's reference document.

A reference document gives styles, page setup, headers and footers (a letterhead), as pandoc's
`--reference-doc` does: its body is emptied, its leftover notes dropped, its sections kept.
"""

from __future__ import annotations

import io
import zipfile
from functools import cache
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.exceptions import PackageNotFoundError
from docx.shared import Inches

from drafter.errors import OutputError
from drafter.word.inline import ParagraphWriter
from drafter.word.notes import document_notes
from drafter.word.oxml import clear_body, new_settings_xml

MAX_REFERENCE_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024

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
    document = docx.Document(io.BytesIO(_base_package()))
    section = document.sections[0]
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    return document


def add_page_numbers(document: DocxDocument, style: str = "Footer") -> None:
    """A centred page number in the footer of every section."""
    for section in document.sections:
        paragraph = section.footer.paragraphs[0]
        paragraph.style = document.styles[style]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        ParagraphWriter(paragraph).field("PAGE", "1")


def open_reference(path: Path) -> DocxDocument:
    """A user's DOCX emptied of content, keeping its styles, sections, headers and footers."""
    path = Path(path)
    _check_reference(path)
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise OutputError(
            f"not a Word document ({exc.__class__.__name__})",
            path,
            None,
            "pass a .docx saved by Word or LibreOffice",
        ) from None
    clear_body(document.element.body)
    for kind in ("footnote", "endnote"):
        notes = document_notes(document, kind, create=False)
        if notes is not None:
            notes.clear()
    return document


def _check_reference(path: Path) -> None:
    fix = "pass a .docx saved by Word or LibreOffice"
    if not path.is_file():
        raise OutputError("reference document not found", path, None, "check the path")
    if path.stat().st_size > MAX_REFERENCE_BYTES:
        raise OutputError("reference document is larger than 50 MB", path, None, fix)
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        raise OutputError("not a Word document (not a zip package)", path, None, fix) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise OutputError("reference document unpacks to more than 200 MB", path, None, fix)
    if "word/document.xml" not in names:
        raise OutputError("not a Word document (no word/document.xml)", path, None, fix)
