"""Write a built document in an output format, atomically. Sits above the core, beside the CLI."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from drafter.errors import OutputError
from drafter.fileio import write_atomic
from drafter.model import Document
from drafter.textout import to_markdown, to_plain

WRITERS: dict[str, Callable[[Document], str]] = {"md": to_markdown, "txt": to_plain}
SUFFIXES = {".md": "md", ".markdown": "md", ".txt": "txt", ".text": "txt"}
DEFAULT_FORMAT = "md"


def format_for(path: Path | None, requested: str | None) -> str:
    """The format asked for, else the one the output's suffix names, else the default."""
    if requested:
        if requested not in WRITERS:
            raise OutputError(
                f"unknown output format '{requested}'", None, None, "use " + " or ".join(WRITERS)
            )
        return requested
    if path is not None and path.suffix.lower() in SUFFIXES:
        return SUFFIXES[path.suffix.lower()]
    return DEFAULT_FORMAT


def default_output(draft_path: Path, fmt: str) -> Path:
    """Where `drafter build` writes when no -o is given: beside the draft."""
    return draft_path.with_suffix("." + fmt)


def write_document(document: Document, path: Path, fmt: str) -> None:
    """Render `document` as `fmt` and replace `path` with it."""
    write_atomic(path, WRITERS[fmt](document).encode("utf-8"))
