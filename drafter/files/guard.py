"""The output guard: every output of a command is checked before its first write — never a file
this run read, never a library's file, never an existing file drafter did not make (a DOCX
without drafter's marks, a TOML, JSON, BibTeX or CSV file; a text output is known by its
suffix)."""

from __future__ import annotations

import os
import re
import stat
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from drafter.errors import OutputError
from drafter.files.atomic import check_name, lock_file

LIBRARY_FOLDERS = ("clauses", "citations", "templates", "styles")  # what a library root holds
SUFFIXES = {"md": (".md", ".markdown"), "txt": (".txt", ".text"), "csv": (".csv",)}
PACKAGE = (
    Path(__file__).resolve().parent.parent
)  # drafter's own code, rule packs and built-in files
REMOVE = "choose another output name or remove the file first"
MAX_PROPERTIES_BYTES = 1024 * 1024  # docProps parts are a few hundred bytes
_BY_DRAFTER = re.compile(rb"<(?:\w+:)?lastModifiedBy>\s*drafter\s*</")

_reads: dict[tuple[int, int], str] = {}  # (device, inode) of each file read -> the path read


def start_run() -> None:
    """Forget the files earlier commands of this process read (each command is one run)."""
    _reads.clear()


def note_read(path: Path | str, info: os.stat_result | None = None) -> None:
    """Remember that this run read `path` (whose `os.stat` is `info`, when known), so no output
    of the run may write over it."""
    try:
        info = info or os.stat(path)
    except (OSError, ValueError):
        return
    _reads[(info.st_dev, info.st_ino)] = os.path.abspath(path)


@dataclass(frozen=True)
class Output:
    """One file a command is about to write, and what it may replace there."""

    path: Path
    kind: str  # the format: docx, md, txt, csv, toml or json
    in_place: bool = False  # a deliberate update of this very input (a list merged in place)
    ours: bool = False  # an existing file here is drafter's by name (a manifest, a listed output)
    force: bool = False  # write even though a word processor's lock file is beside it
    by_suffix: bool = True  # an existing text file with the format's suffix counts as drafter's
    refusal: str = ""  # what to say when an existing file is not drafter's (campaigns say more)
    fix: str = REMOVE


def check_outputs(
    outputs: Sequence[Output],
    roots: Iterable[Path] = (),
    inputs: Iterable[Path | None] = (),
    make_folders: bool = False,
) -> None:
    """Refuse the command, before anything is written, if any output may not be written.

    `roots` are the library roots (their clause, citation, template and style folders are never
    written); `inputs` are files the run uses without having read them yet (a reference
    document, a campaign's sources); `make_folders` lets an output's folder be made first."""
    protected = [PACKAGE, *(_real(Path(r) / f) for r in roots for f in LIBRARY_FOLDERS)]
    used = [Path(p) for p in inputs if p is not None]
    seen: dict[str, Path] = {}
    for output in outputs:
        path = Path(output.path)
        check_name(path)
        _check_folder(path, make_folders)
        real = _real(path)
        key = os.path.normcase(str(real))
        if key in seen:
            problem = f"two outputs of this command would both be {seen[key]}"
            raise OutputError(problem, path, None, "give each output its own name")
        seen[key] = path
        for folder in protected:
            if real == folder or real.is_relative_to(folder):
                problem = f"the file is inside the library's {folder.name} folder, which drafter never writes"
                raise OutputError(problem, path, None, "write outside the library")
        info = _stat(path)
        if info is None:
            continue
        if not stat.S_ISREG(info.st_mode):
            raise OutputError(
                "not a regular file", path, None, "name a file, not a folder or device"
            )
        if not output.in_place and (_was_read(path, info) or any(same_file(path, p) for p in used)):
            problem = "this command reads this file, so it will not write over it"
            raise OutputError(problem, path, None, "choose another output name")
        lock = lock_file(path)
        if lock is not None and not output.force:
            problem = f"the file is open in a word processor (lock file {lock.name})"
            raise OutputError(
                problem, path, None, "close it there, or pass --force to write anyway"
            )
        if not (output.in_place or output.ours or _made_by_drafter(output)):
            raise OutputError(_not_ours(output), path, None, output.fix)


def _made_by_drafter(output: Output) -> bool:
    if output.kind in SUFFIXES and not output.by_suffix:
        return False
    return made_by_drafter(Path(output.path), output.kind)


def made_by_drafter(path: Path, kind: str) -> bool:
    """Whether the existing file at `path` is recognisably an earlier output of drafter's: a
    DOCX drafter built and nobody saved since; a text file whose suffix is its format's."""
    if kind in SUFFIXES:
        return path.suffix.lower() in SUFFIXES[kind]
    if kind != "docx":
        return False
    try:
        with zipfile.ZipFile(path) as archive:
            custom, core = (_part(archive, n) for n in ("docProps/custom.xml", "docProps/core.xml"))
    except Exception:  # damaged in any way (zlib, lzma, CRC...): not drafter's
        return False
    return b'name="drafter.version"' in custom and _BY_DRAFTER.search(core) is not None


def _part(archive: zipfile.ZipFile, name: str) -> bytes:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return b""
    if info.file_size > MAX_PROPERTIES_BYTES:
        return b""
    with archive.open(info) as member:
        return member.read(MAX_PROPERTIES_BYTES)


def _not_ours(output: Output) -> str:
    if output.refusal:
        return output.refusal
    if output.kind == "docx":
        return "the file exists and is not a document drafter built (or it was saved since)"
    if output.kind in SUFFIXES and output.by_suffix:
        return f"the file exists and is not a .{output.kind} file"
    return "the file exists and drafter did not make it"


def _check_folder(path: Path, make_folders: bool) -> None:
    folder = path.parent if str(path.parent) else Path(".")
    if make_folders:
        while not os.path.lexists(folder) and folder != folder.parent:
            folder = folder.parent
    elif not os.path.lexists(folder):
        raise OutputError("output folder does not exist", path, None, f"create {folder} first")
    if not folder.is_dir():
        raise OutputError(f"the output folder {folder} is a file", path, None, "name a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        problem = f"cannot write in the folder {folder} (permission denied)"
        raise OutputError(problem, path, None, "name a folder you can write to")


def _real(path: Path) -> Path:
    try:
        return Path(os.path.realpath(path))
    except (OSError, ValueError):
        return Path(os.path.abspath(path))


def _stat(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise OutputError(f"cannot look at the file ({exc.strerror})", path, None) from None


def _was_read(path: Path, info: os.stat_result) -> bool:
    """Whether this run read the file at `path` (under any name: a link, `..`, another case)."""
    read = _reads.get((info.st_dev, info.st_ino))
    return read is not None and same_file(path, Path(read))  # the file read is still that one


def same_file(a: Path | str, b: Path | str) -> bool:
    """Whether both paths name one existing file (through links, `..` or another spelling)."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False
