"""Reference documents: a user's letterhead gives styles, page setup, header and footer, and the
notes still work."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import Inches, Pt

from drafter.errors import OutputError
from drafter.pipeline import BuildResult
from drafter.word import DocxOptions, read_docx, to_docx

LETTERHEAD = "Interfaith Investor Coalition · 40 Rector Street · New York"


@pytest.fixture
def letterhead(tmp_path: Path) -> Path:
    """A reference document as a user would bring one: header, footer, margins, own Normal font,
    and leftover body text that must not come through."""
    document = docx.Document()
    section = document.sections[0]
    section.left_margin = section.right_margin = Inches(1.25)
    section.header.paragraphs[0].text = LETTERHEAD
    section.footer.paragraphs[0].text = "Printed on recycled paper"
    document.styles["Normal"].font.name = "Georgia"
    document.styles["Normal"].font.size = Pt(11)
    document.add_paragraph("Dear colleague, this placeholder must disappear.")
    path = tmp_path / "letterhead.docx"
    document.save(str(path))
    return path


def test_reference_document_carries_header_footer_and_margins(
    letterhead: Path, example_result: BuildResult
) -> None:
    data = to_docx(example_result.document, DocxOptions(reference=letterhead))
    contents = read_docx(data)
    assert contents.headers == (LETTERHEAD,)
    assert contents.footers == ("Printed on recycled paper",)
    section = docx.Document(io.BytesIO(data)).sections[0]
    assert section.left_margin == Inches(1.25)


def test_reference_document_keeps_its_own_styles_and_gains_drafters(
    letterhead: Path, example_result: BuildResult
) -> None:
    document = docx.Document(
        io.BytesIO(to_docx(example_result.document, DocxOptions(reference=letterhead)))
    )
    styles = {s.style_id: s for s in document.styles}
    assert styles["Normal"].font.name == "Georgia"  # the user's, untouched
    assert styles["Normal"].font.size == Pt(11)
    assert {"Recital", "Resolved", "FootnoteText", "FootnoteReference", "LeadWord"} <= set(styles)


def test_reference_document_body_is_replaced_and_notes_are_intact(
    letterhead: Path, example_result: BuildResult
) -> None:
    contents = read_docx(to_docx(example_result.document, DocxOptions(reference=letterhead)))
    assert "placeholder" not in contents.text
    assert contents.paragraphs[0].text == example_result.document.title
    assert [n.text for n in contents.notes] == [n.text for n in example_result.document.notes]
    assert all(n.links for n in contents.notes if n.text.startswith("http"))


def test_a_previous_output_as_reference_brings_none_of_its_notes(
    example_docx: Path, example_result: BuildResult
) -> None:
    """A reference document that already has footnotes (one of ours) keeps only the new ones."""
    data = to_docx(example_result.document, DocxOptions(reference=example_docx))
    contents = read_docx(data)
    assert len(contents.notes) == len(example_result.document.notes)
    footnotes = zipfile.ZipFile(io.BytesIO(data)).read("word/footnotes.xml").decode()
    assert footnotes.count("<w:footnote ") == len(example_result.document.notes) + 2
    assert len(contents.paragraphs) == len(example_result.document.blocks)


def test_a_reference_document_style_is_used_where_it_defines_one(
    tmp_path: Path, example_result: BuildResult
) -> None:
    document = docx.Document()
    style = document.styles.add_style("Recital", 1)
    style.font.italic = True
    path = tmp_path / "house-style.docx"
    document.save(str(path))
    built = docx.Document(io.BytesIO(to_docx(example_result.document, DocxOptions(reference=path))))
    assert built.styles["Recital"].font.italic


@pytest.mark.parametrize(
    ("content", "problem"),
    [(b"plain text", "not a zip package"), (None, "a required part is missing")],
)
def test_a_broken_reference_document_is_an_input_error(
    tmp_path: Path, example_result: BuildResult, content: bytes | None, problem: str
) -> None:
    path = tmp_path / "broken.docx"
    if content is None:
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("hello.txt", "not a document")
    else:
        path.write_bytes(content)
    with pytest.raises(OutputError) as caught:
        to_docx(example_result.document, DocxOptions(reference=path))
    assert problem in caught.value.message
    assert caught.value.path == path
