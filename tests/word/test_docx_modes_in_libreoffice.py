"""LibreOffice lays out drafter's other note modes and a letterhead: endnotes numbered 1..N,
reused notes printed by cross-reference, and a reference document's header on every page."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from clients import pdf_pages, soffice_convert
from support import EXAMPLE

from drafter.drafts.file import load_draft
from drafter.model import NoteRef
from drafter.pipeline import BuildResult, build, open_library
from drafter.word import DocxOptions, to_docx

LETTERHEAD = "Interfaith Investor Coalition, 40 Rector Street, New York"


def _build(**changes: object) -> BuildResult:
    return build(replace(load_draft(EXAMPLE), **changes), open_library())  # type: ignore[arg-type]


def _pdf_text(tmp: Path, name: str, data: bytes) -> list[str]:
    source = tmp / f"{name}.docx"
    source.write_bytes(data)
    return pdf_pages(soffice_convert(source, tmp / "pdf", "pdf", tmp / f"profile-{name}"))


@pytest.fixture(scope="module")
def endnotes(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildResult, list[str]]:
    result = _build(notes="endnotes")
    tmp = tmp_path_factory.mktemp("endnotes")
    return result, _pdf_text(tmp, "endnotes", to_docx(result.document))


def test_endnotes_are_numbered_with_arabic_numerals_after_the_body(
    endnotes: tuple[BuildResult, list[str]],
) -> None:
    result, pages = endnotes
    text = "\n".join(pages)
    resolved = text.index("Resolved:")
    tail = text[resolved:]
    # note numbers start their line; the footer's centred page number is far indented
    marks = [int(m) for m in re.findall(r"^ {0,8}(\d+)(?=[ \t]|$)", tail, re.MULTILINE)]
    assert marks == list(range(1, len(result.document.notes) + 1))
    assert not re.search(r"^\s*(i|ii|iii|iv)\s", tail, re.MULTILINE), "Roman endnote numbers"
    assert "Ibid." in tail


def test_reused_notes_print_their_first_number_again(tmp_path: Path) -> None:
    result = _build(notes="reuse", style="chicago-notes-bibliography")
    refs = [i.number for b in result.document.blocks for i in b.inlines if isinstance(i, NoteRef)]
    reused = next(n for index, n in enumerate(refs) if n in refs[:index])
    pages = _pdf_text(tmp_path, "reuse", to_docx(result.document))
    body = re.sub(r"\s+", " ", "\n".join(pages))
    # the sentence that cites the source again ends with the first note's number
    block = next(
        b
        for b in result.document.blocks
        if b.inlines
        and b.inlines[-1] == NoteRef(reused)
        and refs.count(reused) > 1
        and b.origin
        and b.origin.index > 0
    )
    last_words = " ".join(block.text.split()[-3:])
    assert f"{last_words}{reused}" in body.replace(
        f"{last_words} {reused}", f"{last_words}{reused}"
    )


def test_a_letterhead_header_prints_on_every_page_with_the_notes_intact(
    tmp_path: Path, example_result: BuildResult
) -> None:
    reference = docx.Document()
    reference.sections[0].header.paragraphs[0].text = LETTERHEAD
    path = tmp_path / "letterhead.docx"
    reference.save(str(path))
    data = to_docx(example_result.document, DocxOptions(reference=path))
    pages = _pdf_text(tmp_path, "letterhead", data)
    assert len(pages) >= 2
    for page in pages:
        assert LETTERHEAD in page
    squashed = re.sub(r"[\s\-\u00ad]+", "", "\n".join(pages))
    for note in example_result.document.notes:
        assert re.sub(r"[\s\-\u00ad]+", "", note.text)[:25] in squashed
