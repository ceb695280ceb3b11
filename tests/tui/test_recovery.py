"""The app never loses work: an edit that was only autosaved survives the process being killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import settle

from drafter.drafts.file import load_draft
from drafter.drafts.recovery import autosave_path
from drafter.tui.dialogs.prompt import ConfirmDialog

EDITOR_SCRIPT = """
import asyncio, sys
from pathlib import Path
from drafter.tui import create_app

app = create_app(Path(sys.argv[1]), autosave_seconds=0.2)

async def edit(pilot):
    await pilot.pause(0.5)
    await pilot.press("t", "ctrl+u", *"Killed", "enter")
    await asyncio.sleep(3600)  # an unsaved edit, then the process is killed

app.run(headless=True, size=(100, 30), auto_pilot=edit)
"""


def _killed_after_unsaved_edit(path: Path) -> None:
    process = subprocess.Popen([sys.executable, "-c", EDITOR_SCRIPT, str(path)])
    try:
        deadline = time.monotonic() + 60
        while not autosave_path(path).exists():
            assert process.poll() is None, "the editor stopped before autosaving"
            assert time.monotonic() < deadline, "no autosave within 60 s"
            time.sleep(0.1)
        time.sleep(0.3)  # the write is atomic; give a second autosave no chance to matter
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()


async def test_an_unsaved_edit_is_offered_back_after_a_kill(make_app, example_copy: Path) -> None:
    path = example_copy
    _killed_after_unsaved_edit(path)
    assert load_draft(path).title == "Report on Customer Due Diligence"  # never saved
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.3)
        assert isinstance(app.screen, ConfirmDialog), "no recovery offered"
        await pilot.press("r")
        await settle(pilot, app)
        assert app.session.draft.title == "Killed"
        assert app.session.history.dirty  # recovered, not yet saved
        await pilot.press("ctrl+s")
    assert load_draft(path).title == "Killed"
    assert not autosave_path(path).exists()


async def test_declining_recovery_keeps_the_file_and_drops_the_autosave(
    make_app, example_copy: Path
) -> None:
    path = example_copy
    _killed_after_unsaved_edit(path)
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.3)
        await pilot.press("d")
        await settle(pilot, app)
        assert app.session.draft.title == "Report on Customer Due Diligence"
    assert not autosave_path(path).exists()


async def test_quitting_with_unsaved_changes_asks(make_app, example_copy: Path) -> None:
    path = example_copy
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        await pilot.press("t", "ctrl+u", *"Changed", "enter")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("c")  # cancel: still editing
        assert app.is_running and app.session.draft.title == "Changed"
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("s")  # save and quit
        await pilot.pause()
        assert not app.is_running
    assert load_draft(path).title == "Changed"
