"""Ctrl+S in the editor writes the user's own file with only the edited lines changed."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from conftest import settle, type_text

from drafter.drafts.file import load_draft
from drafter.tui.widgets.outline import Outline

COMMENTED = Path(__file__).parent.parent / "drafts" / "commented-proposal.toml"


def changes(before: str, after: str) -> tuple[list[str], list[str]]:
    old, new = before.splitlines(), after.splitlines()
    removed: list[str] = []
    added: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new).get_opcodes():
        if tag != "equal":
            removed, added = removed + old[i1:i2], added + new[j1:j2]
    return removed, added


@pytest.fixture
def commented(tmp_path: Path) -> Path:
    path = tmp_path / "proposal.toml"
    path.write_bytes(COMMENTED.read_bytes())
    return path


async def test_ctrl_s_after_editing_an_item_changes_only_that_items_line(
    make_app, commented: Path
) -> None:
    original = commented.read_text(encoding="utf-8")
    app = make_app(commented)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        app.editor.query_one(Outline).focus()
        await pilot.press("down", "e")
        await pilot.pause()
        await pilot.press("end")
        await type_text(pilot, " Edited")
        await pilot.press("ctrl+s")  # ends the edit
        await settle(pilot, app)
        await pilot.press("ctrl+s")  # saves the draft
        await pilot.pause()
        assert not app.session.history.dirty
    removed, added = changes(original, commented.read_text(encoding="utf-8"))
    assert removed == ['  "whereas/aws-government-customers",']
    (line,) = added
    assert line.startswith('  { text = "') and " Edited" in line
    assert line.endswith('", from = "whereas/aws-government-customers" },')
    assert " Edited" in (load_draft(commented).sections["whereas"][0].text or "")


async def test_ctrl_s_after_a_new_title_changes_only_the_title_line(
    make_app, commented: Path
) -> None:
    original = commented.read_text(encoding="utf-8")
    app = make_app(commented)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("t")
        title = app.session.draft.title
        for _ in title:
            await pilot.press("backspace")
        await type_text(pilot, "Report on Due Diligence")
        await pilot.press("enter")
        await settle(pilot, app)
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert changes(original, commented.read_text(encoding="utf-8")) == (
        ['title = "Report on Customer Due Diligence"'],
        ['title = "Report on Due Diligence"'],
    )
