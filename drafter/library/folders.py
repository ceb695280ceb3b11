"""Listing a library root's folders: links followed only to files inside the root, and a folder
that cannot be listed (permissions, a name too long, a loop) reported as one LibraryError."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from drafter.errors import LibraryError

LINK_FIX = "put the file itself in the library folder, or pass the other folder with --library"


def library_files(
    root: Path, folder: str, endings: tuple[str, ...], depth: int | None = 0
) -> list[Path]:
    """Files in `root/folder` whose names end in one of `endings`, sorted, looking `depth` levels
    of subfolders down (None: all). A link is read only if it leads to a file inside the root."""
    top = root / folder
    if _listed(top, top.is_symlink):
        check_link(top, root.resolve())
    if not _listed(top, top.is_dir):
        return []
    base = root.resolve()
    found: list[Path] = []
    pending = [(top, 0)]
    while pending:
        current, level = pending.pop()
        for entry in _entries(current):
            wanted = entry.name.endswith(endings)
            if _listed(entry, entry.is_symlink) and (wanted or _listed(entry, entry.is_dir)):
                check_link(entry, base)  # a file inside the root, or an error
                found.append(entry)
            elif _listed(entry, entry.is_dir):
                if depth is None or level < depth:
                    pending.append((entry, level + 1))
            elif wanted and _listed(entry, entry.is_file):
                found.append(entry)
    return sorted(found)


def _entries(folder: Path) -> list[Path]:
    """The entries of `folder`, or one LibraryError saying why it cannot be listed."""
    try:
        return list(folder.iterdir())
    except OSError as exc:
        raise _unlistable(folder, exc) from None


def _listed(path: Path, test: Callable[[], bool]) -> bool:
    """`test()` (is_dir, is_file, is_symlink) of `path`, an OSError being one LibraryError."""
    try:
        return test()
    except OSError as exc:
        raise _unlistable(path, exc) from None


def _unlistable(path: Path, exc: OSError) -> LibraryError:
    reason = exc.strerror or type(exc).__name__
    return LibraryError(
        f"cannot read this library folder ({reason})",
        path,
        None,
        "make it readable, or move it out of the library",
    )


def check_link(link: Path, base: Path) -> None:
    """Refuse a link to a folder, out of `base`, to nothing, or in a loop."""
    try:
        target = link.resolve(strict=True)
    except FileNotFoundError:
        raise LibraryError("link leads to nothing", link, None, LINK_FIX) from None
    except (OSError, RuntimeError):
        raise LibraryError("link cannot be followed (a loop)", link, None, LINK_FIX) from None
    if not target.is_relative_to(base):
        raise LibraryError(f"link leads out of the library folder {base}", link, None, LINK_FIX)
    if _listed(target, target.is_dir):
        raise LibraryError("link to a folder: linked folders are not read", link, None, LINK_FIX)
    if not _listed(target, target.is_file):
        raise LibraryError("link to a pipe or device, not a file", link, None, LINK_FIX)
