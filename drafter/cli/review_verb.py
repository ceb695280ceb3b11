"""The `review` verb: reviewers' comments and changes reported as a table, Markdown or JSON,
then the merged comments and the applied version written (`review.harvest.prepare_review`)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from drafter.cli.exit_codes import CHECKS_FAILED, OK
from drafter.cli.printing import Segment, _cell, _console, _emit, _json, _records
from drafter.errors import visible

if TYPE_CHECKING:
    from drafter.review.harvest import Harvest


def _review(args: argparse.Namespace) -> int:
    from drafter.review.harvest import prepare_review  # loads only for a review

    run = prepare_review(
        args.draft,
        args.returned,
        args.library,
        args.allow_path,
        apply=args.apply,
        reviewers=args.reviewer,
        output=args.output,
        merge_comments=args.merge_comments,
    )  # a refused output stops it before the report
    deferred = _print_review(args.format, run.harvest)
    merged = run.write_comments()
    applied = run.write_applied()
    for relation in deferred:  # piped: what each file is, on stderr once everything is written
        _emit(*relation)
    if merged is not None:
        out, count, placed = merged
        said = f" {out} — {count} comments, {placed} on their own words"
        _emit(("wrote", "green"), (said, None))
    if applied is None:
        return OK
    if applied.path is None:
        whose = "the chosen reviewers" if args.reviewer else "the returned files"
        _emit(("nothing to apply", "bold"), (f": {whose} change no text; wrote nothing", None))
    else:
        changed = ", ".join(applied.changed) or "the title"
        _emit(("wrote", "green"), (f" {applied.path} — accepted text in {changed}", None))
    for line in applied.refused:  # a note edit that cannot be a citation's affix: said
        _emit((f"{args.draft}: ", None), ("warning", "yellow"), (f": {line}", None))
    return CHECKS_FAILED if applied.refused else OK


def _print_review(form: str, result: Harvest) -> list[list[Segment]]:
    """The report as JSON, Markdown, or each file's relation to the draft and then the edits:
    a table on a terminal; piped (or long), one tab-separated record per edit, and the files'
    relations returned to be said on stderr, so stdout holds records only."""
    if form == "json":
        print(_json(result.to_dict()))
        return []
    if form == "md":
        from drafter.review.harvest import as_markdown

        print(visible(as_markdown(result), keep="\n\t"), end="")
        return []
    from drafter.review.harvest import NOTHING
    from drafter.review.table import DRAWN_ROWS, HEADERS, review_rows

    piped = not sys.stdout.isatty()
    relations: list[list[Segment]] = []
    for name, file in result.files:
        found = result.review.provenance[name]
        relations.append(
            [(f"{name}: ", None), (NOTHING, "bold")]
            if not file.changes and not file.remarks
            else [(f"{name}: ", None), (found.relation, "bold"), (f" — {found.detail}", None)]
        )
    if not piped:
        for said in relations:
            _emit(*said, stderr=False)
    rows = review_rows(result)
    if piped or len(rows) > DRAWN_ROWS:  # a rich table of 20,000 rows takes a minute
        _records(row.cells() for row in rows)
        return relations if piped else []
    if rows:
        from rich.table import Table

        table = Table(*HEADERS, title="Review", show_lines=True)
        for row in rows:
            label = _cell(row.item) + ("\n[bold red]conflict[/]" if row.conflict else "")
            cells = (_cell(row.where), _cell(row.reviewer), row.kind, _cell(row.text))
            table.add_row(label, *cells, row.placed_by)
        _console().print(table)
    return []
