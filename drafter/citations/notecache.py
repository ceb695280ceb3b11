"""Rendered notes kept between runs, in the XDG cache folder (`notes/` under
`$XDG_CACHE_HOME/drafter`): a rebuild whose citations did not change takes its notes from here
and never loads citeproc or parses the style.

An entry's name is a SHA-256 of everything that shapes the notes: the style's bytes, every
cited source's CSL-JSON, the clusters in order (keys, locators, affixes), citeproc-py's files
and drafter's own citation code (so an upgrade or an edited checkout renders afresh). Entries
are read back within bounds (size, count, text) and anything unexpected is a miss; a folder
that cannot be written only means no cache. `DRAFTER_NOTES_CACHE=off` keeps notes in memory
only.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from drafter import __version__
from drafter.citations.styleindex import cache_folder, read_head
from drafter.model import Span

FORMAT = 1  # the entries' layout; an entry of another layout is a miss
MAX_ENTRY_BYTES = 4 * 1024 * 1024  # a 60-note Chicago document's notes take about 20 kB
MAX_ENTRIES = 2_000  # past this many files the oldest tenth are removed on the next write
MAX_SPAN_CHARS = 100_000
_FLAGS = ("italic", "bold", "small_caps", "superscript", "subscript")
PARTIAL = ".part"  # a temp file being written; a killed writer's is pruned like an entry
FACTS = ("is_note", "punctuation_in_quote", "capitalize_notes", "has_bibliography")


def enabled() -> bool:
    return os.environ.get("DRAFTER_NOTES_CACHE", "").lower() not in ("off", "0", "no", "false")


def key(kind: str, style_digest: str, payload: object) -> str:
    """The entry name for `payload` (clusters and records, as JSON-able data) in a style."""
    text = json.dumps(
        [FORMAT, __version__, _code_stamp(), kind, style_digest, payload],
        sort_keys=True,
        default=str,
        ensure_ascii=False,
    )
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def load(
    name: str, count: int | None = None
) -> tuple[dict[str, bool], list[tuple[Span, ...]]] | None:
    """The style facts and the notes an entry holds (`count` of them when given); None when
    there is no usable entry. A hit is touched, so pruning removes the entries least used."""
    path = _path(name)
    if path is None:
        return None
    data = read_head(path, MAX_ENTRY_BYTES, whole=True)  # a regular file only, never waited on
    if data is None:
        return None
    try:
        found = _checked(json.loads(data), count)
    except (ValueError, RecursionError):
        return None
    if found is not None:
        with contextlib.suppress(OSError):
            os.utime(path)
    return found


def store(name: str, facts: Mapping[str, bool], notes: Sequence[Sequence[Span]]) -> None:
    """Keep an entry; nothing is raised when the cache folder cannot be written."""
    path = _path(name)
    if path is None:
        return
    content = {
        "format": FORMAT,
        "facts": {k: bool(facts[k]) for k in FACTS},
        "notes": [[_span_dict(s) for s in note] for note in notes],
    }
    data = json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if len(data) > MAX_ENTRY_BYTES:
        return
    with contextlib.suppress(OSError):
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        _prune(path.parent)
        _write(path, data)


def _write(path: Path, data: bytes) -> None:
    """Write an entry whole or not at all: a private temp file (mode 0600, as notes of a
    confidential draft are) renamed into place. Not synced to disk: an entry lost in a crash is
    only rendered again, and the editor renders on every keystroke."""
    fd, temp = tempfile.mkstemp(prefix=".", suffix=PARTIAL, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _path(name: str) -> Path | None:
    folder = cache_folder() if enabled() else None
    return None if folder is None else folder / "notes" / f"{name}.json"


def _checked(
    value: Any, count: int | None
) -> tuple[dict[str, bool], list[tuple[Span, ...]]] | None:
    """The entry's facts and notes if it is exactly what `store` writes, else None."""
    if not isinstance(value, dict) or value.get("format") != FORMAT:
        return None
    facts, notes = value.get("facts"), value.get("notes")
    if not isinstance(facts, dict) or set(facts) != set(FACTS):
        return None
    if not all(isinstance(v, bool) for v in facts.values()) or not isinstance(notes, list):
        return None
    if count is not None and len(notes) != count:
        return None
    out = []
    for note in notes:
        if not isinstance(note, list):
            return None
        spans = [_span(item) for item in note]
        if any(s is None for s in spans):
            return None
        out.append(tuple(s for s in spans if s is not None))
    return facts, out


def _span_dict(span: Span) -> dict[str, Any]:
    data: dict[str, Any] = {"text": span.text}
    data.update({flag: True for flag in _FLAGS if getattr(span, flag)})
    if span.url is not None:
        data["url"] = span.url
    return data


def _span(item: Any) -> Span | None:
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        return None
    if set(item) - {"text", "url", *_FLAGS} or len(item["text"]) > MAX_SPAN_CHARS:
        return None
    url = item.get("url")
    if url is not None and (not isinstance(url, str) or len(url) > MAX_SPAN_CHARS):
        return None
    flags = {flag: item.get(flag, False) for flag in _FLAGS}
    if not all(isinstance(v, bool) for v in flags.values()):
        return None
    return Span(item["text"], url=url, **flags)


def _prune(folder: Path) -> None:
    """Remove the tenth of the entries used longest ago (and a killed write's leftovers) once
    there are more than MAX_ENTRIES."""
    try:
        entries = [e for e in os.scandir(folder) if e.name.endswith((".json", PARTIAL))]
    except OSError:
        return
    if len(entries) <= MAX_ENTRIES:
        return
    entries.sort(key=lambda e: e.stat(follow_symlinks=False).st_mtime_ns)
    for entry in entries[: len(entries) // 10 + 1]:
        with contextlib.suppress(OSError):
            os.unlink(entry.path)


@functools.cache
def _code_stamp() -> list[object]:
    """Size and modification time of drafter's citation code and of citeproc-py's package, found
    without importing citeproc: what changes when either is upgraded or edited."""
    import importlib.util

    here = Path(__file__).resolve().parent
    files = [*sorted(here.glob("*.py")), *sorted(here.glob("csl/*.py")), here.parent / "model.py"]
    spec = importlib.util.find_spec("citeproc")
    if spec is not None and spec.origin:
        folder = Path(spec.origin).parent
        files += sorted(folder.glob("*.py")) + sorted(folder.glob("*/*.py"))
    stamp: list[object] = []
    for path in files:
        try:
            info = path.stat()
        except OSError:
            continue
        stamp.append(
            [path.relative_to(path.parent.parent).as_posix(), info.st_size, info.st_mtime_ns]
        )
    return stamp
