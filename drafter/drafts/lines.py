"""Where a draft's text writes its keys: the lines of its top-level keys and sections, read when
it is loaded, and the lines of keys inside its tables, `[[name]]` headers and `[vars]` entries,
for errors found after loading. Lines come from the text the draft was read from."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from drafter.errors import DraftError
from drafter.files.reading import (
    array_headers,
    assigned_line,
    index_lines,
    line_in_table,
    line_of,
    read_text,
)
from drafter.model import Draft, LineIndex


def top_level_lines(
    text: str, data: dict[str, Any], index: LineIndex | None = None
) -> dict[str, int]:
    """Lines of top-level keys, the [vars]/[sections] headers and each section's list, from
    the text's line index (one pass over the text, not a pattern per key)."""
    index = index or index_lines(text)
    lines: dict[str, int] = {}
    first_table = index.tables[0] if index.tables else 10**9
    headers = _table_headers(index)
    for key in data:
        number = assigned_line(index, key, 1)
        if number and number < first_table:
            lines[key] = number
        header = headers.get(key)
        if header is None and not _BARE.fullmatch(key):  # a quoted table name: line by line
            header = line_of(text, rf"^\s*\[\[?\s*{re.escape(key)}\s*\]")
        if header:
            lines[key] = header
    sections = data.get("sections")
    if isinstance(sections, dict):
        for name in sections:
            number = assigned_line(index, name, lines.get("sections", 1))
            if number is None:
                number = assigned_line(index, f"sections.{name}", 1)
            if number:
                lines[f"sections.{name}"] = number
    return lines


_BARE = re.compile(r"[A-Za-z0-9_-]+")
_HEADER = re.compile(r"\s*\[\[?\s*([A-Za-z0-9_-]+)\s*\]")


def _table_headers(index: LineIndex) -> dict[str, int]:
    """The first line of each `[name]` or `[[name]]` header with a bare name."""
    headers: dict[str, int] = {}
    for number in index.tables:
        if match := _HEADER.match(index.lines[number - 1]):
            headers.setdefault(match[1], number)
    return headers


def vars_line(lines: LineIndex, name: str, key_lines: Mapping[str, int]) -> int:
    start = key_lines.get("vars", 1)
    return assigned_line(lines, name, start) or start


def table_key_line(draft: Draft, table: str, key: str = "") -> int | None:
    """The line of `key` inside the draft's `[table]` (or of the table itself), for errors."""
    start = draft.key_lines.get(table)
    lines = _lines_of(draft) if key and start is not None else None
    if lines is None or start is None:
        return start
    return line_in_table(lines, key, start) or start


def array_table_lines(draft: Draft, name: str) -> list[int]:
    """The line of each `[[name]]` header in the draft's file, in order."""
    lines = _lines_of(draft)
    return [] if lines is None else array_headers(lines, name)


def var_line(draft: Draft, name: str) -> int | None:
    """The line of a draft variable in the draft's file, if it can be found."""
    lines = _lines_of(draft)
    return None if lines is None else vars_line(lines, name, draft.key_lines)


def _lines_of(draft: Draft) -> LineIndex | None:
    """Where the draft's file writes its keys: recorded when the draft was read; for a draft
    made in memory, found in its file. None without a file, or when it cannot be read."""
    if draft.path is None:
        return None
    if draft.lines is not None:
        return draft.lines
    try:
        return index_lines(read_text(draft.path, DraftError))
    except DraftError:
        return None
