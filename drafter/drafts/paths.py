"""Paths a draft names: resolved against its folder, and kept inside it or a readable root."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from drafter.drafts.lines import table_key_line
from drafter.errors import DrafterError, DraftError, quoted
from drafter.model import Draft


def draft_folder(draft_path: Path | None) -> Path:
    """The folder a draft's relative paths are read from (the working folder for an unsaved one)."""
    return draft_path.parent if draft_path is not None else Path(".")


def inside(path: Path, roots: Sequence[Path]) -> bool:
    """Whether `path`, all links resolved, is one of `roots` or under one of them."""
    real = Path(os.path.realpath(path))
    return any(real.is_relative_to(os.path.realpath(root)) for root in roots)


def draft_path(
    name: str,
    draft_path: Path | None,
    readable: Sequence[Path],
    *,
    what: str,
    line: int | Callable[[], int | None] | None,
    error: type[DrafterError] = DraftError,
) -> Path:
    """The file `name` a draft names, resolved against the draft's folder; refused (at `line`)
    unless it stays, after links are resolved, inside that folder or one of `readable` (the
    library roots and the folders the user allowed with --allow-path). `line` may be a function,
    called only for an error."""
    if "\0" in name:
        fix = "name a file beside the draft"
        raise error(f"{what} {quoted(name)} holds a NUL character", draft_path, _at(line), fix)
    folder = draft_folder(draft_path)
    candidate = folder / name  # an absolute name replaces the folder
    real = Path(os.path.realpath(candidate))
    if inside(real, [folder, *readable]):
        return real
    outside = real.parent if real.parent != real else real
    raise error(
        f"{what} {quoted(name)} is outside the draft's folder",
        draft_path,
        _at(line),
        f"copy it beside the draft or pass --allow-path {quoted_path(outside)}",
    )


def quoted_path(path: Path) -> str:
    """A folder as the user would type it after --allow-path (quoted when it has spaces)."""
    text = str(path)
    return f"'{text}'" if any(c.isspace() for c in text) else text


def _at(line: int | Callable[[], int | None] | None) -> int | None:
    return line() if callable(line) else line


def named_files(draft: Draft, readable: Sequence[Path], strict: bool = True) -> list[Path]:
    """Every file the draft names (its sources, its signatory list, a style file), confined as
    `draft_path` confines them; with `strict` off, the refused ones are left out instead."""
    named: list[tuple[str, str, Callable[[], int | None]]] = [
        (name, "sources file", lambda: draft.key_lines.get("sources")) for name in draft.sources
    ]
    signers = draft.extra.get("signatories")
    if isinstance(signers, dict) and isinstance(signers.get("file"), str):
        at = lambda: table_key_line(draft, "signatories", "file")  # noqa: E731
        named.append((signers["file"], "[signatories] file", at))
    if draft.style.endswith(".csl") or "/" in draft.style or "\\" in draft.style:
        named.append((draft.style, "style file", lambda: draft.key_lines.get("style")))
    found = []
    for name, what, line in named:
        try:
            found.append(draft_path(name, draft.path, readable, what=what, line=line))
        except DrafterError:
            if strict:
                raise
    return found
