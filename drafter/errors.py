"""The DrafterError family: every input problem carries a file, a line and a one-line message."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


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
        text = f"{where}{self.message}"
        if self.fix:
            text += f" — {self.fix}"
        return " ".join(text.split())

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
