"""What the command line prints: lines of styled text, tables and JSON, through rich on a
terminal and as plain text otherwise; every value from the user's files with its control
characters shown, never obeyed."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from drafter.errors import visible
from drafter.filing.wordcount import WordCount
from drafter.model import Issue

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
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


def _json(value: object) -> str:
    """JSON for stdout: anything `visible` would escape is written as a \\u escape, so the
    text parses the same and a terminal showing it is never driven by it."""
    text = json.dumps(value, indent=2, ensure_ascii=False)
    if text.replace("\n", "").isprintable():
        return text
    return "".join(c if c == "\n" or visible(c) == c else json.dumps(c)[1:-1] for c in text)


def _counts_table(counts: WordCount) -> Table:
    """The word count by part, with the alternative count and the limit."""
    from rich.table import Table

    table = Table(
        "part",
        "words",
        "alternative",
        title="Word count (Rule 14a-8(d))" if counts.limit else "Word count",
    )
    for part, words in counts.parts.items():
        table.add_row(
            _cell(counts.labels.get(part, part)),
            str(words),
            str(counts.alternative_parts.get(part, 0)),
        )
    total = f"{counts.conservative}" + (f" / {counts.limit}" if counts.limit else "")
    table.add_row("[bold]total[/]", f"[bold]{total}[/]", str(counts.alternative))
    table.caption = f"without title and notes: {counts.body_only}"
    return table


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
