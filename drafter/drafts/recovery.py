"""Autosave beside a draft, and recovery after a crash. The sidecar `.NAME.toml.autosave` holds
the unsaved state; it is removed when the draft is saved or the recovery declined."""

from __future__ import annotations

import contextlib
from pathlib import Path

from drafter.drafts.file import dumps_draft, loads_draft
from drafter.errors import DrafterError, DraftError
from drafter.files.atomic import write_atomic
from drafter.files.reading import read_text
from drafter.model import Draft


def autosave_path(draft_path: Path) -> Path:
    """The sidecar that holds a draft's unsaved state."""
    return draft_path.with_name(f".{draft_path.name}.autosave")


def write_autosave(draft: Draft, draft_path: Path) -> Path:
    """Write the unsaved state atomically; returns the sidecar's path."""
    sidecar = autosave_path(draft_path)
    write_atomic(sidecar, dumps_draft(draft).encode("utf-8"))
    return sidecar


def pending_recovery(draft_path: Path) -> Draft | None:
    """The autosaved draft when it holds changes the draft file does not; None otherwise."""
    sidecar = autosave_path(draft_path)
    if not sidecar.is_file():
        return None
    try:
        recovered = loads_draft(sidecar.read_text(encoding="utf-8"), draft_path)
    except (DrafterError, OSError, UnicodeDecodeError):
        return None  # a sidecar cut short by the crash itself: nothing to offer
    if draft_path.is_file():
        with contextlib.suppress(DrafterError, OSError, UnicodeDecodeError):
            if loads_draft(read_text(draft_path, DraftError), draft_path) == recovered:
                return None
    return recovered


def discard_autosave(draft_path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        autosave_path(draft_path).unlink()
