"""The editor under SIGKILL: `drafter edit` runs in a real terminal (tmux), is edited by keys,
and is killed after an autosave and in the middle of saving. The autosave holds the edits,
relaunching offers them back, and the draft file is never left partial."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from support import EXAMPLE, need_tool, sized

from drafter.drafts.file import load_draft, loads_draft
from drafter.drafts.recovery import autosave_path, pending_recovery
from drafter.library.load import Library
from drafter.tui.session import Session

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and tmux are POSIX")
SEED = 20250614
TITLE = "Report on Customer Due Diligence"


class Terminal:
    """A private tmux server; one window at a time runs `drafter edit` on the draft."""

    def __init__(self, tmux: str, folder: Path) -> None:
        self.tmux, self.folder = tmux, folder
        self.socket = f"drafter-kill-{os.getpid()}-{time.monotonic_ns()}"  # a private server
        self.name, self.launches = "ed0", 0

    def run(self, *args: str) -> str:
        command = [self.tmux, "-L", self.socket, *args]
        done = subprocess.run(command, capture_output=True, text=True, timeout=30, check=False)
        if done.returncode:
            raise subprocess.CalledProcessError(done.returncode, args, done.stdout, done.stderr)
        return done.stdout

    def start(self) -> None:
        """The server, kept up between editors (a killed editor's window closing must not
        take it down while the next one starts)."""
        self.run("new-session", "-d", "-s", "keep", "-x", "20", "-y", "5", "exec sleep 3600")

    def launch(self, draft: Path) -> int:
        """Open the editor on `draft`; its process id, once the outline shows."""
        self.launches += 1
        self.name = f"ed{self.launches}"  # a fresh session: the killed one may linger a moment
        command = f"exec env -u DRAFTER_LIBRARY {sys.executable} -m drafter edit {draft.name}"
        size = ["-x", "120", "-y", "40"]
        self.run("new-session", "-d", "-s", self.name, *size, "-c", str(self.folder), command)
        pid = int(self.run("display-message", "-p", "-t", self.name, "#{pane_pid}").strip())
        self.wait_for(lambda screen: "whereas" in screen.lower(), "the editor never drew")
        time.sleep(0.5)
        return pid

    def screen(self) -> str:
        try:
            return self.run("capture-pane", "-p", "-t", self.name)
        except subprocess.CalledProcessError:
            return ""  # the window closed

    def keys(self, *keys: str, literal: bool = False) -> None:
        self.run("send-keys", "-t", self.name, *(["-l"] if literal else []), *keys)
        time.sleep(0.3)

    def wait_for(self, ready: Callable[[str], bool], failure: str, seconds: float = 40) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            screen = self.screen()
            if ready(screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{failure}; the screen:\n{self.screen()}")

    def close(self) -> None:
        command = [self.tmux, "-L", self.socket, "kill-server"]
        subprocess.run(command, capture_output=True, timeout=30, check=False)
        folder = Path(os.environ.get("TMUX_TMPDIR", "/tmp")) / f"tmux-{os.getuid()}"
        (folder / self.socket).unlink(missing_ok=True)


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    term = Terminal(need_tool("tmux"), tmp_path)
    term.start()
    yield term
    term.close()


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "proposal.toml"
    path.write_bytes(EXAMPLE.read_bytes())
    return path


def _kill(pid: int) -> None:
    os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 30
    while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
        status = Path(f"/proc/{pid}/status")
        if status.exists() and "State:\tZ" in status.read_text():
            break  # killed; tmux reaps it
        time.sleep(0.05)


def _offers_recovery(screen: str) -> bool:
    return "r recover" in screen and "d discard" in screen


def _retitle(terminal: Terminal, title: str) -> None:
    terminal.keys("t")
    terminal.keys("C-u")
    terminal.keys(title, literal=True)
    terminal.keys("Enter")


def _autosaved(path: Path) -> str:
    sidecar = autosave_path(path)
    return sidecar.read_text(encoding="utf-8") if sidecar.is_file() else ""


def _wait_autosave(path: Path, holds: Callable[[str], bool]) -> str:
    deadline = time.monotonic() + 40  # the editor autosaves every 3 s
    while time.monotonic() < deadline:
        text = _autosaved(path)
        if text and holds(text):
            return text
        time.sleep(0.1)
    raise AssertionError(f"no autosave with the edits within 40 s:\n{_autosaved(path)}")


def test_a_killed_editor_keeps_its_edits_and_offers_them_back(terminal, draft: Path) -> None:
    original = draft.read_bytes()
    whereas = load_draft(draft).sections["whereas"]
    pid = terminal.launch(draft)
    _retitle(terminal, "Killed Title")
    terminal.keys("C-o")  # the outline: first whereas item, moved down one
    terminal.keys("Down")
    terminal.keys("J")
    first = whereas[1].clause
    _wait_autosave(
        draft,
        lambda t: (
            "Killed Title" in t and loads_draft(t, draft).sections["whereas"][0].clause == first
        ),
    )
    _kill(pid)

    assert draft.read_bytes() == original, "the draft file changed without a save"
    kept = loads_draft(_autosaved(draft), draft)
    assert kept.title == "Killed Title"
    assert [i.clause for i in kept.sections["whereas"][:2]] == [
        whereas[1].clause,
        whereas[0].clause,
    ]

    pid = terminal.launch(draft)
    terminal.wait_for(_offers_recovery, "no recovery offered after the kill")
    terminal.keys("r")
    terminal.keys("C-s")
    deadline = time.monotonic() + 30
    while load_draft(draft).title != "Killed Title" and time.monotonic() < deadline:
        time.sleep(0.1)
    saved = load_draft(draft)
    assert saved.title == "Killed Title" and saved.sections == kept.sections
    assert not autosave_path(draft).exists()
    _kill(pid)
    assert pending_recovery(draft) is None


def test_an_editor_killed_while_saving_never_leaves_a_partial_or_stale_draft(
    terminal, draft: Path
) -> None:
    rng = random.Random(SEED)
    outcomes: list[str] = []
    rounds = sized(dev=2, ci=8)
    for number in range(rounds):
        before = draft.read_bytes()
        old_title = load_draft(draft).title
        pid = terminal.launch(draft)
        if pending_recovery(draft) is not None:  # the last kill came before its save: decline
            terminal.wait_for(_offers_recovery, "no recovery offered")
            terminal.keys("d")
        _retitle(terminal, f"Autosaved {number}")
        _wait_autosave(draft, lambda t, n=number: f"Autosaved {n}" in t)
        _retitle(terminal, f"Saved {number}")  # newer than the autosave
        terminal.run("send-keys", "-t", terminal.name, "C-s")
        time.sleep(0.06 * (number + rng.random()) / rounds)  # spread over the first 60 ms
        _kill(pid)

        data = draft.read_bytes()
        title = load_draft(draft).title  # a partial file would not load
        assert data == before or title == f"Saved {number}", f"round {number}: {title}"
        offered = pending_recovery(draft)
        if title == f"Saved {number}":
            assert offered is None, f"round {number}: older work offered after the save"
        else:
            assert title == old_title
            assert offered is None or offered.title in (f"Autosaved {number}", f"Saved {number}")
        for path in draft.parent.iterdir():
            assert not path.name.endswith(".tmp") or path.name.startswith(
                (f".{draft.name}.", f".{autosave_path(draft).name}.")
            ), path.name
        outcomes.append("saved" if title == f"Saved {number}" else "old kept")
    print(f"\nkilled while saving: {outcomes}")


def test_a_crash_between_the_save_and_dropping_the_autosave_offers_nothing_old(
    monkeypatch: pytest.MonkeyPatch, draft: Path
) -> None:
    from drafter.drafts.editing import set_fields
    from drafter.pipeline import open_library

    monkeypatch.delenv("DRAFTER_LIBRARY", raising=False)
    library: Library = open_library([])
    session = Session.open(draft, library)
    session.history.apply(set_fields(session.draft, title="Autosaved"))
    assert session.autosave()
    session.history.apply(set_fields(session.draft, title="Saved"))

    def killed(path: Path) -> None:
        raise SystemExit("killed after the rename, before the sidecar went")

    monkeypatch.setattr("drafter.tui.session.discard_autosave", killed)
    with pytest.raises(SystemExit):
        session.save()
    assert load_draft(draft).title == "Saved"
    assert pending_recovery(draft) is None  # not "Autosaved", which the save superseded


def test_undoing_back_to_the_saved_draft_drops_the_autosave(
    monkeypatch: pytest.MonkeyPatch, draft: Path
) -> None:
    from drafter.drafts.editing import set_fields
    from drafter.pipeline import open_library

    monkeypatch.delenv("DRAFTER_LIBRARY", raising=False)
    session = Session.open(draft, open_library([]))
    session.history.apply(set_fields(session.draft, title="Undone"))
    assert session.autosave() and autosave_path(draft).exists()
    session.history.undo()
    session.autosave()
    assert not autosave_path(draft).exists()
    assert pending_recovery(draft) is None
