"""The DOCX writer, read back with python-docx: structure, styles, notes, links, bookmarks and
the properties that tie a file to its draft."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from support import EXAMPLE

from drafter import __version__
from drafter.drafts.file import dumps_draft, load_draft
from drafter.model import Block, Document, Note, NoteRef, Origin, Span
from drafter.pipeline import BuildResult, build, open_library
from drafter.word import read_docx, to_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _xml(path_or_bytes: Path | bytes, part: str) -> str:
    data = path_or_bytes.read_bytes() if isinstance(path_or_bytes, Path) else path_or_bytes
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(part).decode("utf-8")


def _build_example(**changes: object) -> BuildResult:
    draft = replace(load_draft(EXAMPLE), **changes)  # type: ignore[arg-type]
    return build(draft, open_library())


# --- structure and styles --------------------------------------------------


def test_paragraphs_follow_the_blocks_in_their_role_styles(
    example_docx: Path, example_result: BuildResult
) -> None:
    contents = read_docx(example_docx)
    blocks = example_result.document.blocks
    assert [p.style_id for p in contents.paragraphs] == [
        {"title": "Title", "recital": "Recital", "resolved": "Resolved", "heading": "Heading1"}.get(
            b.role, "BodyText"
        )
        for b in blocks
    ]
    assert [p.text for p in contents.paragraphs] == [b.text for b in blocks]


def test_lead_words_are_runs_in_the_lead_word_style(example_docx: Path) -> None:
    document = docx.Document(str(example_docx))
    leads = [
        (p.runs[0].text, p.runs[0].style.style_id)
        for p in document.paragraphs
        if p.style.style_id in ("Recital", "Resolved") and p.runs[0].text.endswith(":")
    ]
    assert leads == [("Whereas:", "LeadWord"), ("Resolved:", "LeadWord")]
    assert document.styles.get_by_id("LeadWord", WD_STYLE_TYPE.CHARACTER).font.bold


def test_styles_are_defined_so_users_restyle_by_style(example_docx: Path) -> None:
    styles = docx.Document(str(example_docx)).styles
    by_id = {s.style_id: s for s in styles}
    for style_id in (
        "Normal",
        "Title",
        "Heading1",
        "Recital",
        "Resolved",
        "BodyText",
        "FootnoteText",
        "FootnoteReference",
        "Hyperlink",
        "LeadWord",
        "ListBullet",
    ):
        assert style_id in by_id, f"style {style_id} missing"
    assert by_id["FootnoteText"].name == "footnote text"  # Word's own built-in, by name
    assert by_id["FootnoteReference"].font.superscript
    assert by_id["Hyperlink"].font.underline
    assert by_id["Normal"].font.name == "Times New Roman"
    assert by_id["FootnoteText"].font.size < by_id["Normal"].font.size
    # the body carries no direct formatting: every run's look comes from a style
    body = _xml(example_docx, "word/document.xml")
    assert "<w:b/>" not in body and "<w:sz " not in body


def test_page_is_us_letter_with_one_inch_margins_and_page_numbers(example_docx: Path) -> None:
    document = docx.Document(str(example_docx))
    section = document.sections[0]
    assert (section.page_width.inches, section.page_height.inches) == (8.5, 11)
    assert {section.left_margin.inches, section.right_margin.inches} == {1.0}
    assert {section.top_margin.inches, section.bottom_margin.inches} == {1.0}
    assert "PAGE" in _xml(example_docx, "word/footer1.xml")


# --- footnotes -------------------------------------------------------------


def test_notes_are_real_footnotes_with_separators_and_settings(example_docx: Path) -> None:
    footnotes = _xml(example_docx, "word/footnotes.xml")
    types = re.findall(r'<w:footnote w:type="(\w+)" w:id="(-?\d+)"', footnotes)
    assert types == [("separator", "-1"), ("continuationSeparator", "0")]
    settings = _xml(example_docx, "word/settings.xml")
    assert re.search(
        r'<w:footnotePr><w:numFmt w:val="decimal"/><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>',
        settings,
    )
    assert settings.index("<w:footnotePr>") < settings.index("<w:compat>")  # schema order
    content_types = _xml(example_docx, "[Content_Types].xml")
    assert "wordprocessingml.footnotes+xml" in content_types


def test_each_note_reference_is_a_styled_footnote_reference_in_reading_order(
    example_docx: Path, example_result: BuildResult
) -> None:
    body = _xml(example_docx, "word/document.xml")
    refs = re.findall(
        r'<w:r><w:rPr><w:rStyle w:val="(\w+)"/></w:rPr><w:footnoteReference w:id="(\d+)"/>', body
    )
    assert len(refs) == len(example_result.document.notes) == 11
    assert {style for style, _ in refs} == {"FootnoteReference"}
    contents = read_docx(example_docx)
    assert [n.text for n in contents.notes] == [n.text for n in example_result.document.notes]
    assert [n.number for n in contents.notes] == list(range(1, 12))


def test_note_paragraphs_open_with_the_note_number_mark(example_docx: Path) -> None:
    footnotes = _xml(example_docx, "word/footnotes.xml")
    normal = re.findall(r'<w:footnote w:id="\d+">(.*?)</w:footnote>', footnotes)
    assert len(normal) == 11
    for note in normal:
        assert note.startswith(
            '<w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
            '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/>'
        )


def test_every_address_in_a_note_is_a_live_link_on_the_footnotes_part(
    example_docx: Path, example_result: BuildResult
) -> None:
    contents = read_docx(example_docx)
    for written, note in zip(contents.notes, example_result.document.notes, strict=True):
        assert list(written.links) == [s.url for s in note.spans if s.url]
    rels = _xml(example_docx, "word/_rels/footnotes.xml.rels")
    assert 'TargetMode="External"' in rels
    assert "hyperlink" not in _xml(example_docx, "word/_rels/document.xml.rels")


def _tiny(notes: tuple[Note, ...], inlines: tuple[object, ...]) -> Document:
    block = Block("paragraph", inlines, "body", Origin("body", 0, "body/x"))  # type: ignore[arg-type]
    return Document("Tiny", (block,), notes)


def test_note_text_keeps_italics_small_caps_and_bold() -> None:
    note = Note(
        1,
        (
            Span("Roe, "),
            Span("Big Book", italic=True),
            Span(" ("),
            Span("ABC", small_caps=True),
            Span(") "),
            Span("2021", bold=True),
        ),
    )
    data = to_docx(_tiny((note,), (Span("Text."), NoteRef(1))))
    document = docx.Document(io.BytesIO(data))
    from drafter.word.notes import document_notes

    notes = document_notes(document, create=False)
    assert notes is not None
    runs = [r for p in next(iter(notes)).paragraphs for r in p.runs if r.text.strip()]
    looks = {r.text: (bool(r.italic), bool(r.font.small_caps), bool(r.bold)) for r in runs}
    assert looks["Big Book"] == (True, False, False)
    assert looks["ABC"] == (False, True, False)
    assert looks["2021"] == (False, False, True)


def test_links_in_body_text_are_live_hyperlinks() -> None:
    url = "https://example.org/report"
    data = to_docx(_tiny((), (Span("See "), Span(url, url=url), Span("."))))
    contents = read_docx(data)
    assert contents.paragraphs[0].links == (url,)
    assert contents.paragraphs[0].text == f"See {url}."
    assert 'w:rStyle w:val="Hyperlink"' in _xml(data, "word/document.xml")


def test_an_in_text_style_writes_a_reference_list_and_no_notes_part() -> None:
    result = _build_example(style="apa")
    assert not result.document.notes and result.document.bibliography
    data = to_docx(result.document)
    contents = read_docx(data)
    styles = [p.style_id for p in contents.paragraphs]
    assert styles[-len(result.document.bibliography) - 1 :] == ["Heading1"] + [
        "Bibliography"
    ] * len(result.document.bibliography)
    assert "word/footnotes.xml" not in zipfile.ZipFile(io.BytesIO(data)).namelist()


# --- section orders and note modes ------------------------------------------


def test_resolved_first_puts_the_resolved_clause_first_and_drops_recital_leads() -> None:
    result = _build_example(order="resolved-first")
    contents = read_docx(to_docx(result.document))
    styles = [p.style_id for p in contents.paragraphs]
    assert styles[:4] == ["Title", "Resolved", "Heading1", "Recital"]
    recitals = [p.text for p in contents.paragraphs if p.style_id == "Recital"]
    assert not any(t.startswith("Whereas") for t in recitals)
    assert contents.paragraphs[1].text.startswith("Resolved: ")


def test_reuse_points_a_repeated_source_back_with_a_noteref_field() -> None:
    result = _build_example(notes="reuse", style="chicago-notes-bibliography")
    refs = [i.number for b in result.document.blocks for i in b.inlines if isinstance(i, NoteRef)]
    repeated = sorted({n for n in refs if refs.count(n) > 1})
    assert repeated, "the example cites a source twice"
    data = to_docx(result.document)
    contents = read_docx(data)
    assert len(contents.notes) == len(result.document.notes) < len(refs)
    fields = [f for p in contents.paragraphs for f in p.fields]
    later = [n for index, n in enumerate(refs) if n in refs[:index]]  # every repeat, in order
    assert fields == [f"NOTEREF _RefNote{n} \\f \\h" for n in later]
    assert {f"_RefNote{n}" for n in repeated} <= set(contents.bookmarks)
    body = _xml(data, "word/document.xml")
    first = re.search(
        r'<w:bookmarkStart w:id="\d+" w:name="_RefNote(\d+)"/><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference',
        body,
    )
    assert first and int(first.group(1)) in repeated


def test_endnotes_mode_writes_an_endnotes_part_and_no_footnotes() -> None:
    result = _build_example(notes="endnotes")
    data = to_docx(result.document)
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert "word/endnotes.xml" in names and "word/footnotes.xml" not in names
    contents = read_docx(data)
    assert {n.kind for n in contents.notes} == {"endnote"}
    assert [n.text for n in contents.notes] == [n.text for n in result.document.notes]
    assert (
        '<w:endnotePr><w:numFmt w:val="decimal"/><w:endnote w:id="-1"/><w:endnote w:id="0"/></w:endnotePr>'
        in _xml(data, "word/settings.xml")
    )


# --- traceability ----------------------------------------------------------


def test_each_draft_item_is_wrapped_in_a_bookmark_named_for_it(
    example_docx: Path, example_result: BuildResult
) -> None:
    bookmarks = read_docx(example_docx).bookmarks
    draft = example_result.draft
    expected = {}
    for section, items in draft.sections.items():
        for index, item in enumerate(items):
            slug = item.clause.rsplit("/", 1)[-1].replace("-", "_") if item.clause else "inline"
            expected[f"{section}_{index + 1:02d}_{slug}"[:40]] = (section, index)
    assert set(bookmarks) == set(expected) | {"title"}
    for block in example_result.document.blocks:
        if block.origin is not None:
            name = next(
                n
                for n, (s, i) in expected.items()
                if (s, i) == (block.origin.section, block.origin.index)
            )
            body = "".join(s.text for s in block.inlines if isinstance(s, Span))
            assert bookmarks[name] == body  # the clause's own text, lead word left out
    assert all(len(n) <= 40 and re.fullmatch(r"[A-Za-z]\w*", n) for n in bookmarks)


def test_properties_record_the_version_the_draft_and_its_content_hash(
    example_docx: Path, example_result: BuildResult
) -> None:
    contents = read_docx(example_docx)
    digest = hashlib.sha256(dumps_draft(example_result.draft).encode("utf-8")).hexdigest()
    assert contents.properties["drafter.version"] == __version__
    assert contents.properties["drafter.draft"] == EXAMPLE.name
    assert contents.properties["drafter.draft_sha256"] == digest
    assert contents.properties["drafter.style"] == "proposal-urls"
    assert contents.title == example_result.document.title
    core = docx.Document(str(example_docx)).core_properties
    assert core.last_modified_by == "drafter" and core.author == ""


def test_the_draft_hash_changes_when_the_draft_does(example_result: BuildResult) -> None:
    changed = _build_example(vars={**example_result.draft.vars, "company_short": "AMZN"})
    assert changed.document.meta["draft_sha256"] != example_result.document.meta["draft_sha256"]


@pytest.mark.parametrize("kind", ["footnote", "endnote"])
def test_a_written_document_opens_again_and_takes_more_notes(kind: str) -> None:
    from drafter.word.notes import document_notes

    result = _build_example(notes="endnotes" if kind == "endnote" else "footnotes")
    document = docx.Document(io.BytesIO(to_docx(result.document)))
    notes = document_notes(document, kind)
    assert notes is not None and len(notes) == 11
    before = [n.id for n in notes]
    added = notes.add()
    assert added.id == max(before) + 1
    assert len(notes) == 12
