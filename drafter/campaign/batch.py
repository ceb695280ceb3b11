"""Build a campaign: one output per target, in parallel across cores, skipping targets whose
inputs have not changed; `prepare_campaign` checks all that a `drafter build` of a campaign
can check before its output folder is made. Sits beside `output.export` (it writes files); the
CLI shows the progress."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from drafter import __version__
from drafter.campaign.manifest import (
    MANIFEST,
    claimed,
    file_stamp,
    read_manifest,
    stamps,
    still_ours,
    write_manifest,
)
from drafter.campaign.targets import (
    Target,
    check_campaign,
    draft_files,
    fingerprint,
    library_files,
    output_name,
    read_targets,
    summary_row,
    target_draft,
)
from drafter.drafts.file import load_draft
from drafter.errors import DrafterError, OutputError, quoted
from drafter.files.atomic import make_folder
from drafter.files.guard import Output, check_outputs
from drafter.library.load import Library
from drafter.library.roots import library_roots
from drafter.output.export import (
    OutputOptions,
    check_options,
    check_output_folder,
    format_for,
    write_document,
)
from drafter.pipeline import build, open_library

Progress = Callable[[dict[str, Any]], None]
_WRITING = threading.Lock()  # held while a worker builds and writes one target


@dataclass(frozen=True)
class CampaignRun:
    """How to build: output folder and format, what to force, how many processes."""

    out_dir: Path
    fmt: str = "docx"
    force: bool = False
    fail_fast: bool = False
    jobs: int | None = None
    reference_doc: Path | None = None
    only_consented: bool | None = None
    allow: tuple[Path, ...] = ()  # folders beyond the draft's own its paths may name


@dataclass(frozen=True)
class Campaign:
    """A campaign checked for `drafter build`, its output folder not yet made."""

    path: Path
    run: CampaignRun
    library_dirs: tuple[Path, ...] = ()

    def build(self, progress: Progress | None = None) -> CampaignResult:
        """Build every target (`build_campaign`); `progress` hears of each as it is done."""
        return CampaignResult(
            tuple(build_campaign(self.path, self.run, self.library_dirs, progress))
        )


@dataclass(frozen=True)
class CampaignResult:
    """A summary row per target, in the campaign's order, as `--json` prints them."""

    rows: tuple[dict[str, Any], ...]

    @property
    def ok(self) -> bool:
        return all(row["ok"] for row in self.rows)


def prepare_campaign(
    path: Path,
    library_dirs: Sequence[Path] = (),
    *,
    output: Path | None = None,
    out_dir: Path | None = None,
    fmt: str | None = None,
    force: bool = False,
    fail_fast: bool = False,
    jobs: int | None = None,
    reference_doc: Path | None = None,
    only_consented: bool | None = None,
    allow: Sequence[Path] = (),
) -> Campaign:
    """`drafter build CAMPAIGN.toml`: the options, the targets and the files the campaign
    names, and the output folder (default: the campaign's name) checked before it is made."""
    if output is not None:
        raise DrafterError(
            "-o names one file, but a campaign writes one file per target",
            path,
            None,
            "name the folder for them with --out-dir",
        )
    chosen = format_for(None, fmt)
    options = OutputOptions(reference_doc=reference_doc)
    check_options(chosen, options)
    check_campaign(load_draft(path), chosen, (*library_roots(library_dirs), *allow))
    folder = out_dir or path.with_suffix("")
    check_output_folder(folder, options)
    run = CampaignRun(
        folder, chosen, force, fail_fast, jobs, reference_doc, only_consented, tuple(allow)
    )
    return Campaign(path, run, tuple(library_dirs))


