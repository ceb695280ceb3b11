"""Safe writing: a temp file in the target's folder, flushed, then renamed into place."""

from __future__ import annotations

import contextlib
import glob
import os
import tempfile
import time
from pathlib import Path

from drafter.errors import OutputError

MAX_NAME_BYTES = 255  # the longest file name common file systems take


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that readers see the old file or the new one, never a part."""
    path = Path(path)
    if "\0" in str(path):
        raise OutputError(
            "the file name holds a NUL character", repr(str(path)), None, "name the file again"
        )
    if path.name in ("", ".", ".."):
        raise OutputError("not a file name", path, None, "name a file, such as out.docx")
    if len(path.name.encode()) > MAX_NAME_BYTES:
        raise OutputError(f"the file name is too long ({len(path.name.encode())} bytes, at most "
                          f"{MAX_NAME_BYTES})", path, None, "use a shorter name")  # fmt: skip
    if os.path.lexists(path) and not (path.is_file() or path.is_symlink()):
        raise OutputError("not a regular file", path, None, "name a file, not a folder or device")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError("output folder does not exist", path, None, f"create {folder} first")
    try:
        stem = path.name.encode()[:150].decode("utf-8", "ignore")  # room for the rest in 255
        fd, temp = tempfile.mkstemp(prefix=f".{stem}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"cannot write here ({exc.strerror})", path, None) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            with contextlib.suppress(OSError):
                os.chmod(temp, path.stat().st_mode & 0o777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temp, 0o666 & ~umask)
        os.replace(temp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise OutputError(f"cannot write file ({exc.strerror})", path, None,
                          "check the folder's permissions and free space") from None  # fmt: skip
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _sweep(folder, stem)


STALE_SECONDS = 600  # a temp file this old belongs to a write that was killed, not a running one


def _sweep(folder: Path, stem: str) -> None:
    """Remove temp files an earlier, killed write of the same file left behind."""
    cutoff = time.time() - STALE_SECONDS
    for leftover in folder.glob(f".{glob.escape(stem)}.*.tmp"):
        with contextlib.suppress(OSError):
            if (
                leftover.is_file()
                and not leftover.is_symlink()
                and leftover.stat().st_mtime < cutoff
            ):
                leftover.unlink()


def lock_file(path: Path) -> Path | None:
    """The lock file LibreOffice or Word keeps beside `path` while it has the file open."""
    path = Path(path)
    if path.name in ("", ".", ".."):  # not a file name: write_atomic refuses it
        return None
    names = [f".~lock.{path.name}#", f"~${path.name}"]
    if len(path.name) > 2:
        names.append(f"~${path.name[2:]}")  # Word drops the first two letters of longer names
    for name in names:
        candidate = path.with_name(name)
        try:
            if candidate.exists():
                return candidate
        except OSError:  # a name too long for the file system: no editor holds such a lock
            continue
    return None
