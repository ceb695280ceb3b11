"""LibreOffice lays drafter's DOCX out with real footnotes, and keeps them through a save.

The example is converted to PDF once and saved again as DOCX once (module fixtures). The PDF is
read with `pdftotext -layout`: each page is its body text, then its footnotes (number on one
line, text under it), then the footer's page number. LibreOffice renumbers note ids and rewrites
styles when it saves, so the round trip is compared as text read back with `read_docx`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import pytest
from clients import pdf_pages, soffice_convert

from drafter.model import Block, NoteRef, Span
from drafter.pipeline import BuildResult
from drafter.word import DocxContents, read_docx

PREFIX = 25  # characters of a note's text enough to recognise it on a page
WORDS = 5  # words of body text right before a note reference, enough to find its page


def squash(text: str) -> str:
    """Text with whitespace and hyphens removed: PDF lines wrap long URLs anywhere, with or
    without a hyphen, so only this form compares reliably."""
    return re.sub(r"[\s\-\u00ad]+", "", text)


@dataclass(frozen=True)
class Page:
    """One PDF page split into its body and its footnote area (footer left out)."""

    number: int
    body: str
    foot: str

    @property
    def note_marks(self) -> list[int]:
        """Footnote numbers printed in the footnote area, top to bottom."""
        return [int(m) for m in re.findall(r"^[ \t]*(\d+)(?=[ \t]|$)", self.foot, re.MULTILINE)]


def body_stream(blocks: tuple[Block, ...]) -> str:
    """All body text as printed, note reference numbers included, squashed."""
    parts = []
    for block in blocks:
        parts.append(block.lead)
        for inline in block.inlines:
            if isinstance(inline, Span):
                parts.append(inline.text)
            elif isinstance(inline, NoteRef):
                parts.append(str(inline.number))
    return squash("".join(parts))


def split_page(number: int, text: str, body: str) -> Page:
    """Split a page after its last line of body text; drop the footer's page number."""
    lines = text.splitlines()
    while lines and not lines[-1].strip():
        lines.pop()
    if lines and lines[-1].strip() == str(number):  # the footer: a centred PAGE field
        lines.pop()
    last_body = -1
    for index, line in enumerate(lines):
        squashed = squash(line)
        if len(squashed) >= 6 and re.search(r"[A-Za-z]", squashed) and squashed in body:
            last_body = index
    return Page(number, "\n".join(lines[: last_body + 1]), "\n".join(lines[last_body + 1 :]))


def words_before_refs(blocks: tuple[Block, ...]) -> dict[int, str]:
    """For each note number, the last few words of body text printed right before its mark."""
    found: dict[int, str] = {}
    for block in blocks:
        text = f"{block.lead} " if block.lead else ""
        for inline in block.inlines:
            if isinstance(inline, Span):
                text += inline.text
            elif isinstance(inline, NoteRef):
                found.setdefault(inline.number, " ".join(text.split()[-WORDS:]))
    return found


