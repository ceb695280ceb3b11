"""The command line: argparse verbs, each a thin wrapper over one core call, printed with rich.

Exit codes: 0 success, 1 checks failed, 2 usage or input error. Input errors print one line,
`file:line: what is wrong — fix`, and no traceback unless --debug.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from drafter.filing.rules import Lot

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
    price_argument,
)
from drafter.errors import DrafterError, excerpt, visible
from drafter.files.atomic import make_folder, write_atomic
from drafter.files.guard import Output, check_outputs, same_file, start_run
from drafter.filing.wordcount import WordCount
from drafter.kinds.signatories import arrange, duplicates, merge
from drafter.kinds.signatory_files import read_csv, write_csv
from drafter.library.listing import KINDS, list_entries
from drafter.library.load import library_roots
from drafter.model import Issue
from drafter.output.export import (
    FORMATS,
    OutputOptions,
    check_options,
    default_output,
    format_for,
    render_document,
)
from drafter.pipeline import BuildResult, build_file, build_files, create_draft, open_library

OK, CHECKS_FAILED, BAD_INPUT, BUG = 0, 1, 2, 70  # 70: EX_SOFTWARE, an error inside drafter
BUG_MARK = "drafter: bug:"  # how a bug's line starts; the bad-input tests look for it
SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
Segment = tuple[str, str | None]  # text and its rich style


def run() -> None:
    """The console script: run, flush, and leave without a final garbage collection."""
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    gc.freeze()  # nothing left to free that the process exit does not; saves ~50 ms
    raise SystemExit(code)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = merge_global_options(_parser().parse_args(argv))
    except SystemExit as done:  # --help, --version, or a usage error already printed as one line
        return done.code if isinstance(done.code, int) else BAD_INPUT
    if not getattr(args, "verb", None):  # plain `drafter` opens the editor on a new draft
        args.draft, args.template, args.run = None, "proposal", _edit
    try:
        return int(args.run(args))
    except DrafterError as error:
        if args.debug:
            raise
        sys.stderr.write(error.one_line() + "\n")
        return BAD_INPUT
    except KeyboardInterrupt:
        sys.stderr.write("drafter: interrupted\n")
        return 130
    except Exception as error:  # a bug in drafter, never bad input: one line asking for a report
        if args.debug:
            raise
        sys.stderr.write(bug_report_line(error))
        return BUG


def bug_report_line(error: BaseException) -> str:
    """The one line a bug prints: what failed, and how to report it."""
    what = excerpt(" ".join(f"{type(error).__name__}: {error}".split()), 300)
    return (
        f"{BUG_MARK} {what} — this is drafter's fault, not your files'; please report it with "
        "the command and the output of the same command with --debug\n"
    )


def _parser() -> argparse.ArgumentParser:
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
    build.set_defaults(run=_build)

    check = verbs.add_parser("check", help="run every check on a draft")
    check.add_argument("draft", type=Path, metavar="DRAFT.toml")
    check.add_argument("--json", action="store_true", help="print the result as JSON")
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.add_argument("--style", help="citation style to count notes with")
    check.set_defaults(run=_check)

    listing = verbs.add_parser("list", help="browse the library")
    listing.add_argument("what", choices=KINDS)
    listing.add_argument("--tag", help="only clauses with this tag")
    listing.add_argument("--search", "-s", help="only entries containing this text")
    listing.add_argument("--json", action="store_true", help="print JSON records")
    listing.set_defaults(run=_list)

    edit = verbs.add_parser("edit", help="draft in the terminal editor")
    edit.add_argument("draft", nargs="?", type=Path, metavar="DRAFT.toml")
    edit.add_argument("--template", default="proposal", help="template for a new draft")
    edit.set_defaults(run=_edit)

    signers = verbs.add_parser("signatories", help="check, merge or import a signatory list")
    chores = signers.add_subparsers(dest="chore", metavar="CHORE", required=True)
    check_list = chores.add_parser("check", help="duplicates, consent, counts")
    check_list.add_argument("file", type=Path, metavar="SIGNERS.csv")
    check_list.add_argument("--groups", default="", help="group order, comma-separated")
    check_list.set_defaults(run=_signatories_check)
    merge_list = chores.add_parser("merge", help="add new sign-ups to a list, reporting duplicates")
    merge_list.add_argument("file", type=Path, metavar="SIGNERS.csv")
    merge_list.add_argument("new", type=Path, metavar="NEW.csv")
    merge_list.add_argument("-o", "--output", type=Path, help="write here instead of SIGNERS.csv")
    merge_list.set_defaults(run=_signatories_merge)
    import_list = chores.add_parser(
        "import", help="read a sign-up form export into drafter's columns"
    )
    import_list.add_argument("source", type=Path, metavar="EXPORT.csv")
    import_list.add_argument("-o", "--output", type=Path, required=True, metavar="SIGNERS.csv")
    import_list.add_argument("--force", action="store_true", help="overwrite an existing file")
    import_list.set_defaults(run=_signatories_import)

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
    rev.set_defaults(run=_review)

    due = verbs.add_parser("deadline", help="Rule 14a-8(e) submission deadline")
    due.add_argument(
        "--last-proxy-date", type=day_argument("the date"), required=True, metavar="YYYY-MM-DD"
    )
    due.add_argument("--meeting-moved-days", type=moved_days_argument, default=0, metavar="N")
    due.add_argument("--disclosed-deadline", type=day_argument("the date"), metavar="YYYY-MM-DD")
    due.add_argument("--json", action="store_true")
    due.set_defaults(run=_deadline)

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
    held.add_argument("--holdings", type=Path, metavar="FILE.toml",
                      help="[[holders]] with name and lots = [{ shares, acquired }]: co-filers, each alone")  # fmt: skip
    held.add_argument("--json", action="store_true")
    held.set_defaults(run=_eligibility)

    kit = verbs.add_parser("packet", help="the papers that go with a proposal")
    kit.add_argument("draft", type=Path, metavar="DRAFT.toml")
    kit.add_argument("--out-dir", type=Path, required=True, metavar="DIR")
    kit.add_argument("--reference-doc", type=Path, metavar="FILE.docx")
    kit.set_defaults(run=_packet)

    new = verbs.add_parser("new", help="start a draft from a template")
    new.add_argument("template", metavar="proposal|letter")
    new.add_argument("file", type=Path, metavar="FILE.toml")
    new.add_argument("--force", action="store_true", help="overwrite an existing file")
    new.set_defaults(run=_new)
    add_global_options_everywhere(parser)
    return parser


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


# --- verbs -----------------------------------------------------------------


def _build(args: argparse.Namespace) -> int:
    from drafter.campaign.targets import is_campaign
    from drafter.drafts.file import load_draft

    start_run()
    campaigns = [p for p in args.drafts if is_campaign(load_draft(p, require_content=True))]
    if campaigns:
        if len(args.drafts) > 1:
            raise DrafterError(
                "build one campaign at a time", campaigns[0], None, "name only the campaign file"
            )
        return _build_campaign(args, campaigns[0])
    return _build_drafts(args)


def _build_campaign(args: argparse.Namespace, path: Path) -> int:
    from drafter.campaign.batch import CampaignRun, build_campaign
    from drafter.campaign.targets import check_campaign
    from drafter.drafts.file import load_draft

    if args.output is not None:
        raise DrafterError(
            "-o names one file, but a campaign writes one file per target",
            path,
            None,
            "name the folder for them with --out-dir",
        )
    fmt = format_for(None, args.format)
    check_options(fmt, OutputOptions(reference_doc=args.reference_doc))
    from drafter.library.load import library_roots

    readable = (*library_roots(args.library), *args.allow_path)
    check_campaign(load_draft(path), fmt, readable)  # before the output folder is made
    out_dir = args.out_dir or path.with_suffix("")
    _check_output_folder(out_dir, OutputOptions(reference_doc=args.reference_doc))
    run = CampaignRun(
        out_dir,
        fmt,
        args.force,
        args.fail_fast,
        args.jobs,
        args.reference_doc,
        args.only_consented,
        tuple(args.allow_path),
    )
    if sys.stderr.isatty() and not args.json:
        from rich.progress import Progress

        with Progress(console=_console(stderr=True), transient=True) as bar:
            task = bar.add_task("building", total=None)
            rows = build_campaign(path, run, tuple(args.library), lambda _row: bar.advance(task))
    else:
        rows = build_campaign(path, run, tuple(args.library))
    if args.json:
        print(_json(rows))
    else:
        from rich.table import Table

        table = Table(
            "target", "status", "words", "notes", "issues", "output", title=f"{len(rows)} targets"
        )
        for row in rows:
            issues = row["problem"] or f"{row['errors']} errors, {row['warnings']} warnings"
            table.add_row(
                *map(
                    _cell,
                    (
                        row["target"],
                        row["status"],
                        row["words"] or "",
                        row["notes"],
                        issues,
                        row["output"],
                    ),
                )
            )
        _console().print(table)
    return OK if all(row["ok"] for row in rows) else CHECKS_FAILED


def _build_drafts(args: argparse.Namespace) -> int:
    if args.output and len(args.drafts) > 1:
        raise DrafterError(
            "-o names one output, but several drafts were given", None, None, "drop -o"
        )
    fmt = format_for(args.output, args.format)
    options = OutputOptions(reference_doc=args.reference_doc, force=args.force)
    check_options(fmt, options)
    status = OK
    # every draft is built before anything is written, so bad input in one writes nothing at all
    built = list(
        build_files(
            args.drafts,
            args.library,
            style=args.style,
            only_consented=args.only_consented,
            allow=args.allow_path,
        )
    )
    rendered = [render_document(result.document, fmt, options) for _, result in built]
    outs = [args.output or default_output(draft_path, fmt) for draft_path, _ in built]
    check_outputs(
        [Output(out, fmt, force=args.force) for out in outs],
        library_roots(args.library),
        [args.reference_doc, *(result.style_path for _, result in built)],
    )
    for (_, result), out, data in zip(built, outs, rendered, strict=True):
        write_atomic(out, data)  # every output checked and rendered: only the disk can fail now
        _print_issues(result.issues, quiet_info=True)
        words = f"{result.counts.conservative} words" if result.counts else ""
        limit = f" (limit {result.counts.limit})" if result.counts and result.counts.limit else ""
        notes = f", {len(result.document.notes)} notes" if result.document.notes else ""
        _emit(("wrote", "green"), (f" {out} — {words}{limit}{notes}", None))
        if result.errors:
            status = CHECKS_FAILED
    return status


def _check(args: argparse.Namespace) -> int:
    _require_content(args.draft)
    result = build_file(args.draft, args.library, style=args.style, allow=args.allow_path)
    failed = bool(result.errors) or (args.strict and bool(result.warnings))
    if args.json:
        print(_json(_check_json(args.draft, result, failed)))
    else:
        if result.counts:
            _console().print(_counts_table(result.counts))
        _print_issues(result.issues, stderr=False)
        errors, warnings = len(result.errors), len(result.warnings)
        verdict = ("fails", "bold red") if failed else ("passes", "green")
        _emit(
            (f"{args.draft} ", None),
            verdict,
            (f": {errors} errors, {warnings} warnings", None),
            stderr=False,
        )
    return CHECKS_FAILED if failed else OK


def _list(args: argparse.Namespace) -> int:
    rows = list_entries(open_library(args.library), args.what, tag=args.tag, search=args.search)
    if args.json:
        print(_json(rows))
        return OK
    columns = {
        "clauses": ("id", "kind", "title", "tags"),
        "citations": ("id", "type", "year", "title"),
        "styles": ("name", "title", "source"),
        "templates": ("name", "description", "sections", "orders"),
    }[args.what]
    from rich.table import Table

    table = Table(*columns, title=f"{len(rows)} {args.what}", show_lines=False)
    for row in rows:
        table.add_row(*(_cell(row[c]) for c in columns))
    _console().print(table)
    return OK


def _edit(args: argparse.Namespace) -> int:
    from drafter.tui import create_app  # Textual loads only for the editor

    path = args.draft or Path("untitled.toml")
    create_app(path, args.library, template=args.template, allow=args.allow_path).run()
    return OK


def _signatories_check(args: argparse.Namespace) -> int:
    signers = read_csv(args.file)
    order = [g.strip() for g in args.groups.split(",") if g.strip()]
    arranged = arrange(signers, order)
    found = duplicates(signers)
    for duplicate in found:
        _emit((f"{args.file}:{duplicate.second.line}: ", None), ("duplicate", "yellow"),
              (f": {duplicate.describe()}", None), stderr=False)  # fmt: skip
    unconsented = [s for s in signers if not s.consented]
    for signer in unconsented:
        _emit((f"{args.file}:{signer.line}: ", None), ("no consent", "yellow"),
              (f": {signer.display} has no consent date or authorizer", None), stderr=False)  # fmt: skip
    groups = ", ".join(f"{g.name or 'ungrouped'} {len(g.members)}" for g in arranged.organizations)
    _emit((f"{arranged.sentence()} ", "bold"), (f"Organizations by group: {groups}." if groups else "", None),
          stderr=False)  # fmt: skip
    _emit(
        (f"{len(found)} suspected duplicates, {len(unconsented)} without consent", None),
        stderr=False,
    )
    return CHECKS_FAILED if found or unconsented else OK


def _signatories_merge(args: argparse.Namespace) -> int:
    start_run()
    existing, new = read_csv(args.file), read_csv(args.new)
    merged, reported = merge(existing, new)
    out = args.output or args.file
    in_place = args.output is None or same_file(args.output, args.file)  # the list, updated
    check_outputs(
        [Output(out, "csv", in_place=in_place, by_suffix=False)], library_roots(args.library)
    )
    write_csv(out, merged)
    for duplicate in reported:
        _emit((f"{args.new}:{duplicate.second.line}: ", None), ("already listed", "yellow"),
              (f": {duplicate.describe()}", None))  # fmt: skip
    _emit(
        ("wrote", "green"),
        (f" {out} — {len(merged) - len(existing)} added, {len(reported)} already there", None),
    )
    return OK


def _signatories_import(args: argparse.Namespace) -> int:
    start_run()
    if args.output.exists() and not args.force:
        raise DrafterError(
            "file already exists", args.output, None, "choose another name or pass --force"
        )
    signers = read_csv(args.source, aliases=True)
    replace = args.force and args.output.suffix.lower() == ".csv"  # --force: a list, not a draft
    check_outputs(
        [Output(args.output, "csv", ours=replace, by_suffix=False)], library_roots(args.library)
    )
    write_csv(args.output, signers)
    _emit(
        ("wrote", "green"),
        (
            f" {args.output} — {len(signers)} signatories; next: drafter signatories check {args.output}",
            None,
        ),
    )
    return OK


def _review(args: argparse.Namespace) -> int:
    from drafter.review.harvest import harvest

    start_run()
    _require_content(args.draft)
    result = harvest(args.draft, args.returned, args.library, args.allow_path)
    merged = _check_review_outputs(args, result)  # a refused output stops it before the report
    _print_review(args, result)
    return _write_review(args, result, merged) if args.merge_comments or args.apply else OK


def _print_review(args: argparse.Namespace, result: Any) -> None:
    from drafter.review.harvest import as_json, as_markdown

    if args.format == "json":
        print(_json(json.loads(as_json(result))))
        return
    if args.format == "md":
        print(visible(as_markdown(result), keep="\n\t"), end="")
        return
    from drafter.review.table import DRAWN_ROWS, HEADERS, as_text, review_rows

    for name, found in result.review.provenance.items():
        _emit(
            (f"{name}: ", None),
            (found.relation, "bold"),
            (f" — {found.detail}", None),
            stderr=False,
        )
    rows = review_rows(result)
    if not sys.stdout.isatty() or len(rows) > DRAWN_ROWS:
        # plain lines are linear: a rich table of 20,000 rows takes a minute
        sys.stdout.write(visible(as_text(rows), keep="\n\t"))
        return
    from rich.table import Table

    table = Table(*HEADERS, title="Review", show_lines=True)
    for row in rows:
        label = _cell(row.item) + ("\n[bold red]conflict[/]" if row.conflict else "")
        cells = (_cell(row.where), _cell(row.reviewer), row.kind, _cell(row.text))
        table.add_row(label, *cells, row.placed_by)
    _console().print(table)


def _check_review_outputs(args: argparse.Namespace, result: Any) -> tuple[bytes, int, int] | None:
    """Compute and check what --merge-comments and --apply would write, before anything is
    printed or written; the merged document, with its comment counts, when there is one."""
    from drafter.review.harvest import check_apply, comments_docx, review_outputs
    from drafter.review.matcher import ReviewConflict

    outputs = []
    try:
        if args.apply:  # a conflict stops the command before anything is written
            check_apply(result, args.reviewer)
            outputs += review_outputs(result, args.output)
    except ReviewConflict as conflict:
        raise DrafterError(str(conflict), args.draft, None, "pass --reviewer NAME") from None
    merged = None
    if args.merge_comments:
        merged = comments_docx(result)
        outputs.append(Output(args.merge_comments, "docx"))
    check_outputs(outputs, result.roots)
    return merged


def _write_review(
    args: argparse.Namespace, result: Any, merged: tuple[bytes, int, int] | None
) -> int:
    """The merged comments and the applied version, already computed and checked, written."""
    from drafter.review.harvest import apply_to_new_version
    from drafter.review.matcher import ReviewConflict

    if merged is not None:
        data, count, placed = merged
        write_atomic(args.merge_comments, data)
        _emit(
            ("wrote", "green"),
            (f" {args.merge_comments} — {count} comments, {placed} on their own words", None),
        )
    if args.apply:
        try:
            out, changed = apply_to_new_version(result, args.reviewer, args.output)
        except ReviewConflict as conflict:  # checked above; kept should applying ever change
            raise DrafterError(str(conflict), args.draft, None, "pass --reviewer NAME") from None
        _emit(
            ("wrote", "green"),
            (f" {out} — accepted text in {', '.join(changed) or 'no items'}", None),
        )
        refused = result.review.refusals(args.reviewer)
        for line in refused:  # a note edit that cannot be a citation's affix: said, never dropped
            _emit((f"{args.draft}: ", None), ("warning", "yellow"), (f": {line}", None))
        return CHECKS_FAILED if refused else OK
    return OK


def _check_output_folder(folder: Path, options: OutputOptions) -> None:
    """Check the folder several outputs go to (made later), and that the reference document opens."""
    if options.reference_doc is not None:
        from drafter.word.package import open_reference

        open_reference(options.reference_doc)  # a bad one would fail every output alike
    if "\0" in str(folder):
        shown = str(folder).replace("\0", "\\0")
        raise DrafterError("the output folder's name holds a NUL character", shown, None,
                           "name a folder for --out-dir without control characters")  # fmt: skip
    if folder.exists() and not folder.is_dir():
        raise DrafterError(
            "the output folder is a file", folder, None, "name a folder for --out-dir"
        )


def _require_content(path: Path) -> None:
    """Refuse a draft file with nothing in it before anything is built from it."""
    from drafter.drafts.file import load_draft

    load_draft(path, require_content=True)


def _deadline(args: argparse.Namespace) -> int:
    from drafter.filing.rules import deadline

    found = deadline(args.last_proxy_date, args.meeting_moved_days, args.disclosed_deadline)
    if args.json:
        print(json.dumps({"computed": found.computed and found.computed.isoformat(),
                          "disclosed": found.disclosed and found.disclosed.isoformat(),
                          "deadline": found.effective and found.effective.isoformat(),
                          "flags": list(found.flags), "rule_pack": found.pack}, indent=2))  # fmt: skip
        return OK
    when = found.effective.strftime("%A, %B %d, %Y") if found.effective else "none computed"
    _emit(("deadline: ", None), (when, "bold"), stderr=False)
    if found.computed:
        _emit(
            (
                f"  computed: {found.computed.isoformat()} (anniversary of {args.last_proxy_date.isoformat()} minus 120 days)",
                None,
            ),
            stderr=False,
        )
    if found.disclosed:
        _emit((f"  disclosed by the company: {found.disclosed.isoformat()}", None), stderr=False)
    for flag in found.flags:
        _emit(("  ! ", "yellow"), (flag, None), stderr=False)
    _emit((f"rule pack: {found.pack}", "dim"), stderr=False)
    return OK


def _eligibility(args: argparse.Namespace) -> int:
    from drafter.filing.rules import eligibility

    holders = _holders(args)
    results = [eligibility(name, lots, args.submission, args.high_price) for name, lots in holders]
    if args.json:
        print(json.dumps([{"holder": r.holder, "eligible": r.eligible, "flags": list(r.flags), "tiers": [
            {"dollars": t.tier.dollars, "years": t.tier.years, "met": t.met, "shares": t.shares_held_long_enough,
             "value": t.value, "since": t.since and t.since.isoformat()} for t in r.tiers]} for r in results],
            indent=2))  # fmt: skip
    else:
        for result in results:
            verdict = ("eligible", "green") if result.eligible else ("not eligible", "bold red")
            _emit(
                (f"{result.holder}: ", "bold"),
                verdict,
                (f" on {result.submission.isoformat()}", None),
                stderr=False,
            )
            for t in result.tiers:
                mark = "met" if t.met else "not met"
                when = ""
                if t.since:
                    when = (
                        f"; met since {t.since.isoformat()}"
                        if t.since <= result.submission
                        else f"; first met on {t.since.isoformat()}"
                    )
                _emit((f"  ${t.tier.dollars:,} for {t.tier.years} year{'s' if t.tier.years != 1 else ''}: {mark} — {t.shares_held_long_enough:g} shares "
                       f"held long enough, worth ${t.value:,.2f} at ${result.high_price:,.2f}{when}", None), stderr=False)  # fmt: skip
            for flag in result.flags:
                _emit((f"  note: {flag}", "yellow"), stderr=False)
        _emit(
            (
                f"each holder is checked alone (no aggregation); rule pack: {results[0].pack if results else ''}",
                "dim",
            ),
            stderr=False,
        )
    return OK if all(r.eligible for r in results) else CHECKS_FAILED


def _holders(args: argparse.Namespace) -> list[tuple[str, list[Lot]]]:
    """The --lot lots (already read by their argument type) and the --holdings file's holders."""
    from drafter.filing.holdings import command_line_lots, read_holders

    given = command_line_lots(args.lot)
    out: list[tuple[str, list[Lot]]] = [(args.holder, list(given))] if given else []
    if args.holdings:
        out += [(name, list(lots)) for name, lots in read_holders(args.holdings)]
    if not out:
        raise DrafterError(
            "no holdings given", None, None, "pass --lot SHARES@YYYY-MM-DD or --holdings FILE.toml"
        )
    return out


