"""Drive the real app with Textual's pilot, on drafts in a temp folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from drafter.tui import DrafterApp, create_app


@pytest.fixture
def new_draft(tmp_path: Path) -> Path:
    """Where a new draft will be saved; the file does not exist yet."""
    return tmp_path / "proposal.toml"


@pytest.fixture
def make_app(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.delenv("DRAFTER_LIBRARY", raising=False)

    def make(path: Path, autosave_seconds: float = 60.0) -> DrafterApp:
        return create_app(path, autosave_seconds=autosave_seconds)

    return make


async def settle(pilot: Pilot[None], app: DrafterApp) -> None:
    """Wait until the preview build for the current draft has been shown."""
    for _ in range(100):
        await pilot.pause(0.02)
        if app.workers and any(not w.is_finished for w in app.workers):
            continue
        screen = app.editor
        if screen.last_result is not None and screen.last_result.draft == app.session.draft:
            return
    raise AssertionError("the preview never caught up with the draft")


async def type_text(pilot: Pilot[None], text: str) -> None:
    """Type text key by key (spaces and punctuation included)."""
    await pilot.press(*[_key(c) for c in text])


def _key(char: str) -> str:
    names = {
        " ": "space",
        ".": "full_stop",
        ",": "comma",
        "-": "minus",
        "/": "slash",
        "'": "apostrophe",
    }
    return names.get(char, char)


@pytest.fixture
def example_copy(tmp_path: Path) -> Path:
    """The example proposal copied into a temp folder, so the app may save over it."""
    from support import EXAMPLE

    path = tmp_path / "x.toml"
    path.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    return path
