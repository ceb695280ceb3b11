"""Saving a draft over the user's file: its comments, layout, encoding and line endings kept
(`drafts.tomledit` edits the text in place), and earlier versions kept under numbered names."""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import re
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from drafter.drafts.file import SCHEMA_VERSION, dumps_draft, loads_draft, original_path
from drafter.drafts.tomledit import LayoutLost, edit_draft_text
from drafter.errors import DraftError, OutputError
from drafter.files.atomic import HOST, TEMP_MARK, sweep, write_atomic
from drafter.files.reading import decode, parse_toml
from drafter.model import Draft

ATTEMPTS = 1000  # names tried, one after another, before keeping a version gives up

__all__ = ["LayoutLost", "draft_bytes", "keep_version", "save_draft", "save_fresh", "write_draft"]


@dataclass(frozen=True)
class Encoding:
    """How a file's text is stored: codec, byte-order mark and line ending."""

    codec: str = "utf-8"
    bom: bytes = b""
    newline: str = "\n"

    def encode(self, text: str) -> bytes:
        if self.newline != "\n":
            text = text.replace("\n", self.newline)
        return self.bom + text.encode(self.codec)


_BOMS = ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"), (b"\xef\xbb\xbf", "utf-8"))


def encoding_of(data: bytes) -> Encoding:
    """The encoding drafter read `data` in, and its line ending (the one most lines use)."""
    bom, codec = next(((b, c) for b, c in _BOMS if data.startswith(b)), (b"", "utf-8"))
    text = data[len(bom) :].decode(codec, "replace")
    crlf = text.count("\r\n")
    return Encoding(codec, bom, "\r\n" if crlf > text.count("\n") - crlf else "\n")


def draft_bytes(draft: Draft, base: Path | None) -> bytes:
    """The file `draft` is saved as: the text of `base` edited in place when there is one, in
    its own encoding and line ending; else a fresh file. LayoutLost when the edit fails."""
    if base is None:
        return dumps_draft(draft).encode("utf-8")
    try:
        data = base.read_bytes()
    except FileNotFoundError:
        return dumps_draft(draft).encode("utf-8")
    except OSError as exc:
        problem = f"cannot read the file to edit it ({exc.strerror or exc})"
        raise LayoutLost(problem, base, None, "check its permissions") from None
    try:
        text = decode(data, base, DraftError)
        old = loads_draft(text, base)
    except DraftError as exc:
        problem = f"the file is no longer a draft drafter reads ({exc.message})"
        raise LayoutLost(
            problem, base, exc.line, "fix it, or save it in `drafter edit` to write it afresh"
        ) from None
    return encoding_of(data).encode(edit_draft_text(text, old, draft))


def keep_older_original(path: Path) -> Path | None:
    """Before a draft of an older schema is replaced, copy it once to NAME.schema-N.toml."""
    try:
        data = path.read_bytes()
        version = parse_toml(decode(data, path, DraftError), path, DraftError).get("schema")
    except (OSError, DraftError):  # nothing there, or not a draft drafter could read anyway
        return None
    if not isinstance(version, int) or isinstance(version, bool) or version >= SCHEMA_VERSION:
        return None
    backup = original_path(path, version)
    if not backup.exists():
        write_atomic(backup, data)
    return backup


def write_draft(path: Path, data: bytes) -> None:
    """Write a draft's bytes atomically, keeping an older schema's original once."""
    keep_older_original(path)
    write_atomic(path, data)


def save_draft(draft: Draft, path: Path, *, base: Path | None = None) -> None:
    """Save `draft` over `path`, editing `base`'s text (default: `path`'s own) in place, so only
    what the edit changed changes. Raises LayoutLost (nothing written) when it cannot."""
    write_draft(path, draft_bytes(draft, base or path))


def save_fresh(draft: Draft, path: Path) -> Path | None:
    """Write `draft` afresh, keeping the file it replaces as `NAME.before-save.N.toml`; the
    kept copy's path. For when `save_draft` could not edit the file in place."""
    kept = keep_version(path, "before-save") if path.is_file() else None
    write_draft(path, dumps_draft(draft).encode("utf-8"))
    return kept


