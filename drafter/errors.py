"""The DrafterError family: every input problem carries a file, a line and a one-line message."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

EXCERPT = 60  # characters of the user's text an error quotes at most
_LONGEST = 400  # a message or fix longer than this is cut (a net under quoted())
_KEPT_FORMAT = {"\u200c", "\u200d"}  # ZWNJ and ZWJ: Persian, Indic scripts, emoji sequences
_SPACES = re.compile(r"[ \t\n\r]+")


def _shown(char: str) -> str:
    if char in _KEPT_FORMAT:
        return char
    if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zl", "Zp"):
        code = ord(char)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    return char


def visible(text: str, keep: str = "") -> str:
    """`text` with control, format and line-separator characters written as visible escapes
    (`\\x1b`, `\\u202e`), so it cannot drive a terminal or reorder what is shown; letters of
    every script, accents and emoji are kept. Characters in `keep` (e.g. newline) pass as they are."""
    if text.isprintable():
        return text  # the common case: nothing to escape
    return "".join(c if c in keep else _shown(c) for c in text)


def excerpt(text: object, limit: int = EXCERPT) -> str:
    """The user's text as an error may echo it: escaped, and cut to `limit` characters with …."""
    text = str(text)
    return visible(text) if len(text) <= limit else visible(text[: limit - 1]) + "…"


def quoted(text: object, limit: int = EXCERPT) -> str:
    """`excerpt` in single quotes: how a message names a value the user wrote."""
    return f"'{excerpt(text, limit)}'"


def _cut(text: str) -> str:
    return text if len(text) <= _LONGEST else text[: _LONGEST - 1] + "…"


@dataclass
class DrafterError(Exception):
    """A problem with the user's input, reported as `file:line: message — fix`."""

    message: str
    path: Path | str | None = None
    line: int | None = None
    fix: str | None = None

    def __post_init__(self) -> None:
        super().__init__(self.message)

    def one_line(self) -> str:
        """The error as the single line the CLI prints."""
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line or 1}: "
        text = f"{where}{_cut(self.message)}"
        if self.fix:
            text += f" — {_cut(self.fix)}"
        return visible(_SPACES.sub(" ", text).strip())

    def __str__(self) -> str:
        return self.one_line()


class DraftError(DrafterError):
    """A draft TOML file is malformed or refers to something that does not exist."""


class LibraryError(DrafterError):
    """A clause, citation or template file in a library is malformed."""


class TemplateError(DrafterError):
    """A clause body fails to render (Jinja2 syntax, undefined or unsafe access)."""


class CitationError(DrafterError):
    """A citation key, source record or CSL style cannot be used."""


class OutputError(DrafterError):
    """An output file cannot be written."""