def _packet(args: argparse.Namespace) -> int:
    from drafter.kinds.packet import packet

    start_run()
    _require_content(args.draft)
    result = build_file(args.draft, args.library, allow=args.allow_path)
    options = OutputOptions(reference_doc=args.reference_doc)
    papers = [("proposal", result.document), *packet(result.draft)]
    _check_output_folder(args.out_dir, options)
    outs = [args.out_dir / f"{stem}.docx" for stem, _ in papers]
    check_outputs(
        [Output(out, "docx") for out in outs],
        library_roots(args.library),
        [args.reference_doc, result.style_path],
        make_folders=True,
    )
    rendered = [render_document(document, "docx", options) for _, document in papers]
    make_folder(args.out_dir)
    for out, data in zip(outs, rendered, strict=True):
        write_atomic(out, data)
        _emit(("wrote", "green"), (f" {out}", None))
    _print_issues(result.issues, quiet_info=True)
    return CHECKS_FAILED if result.errors else OK


def _new(args: argparse.Namespace) -> int:
    path = create_draft(args.template, args.file, open_library(args.library), force=args.force)
    _emit(("created", "green"), (f" {path} — next: drafter check {path}", None))
    return OK


# --- printing --------------------------------------------------------------


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


def _check_json(path: Path, result: BuildResult, failed: bool) -> dict[str, object]:
    return {
        "draft": str(path),
        "ok": not failed,
        "words": result.counts.as_dict() if result.counts else None,
        "notes": len(result.document.notes),
        "issues": [
            {
                "code": i.code,
                "severity": i.severity,
                "message": i.message,
                "file": str(i.location.path) if i.location and i.location.path else None,
                "line": i.location.line if i.location else None,
                "clause": i.origin.clause_id if i.origin else None,
            }
            for i in result.issues
        ],
    }
