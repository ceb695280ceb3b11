"""Text from someone else's files in the editor: markup in a title shows as written, and control
and bidi characters show as escapes in the outline, the panels, the preview and notifications."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import settle
from textual.content import Content
from textual.widgets import OptionList

from drafter.tui import create_app
from drafter.tui.widgets.issues_panel import IssuesPanel
from drafter.tui.widgets.outline import Outline
from drafter.tui.widgets.variables_panel import VariablesPanel

ESC_TITLE = "\u001b]0;PWNED\u0007"
TITLE = f"[bold]Bold[/bold] {ESC_TITLE}\u202eevil"
VALUE = "[red]Evil\u001b[2J Corp"
DESCRIPTION = "[i]The company\u0007"
SOURCE_ID = "\u001b[31m[b]src\u202e"
CLAUSE = f"""+++
kind = "whereas"
title = {json.dumps(TITLE)}

[variables.company]
description = {json.dumps(DESCRIPTION)}
+++
{{{{ company }}}} hosts a database.
"""
RESOLVED = '+++\nkind = "resolved"\ntitle = "The request"\n+++\nShareholders request a report.\n'
DRAFT = f"""schema = 2
template = "proposal"
title = "Report"
style = "chicago-notes-bibliography"
sources = ["own.json"]

[vars]
company = {json.dumps(VALUE)}

[sections]
whereas = ["whereas/evil"]
resolved = ["resolved/r"]
"""
ACTING = ("\u001b", "\u0007", "\u202e")


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    monkeypatch.delenv("DRAFTER_LIBRARY", raising=False)
    lib = tmp_path / "lib"
    (lib / "clauses/whereas").mkdir(parents=True)
    (lib / "clauses/resolved").mkdir(parents=True)
    (lib / "clauses/whereas/evil.md").write_text(CLAUSE, encoding="utf-8")
    (lib / "clauses/resolved/r.md").write_text(RESOLVED, encoding="utf-8")
    source = {"id": SOURCE_ID, "type": "webpage", "title": TITLE}
    (tmp_path / "own.json").write_text(json.dumps([source]), encoding="utf-8")
    draft = tmp_path / "d.toml"
    draft.write_text(DRAFT, encoding="utf-8")
    return draft, lib


def _shown(markup: str) -> str:
    """What Textual draws for a markup string (Label, Static, Option)."""
    return Content.from_markup(markup).plain


def _clean(text: str) -> None:
    assert not [c for c in text if c in ACTING], repr(text)


async def test_outline_panels_and_notifications_show_hostile_text_literally(
    hostile: tuple[Path, Path],
) -> None:
    draft, lib = hostile
    app = create_app(draft, [lib])
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot, app)
        outline = app.editor.query_one(Outline)
        labels = [leaf.label.plain for node in outline.root.children for leaf in node.children]
        assert "evil — [bold]Bold[/bold] \\x1b]0;PWNED\\x07\\u202eevil" in labels
        for label in labels:
            _clean(label)

        table = app.editor.query_one(VariablesPanel)
        row = [cell.plain for cell in table.get_row("company")]
        assert row[1] == "[red]Evil\\x1b[2J Corp"
        assert row[4] == "[i]The company\\x07"

        issues = app.editor.query_one(IssuesPanel)
        drawn = [
            _shown(str(issues.get_option_at_index(i).prompt)) for i in range(issues.option_count)
        ]
        unused = [d for d in drawn if "never cited" in d]
        assert unused and "\\x1b[31m[b]src\\u202e" in unused[0], drawn
        for line in drawn:
            _clean(line)

        citations = [w for w in app.editor.query(OptionList) if w.id != issues.id]
        for widget in citations:
            for i in range(widget.option_count):
                _clean(_shown(str(widget.get_option_at_index(i).prompt)))

        app.notify(f"added {TITLE}")
        await pilot.pause()
        note = list(app._notifications)[-1]
        assert note.message == "added [bold]Bold[/bold] \\x1b]0;PWNED\\x07\\u202eevil"
        assert not note.markup


async def test_a_hostile_clause_id_shows_escaped_in_the_outline_and_the_preview(
    hostile: tuple[Path, Path],
) -> None:
    draft, lib = hostile
    clause_id = f"{ESC_TITLE}[bold]id"
    draft.write_text(DRAFT.replace('"whereas/evil"', json.dumps(clause_id)), encoding="utf-8")
    app = create_app(draft, [lib])
    async with app.run_test(size=(160, 50)) as pilot:
        for _ in range(100):
            await pilot.pause(0.02)
            if not any(not w.is_finished for w in app.workers):
                break
        outline = app.editor.query_one(Outline)
        labels = [leaf.label.plain for node in outline.root.children for leaf in node.children]
        assert any("\\x1b]0;PWNED\\x07[bold]id" in label for label in labels), labels
        preview = str(app.editor.query_one("#preview-text").render())
        assert "unknown clause '\\x1b]0;PWNED\\x07[bold]id'" in preview, preview
        _clean(preview)


async def test_a_letter_naming_a_list_outside_its_folder_shows_the_refusal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from support import REPO

    from drafter.tui.widgets.signatories_panel import SignatoriesPanel

    monkeypatch.delenv("DRAFTER_LIBRARY", raising=False)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "list.csv").write_text("name,organization\nSECRET-SIGNER,Org\n", encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    letter = tmp_path / "drafts/letter.toml"
    text = (REPO / "examples/aws-hart-coalition-letter.toml").read_text(encoding="utf-8")
    outside = str(elsewhere / "list.csv")
    letter.write_text(text.replace("aws-hart-signatories.csv", outside), encoding="utf-8")
    app = create_app(letter)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause(0.3)
        await pilot.press("g")
        panel = app.editor.query_one(SignatoriesPanel)
        summary = str(panel.query_one("#signer-summary").render())
        assert "[signatories] file" in summary and "is outside the draft's folder" in summary
        assert panel.query_one("#signer-table").row_count == 0
    allowed = create_app(letter, allow=[elsewhere])
    async with allowed.run_test(size=(160, 50)) as pilot:
        await pilot.pause(0.3)
        await pilot.press("g")
        panel = allowed.editor.query_one(SignatoriesPanel)
        assert panel.query_one("#signer-table").get_row_at(0)[0].plain == "SECRET-SIGNER"


async def test_the_preview_shows_a_bidi_override_in_the_document_as_an_escape(
    hostile: tuple[Path, Path],
) -> None:
    draft, lib = hostile
    draft.write_text(
        DRAFT.replace('title = "Report"', 'title = "[b]Report\u202e fake"'), encoding="utf-8"
    )
    app = create_app(draft, [lib])
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot, app)
        await pilot.press("p")
        await settle(pilot, app)
        preview = str(app.editor.query_one("#preview-text").render())
    assert "[b]Report\\u202e fake" in preview, preview
    _clean(preview)
