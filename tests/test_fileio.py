"""Atomic writes: the old file or the new one, and no temp files of killed writes left forever."""

from __future__ import annotations

import os
import time
from pathlib import Path

from drafter.fileio import STALE_SECONDS, write_atomic


def test_a_write_replaces_the_file_whole(tmp_path: Path) -> None:
    out = tmp_path / "out.md"
    write_atomic(out, b"old")
    write_atomic(out, b"new")
    assert out.read_bytes() == b"new" and [p.name for p in tmp_path.iterdir()] == ["out.md"]


def test_temp_files_of_a_killed_write_are_swept_once_stale(tmp_path: Path) -> None:
    out = tmp_path / "out.md"
    stale, fresh, other = (tmp_path / ".out.md.abc12345.tmp", tmp_path / ".out.md.def67890.tmp",
                           tmp_path / ".other.md.abc12345.tmp")  # fmt: skip
    for leftover in (stale, fresh, other):
        leftover.write_bytes(b"partial")
    old = time.time() - STALE_SECONDS - 60
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    write_atomic(out, b"new")
    assert not stale.exists()  # a killed write's leftover
    assert fresh.exists()  # perhaps another process writing right now
    assert other.exists()  # another file's
