"""The `signatories` verb's chores on a signatory list file: `check` (duplicates, consent,
counts), `merge` (new sign-ups added) and `import` (a sign-up form export read into drafter's
columns), each one function of `kinds.signatory_files`."""

from __future__ import annotations

import argparse

from drafter.cli.exit_codes import CHECKS_FAILED, OK
from drafter.cli.printing import _emit
from drafter.kinds.signatory_files import check_list, import_list, merge_lists


def _signatories_check(args: argparse.Namespace) -> int:
    found = check_list(args.file, args.groups)
    for duplicate in found.duplicates:
        where = f"{args.file}:{duplicate.second.line}: "
        what = f": {duplicate.describe()}"
        _emit((where, None), ("duplicate", "yellow"), (what, None), stderr=False)
    for signer in found.unconsented:
        where = f"{args.file}:{signer.line}: "
        what = f": {signer.display} has no consent date or authorizer"
        _emit((where, None), ("no consent", "yellow"), (what, None), stderr=False)
    arranged = found.arrangement
    sentence = (f"{arranged.sentence()} ", "bold")
    _emit(sentence, (arranged.groups_sentence(), None), stderr=False)
    counts = (
        f"{len(found.duplicates)} suspected duplicates, {len(found.unconsented)} without consent"
    )
    _emit((counts, None), stderr=False)
    return OK if found.clean else CHECKS_FAILED


def _signatories_merge(args: argparse.Namespace) -> int:
    merged = merge_lists(args.file, args.new, args.output, args.library)
    for duplicate in merged.already_listed:
        where = f"{args.new}:{duplicate.second.line}: "
        _emit((where, None), ("already listed", "yellow"), (f": {duplicate.describe()}", None))
    there = len(merged.already_listed)
    said = f" {merged.path} — {merged.added} added, {there} already there"
    _emit(("wrote", "green"), (said, None))
    return OK


def _signatories_import(args: argparse.Namespace) -> int:
    signers = import_list(args.source, args.output, args.force, args.library)
    next_step = f"next: drafter signatories check {args.output}"
    _emit(("wrote", "green"), (f" {args.output} — {len(signers)} signatories; {next_step}", None))
    return OK