def keep_version(path: Path, label: str, unless: bytes | None = None) -> Path | None:
    """Copy `path` to `NAME.LABEL.N.toml`, N one past the highest kept so far, so no earlier
    version is ever overwritten (not even by another save keeping one at the same moment).
    Nothing is copied when the file equals `unless` (what will replace it) or the newest kept
    version; returns the version that holds the file."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        problem = f"cannot read the file to keep a copy of it ({exc.strerror or exc})"
        raise OutputError(problem, path, None, "check its permissions") from None
    if unless is not None and data == unless:
        return None
    versions = numbered_versions(path, label)
    if versions and _holds(versions[-1][1], data):
        return versions[-1][1]
    names = (version_name(path, label, n) for n in itertools.count(_next_number(path, label)))
    return write_new(path, data, names)


def _holds(path: Path, data: bytes) -> bool:
    """Whether the file at `path` holds `data` (one that cannot be read does not)."""
    try:
        return path.read_bytes() == data
    except OSError:
        return False


def next_version(path: Path, label: str) -> Path:
    """The name the next kept version of `path` under `label` gets: NAME.LABEL.N.toml."""
    return version_name(path, label, _next_number(path, label))


def _next_number(path: Path, label: str) -> int:
    versions = numbered_versions(path, label)
    number = versions[-1][0] + 1 if versions else 1
    while version_name(path, label, number).exists():  # a name the pattern does not read
        number += 1  # back (leading zeros): skip it
    return number


def version_name(path: Path, label: str, number: int) -> Path:
    """NAME.LABEL.N.toml, the name of `path`'s kept version number N under `label`."""
    return path.with_name(f"{path.stem}.{label}.{number}{path.suffix}")


def write_new(path: Path, data: bytes, names: Iterable[Path]) -> Path:
    """Write `data` (a copy of `path`, with its mode and times) under the first of `names` that
    no file has, and return it. The copy is written in full to a temp file first, then linked
    to the name, which fails if the name was taken meanwhile (another save keeping a version at
    the same moment): then the next name is tried. No file is ever overwritten."""
    folder = path.parent if str(path.parent) else Path(".")
    stem = path.name.encode()[:150].decode("utf-8", "ignore")
    sweep(folder, stem)
    try:
        prefix = f".{stem}.{TEMP_MARK}{os.getpid()}-{HOST}."
        fd, temp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=folder)
    except OSError as exc:
        problem = f"cannot keep a copy of the file here ({exc.strerror or exc})"
        raise OutputError(problem, path, None, "check the folder's permissions") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):  # the copy keeps the file's mode and time
            shutil.copystat(path, temp)
        for target in itertools.islice(names, ATTEMPTS):
            if _claim(Path(temp), target, data):
                return target
        problem = "no free name to keep a copy of the file under"
        raise OutputError(problem, path, None, "remove some of its numbered copies")
    except OSError as exc:
        problem = f"cannot keep a copy of the file ({exc.strerror or exc})"
        fix = "check the folder's permissions and free space"
        raise OutputError(problem, path, None, fix) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)


def _claim(temp: Path, target: Path, data: bytes) -> bool:
    """Give `temp`'s complete file the name `target` unless a file has it; whether it did. A
    file system without hard links gets the name reserved (O_EXCL) and written in place."""
    try:
        os.link(temp, target)
        return True
    except FileExistsError:
        return False
    except OSError:
        pass  # no hard links here
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except FileExistsError:
        return False
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(target)  # the name was ours: no part of a copy is left under it
        raise
    with contextlib.suppress(OSError):
        shutil.copystat(temp, target)
    return True


def numbered_versions(path: Path, label: str) -> list[tuple[int, Path]]:
    """The kept versions of `path` under `label`, oldest first."""
    pattern = re.compile(
        rf"{re.escape(path.stem)}\.{re.escape(label)}\.([1-9]\d*){re.escape(path.suffix)}"
    )
    found = []
    for candidate in path.parent.glob(
        f"{glob.escape(path.stem)}.{label}.*{glob.escape(path.suffix)}"
    ):
        match = pattern.fullmatch(candidate.name)
        if match and candidate.is_file():
            found.append((int(match[1]), candidate))
    return sorted(found)
