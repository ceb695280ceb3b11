"""The drafting app, driven by keys alone through Textual's pilot."""

from __future__ import annotations

from pathlib import Path

from conftest import settle, type_text
from support import EXAMPLE

from drafter.drafts.editing import Position
from drafter.drafts.file import load_draft
from drafter.output.export import render_document
from drafter.pipeline import build_file
from drafter.tui.screens.editor import EditorScreen
from drafter.tui.widgets.library_browser import LibraryBrowser
from drafter.tui.widgets.outline import Outline
from drafter.tui.widgets.variables_panel import VariablesPanel


def _example_items() -> list[tuple[str, str, dict[str, str]]]:
    draft = load_draft(EXAMPLE)
    return [
        (section, item.clause or "", dict(item.vars))
        for section, items in draft.sections.items()
        for item in items
    ]


def _shortest_query(browser: LibraryBrowser, clause_id: str) -> str:
    """The fewest leading letters of the clause's name that make it the top match."""
    name = clause_id.rsplit("/", 1)[-1]
    for length in range(3, len(name) + 1):
        found = browser.matches(name[:length])
        if found and found[0].id == clause_id:
            return name[:length]
    return clause_id


async def test_the_example_is_composed_from_an_empty_draft_by_keys_alone(
    make_app, new_draft: Path
) -> None:
    messages: list[object] = []
    app = make_app(new_draft)
    async with app.run_test(size=(120, 40), message_hook=messages.append) as pilot:
        await settle(pilot, app)
        await pilot.press("t")
        await type_text(pilot, "Report on Customer Due Diligence")
        await pilot.press("enter")
        await pilot.press("slash")
        browser = app.editor.query_one(LibraryBrowser)
        for _section, clause_id, item_vars in _example_items():
            await type_text(pilot, _shortest_query(browser, clause_id))
            await pilot.press("enter")
            if item_vars:  # a value for this item only: outline, V, choose, type
                await pilot.press("ctrl+o")
                for name, value in item_vars.items():
                    await pilot.press("V")
                    await type_text(pilot, name)
                    await pilot.press("enter")
                    await type_text(pilot, value)
                    await pilot.press("enter")
                await pilot.press("slash")
        await pilot.press("ctrl+o")
        await pilot.press("v")  # variables: set company_short explicitly, as the example does
        table = app.editor.query_one(VariablesPanel)
        while table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value != "company":
            await pilot.press("down")
        await pilot.press("enter")
        await type_text(pilot, "Amazon.com, Inc.")
        await pilot.press("enter")
        await settle(pilot, app)
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert new_draft.is_file()
    ours = build_file(new_draft)
    example = build_file(EXAMPLE)
    assert render_document(ours.document, "md") == render_document(example.document, "md")
    assert ours.counts == example.counts
    unique = list({id(m): m for m in messages}.values())  # a bubbling message is seen per hop
    chosen = [m.clause_id for m in unique if isinstance(m, LibraryBrowser.ClauseChosen)]
    assert chosen == [clause for _, clause, _ in _example_items()]
    built = [m for m in unique if isinstance(m, EditorScreen.PreviewBuilt)]
    assert built and built[-1].result is not None


async def test_outline_keys_move_duplicate_remove_and_undo(make_app, example_copy: Path) -> None:
    path = example_copy
    messages: list[object] = []
    app = make_app(path)
    async with app.run_test(size=(100, 30), message_hook=messages.append) as pilot:
        await settle(pilot, app)
        original = app.session.draft
        outline = app.editor.query_one(Outline)
        outline.focus()
        await pilot.press("down")  # first whereas item
        assert outline.current == Position("whereas", 0)
        await pilot.press("J")
        await settle(pilot, app)
        whereas = app.session.draft.sections["whereas"]
        assert [i.clause for i in whereas[:2]] == [
            original.sections["whereas"][1].clause,
            original.sections["whereas"][0].clause,
        ]
        await pilot.press("y")
        assert len(app.session.draft.sections["whereas"]) == 13
        await pilot.press("x")
        assert len(app.session.draft.sections["whereas"]) == 12
        assert app.session.history.dirty
        for _ in range(3):
            await pilot.press("ctrl+z")
        assert app.session.draft == original and not app.session.history.dirty
        await pilot.press("ctrl+y")
        assert app.session.draft != original
    unique = list({id(m): m for m in messages}.values())
    requests = [m.op for m in unique if isinstance(m, Outline.ChangeRequested)]
    assert requests == ["move", "duplicate", "remove"]


async def test_the_word_meter_warns_from_475_and_errs_above_500(
    make_app, example_copy: Path
) -> None:
    path = example_copy
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        meter = app.editor.query_one("#meter")
        assert meter.has_class("ok") and "464 / 500 words" in str(meter.render())
        outline = app.editor.query_one(Outline)
        outline.focus()
        await pilot.press("down", "y")  # a duplicated recital adds 30 or more words
        await settle(pilot, app)
        assert meter.has_class("warning") or meter.has_class("error")
        await pilot.press("y", "y")
        await settle(pilot, app)
        assert meter.has_class("error")
        assert app.editor.last_result is not None and app.editor.last_result.errors


