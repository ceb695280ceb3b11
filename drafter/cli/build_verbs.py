"""The verbs that build drafts: `build` (drafts, or a campaign's targets), `check` and `packet`.
Each calls one function of `output.export` or `campaign.batch` and prints what it returns;
the campaign's module (and multiprocessing) loads only for a campaign."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.cli.exit_codes import CHECKS_FAILED, OK
from drafter.cli.printing import _console, _emit, _json, _print_counts, _print_issues, _table
from drafter.output.export import campaign_among, check_file, prepare_builds, prepare_packet

if TYPE_CHECKING:
    from drafter.campaign.batch import CampaignResult


def _build(args: argparse.Namespace) -> int:
    campaign = campaign_among(args.drafts)
    if campaign is not None:
        return _build_campaign(args, campaign)
    return _build_drafts(args)


def _build_campaign(args: argparse.Namespace, path: Path) -> int:
    from drafter.campaign.batch import prepare_campaign  # multiprocessing loads only for campaigns

    campaign = prepare_campaign(
        path,
        args.library,
        output=args.output,
        out_dir=args.out_dir,
        fmt=args.format,
        force=args.force,
        fail_fast=args.fail_fast,
        jobs=args.jobs,
        reference_doc=args.reference_doc,
        only_consented=args.only_consented,
        allow=args.allow_path,
    )
    if sys.stderr.isatty() and not args.json:
        from rich.progress import Progress

        with Progress(console=_console(stderr=True), transient=True) as bar:
            task = bar.add_task("building", total=None)
            result = campaign.build(lambda _row: bar.advance(task))
    else:
        result = campaign.build()
    if args.json:
        print(_json(result.rows))
    else:
        _print_campaign(result)
    return OK if result.ok else CHECKS_FAILED


def _print_campaign(result: CampaignResult) -> None:
    """The targets: status, words, notes, issues and output file."""
    headers = ("target", "status", "words", "notes", "issues", "output")
    rows = []
    for row in result.rows:
        issues = row["problem"] or f"{row['errors']} errors, {row['warnings']} warnings"
        rows.append(
            (row["target"], row["status"], row["words"] or "", row["notes"], issues, row["output"])
        )
    _table(headers, rows, title=f"{len(result.rows)} targets")


def _build_drafts(args: argparse.Namespace) -> int:
    builds = prepare_builds(
        args.drafts,
        args.library,
        output=args.output,
        fmt=args.format,
        style=args.style,
        reference_doc=args.reference_doc,
        force=args.force,
        only_consented=args.only_consented,
        allow=args.allow_path,
    )
    status = OK
    for built in builds:
        out = built.output.write()  # every output checked and rendered: only the disk can fail now
        result = built.result
        _print_issues(result.issues, quiet_info=True)
        words = f"{result.counts.conservative} words" if result.counts else ""
        limit = f" (limit {result.counts.limit})" if result.counts and result.counts.limit else ""
        notes = f", {len(result.document.notes)} notes" if result.document.notes else ""
        _emit(("wrote", "green"), (f" {out} — {words}{limit}{notes}", None))
        if result.errors:
            status = CHECKS_FAILED
    return status


def _check(args: argparse.Namespace) -> int:
    check = check_file(
        args.draft, args.library, style=args.style, strict=args.strict, allow=args.allow_path
    )
    if args.json:
        print(_json(check.to_dict()))
        return CHECKS_FAILED if check.failed else OK
    result = check.result
    if result.counts:
        _print_counts(result.counts)
    _print_issues(result.issues, stderr=False)
    errors, warnings = len(result.errors), len(result.warnings)
    verdict = ("fails", "bold red") if check.failed else ("passes", "green")
    _emit(
        (f"{args.draft} ", None),
        verdict,
        (f": {errors} errors, {warnings} warnings", None),
        stderr=False,
    )
    return CHECKS_FAILED if check.failed else OK


def _packet(args: argparse.Namespace) -> int:
    packet = prepare_packet(
        args.draft, args.out_dir, args.reference_doc, args.library, args.allow_path
    )
    for out in packet.write():
        _emit(("wrote", "green"), (f" {out}", None))
    _print_issues(packet.result.issues, quiet_info=True)
    return CHECKS_FAILED if packet.result.errors else OK
