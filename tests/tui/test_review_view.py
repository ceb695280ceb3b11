"""The editor's review view: harvested edits per item, accepted or rejected by key; an accepted
text is an ordinary, undoable edit."""

from __future__ import annotations

from pathlib import Path

from conftest import settle, type_text
from review_files import rewrite, tracked_replace
from support import EXAMPLE

from drafter.pipeline import build_file
from drafter.tui.screens.review import ReviewScreen
from drafter.word import to_docx


async def test_accepting_and_rejecting_reviewers_changes(make_app, tmp_path: Path) -> None:
    path = tmp_path / "proposal.toml"
    path.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    built = tmp_path / "proposal.docx"
    built.write_bytes(to_docx(build_file(path).document))
    old = "poor human rights records"

    def anas_edits(xml: str) -> str:
        xml = tracked_replace(xml, old, "documented human rights abuses", "Ana Editor")
        return tracked_replace(xml, "reputational damage", "", "Ana Editor")

    rewrite(built, tmp_path / "ana.docx", anas_edits)
    rewrite(
        built,
        tmp_path / "ben.docx",
        lambda x: tracked_replace(x, old, "troubling records", "Ben Checker"),
    )
    messages: list[object] = []
    app = make_app(path)
    async with app.run_test(size=(120, 40), message_hook=messages.append) as pilot:
        await settle(pilot, app)
        original = app.session.draft
        await pilot.press("R")
        await pilot.pause()
        await type_text(pilot, "ana.docx ben.docx")
        await pilot.press("enter")
        for _ in range(100):
            await pilot.pause(0.05)
            if isinstance(app.screen, ReviewScreen):
                break
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        found = [(p.label.split(":")[0], p.reviewer, p.conflict) for p in screen.pending]
        assert found == [
            ("whereas 1", "Ana Editor", True),
            ("whereas 1", "Ben Checker", True),
            ("whereas 4", "Ana Editor", False),
        ]
        await pilot.press("a")  # Ana's text for whereas 1; Ben's for it is settled with it
        assert [(p.label.split(":")[0], p.reviewer) for p in screen.pending] == [
            ("whereas 4", "Ana Editor")
        ]
        await pilot.press("x")  # reject the deletion in whereas 4
        assert not screen.pending
        await pilot.press("escape")
        await settle(pilot, app)
        item = app.session.draft.sections["whereas"][0]
        assert item.edited_from == "whereas/aws-government-customers"
        assert "documented human rights abuses" in (item.text or "") and "[@dcd-hart-letter]" in (
            item.text or ""
        )
        assert app.session.draft.sections["whereas"][3] == original.sections["whereas"][3]
        block = app.editor.last_result.document.blocks[1]
        assert "documented human rights abuses" in block.text
        await pilot.press("ctrl+z")
        assert app.session.draft == original
    accepted = [
        m
        for m in {id(m): m for m in messages}.values()
        if isinstance(m, ReviewScreen.ProposalAccepted)
    ]
    assert [m.proposal.reviewer for m in accepted] == ["Ana Editor"]


async def test_note_edits_and_markup_in_reviewers_text_are_shown_as_text(
    make_app, tmp_path: Path
) -> None:
    from review_files import tracked_note_addition
    from textual.widgets import Static

    path = tmp_path / "proposal.toml"
    path.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    built = tmp_path / "proposal.docx"
    built.write_bytes(to_docx(build_file(path).document))
    typed = "[/] [@click=app.quit] [b]x"
    body = rewrite(
        built,
        tmp_path / "body.docx",
        lambda x: tracked_replace(x, "poor human rights records", typed, "Ana Editor"),
    )
    rewrite(
        body,
        tmp_path / "ana.docx",
        lambda x: tracked_note_addition(x, 1, " (archived copy)", "Ana Editor"),
        part="word/footnotes.xml",
    )
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("R")
        await pilot.pause()
        await type_text(pilot, "ana.docx")
        await pilot.press("enter")
        for _ in range(100):
            await pilot.pause(0.05)
            if isinstance(app.screen, ReviewScreen):
                break
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        (proposal,) = screen.pending
        assert typed in proposal.accepted and proposal.edits == (
            "deletion: “poor human rights records”",
            f"insertion: “{typed}”",
        )
        shown = str(screen.query_one("#review-elsewhere", Static).render())
        assert "note 1" in shown and "(archived copy)" in shown
        await pilot.press("a")
        await settle(pilot, app)
        assert app.is_running  # the typed [@click=app.quit] was text, not an action
        item = app.session.draft.sections["whereas"][0]
        assert typed in app.editor.last_result.document.blocks[1].text, item
