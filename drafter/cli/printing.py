"""What the command line prints: lines of styled text, tables and JSON, through rich on a
terminal and as plain text otherwise; every value from the user's files with its control
characters shown, never obeyed."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from drafter.errors import visible
from drafter.filing.wordcount import WordCount
from drafter.model import Issue

if TYPE_CHECKING:
    from rich.console import Console

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
MAX_KEY_WIDTH = 60  # a table's first column (an id) is kept whole on one line up to this width
DRAWN_ROWS = 500  # a longer list is printed as aligned columns, not drawn as a rich table
Segment = tuple[str, str | None]  # text and its rich style


def _console(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def _emit(*segments: Segment, stderr: bool = True) -> None:
    """One line of styled text: through rich on a terminal, plain text otherwise."""
    stream = sys.stderr if stderr else sys.stdout
    if stream.isatty():
        from rich.text import Text

        parts = [(visible(text), style or "") for text, style in segments]
        _console(stderr).print(Text.assemble(*parts))
    else:
        stream.write(visible("".join(text for text, _ in segments)) + "\n")


def _cell(value: object) -> str:
    """A value from the user's files as a rich Table cell: never markup, controls visible."""
    from rich.markup import escape

    if isinstance(value, list):
        value = ", ".join(map(str, value))
    return escape(visible("" if value is None else str(value), keep="\n"))


def _field(value: object) -> str:
    """A value as one tab-separated field: whole, on one line, its tabs, newlines and other
    controls written as visible escapes."""
    if isinstance(value, (list, tuple)):
        value = ", ".join(map(str, value))
    return visible("" if value is None else str(value))


def _records(rows: Iterable[Sequence[object]]) -> None:
    """Rows as `ls` and `git` print them to a pipe: one line each, tab-separated, nothing cut."""
    sys.stdout.write("".join("\t".join(map(_field, row)) + "\n" for row in rows))


def _table(
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    title: str | None = None,
    caption: str | None = None,
) -> None:
    """Rows with their headers: a rich table on a terminal (the first column, an id or a name,
    kept whole while the other columns wrap), plain records otherwise. A long list on a terminal
    is aligned columns under a header line: a rich table of 10,000 rows takes seconds."""
    if not sys.stdout.isatty():
        _records(rows)
        return
    if len(rows) > DRAWN_ROWS:
        _columns(headers, rows, title)
        return
    from rich.table import Table

    cells = [list(map(_cell, row)) for row in rows]
    widest = max((len(row[0]) for row in cells if row), default=0)
    table = Table(title=title, caption=caption)
    table.add_column(headers[0], no_wrap=True, min_width=min(widest, MAX_KEY_WIDTH))
    for header in headers[1:]:
        table.add_column(header, overflow="fold")  # a long value wraps, never cut with …
    for row in cells:
        table.add_row(*row)
    _console().print(table)


def _columns(headers: Sequence[str], rows: Sequence[Sequence[object]], title: str | None) -> None:
    """Rows as aligned columns, in one pass: each column as wide as its widest value up to
    MAX_KEY_WIDTH (a wider value is kept whole), the last one as it is."""
    fields = [list(map(_field, row)) for row in rows]
    widths = [
        min(MAX_KEY_WIDTH, max([len(h), *(len(r[n]) for r in fields if n < len(r))]))
        for n, h in enumerate(headers[:-1])
    ]

    def line(cells: Sequence[str]) -> str:
        padded = [c.ljust(w) for c, w in zip(cells, widths, strict=False)]
        return "  ".join([*padded, *cells[len(widths) :]]).rstrip()

    head = ([title, ""] if title else []) + [line(headers)]
    sys.stdout.write("\n".join([*head, *map(line, fields)]) + "\n")


def _json(value: object) -> str:
    """JSON for stdout: anything `visible` would escape is written as a \\u escape, so the
    text parses the same and a terminal showing it is never driven by it."""
    text = json.dumps(value, indent=2, ensure_ascii=False)
    if text.replace("\n", "").isprintable():
        return text
    import re  # only the characters outside printable ASCII are looked at, one by one

    def shown(match: re.Match[str]) -> str:
        char = match[0]
        return char if visible(char) == char else json.dumps(char)[1:-1]

    return re.sub(r"[^\n -~]", shown, text)


def _print_counts(counts: WordCount) -> None:
    """The word count by part, with the alternative count and the limit; piped, numbers only,
    the limit and the count without title and notes as records of their own."""
    rows: list[tuple[object, ...]] = [
        (counts.labels.get(part, part), words, counts.alternative_parts.get(part, 0))
        for part, words in counts.parts.items()
    ]
    if not sys.stdout.isatty():
        rows.append(("total", counts.conservative, counts.alternative))
        rows += [("limit", counts.limit, "")] if counts.limit else []
        _records([*rows, ("without title and notes", counts.body_only, "")])
        return
    total = f"{counts.conservative}" + (f" / {counts.limit}" if counts.limit else "")
    _table(
        ("part", "words", "alternative"),
        [*rows, ("total", total, counts.alternative)],
        title="Word count (Rule 14a-8(d))" if counts.limit else "Word count",
        caption=f"without title and notes: {counts.body_only}",
    )


def _print_issues(issues: Sequence[Issue], quiet_info: bool = False, stderr: bool = True) -> None:
    """One line per issue, `file:line: severity: message [code]`; `quiet_info` leaves out
    the informational ones."""
    for issue in issues:
        if quiet_info and issue.severity == "info":
            continue
        where = f"{issue.location}: " if issue.location and issue.location.path else ""
        _emit(
            (where, None),
            (issue.severity, SEVERITY_STYLE[issue.severity]),
            (f": {issue.message} ", None),
            (f"[{issue.code}]", "dim"),
            stderr=stderr,
        )