def build_campaign(
    path: Path,
    run: CampaignRun,
    library_dirs: tuple[Path, ...] = (),
    progress: Progress | None = None,
) -> list[dict[str, Any]]:
    """Build every target of the campaign at `path`; a summary row per target, in order."""
    draft = load_draft(path)
    targets = read_targets(draft)
    roots = library_roots(library_dirs)
    files = library_files(roots) + draft_files(draft, (*roots, *run.allow))
    settings = f"{__version__}|{run.fmt}|{run.only_consented}|{file_stamp(run.reference_doc)}"
    manifest = read_manifest(run.out_dir)
    names: dict[str, str] = {}
    plan: list[tuple[Target, Path, str]] = []
    rows: dict[str, dict[str, Any]] = {}
    for target in targets:
        name = output_name(draft, target, run.fmt)
        if Path(name).name != name or name.startswith(".") or "\0" in name:
            what = f"target {quoted(target.name)} would write outside the output folder"
            raise OutputError(what, path, target.line, "use a plain file name pattern")
        if name.casefold() in names:  # one file where names differ only in case (macOS, Windows)
            both = f"targets {quoted(names[name.casefold()])} and {quoted(target.name)}"
            fix = "make the output pattern tell them apart"
            raise DrafterError(f"{both} would both write {name}", path, target.line, fix)
        names[name.casefold()] = target.name
        out = run.out_dir / name
        stamp = fingerprint(target_draft(draft, target), files, settings)
        previous = manifest.get(target.name, {})
        same_file = previous.get("file") == file_stamp(out)
        if not run.force and previous.get("fingerprint") == stamp and same_file and out.is_file():
            rows[target.name] = {**previous["row"], "status": "unchanged"}
            if progress:
                progress(rows[target.name])
            continue
        plan.append((target, out, stamp))
    _check_plan(run, [out for _, out, _ in plan], manifest, roots, [path, *draft_files(draft)])
    make_folder(run.out_dir)
    for target, out, _ in plan:  # claimed before written: a killed run's files stay this campaign's
        manifest[target.name] = {"output": out.name}  # no stamp: the file is about to change
    if plan:
        write_manifest(run.out_dir, manifest)
    jobs = max(1, min(run.jobs or os.cpu_count() or 1, len(plan)))
    args = [
        (
            str(path),
            t.name,
            str(out),
            run.fmt,
            str(run.reference_doc or ""),
            run.only_consented,
            tuple(str(d) for d in library_dirs),
            tuple(str(d) for d in run.allow),
        )
        for t, out, _ in plan
    ]
    stamps = {t.name: (s, out) for t, out, s in plan}
    for row in _run(args, jobs, run.fail_fast, progress):
        rows[row["target"]] = row
        if row["status"] == "built":
            stamp, out = stamps[row["target"]]
            # the output's own stamp too: a run killed after writing it, before this manifest,
            # must not let the old fingerprint vouch for the new file
            manifest[row["target"]] = {
                "output": out.name,
                "fingerprint": stamp,
                "file": file_stamp(out),
                "row": row,
            }
        else:  # no file vouched for; an earlier run's stays this campaign's to replace
            manifest[row["target"]] = {"output": stamps[row["target"]][1].name}
    write_manifest(run.out_dir, manifest)
    return [rows[t.name] for t in targets if t.name in rows]


def _check_plan(
    run: CampaignRun,
    outs: list[Path],
    manifest: dict[str, Any],
    roots: list[Path],
    inputs: list[Path],
) -> None:
    """Every output the campaign is about to write, and its manifest, through the output guard:
    an existing file is replaced only if it is still the one this campaign made."""
    refusal = f"the file exists and this campaign did not make it (it is not in {MANIFEST})"
    changed = "the file was changed since this campaign made it"
    fix = "choose another --out-dir or remove the file first"
    names, recorded = claimed(manifest), stamps(manifest)
    outputs = []
    for out in outs:
        ours = out.name in names and still_ours(out, run.fmt, recorded.get(out.name))
        outputs.append(
            Output(
                out,
                run.fmt,
                ours=ours,
                force=run.force,
                by_suffix=False,
                refusal=changed if out.name in names else refusal,
                fix=fix,
            )
        )
    outputs.append(Output(run.out_dir / MANIFEST, "json", ours=True, force=True))
    check_outputs(outputs, roots, [*inputs, run.reference_doc], make_folders=True)


