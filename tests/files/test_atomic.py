"""Atomic writes: the old file or the new one, and no temp files of killed writes left forever;
the output guard that runs before them."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from drafter.errors import OutputError
from drafter.files.atomic import HOST, STALE_SECONDS, make_folder, write_atomic
from drafter.files.guard import (
    MAX_PROPERTIES_BYTES,
    Output,
    check_outputs,
    made_by_drafter,
    note_read,
    start_run,
)


def test_a_write_replaces_the_file_whole(tmp_path: Path) -> None:
    out = tmp_path / "out.md"
    write_atomic(out, b"old")
    write_atomic(out, b"new")
    assert out.read_bytes() == b"new" and [p.name for p in tmp_path.iterdir()] == ["out.md"]


def test_temp_files_of_a_killed_write_are_swept_once_stale(tmp_path: Path) -> None:
    out = tmp_path / "out.md"
    stale = tmp_path / ".out.md.abc12345.tmp"
    fresh = tmp_path / ".out.md.def67890.tmp"
    other = tmp_path / ".other.md.abc12345.tmp"
    for leftover in (stale, fresh, other):
        leftover.write_bytes(b"partial")
    old = time.time() - STALE_SECONDS - 60
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    write_atomic(out, b"new")
    assert not stale.exists()  # a killed write's leftover
    assert fresh.exists()  # perhaps another process writing right now
    assert other.exists()  # another file's


def _dead_pid() -> int:
    """The id of a process that has ended (and been reaped)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_temp_file_carries_its_writers_process_id(tmp_path: Path, monkeypatch) -> None:
    seen: list[str] = []
    real_replace = os.replace

    def spy(source: str, target: Path) -> None:
        seen.append(Path(source).name)
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", spy)
    write_atomic(tmp_path / "out.docx", b"new")
    (name,) = seen
    assert name.startswith(f".out.docx.drafter-{os.getpid()}-{HOST}.") and name.endswith(".tmp")


def test_temp_files_of_a_dead_writer_are_swept_at_once_and_a_live_ones_kept(
    tmp_path: Path,
) -> None:
    dead, live = _dead_pid(), os.getpid()
    dead_temps = [
        tmp_path / f".out.md.drafter-{dead}.abcd1234.tmp",
        tmp_path / f".other.docx.drafter-{dead}.k_9xq2rz.tmp",
    ]
    live_temp = tmp_path / f".other.docx.drafter-{live}.abcd1234.tmp"
    theirs = [
        tmp_path / ".other.docx.abcd1234.tmp",  # an older name of another file: not yet
        tmp_path / f".notes.drafter-{dead}.tmp",  # not a name write_atomic makes
    ]
    for path in (*dead_temps, live_temp, *theirs):
        path.write_bytes(b"partial")
    write_atomic(tmp_path / "out.md", b"new")
    assert not any(p.exists() for p in dead_temps)  # fresh, but their writer is gone
    assert live_temp.exists() and all(p.exists() for p in theirs)


def test_another_machines_temp_file_is_kept_until_stale_whatever_its_process_id(
    tmp_path: Path,
) -> None:
    dead, elsewhere = _dead_pid(), "0123abcd" if HOST != "0123abcd" else "fedc9876"
    ours = tmp_path / f".out.md.drafter-{dead}-{HOST}.abcd1234.tmp"
    theirs = tmp_path / f".out.md.drafter-{dead}-{elsewhere}.abcd1234.tmp"
    stale = tmp_path / f".out.md.drafter-{dead}-{elsewhere}.zz991234.tmp"
    for path in (ours, theirs, stale):
        path.write_bytes(b"partial")
    old = time.time() - STALE_SECONDS - 60
    os.utime(stale, (old, old))
    write_atomic(tmp_path / "out.md", b"new")
    assert not ours.exists()  # this machine's writer is gone
    assert theirs.exists()  # a writer on another machine sharing the folder may still run
    assert not stale.exists()


def test_a_live_writers_temp_file_goes_once_stale_since_its_id_may_be_reused(
    tmp_path: Path,
) -> None:
    reused = tmp_path / f".out.md.drafter-{os.getpid()}.abcd1234.tmp"
    reused.write_bytes(b"partial")
    old = time.time() - STALE_SECONDS - 60
    os.utime(reused, (old, old))
    write_atomic(tmp_path / "other.md", b"new")
    assert not reused.exists()


