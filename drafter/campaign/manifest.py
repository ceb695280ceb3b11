"""The campaign manifest, `.drafter-campaign.json` in the output folder: the files this
campaign made, each with its target's fingerprint and the file's stamp, so an unchanged target
is not built again and only the campaign's own files are ever replaced."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from drafter.files.atomic import write_atomic
from drafter.files.guard import made_by_drafter

MANIFEST = ".drafter-campaign.json"


def still_ours(out: Path, fmt: str, stamp: str | None) -> bool:
    """Whether a file at a name the manifest claims is still what the campaign wrote: the same
    size, time and inode as recorded; a DOCX with drafter's marks intact; or, for a name
    claimed by a run killed before it recorded a stamp, a text output."""
    if stamp and stamp == file_stamp(out):
        return True
    if fmt == "docx":
        return made_by_drafter(out, fmt)
    return not stamp


def stamps(manifest: dict[str, Any]) -> dict[str, str]:
    """The recorded stamp of each output file the manifest names."""
    found = {}
    for entry in manifest.values():
        if not isinstance(entry, dict) or not isinstance(entry.get("output"), str):
            continue
        if isinstance(entry.get("file"), str) and entry["file"]:
            found[entry["output"]] = entry["file"]
    return found


def claimed(manifest: dict[str, Any]) -> set[str]:
    """The file names the manifest says this campaign made (older manifests: in `file`)."""
    names = set()
    for entry in manifest.values():
        if not isinstance(entry, dict):
            continue
        name = entry.get("output")
        if not isinstance(name, str) and isinstance(entry.get("file"), str) and entry["file"]:
            name = Path(entry["file"].rsplit(":", 3)[0]).name
        if isinstance(name, str) and name:
            names.add(name)
    return names


def file_stamp(path: Path | None) -> str:
    """What tells a file apart from a changed one: its path, size, time and inode ("" if none)."""
    if path is None or not path.is_file():
        return ""
    stat = path.stat()
    return f"{path}:{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ino}"


def read_manifest(folder: Path) -> dict[str, Any]:
    """The manifest in `folder`; empty when there is none, or it is not one."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_manifest(folder: Path, manifest: dict[str, Any]) -> None:
    """Replace the manifest in `folder`, atomically."""
    write_atomic(
        folder / MANIFEST,
        json.dumps(manifest, indent=1).encode("ascii"),  # any file name
    )