def _run(
    args: list[tuple[Any, ...]], jobs: int, fail_fast: bool, progress: Progress | None
) -> list[dict[str, Any]]:
    if jobs == 1 or len(args) < 3:
        out = []
        for arg in args:
            row = _build_one(*arg)
            out.append(row)
            if progress:
                progress(row)
            if fail_fast and not row["ok"]:
                break
        return out
    results: list[dict[str, Any]] = []
    with ProcessPoolExecutor(jobs, initializer=_watch_parent, initargs=(os.getpid(),)) as pool:
        pending: set[Future[dict[str, Any]]] = {pool.submit(_build_one, *arg) for arg in args}
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                row = future.result()
                results.append(row)
                if progress:
                    progress(row)
                if fail_fast and not row["ok"]:
                    for other in pending:
                        other.cancel()
                    return results
    return results


WORKER_MEMORY = 2 * 1024**3  # address space of one campaign worker: a runaway target fails alone


def _watch_parent(parent: int) -> None:
    """Worker start: leave once the campaign process is gone (say, killed), between targets;
    and limit the worker's address space, so a target that needs too much fails by itself."""
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = WORKER_MEMORY if hard == resource.RLIM_INFINITY else min(WORKER_MEMORY, hard)
        if soft == resource.RLIM_INFINITY or soft > limit:
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, ValueError, OSError):  # not on this system: the limit is a safeguard
        pass

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.2)
        with _WRITING:
            os._exit(1)

    threading.Thread(target=watch, name="drafter-parent-watch", daemon=True).start()


@cache
def _library(dirs: tuple[str, ...], allow: tuple[str, ...] = ()) -> Library:
    """One loaded library per worker process (and per set of library folders)."""
    return open_library([Path(d) for d in dirs], [Path(d) for d in allow])


@cache
def _campaign_draft(path: str, mtime: float) -> Any:
    return load_draft(Path(path))


def _build_one(
    path: str,
    target_name: str,
    out: str,
    fmt: str,
    reference: str,
    only_consented: bool | None,
    dirs: tuple[str, ...],
    allow: tuple[str, ...] = (),
) -> dict[str, Any]:
    """Build and write one target (in a worker process); never raises for bad input."""
    with _WRITING:
        return _build_target(path, target_name, out, fmt, reference, only_consented, dirs, allow)


def _build_target(
    path: str,
    target_name: str,
    out: str,
    fmt: str,
    reference: str,
    only_consented: bool | None,
    dirs: tuple[str, ...],
    allow: tuple[str, ...] = (),
) -> dict[str, Any]:
    """The work of `_build_one`, outside its lock."""
    target = Target(target_name)
    try:
        draft = _campaign_draft(path, Path(path).stat().st_mtime)
        target = next(t for t in read_targets(draft) if t.name == target_name)
        result = build(
            target_draft(draft, target), _library(dirs, allow), only_consented=only_consented
        )
        options = OutputOptions(reference_doc=Path(reference) if reference else None, force=True)
        write_document(result.document, Path(out), fmt, options)
    except DrafterError as error:
        return {**summary_row(target, None, None, 0, (), error.one_line()), "status": "failed"}
    except MemoryError:  # past the worker's address space (`_watch_parent`): this target only
        gigabytes = WORKER_MEMORY // 1024**3
        failure = DrafterError(
            f"target '{target_name}' needs more than {gigabytes} GB to build",
            path,
            target.line,
            "make its clauses and sources smaller",
        )
        return {**summary_row(target, None, None, 0, (), failure.one_line()), "status": "failed"}
    words = result.counts.conservative if result.counts else None
    row = summary_row(target, Path(out), words, len(result.document.notes), result.issues, None)
    return {**row, "status": "built"}