@pytest.fixture(scope="module")
def example_pdf(example_docx: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("libreoffice-pdf")
    return soffice_convert(example_docx, work / "out", "pdf", work / "profile")


@pytest.fixture(scope="module")
def pages(example_pdf: Path, example_result: BuildResult) -> list[Page]:
    body = body_stream(example_result.document.blocks)
    return [split_page(i, text, body) for i, text in enumerate(pdf_pages(example_pdf), start=1)]


@pytest.fixture(scope="module")
def round_trip(example_docx: Path, tmp_path_factory: pytest.TempPathFactory) -> DocxContents:
    work = tmp_path_factory.mktemp("libreoffice-docx")
    saved = soffice_convert(example_docx, work / "out", "docx:MS Word 2007 XML", work / "profile")
    return read_docx(saved)


def page_of(pages: list[Page], words: str) -> Page:
    hits = [p for p in pages if squash(words) in squash(p.body)]
    assert len(hits) == 1, (
        f"body words {words!r} found on pages {[p.number for p in hits]}, expected exactly one;"
        f" page bodies:\n" + "\n---\n".join(p.body for p in pages)
    )
    return hits[0]


# --- the PDF ---------------------------------------------------------------


def test_each_note_prints_at_the_foot_of_the_page_that_references_it(
    pages: list[Page], example_result: BuildResult
) -> None:
    notes = example_result.document.notes
    refs = words_before_refs(example_result.document.blocks)
    assert sorted(refs) == [n.number for n in notes], "every note is referenced from the body"
    misplaced = []
    for note in notes:
        page = page_of(pages, refs[note.number])
        expected = f"{note.number}{squash(note.text)[:PREFIX]}"
        if expected not in squash(page.foot):
            elsewhere = [p.number for p in pages if expected in squash(p.foot)]
            misplaced.append(
                f"note {note.number} ({note.text[:40]!r}) is referenced on page {page.number}"
                f" but printed at the foot of pages {elsewhere}"
            )
    assert not misplaced, (
        "\n".join(misplaced)
        + "\nfootnote areas:\n"
        + "\n---\n".join(f"page {p.number}:\n{p.foot}" for p in pages)
    )


def test_footnote_numbers_on_the_pages_run_from_one_to_n_in_order(
    pages: list[Page], example_result: BuildResult
) -> None:
    marks = [mark for page in pages for mark in page.note_marks]
    expected = list(range(1, len(example_result.document.notes) + 1))
    assert marks == expected, f"footnote numbers by page: {[p.note_marks for p in pages]}"


def test_note_references_in_the_body_are_numbered_as_their_footnotes(
    pages: list[Page], example_result: BuildResult
) -> None:
    refs = words_before_refs(example_result.document.blocks)
    missing = [
        f"note {number}: {words!r} then {number}"
        for number, words in refs.items()
        if squash(words) + str(number) not in squash(page_of(pages, words).body)
    ]
    assert not missing, "no reference mark right after:\n" + "\n".join(missing)


# --- saving again as DOCX --------------------------------------------------


def test_libreoffice_round_trip_keeps_every_note_text_in_order(
    round_trip: DocxContents, example_result: BuildResult
) -> None:
    before = [n.text.strip() for n in example_result.document.notes]
    after = [n.text for n in round_trip.notes]
    assert after == before


def test_libreoffice_round_trip_keeps_notes_as_footnotes_in_their_paragraphs(
    round_trip: DocxContents, example_docx: Path
) -> None:
    original = read_docx(example_docx)
    assert {n.kind for n in round_trip.notes} == {"footnote"}
    assert [p.note_numbers for p in round_trip.paragraphs if p.text.strip()] == [
        p.note_numbers for p in original.paragraphs if p.text.strip()
    ]


def test_libreoffice_round_trip_keeps_every_note_link(
    round_trip: DocxContents, example_result: BuildResult
) -> None:
    # LibreOffice writes link targets percent-decoded ("Phase%20-%20Impact" becomes
    # "Phase - Impact"), so both sides are compared unquoted.
    before = [
        tuple(unquote(s.url) for s in n.spans if s.url) for n in example_result.document.notes
    ]
    after = [tuple(unquote(url) for url in n.links) for n in round_trip.notes]
    assert len(after) == len(before), f"{len(before)} notes became {len(after)}"
    lost = [
        f"note {i}: {b} became {a}"
        for i, (b, a) in enumerate(zip(before, after, strict=True), 1)
        if a != b
    ]
    assert not lost, "\n".join(lost)


def test_libreoffice_round_trip_keeps_every_bookmark_and_its_text(
    round_trip: DocxContents, example_docx: Path
) -> None:
    before = read_docx(example_docx).bookmarks
    assert before, "the example has bookmarks to keep"
    missing = sorted(set(before) - set(round_trip.bookmarks))
    assert not missing, f"bookmarks lost: {missing}; kept: {sorted(round_trip.bookmarks)}"
    changed = [
        name
        for name, text in before.items()
        if " ".join(round_trip.bookmarks[name].split()) != " ".join(text.split())
    ]
    assert not changed, f"bookmarks enclosing other text after the round trip: {changed}"


def test_libreoffice_round_trip_keeps_drafter_custom_properties(
    round_trip: DocxContents, example_docx: Path
) -> None:
    before = read_docx(example_docx).properties
    assert "drafter.version" in before
    lost = {k: (v, round_trip.properties.get(k)) for k, v in before.items()}
    lost = {k: pair for k, pair in lost.items() if pair[0] != pair[1]}
    assert not lost, f"custom properties (written, read back) that changed: {lost}"
