"""Documents from elsewhere: reference documents with other style ids, several sections, review
leftovers; malformed packages read back; text a Word file cannot hold."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_SECTION
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from drafter.errors import DrafterError
from drafter.model import Block, Document, Origin, Span
from drafter.pipeline import BuildResult
from drafter.word import DocxOptions, read_docx, to_docx


def _parts(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {n: archive.read(n).decode("utf-8", "replace") for n in archive.namelist()}


def _undefined_styles(data: bytes) -> set[str]:
    parts = _parts(data)
    defined = set(re.findall(r'w:styleId="([^"]+)"', parts["word/styles.xml"]))
    used = set()
    for name, xml in parts.items():
        if name.startswith("word/") and name.endswith(".xml"):
            used |= set(re.findall(r'<w:(?:rStyle|pStyle) w:val="([^"]+)"', xml))
    return used - defined


def test_endnotes_use_the_endnote_styles(example_result: BuildResult) -> None:
    data = to_docx(replace(example_result.document, endnotes=True))
    endnotes = _parts(data)["word/endnotes.xml"]
    assert 'w:val="EndnoteText"' in endnotes and 'w:val="EndnoteReference"' in endnotes
    assert "Footnote" not in endnotes
    assert (
        'rStyle w:val="EndnoteReference"/></w:rPr><w:endnoteReference'
        in _parts(data)["word/document.xml"]
    )


def test_a_reference_documents_own_style_ids_are_the_ones_runs_use(
    tmp_path: Path, example_result: BuildResult
) -> None:
    """LibreOffice and localized Word name these styles with other ids: runs must follow them."""
    reference = docx.Document()
    for style_id, name, kind in (
        ("FootnoteAnchor", "footnote reference", 2),
        ("InternetLink", "Hyperlink", 2),
        ("Funotentext", "footnote text", 1),
    ):
        style = reference.styles.add_style(name, kind)
        style.element.styleId = style_id
    path = tmp_path / "localized.docx"
    reference.save(str(path))
    data = to_docx(example_result.document, DocxOptions(reference=path))
    assert _undefined_styles(data) == set()
    parts = _parts(data)
    assert 'w:rStyle w:val="FootnoteAnchor"' in parts["word/document.xml"]
    assert 'w:rStyle w:val="InternetLink"' in parts["word/footnotes.xml"]
    assert 'w:pStyle w:val="Funotentext"' in parts["word/footnotes.xml"]


def test_no_run_or_paragraph_points_to_an_undefined_style(example_docx: Path) -> None:
    assert _undefined_styles(example_docx.read_bytes()) == set()


def test_a_letterhead_in_the_first_of_several_sections_is_kept(
    tmp_path: Path, example_result: BuildResult
) -> None:
    reference = docx.Document()
    reference.sections[0].header.paragraphs[0].text = "First-page letterhead"
    reference.add_paragraph("PLACEHOLDER-ONE")
    second = reference.add_section(WD_SECTION.NEW_PAGE)
    second.header.is_linked_to_previous = True
    reference.add_paragraph("PLACEHOLDER-TWO")
    path = tmp_path / "two-sections.docx"
    reference.save(str(path))
    contents = read_docx(to_docx(example_result.document, DocxOptions(reference=path)))
    assert contents.headers == ("First-page letterhead",)
    assert "PLACEHOLDER" not in contents.text


def test_bookmark_ids_do_not_collide_with_a_reference_documents(
    tmp_path: Path, example_result: BuildResult
) -> None:
    reference = docx.Document()
    header = reference.sections[0].header.paragraphs[0]
    header.text = "Letterhead"
    for tag in ("w:bookmarkStart", "w:bookmarkEnd"):
        mark = OxmlElement(
            tag,
            {qn("w:id"): "0", **({qn("w:name"): "HeaderMark"} if tag.endswith("Start") else {})},
        )
        header._p.append(mark)
    path = tmp_path / "bookmarked.docx"
    reference.save(str(path))
    parts = _parts(to_docx(example_result.document, DocxOptions(reference=path)))
    ids = [i for xml in parts.values() for i in re.findall(r'<w:bookmarkStart w:id="(\d+)"', xml)]
    assert len(ids) == len(set(ids)), "bookmark ids repeat"


def test_review_leftovers_of_a_reference_document_do_not_travel(
    tmp_path: Path, example_result: BuildResult
) -> None:
    reference = docx.Document()
    paragraph = reference.add_paragraph("Draft letterhead")
    reference.add_comment(paragraph.runs, text="CONFIDENTIAL: not for the company", author="Ed")
    tracking = OxmlElement("w:trackRevisions")
    reference.settings.element.insert(0, tracking)
    props_reference = tmp_path / "reviewed.docx"
    reference.save(str(props_reference))
    data = to_docx(example_result.document, DocxOptions(reference=props_reference))
    parts = _parts(data)
    assert not any("CONFIDENTIAL" in xml for xml in parts.values())
    assert "trackRevisions" not in parts["word/settings.xml"]


def test_an_earlier_builds_properties_do_not_survive_a_rebuild(example_docx: Path) -> None:
    bare = Document(
        "Untitled", (Block("paragraph", (Span("Text."),), "body", Origin("body", 0, None)),)
    )
    contents = read_docx(to_docx(bare, DocxOptions(reference=example_docx)))
    assert "drafter.draft_sha256" not in contents.properties
    assert contents.properties["drafter.version"]


def test_a_new_list_goes_before_numIdMacAtCleanup(
    tmp_path: Path, example_result: BuildResult
) -> None:
    reference = docx.Document()  # python-docx's template has numbering; add Word's cleanup mark
    numbering = reference.part.numbering_part.element
    numbering.append(OxmlElement("w:numIdMacAtCleanup", {qn("w:val"): "3"}))
    path = tmp_path / "numbered.docx"
    reference.save(str(path))
    xml = _parts(to_docx(example_result.document, DocxOptions(reference=path)))[
        "word/numbering.xml"
    ]
    tags = re.findall(r"<w:(abstractNum|num|numIdMacAtCleanup)\b", xml)
    assert tags[-1] == "numIdMacAtCleanup"
    assert tags.index("num") > max(i for i, t in enumerate(tags) if t == "abstractNum")


def test_text_pasted_from_word_with_control_characters_still_writes() -> None:
    title = "A" * 300
    block = Block("paragraph", (Span("Line one\vline two\x07."),), "body", Origin("body", 0, None))
    contents = read_docx(to_docx(Document(title, (block,))))
    assert contents.paragraphs[0].text == "Line one\nline two."
    assert contents.title == "A" * 255


def _corrupt(kind: str, good: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(good))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                data = {
                    "malformed-xml": data[: len(data) // 2],
                    "wrong-root": b'<?xml version="1.0"?><x xmlns="urn:x"/>',
                    "entity-bomb": b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
                    + b"".join(
                        b'<!ENTITY %s "&%s;&%s;&%s;&%s;">'
                        % (
                            bytes([98 + i]),
                            bytes([97 + i]),
                            bytes([97 + i]),
                            bytes([97 + i]),
                            bytes([97 + i]),
                        )
                        for i in range(8)
                    )
                    + b']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&i;</w:t></w:r></w:p></w:body></w:document>',
                }.get(kind, data)
            if info.filename == "word/footnotes.xml" and kind == "bad-notes":
                data = b'<?xml version="1.0"?><x/>'
            archive.writestr(info, data)
    raw = out.getvalue()
    if kind == "bad-crc":
        index = raw.index(b"word/document.xml") + 40
        raw = raw[:index] + bytes([raw[index] ^ 0xFF]) + raw[index + 1 :]
    return raw


@pytest.mark.parametrize(
    "kind", ["malformed-xml", "wrong-root", "entity-bomb", "bad-notes", "bad-crc"]
)
def test_a_malformed_returned_file_is_one_clear_error(kind: str, example_docx: Path) -> None:
    data = _corrupt(kind, example_docx.read_bytes())
    try:
        contents = read_docx(data)
    except DrafterError as error:
        assert (
            error.message.startswith(("not a Word document", "its "))
            or "malformed" in error.message
        )
        return
    # an entity bomb may also be read safely, with its entities left unexpanded
    assert kind == "entity-bomb" and "aaaaaaaaaa" * 4 not in contents.text
