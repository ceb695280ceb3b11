"""The verbs for writing a draft: `list` browses the library, `new` starts a draft from a
template, and `edit` opens the terminal editor."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from drafter.cli.exit_codes import BAD_INPUT, OK
from drafter.cli.printing import _emit, _json, _table
from drafter.library.listing import list_entries
from drafter.pipeline import create_draft, open_library

COLUMNS = {
    "clauses": ("id", "kind", "title", "tags"),
    "citations": ("id", "type", "year", "title"),
    "styles": ("name", "title", "source"),
    "templates": ("name", "description", "sections", "orders"),
}  # the table's columns for each kind of entry


def _list(args: argparse.Namespace) -> int:
    rows = list_entries(open_library(args.library), args.what, tag=args.tag, search=args.search)
    if args.json:
        print(_json(rows))
        return OK
    columns = COLUMNS[args.what]
    _table(columns, [[row[c] for c in columns] for row in rows], title=f"{len(rows)} {args.what}")
    return OK


def _new(args: argparse.Namespace) -> int:
    path = create_draft(args.template, args.file, open_library(args.library), force=args.force)
    _emit(("created", "green"), (f" {path} — next: drafter check {path}", None))
    return OK


def _edit(args: argparse.Namespace) -> int:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):  # a script would hang on the editor
        what = "drafter edit: the editor needs a terminal, and this command has none"
        sys.stderr.write(f"{what} — run it in a terminal, or use drafter build or check\n")
        return BAD_INPUT
    from drafter.tui import create_app  # Textual loads only for the editor

    path = args.draft or Path("untitled.toml")
    create_app(path, args.library, template=args.template, allow=args.allow_path).run()
    return OK
