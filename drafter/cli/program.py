"""The drafter program: `main` parses one command line with the argparse tree of verbs and
runs the verb's function, turning errors into drafter's exit codes and one-line messages.

Exit codes: 0 success, 1 checks failed, 2 usage or input error, 70 a bug in drafter, 74 the
output could not be printed. Input
errors print one line, `file:line: what is wrong — fix`, and no traceback unless --debug.
"""

from __future__ import annotations

import argparse
import errno
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from drafter import __version__
from drafter.cli.args import (
    Parser,
    add_global_options_everywhere,
    count_argument,
    day_argument,
    holder_argument,
    lot_argument,
    merge_global_options,
    moved_days_argument,
    names_argument,
    price_argument,
)
from drafter.cli.exit_codes import BAD_INPUT, BUG, PRINT_FAILED
from drafter.errors import DrafterError, excerpt, visible
from drafter.kinds.names import STARTERS
from drafter.library.entries import ENTRY_KINDS
from drafter.output.formats import FORMATS

BUG_MARK = "drafter: bug:"  # how a bug's line starts; the bad-input tests look for it
CLOSED_PIPE = 141  # what a shell reports for a process its reader stopped reading (128 + SIGPIPE)
NO_TERMINAL = (
    "drafter: no verb given, and the editor needs a terminal — name a verb, such as "
    "drafter build DRAFT.toml (drafter --help lists them)\n"
)
TEMPLATES = ", ".join(STARTERS) + " or a template of your library"


def run() -> None:
    """The console script: run, flush, and leave without a final garbage collection."""
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError as error:  # the last of the output: a closed pipe or a full disk
        code = _output_failed(error, debug=False)
    import gc

    gc.freeze()  # nothing left to free that the process exit does not; saves ~50 ms
    raise SystemExit(code)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line `argv` (default: the process's); its exit code."""
    parser = build_parser()
    try:
        args = merge_global_options(parser.parse_args(argv))
    except SystemExit as done:  # --help, --version, or a usage error already printed as one line
        return done.code if isinstance(done.code, int) else BAD_INPUT
    if not getattr(args, "verb", None):  # plain `drafter` opens the editor on a new draft
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            parser.print_usage(sys.stderr)
            sys.stderr.write(NO_TERMINAL)
            return BAD_INPUT
        args.draft, args.template, args.run = None, "proposal", "authoring_verbs:_edit"
    from drafter.files.guard import start_run

    start_run()  # each command is one run: no file an earlier one read counts
    try:
        return int(verb_function(args.run)(args))
    except DrafterError as error:
        if args.debug:
            raise
        sys.stderr.write(error.one_line() + "\n")
        return BAD_INPUT
    except KeyboardInterrupt:
        sys.stderr.write("drafter: interrupted\n")
        return 130
    except OSError as error:
        return _output_failed(error, args.debug)
    except Exception as error:  # a bug in drafter, never bad input: one line asking for a report
        return _bug(error, args.debug)


def verb_function(name: str) -> Callable[[argparse.Namespace], int]:
    """The function a verb runs, from its `module:function` name in `drafter.cli`: each verb's
    module (and what it needs) loads only when that verb runs."""
    module, function = name.split(":")
    found: Callable[[argparse.Namespace], int] = getattr(
        importlib.import_module(f"drafter.cli.{module}"), function
    )
    return found


def _bug(error: Exception, debug: bool) -> int:
    if debug:
        raise error
    sys.stderr.write(bug_report_line(error))
    return BUG


def _output_failed(error: OSError, debug: bool) -> int:
    """An OSError that reached the top: stdout's reader left (`| head`: leave quietly), or the
    disk behind stdout is full (one line); anything else is a bug. Files drafter writes report
    their own errors, so what is left is printing."""
    if isinstance(error, BrokenPipeError) or error.errno == errno.EPIPE:
        return _closed_pipe() if _stdout_broken() else _bug(error, debug)
    if error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO) and not debug:
        what = visible(error.strerror or str(error))
        sys.stderr.write(
            f"drafter: cannot write the output ({what}) — free some space, or send it elsewhere\n"
        )
        return PRINT_FAILED
    return _bug(error, debug)


