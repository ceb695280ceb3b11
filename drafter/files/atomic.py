"""Safe writing: a temp file in the target's folder, flushed, then renamed into place."""

from __future__ import annotations

import contextlib
import fnmatch
import glob
import hashlib
import os
import re
import sys
import tempfile
import time
from pathlib import Path

from drafter.errors import OutputError

MAX_NAME_BYTES = 255  # the longest file name common file systems take
TEMP_MARK = "drafter-"  # a temp file is `.NAME.drafter-PID-HOST.XXXXXXXX.tmp`: who is writing it
_TEMP = re.compile(r"^\..+\.drafter-(?P<pid>\d+)(?:-(?P<host>[0-9a-f]{8}))?\.[A-Za-z0-9_]{8}\.tmp$")


def _host_tag() -> str:
    """Eight hex digits naming this machine (its host name), so a sweep judges process ids only
    of writers on this machine: on a shared folder, another machine's writer is not ours to end."""
    if hasattr(os, "uname"):  # the host name, without loading the socket module
        name = os.uname().nodename
    else:
        import socket

        name = socket.gethostname()
    return hashlib.sha256(name.encode("utf-8", "replace")).hexdigest()[:8]


HOST = _host_tag()


def check_name(path: Path) -> None:
    """Refuse a path that cannot name a file: a NUL, no name, `.` or `..`, a name too long."""
    if "\0" in str(path):
        raise OutputError(
            "the file name holds a NUL character", repr(str(path)), None, "name the file again"
        )
    if path.name in ("", ".", ".."):
        raise OutputError("not a file name", path, None, "name a file, such as out.docx")
    if len(os.fsencode(path.name)) > MAX_NAME_BYTES:  # the bytes on disk, any encoding
        size = len(os.fsencode(path.name))
        problem = f"the file name is too long ({size} bytes, at most {MAX_NAME_BYTES})"
        raise OutputError(problem, path, None, "use a shorter name")


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that readers see the old file or the new one, never a part."""
    path = Path(path)
    check_name(path)
    if os.path.lexists(path) and not (path.is_file() or path.is_symlink()):
        raise OutputError("not a regular file", path, None, "name a file, not a folder or device")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError("output folder does not exist", path, None, f"create {folder} first")
    stem = os.fsdecode(os.fsencode(path.name)[:150])  # room for the rest in 255
    sweep(folder, stem)  # first: a killed write's leftovers may be what fills the disk
    try:
        prefix = f".{stem}.{TEMP_MARK}{os.getpid()}-{HOST}."
        fd, temp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=folder)
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
        problem = f"cannot write file ({exc.strerror})"
        fix = "check the folder's permissions and free space"
        raise OutputError(problem, path, None, fix) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _sync_folder(folder)


def make_folder(folder: Path) -> None:
    """Make the folder outputs go to (and its parents), or one line saying why it cannot be."""
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        problem = f"cannot make the output folder ({exc.strerror})"
        raise OutputError(problem, folder, None, "name a folder you can write to") from None


def _sync_folder(folder: Path) -> None:
    """Flush the folder's entry for the renamed file, so a power cut cannot undo the rename."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:  # a folder that cannot be opened (Windows): the rename stands as it is
        return
    try:
        os.fsync(fd)
    except OSError:  # some file systems do not sync folders
        pass
    finally:
        os.close(fd)


STALE_SECONDS = 600  # a temp file this old belongs to a write that was killed, not a running one


def sweep(folder: Path, stem: str | None = None) -> None:
    """Remove temp files killed writes left in `folder`: at once when the name's writer ran on
    this machine and its process is gone; otherwise (another machine's, or `stem`'s older-style
    names) once ten minutes old."""
    cutoff = time.time() - STALE_SECONDS
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        if not name.endswith(".tmp") or not name.startswith("."):
            continue
        match = _TEMP.match(name)
        local = match is not None and match["host"] in (None, HOST)
        dead = match is not None and local and not _running(int(match["pid"]))
        if match is None and (
            stem is None or not fnmatch.fnmatchcase(name, f".{glob.escape(stem)}.*.tmp")
        ):
            continue  # not drafter's temp name, or another file's older-style one
        leftover = folder / name
        with contextlib.suppress(OSError):
            if not leftover.is_file() or leftover.is_symlink():
                continue
            if dead or leftover.stat().st_mtime < cutoff:  # an old one: its id may be reused
                leftover.unlink()


def _running(pid: int) -> bool:
    """Whether a process with this id is alive (one of another user's counts as alive)."""
    if pid <= 0 or sys.platform == "win32":  # os.kill(pid, 0) ends a process on Windows
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True
    return True


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
