"""BibTeX `@string` macros and the budget on what `#` joins expand to: no field longer than
MAX_FIELD_CHARS, no file's fields together longer than MAX_FILE_CHARS, checked before joining."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from drafter.errors import CitationError

MAX_FIELD_CHARS = 200_000  # one field (or @string) value, after its macros are expanded
MAX_FILE_CHARS = 16_000_000  # every value of one file together (its text alone is under 8 MB)
FIX = "write the text out; @string macros are for short names used in many entries"


class Macros:
    """The macros defined so far in one file, and the characters its values have used."""

    def __init__(self, path: Path | str | None, predefined: Mapping[str, str]) -> None:
        self.path = path
        self.values: dict[str, str] = dict(predefined)
        self.used = 0

    def __contains__(self, name: object) -> bool:
        return name in self.values

    def __getitem__(self, name: str) -> str:
        return self.values[name]

    def names(self) -> list[str]:
        """Every defined macro name (for suggestions)."""
        return list(self.values)

    def define(self, name: str, value: str) -> None:
        """Define (or redefine) `@string{name = value}`."""
        self.values[name] = value

    def check_part(self, size: int, what: str, line: int) -> None:
        """Refuse a value (`what`: "field 'title'") at `line` that has grown to `size` characters."""
        if size > MAX_FIELD_CHARS:
            raise CitationError(
                f"{what} expands to more than {MAX_FIELD_CHARS:,} characters",
                self.path,
                line,
                FIX,
            )

    def join(self, parts: list[str], what: str, line: int) -> str:
        """The value `parts` make, counted against the file's budget."""
        size = sum(map(len, parts))
        self.check_part(size, what, line)
        self.used += size
        if self.used > MAX_FILE_CHARS:
            raise CitationError(
                f"the file's fields expand to more than {MAX_FILE_CHARS:,} characters "
                f"(reached at {what})",
                self.path,
                line,
                FIX,
            )
        return "".join(parts)
