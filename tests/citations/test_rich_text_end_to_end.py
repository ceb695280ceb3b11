"""Zotero's rich text in a source's title (`<i>`, `<sc>`, `<sup>`, a nocase span) reaches every
output as formatting, never as tags: the Word file's footnote runs, the Markdown and the editor's
preview, each built from a library on disk as a user would build it."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import docx
import pytest
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widgets import Static

from drafter.tui import DrafterApp, create_app
from drafter.word.notes import document_notes

TITLE = (
    'Remedy and the <i>Corporate Veil</i>: <span class="nocase">de minimis</span> claims in'
    " <sc>Delaware</sc> since the 19<sup>th</sup> century"
)
SOURCES = [
    {
        "id": "veil",
        "type": "article-journal",
        "title": TITLE,
        "author": [{"family": "Okafor", "given": "Adaeze"}],
        "container-title": "Journal of Remedies",
        "volume": "12",
        "page": "101-148",
        "issued": {"date-parts": [[2023]]},
    }
]
DRAFT = """\
schema = 2
template = "proposal"
title = "Report"
style = "chicago-notes-bibliography"

[sections]
whereas = ["whereas/veil"]
resolved = ["resolved/r"]
"""
# The title as Chicago prints it: in quotation marks, title case around the nocase words.
TITLE_WORDS = "Remedy and the Corporate Veil: de minimis Claims in Delaware Since the 19th Century"
TAGS = ("<i>", "</i>", "<sc>", "</sc>", "<sup>", "</sup>", "<span", "</span>", "nocase")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def veil(scratch, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A draft citing the source with rich text, and the library it is built from."""
    monkeypatch.delenv("DRAFTER_LIBRARY", raising=False)
    scratch.citations("refs.json", json.dumps(SOURCES))
    scratch.clause("whereas/veil", "Courts rarely pierce the corporate veil [@veil].")
    scratch.clause("resolved/r", "Shareholders request that the Board issue a report.")
    return scratch.draft(DRAFT), scratch.root


def built(run_cli, veil: tuple[Path, Path], out: Path) -> Path:
    draft, library = veil
    result = run_cli("build", draft, "-o", out, "--library", library)
    assert result.code == 0, result.err
    return out


def test_the_word_files_footnote_runs_carry_the_titles_formatting(
    run_cli, veil: tuple[Path, Path], tmp_path: Path
) -> None:
    out = built(run_cli, veil, tmp_path / "veil.docx")
    notes = document_notes(docx.Document(str(out)), "footnote", create=False)
    assert notes is not None
    runs = [run for note in notes for paragraph in note.paragraphs for run in paragraph.runs]
    text = "".join(run.text for run in runs)
    assert f"“{TITLE_WORDS},”" in text
    assert [run.text for run in runs if run.font.italic] == [
        "Corporate Veil",
        "Journal of Remedies",
    ]
    assert [run.text for run in runs if run.font.small_caps] == ["Delaware"]
    assert [run.text for run in runs if run.font.superscript] == ["th"]
    with zipfile.ZipFile(out) as archive:
        for part in ("word/document.xml", "word/footnotes.xml"):
            xml = archive.read(part).decode("utf-8")
            written = "".join(t.text or "" for t in ElementTree.fromstring(xml).iter(f"{W}t"))
            assert "&lt;" not in xml, part
            assert not [tag for tag in TAGS if tag in written], (part, written)


def test_the_markdown_note_marks_the_titles_formatting(
    run_cli, veil: tuple[Path, Path], tmp_path: Path
) -> None:
    markdown = built(run_cli, veil, tmp_path / "veil.md").read_text(encoding="utf-8")
    (note,) = [line for line in markdown.splitlines() if line.startswith("[^1]:")]
    assert (
        "“Remedy and the *Corporate Veil*: de minimis Claims in [Delaware]{.smallcaps} Since the"
        " 19^th^ Century,”"
    ) in note
    assert not [tag for tag in TAGS if tag in markdown], markdown


async def settle(pilot: Pilot[None], app: DrafterApp) -> None:
    """Wait until the preview build of the draft has been shown (as tests/tui do)."""
    for _ in range(200):
        await pilot.pause(0.02)
        if app.workers and any(not w.is_finished for w in app.workers):
            continue
        result = app.editor.last_result
        if result is not None and result.draft == app.session.draft:
            return
    raise AssertionError("the preview never caught up with the draft")


async def test_the_editors_preview_draws_the_title_in_italics_without_tags(
    veil: tuple[Path, Path],
) -> None:
    draft, library = veil
    app = create_app(draft, [library])
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot, app)
        await pilot.press("p")
        await pilot.pause()
        preview = app.editor.query_one("#preview-text", Static)
        width, height = preview.size
        assert height > 0
        segments = [s for strip in preview.render_lines(Region(0, 0, width, height)) for s in strip]
    drawn = "".join(segment.text for segment in segments)
    assert "Remedy and the Corporate Veil: de minimis Claims" in drawn, drawn
    italic = [s.text for s in segments if s.style is not None and s.style.italic]
    assert "Corporate Veil" in italic, italic
    assert not any("Remedy" in text or "minimis" in text for text in italic), italic
    assert not [tag for tag in TAGS if tag in drawn], drawn
