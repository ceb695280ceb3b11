"""Letters in the editor: the signatory table, importing sign-ups, and the letter's details."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import settle, type_text
from support import REPO

from drafter.drafts.file import load_draft
from drafter.tui.widgets.signatories_panel import SignatoriesPanel

EXAMPLES = REPO / "examples"


@pytest.fixture
def letter_path(tmp_path: Path) -> Path:
    shutil.copy(EXAMPLES / "aws-hart-signatories.csv", tmp_path)
    path = tmp_path / "letter.toml"
    shutil.copy(EXAMPLES / "aws-hart-coalition-letter.toml", path)
    return path


def _rows(panel: SignatoriesPanel) -> list[list[str]]:
    table = panel.query_one("#signer-table")
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def test_the_signatory_table_is_sorted_filtered_and_flags_duplicates(
    make_app, letter_path: Path
) -> None:
    app = make_app(letter_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("g")
        panel = app.editor.query_one(SignatoriesPanel)
        rows = _rows(panel)
        assert [r[0] for r in rows[:3]] == [
            "Access Now",
            "Electronic Privacy Information Center",
            "Mijente",
        ]
        flagged = [r for r in rows if r[5].startswith("⚠")]
        assert len(flagged) == 1 and "Sample Privacy Coalition" in flagged[0][0]
        assert "suspected duplicates" in str(panel.query_one("#signer-summary").render())
        panel.query_one("#signer-filter").focus()
        await type_text(pilot, "fundacion")  # accents do not matter to the filter
        await pilot.pause()
        assert [r[0] for r in _rows(panel)] == ["Fundación Muestra por los Derechos (sample)"]


async def test_importing_sign_ups_merges_and_reports_duplicates(
    make_app, letter_path: Path
) -> None:
    export = letter_path.parent / "form.csv"
    rows = "Timestamp,Organization Name\n2022-05-25,access now\n2022-05-25,Fight for the Future\n"
    export.write_text(rows, encoding="utf-8")
    app = make_app(letter_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("g", "M")
        await pilot.pause()
        await type_text(pilot, "form.csv")
        await pilot.press("enter")
        await settle(pilot, app)
        names = [r[0] for r in _rows(app.editor.query_one(SignatoriesPanel))]
        assert "Fight for the Future" in names and names.count("Access Now") == 1
        assert any("1 signatories added, 1 already listed" in n.message for n in app._notifications)
    assert "Fight for the Future" in (letter_path.parent / "aws-hart-signatories.csv").read_text(
        encoding="utf-8"
    )


async def test_letter_details_form_changes_the_frame(make_app, letter_path: Path) -> None:
    app = make_app(letter_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("L")
        await pilot.pause()
        subject = app.screen.query_one("#l-subject")
        subject.focus()
        subject.value = ""
        await type_text(pilot, "HART and human rights")
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        texts = [b.text for b in app.editor.last_result.document.blocks]
        assert "Re: HART and human rights" in texts
        await pilot.press("ctrl+s")
    draft = load_draft(letter_path)
    assert draft.extra["subject"] == "HART and human rights"
    assert (
        str(draft.extra["date"]) == "2022-05-24"
        and draft.extra["letter"]["requests"] == "questions"
    )


async def test_only_a_kind_that_lists_signers_shows_the_signers_tab(
    make_app, letter_path: Path
) -> None:
    """The editor asks the draft's kind: a letter has a Signers tab and key, a proposal neither."""
    from textual.widgets import TabbedContent

    proposal = letter_path.parent / "proposal.toml"
    shutil.copy(EXAMPLES / "amazon-customer-due-diligence.toml", proposal)
    for path, shown in ((letter_path, True), (proposal, False)):
        app = make_app(path)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot, app)
            tabs = app.editor.query_one(TabbedContent)
            assert (tabs.get_tab("signers").display is True) is shown
            await pilot.press("g")
            await pilot.pause()
            assert (tabs.active == "signers") is shown
            await pilot.press("L")
            await pilot.pause()
            opened = type(app.screen).__name__ == "LetterForm"
            assert opened is shown