def test_the_folder_is_synced_after_the_rename(tmp_path: Path, monkeypatch) -> None:
    synced: list[tuple[str, bool]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        synced.append(("fsync", stat.S_ISDIR(os.fstat(fd).st_mode)))
        real_fsync(fd)

    def replace(source: str, target: Path) -> None:
        synced.append(("rename", False))
        real_replace(source, target)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    write_atomic(tmp_path / "out.md", b"new")
    assert synced == [("fsync", False), ("rename", False), ("fsync", True)]


def test_a_folder_that_cannot_be_synced_still_gets_the_file(tmp_path: Path, monkeypatch) -> None:
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(22, "Invalid argument")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    write_atomic(tmp_path / "out.md", b"new")
    assert (tmp_path / "out.md").read_bytes() == b"new"


def test_make_folder_refuses_with_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_bytes(b"x")
    with pytest.raises(OutputError, match="cannot make the output folder"):
        make_folder(blocker / "sub")
    make_folder(tmp_path / "a" / "b")
    assert (tmp_path / "a" / "b").is_dir()


# --- the output guard -------------------------------------------------------------------------


def _package(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


CUSTOM = (
    b'<Properties><property name="drafter.version"><vt:lpwstr>1</vt:lpwstr></property></Properties>'
)
CORE = b"<cp:coreProperties><cp:lastModifiedBy>drafter</cp:lastModifiedBy></cp:coreProperties>"


@pytest.mark.parametrize(
    ("parts", "ours"),
    [
        ({"docProps/custom.xml": CUSTOM, "docProps/core.xml": CORE}, True),
        (
            {
                "docProps/custom.xml": CUSTOM,
                "docProps/core.xml": CORE.replace(b"drafter<", b"Ana<"),
            },
            False,
        ),
        ({"docProps/core.xml": CORE}, False),  # no drafter provenance
        (
            {
                "docProps/custom.xml": CUSTOM + b" " * (2 * MAX_PROPERTIES_BYTES),
                "docProps/core.xml": CORE,
            },
            False,
        ),
    ],
    ids=["drafter-built", "saved-by-someone", "no-provenance", "properties-too-large"],
)
def test_a_document_is_drafters_only_with_its_provenance_and_unsaved(
    tmp_path: Path, parts: dict[str, bytes], ours: bool
) -> None:
    assert made_by_drafter(_package(tmp_path / "x.docx", parts), "docx") is ours


def test_a_file_that_is_not_a_package_is_not_a_drafter_document(tmp_path: Path) -> None:
    path = tmp_path / "x.docx"
    path.write_bytes(b"PK\x03\x04 but broken")
    assert made_by_drafter(path, "docx") is False
    assert made_by_drafter(path.with_suffix(".md"), "md") is True  # text: its format's suffix
    assert made_by_drafter(path.with_suffix(".toml"), "toml") is False


def test_a_package_with_a_damaged_stream_is_not_a_drafter_document(tmp_path: Path) -> None:
    path = _package(
        tmp_path / "x.docx", {"docProps/custom.xml": CUSTOM * 40, "docProps/core.xml": CORE}
    )
    data = bytearray(path.read_bytes())
    start = data.index(b"docProps/custom.xml") + len("docProps/custom.xml")
    for at in range(start + 4, start + 24):  # inside the deflated stream: zlib cannot inflate it
        data[at] ^= 0x5A
    path.write_bytes(bytes(data))
    assert made_by_drafter(path, "docx") is False
    with pytest.raises(OutputError, match="not a document drafter built"):
        check_outputs([Output(path, "docx")])


def test_the_guard_refuses_a_file_read_this_run_under_another_name(tmp_path: Path) -> None:
    read = tmp_path / "d.toml"
    read.write_text("x", encoding="utf-8")
    start_run()
    note_read(read)
    (tmp_path / "sub").mkdir()
    with pytest.raises(OutputError, match="reads this file"):
        check_outputs([Output(tmp_path / "sub" / ".." / "d.toml", "md", ours=True)])
    check_outputs([Output(read, "toml", in_place=True)])  # a deliberate update in place
    start_run()
    check_outputs([Output(read, "toml", ours=True)])  # a new run: not read by it


def test_a_file_read_then_replaced_does_not_count_as_read(tmp_path: Path) -> None:
    read = tmp_path / "d.toml"
    read.write_text("x", encoding="utf-8")
    start_run()
    note_read(read)
    read.unlink()  # its inode may now be reused by another file
    other = tmp_path / "e.md"
    other.write_text("y", encoding="utf-8")
    check_outputs([Output(other, "md")])


def test_the_guard_refuses_two_outputs_that_are_one_file(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="two outputs"):
        check_outputs([Output(tmp_path / "a.md", "md"), Output(tmp_path / "." / "a.md", "md")])


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_the_guard_refuses_a_folder_it_cannot_write(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(OutputError, match="permission denied"):
            check_outputs([Output(folder / "a.md", "md")])
    finally:
        folder.chmod(0o700)


def test_the_guard_checks_the_nearest_folder_when_it_will_make_the_rest(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_bytes(b"x")
    with pytest.raises(OutputError, match="is a file"):
        check_outputs([Output(blocker / "sub" / "a.md", "md")], make_folders=True)
    with pytest.raises(OutputError, match="does not exist"):
        check_outputs([Output(tmp_path / "new" / "a.md", "md")])
    check_outputs([Output(tmp_path / "new" / "deeper" / "a.md", "md")], make_folders=True)