def _stdout_broken() -> bool:
    """Whether stdout is a pipe its reader has closed (not some other pipe, such as a campaign
    worker's); True when that cannot be told, as for a test's captured output."""
    try:
        import select

        poll = select.poll()
        poll.register(sys.stdout.fileno(), select.POLLOUT)
        return any(event & (select.POLLERR | select.POLLHUP) for _, event in poll.poll(0))
    except (AttributeError, OSError, ValueError):
        return True


def _closed_pipe() -> int:
    """Point stdout at /dev/null, so the interpreter's last flush finds no pipe to fail on."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no file descriptor behind stdout (a test's capture)
        pass
    return CLOSED_PIPE


def bug_report_line(error: BaseException) -> str:
    """The one line a bug prints: what failed, and how to report it."""
    what = excerpt(" ".join(f"{type(error).__name__}: {error}".split()), 300)
    return (
        f"{BUG_MARK} {what} — this is drafter's fault, not your files'; please report it with "
        "the command and the output of the same command with --debug\n"
    )


def build_parser() -> argparse.ArgumentParser:
    """The argparse tree: every verb and chore, its arguments, and the function that runs it."""
    parser = Parser(
        prog="drafter",
        description="Assemble shareholder proposals and coalition letters from a clause library.",
    )
    parser.add_argument("--version", action="version", version=f"drafter {__version__}")
    verbs = parser.add_subparsers(dest="verb", metavar="VERB")

    build = verbs.add_parser("build", help="build drafts into documents")
    build.add_argument("drafts", nargs="+", type=Path, metavar="DRAFT.toml")
    build.add_argument("-o", "--output", type=Path, help="output file (one draft only)")
    build.add_argument(
        "--format", choices=FORMATS, help="output format (default: from -o, else docx)"
    )
    build.add_argument("--style", help="citation style for this build, overriding the draft's")
    build.add_argument(
        "--reference-doc",
        type=Path,
        metavar="FILE.docx",
        help="take styles, page setup, header and footer from this Word document",
    )
    build.add_argument(
        "--force", action="store_true", help="write even if the output is open in a word processor"
    )
    build.add_argument("--out-dir", type=Path, help="campaigns: the folder for one file per target")
    build.add_argument(
        "--jobs", type=count_argument, help="campaigns: processes to build with (default: cores)"
    )
    build.add_argument(
        "--fail-fast", action="store_true", help="campaigns: stop at the first target that fails"
    )
    build.add_argument("--json", action="store_true", help="campaigns: print the summary as JSON")
    build.add_argument(
        "--only-consented",
        action="store_true",
        default=None,
        help="letters: leave out signatories without a consent record",
    )
    build.set_defaults(run="build_verbs:_build")

    check = verbs.add_parser("check", help="run every check on a draft")
    check.add_argument("draft", type=Path, metavar="DRAFT.toml")
    check.add_argument("--json", action="store_true", help="print the result as JSON")
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.add_argument("--style", help="citation style to count notes with")
    check.set_defaults(run="build_verbs:_check")

    listing = verbs.add_parser("list", help="browse the library")
    listing.add_argument("what", choices=ENTRY_KINDS)
    listing.add_argument("--tag", help="only clauses with this tag")
    listing.add_argument("--search", "-s", help="only entries containing this text")
    listing.add_argument("--json", action="store_true", help="print JSON records")
    listing.set_defaults(run="authoring_verbs:_list")

    edit = verbs.add_parser("edit", help="draft in the terminal editor")
    edit.add_argument("draft", nargs="?", type=Path, metavar="DRAFT.toml")
    edit.add_argument(
        "--template",
        default="proposal",
        metavar="TEMPLATE",
        help=f"template for a new draft: {TEMPLATES} (default: proposal)",
    )
    edit.set_defaults(run="authoring_verbs:_edit")

    signers = verbs.add_parser("signatories", help="check, merge or import a signatory list")
    chores = signers.add_subparsers(dest="chore", metavar="CHORE", required=True)
    check_list = chores.add_parser("check", help="duplicates, consent, counts")
    check_list.add_argument("file", type=Path, metavar="SIGNERS.csv")
    check_list.add_argument(
        "--groups", type=names_argument, default="", help="group order, comma-separated"
    )
    check_list.set_defaults(run="signatory_verbs:_signatories_check")
    merge_list = chores.add_parser("merge", help="add new sign-ups to a list, reporting duplicates")
    merge_list.add_argument("file", type=Path, metavar="SIGNERS.csv")
    merge_list.add_argument("new", type=Path, metavar="NEW.csv")
    merge_list.add_argument("-o", "--output", type=Path, help="write here instead of SIGNERS.csv")
    merge_list.set_defaults(run="signatory_verbs:_signatories_merge")
    import_list = chores.add_parser(
        "import", help="read a sign-up form export into drafter's columns"
    )
    import_list.add_argument("source", type=Path, metavar="EXPORT.csv")
    import_list.add_argument("-o", "--output", type=Path, required=True, metavar="SIGNERS.csv")
    import_list.add_argument("--force", action="store_true", help="overwrite an existing file")
    import_list.set_defaults(run="signatory_verbs:_signatories_import")

    rev = verbs.add_parser("review", help="harvest reviewers' comments and changes")
    rev.add_argument("draft", type=Path, metavar="DRAFT.toml")
    rev.add_argument("returned", nargs="+", type=Path, metavar="RETURNED.docx")
    rev.add_argument("--format", choices=("table", "md", "json"), default="table")
    rev.add_argument(
        "--apply", action="store_true", help="write the accepted text as a new draft version"
    )
    rev.add_argument(
        "--reviewer",
        action="append",
        default=[],
        help="apply only this reviewer's changes (repeatable)",
    )
    rev.add_argument(
        "-o", "--output", type=Path, help="where --apply writes (default DRAFT.reviewed.toml)"
    )
    rev.add_argument(
        "--merge-comments",
        type=Path,
        metavar="OUT.docx",
        help="write the draft as DOCX carrying every reviewer's comments",
    )
    rev.set_defaults(run="review_verb:_review")

    due = verbs.add_parser("deadline", help="Rule 14a-8(e) submission deadline")
    due.add_argument(
        "--last-proxy-date", type=day_argument("the date"), required=True, metavar="YYYY-MM-DD"
    )
    due.add_argument("--meeting-moved-days", type=moved_days_argument, default=0, metavar="N")
    due.add_argument("--disclosed-deadline", type=day_argument("the date"), metavar="YYYY-MM-DD")
    due.add_argument("--json", action="store_true")
    due.set_defaults(run="filing_verbs:_deadline")

    held = verbs.add_parser("eligibility", help="Rule 14a-8(b) ownership tiers")
    held.add_argument(
        "--submission", type=day_argument("the date"), required=True, metavar="YYYY-MM-DD"
    )
    held.add_argument(
        "--high-price",
        type=price_argument,
        required=True,
        metavar="PRICE",
        help="highest selling price in the 60 days before submission",
    )
    held.add_argument(
        "--lot",
        action="append",
        default=[],
        type=lot_argument,
        metavar="SHARES@YYYY-MM-DD",
        help="a lot of shares and the day it was bought (repeatable)",
    )
    held.add_argument(
        "--holder", type=holder_argument, default="proponent", help="name for the --lot holdings"
    )
    holdings = "[[holders]] with name and lots = [{ shares, acquired }]: co-filers, each alone"
    held.add_argument("--holdings", type=Path, metavar="FILE.toml", help=holdings)
    held.add_argument("--json", action="store_true")
    held.set_defaults(run="filing_verbs:_eligibility")

    kit = verbs.add_parser("packet", help="the papers that go with a proposal")
    kit.add_argument("draft", type=Path, metavar="DRAFT.toml")
    kit.add_argument("--out-dir", type=Path, required=True, metavar="DIR")
    kit.add_argument("--reference-doc", type=Path, metavar="FILE.docx")
    kit.set_defaults(run="build_verbs:_packet")

    new = verbs.add_parser("new", help="start a draft from a template")
    new.add_argument("template", metavar="TEMPLATE", help=TEMPLATES)
    new.add_argument("file", type=Path, metavar="FILE.toml")
    new.add_argument("--force", action="store_true", help="overwrite an existing file")
    new.set_defaults(run="authoring_verbs:_new")
    add_global_options_everywhere(parser)
    return parser