async def test_an_issue_jumps_to_its_item(make_app, tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        'resolved = ["resolved/customer-due-diligence-report"]',
        'resolved = [{ text = "Shareholders direct the Board to stop selling to governments." }]',
    )
    path.write_text(text, encoding="utf-8")
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        await pilot.press("i")
        panel = app.editor.query_one("#issues-panel")
        assert any("direct" in i.message for i in panel.issues)
        index = next(n for n, i in enumerate(panel.issues) if "direct" in i.message)
        panel.highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        assert app.editor.query_one(Outline).current == Position("resolved", 0)


async def test_a_source_typed_into_the_form_is_saved_and_cited(make_app, tmp_path: Path) -> None:
    import json

    path = tmp_path / "x.toml"
    path.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("c", "n")
        await pilot.pause()
        # the form opens on the title; the type stays webpage
        typed = ("Shareholder letter on AWS and HART", "Interfaith Coalition", "", "2026-11-01")
        for value in (*typed, "https://example.org/letter", "", ""):
            await type_text(pilot, value)
            await pilot.press("enter")
        await settle(pilot, app)
        saved = json.loads((tmp_path / "x.sources.json").read_text(encoding="utf-8"))
        assert saved[0]["id"] == "interfaith-coalition-2026-shareholder"
        assert app.session.draft.sources == ("x.sources.json",)
        assert app.session.library.source("interfaith-coalition-2026-shareholder") is not None
        await pilot.press("ctrl+s")
    assert load_draft(path).sources == ("x.sources.json",)
    assert build_file(path).document.notes  # the saved draft builds with its own sources file


async def test_export_from_the_command_palette_writes_the_docx_in_a_worker(
    make_app, tmp_path: Path
) -> None:
    from drafter.word import read_docx

    path = tmp_path / "x.toml"
    path.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("ctrl+p")
        await type_text(pilot, "export docx")
        await pilot.press("enter")
        for _ in range(200):
            await pilot.pause(0.05)
            if path.with_suffix(".docx").exists() and not any(
                w.name == "export_docx" and not w.is_finished for w in app.workers
            ):
                break
        notes = [n.message for n in app._notifications]
    out = path.with_suffix(".docx")
    assert len(read_docx(out).notes) == 11
    assert any(str(out) in message for message in notes)


async def test_export_never_writes_over_a_word_file_drafter_did_not_make(
    make_app, tmp_path: Path
) -> None:
    import docx

    path = tmp_path / "x.toml"
    path.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    theirs = path.with_suffix(".docx")
    other = docx.Document()
    other.add_paragraph("a colleague's own letter")
    other.save(str(theirs))
    before = theirs.read_bytes()
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("ctrl+e")
        for _ in range(200):
            await pilot.pause(0.05)
            if app._notifications and not any(
                w.name == "export_docx" and not w.is_finished for w in app.workers
            ):
                break
        notes = [n.message for n in app._notifications]
    assert theirs.read_bytes() == before
    assert any("not a document drafter built" in message for message in notes), notes


async def test_a_wrong_field_keeps_the_source_form_open_with_what_was_typed(
    make_app, tmp_path: Path
) -> None:
    from drafter.tui.dialogs.source_form import SourceForm

    path = tmp_path / "x.toml"
    path.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("c", "n")
        await pilot.pause()
        await type_text(pilot, "A report")
        await pilot.press("enter", "enter", "enter")
        await type_text(pilot, "9 Sept 2022")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SourceForm), "the form closed on a bad date"
        assert "not YYYY" in str(app.screen.query_one("#form-error").render())
        assert app.screen.query_one("#f-title").value == "A report"
    assert not (tmp_path / "x.sources.json").exists()


async def test_editing_an_item_in_place_keeps_its_clause_as_origin(
    make_app, example_copy: Path
) -> None:
    path = example_copy
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        app.editor.query_one(Outline).focus()
        await pilot.press("down", "e")
        await pilot.pause()
        await pilot.press("end")
        await type_text(pilot, " Edited")
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        item = app.session.draft.sections["whereas"][0]
        assert item.edited_from == "whereas/aws-government-customers" and item.clause is None
        assert item.text is not None and " Edited" in item.text
        assert "Edited" in app.editor.last_result.document.blocks[1].text
        await pilot.press("ctrl+s")  # now the draft itself
    saved = load_draft(path).sections["whereas"][0]
    assert saved.edited_from == "whereas/aws-government-customers"


async def test_a_new_letter_starts_from_its_template(make_app, example_copy: Path) -> None:
    path = example_copy
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("ctrl+p")
        await type_text(pilot, "new draft")
        await pilot.press("enter")
        await pilot.pause()
        await type_text(pilot, "letter")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")  # the suggested name, new-letter.toml
        await settle(pilot, app)
        assert app.session.path == path.parent / "new-letter.toml"
        assert app.session.draft.template == "letter"
        assert set(app.session.draft.sections) == {"opening", "body", "requests", "closing"}
        await pilot.press("ctrl+s")
    assert load_draft(path.parent / "new-letter.toml").template == "letter"
