"""Time what a shell user meets first, against its aim, beside pandoc in the same run.

Run from the repository: `python benchmarks/bench_start.py [--runs N]`. Every figure is the
median of N whole processes of the installed console script (`drafter` beside the interpreter,
else `python -m drafter`), after one untimed warm-up run:

- `drafter --help`: aim under 60 ms;
- one proposal built to DOCX and to Markdown, in Chicago notes and in drafter's own
  `proposal-urls`, beside pandoc `--citeproc` on the same text, sources and style: first
  builds (the notes cache off) and rebuilds whose citations did not change (notes from the
  cache); aim, no slower than pandoc;
- `drafter list styles` piped and `--json`, with the catalogue's index cached (the warm-up run
  builds it in a fresh cache folder), and the cold first run: aim under 0.5 s warm.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_build  # noqa: E402
from bench_build import (  # noqa: E402
    EXAMPLE,
    REPO,
    STYLES,
    machine,
    median_ms,
    pandoc_command,
    pandoc_input,
    pandoc_path,
)

from drafter.citations import resolve_style  # noqa: E402
from drafter.pipeline import open_library  # noqa: E402

HELP_AIM_MS = 60
LIST_AIM_MS = 500
Row = tuple[str, float, str, str, str]  # job, drafter's ms, before, pandoc's figure, aim
BEFORE: Path | None = None  # another checkout of drafter, timed on the same jobs (--before)


def ours_ms(
    command: list[str], runs: int, work: Path, makes: list[Path] | None = None
) -> tuple[float, str]:
    """This checkout's median, and the --before checkout's on the same command ("" without)."""
    now = median_ms(command, runs, work, makes or [])
    if BEFORE is None:
        return now, ""
    saved, bench_build.REPO = bench_build.REPO, BEFORE  # median_ms imports drafter from REPO
    try:
        return now, f"{median_ms(command, runs, work, makes or []):.0f} ms"
    finally:
        bench_build.REPO = saved


def console_script() -> list[str]:
    """The command a user types: the console script if installed, else the module."""
    script = Path(sys.executable).parent / "drafter"
    return [str(script)] if script.exists() else [sys.executable, "-m", "drafter"]


def cold_ms(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    """One run, timed: the first `list styles` in a fresh cache folder builds the index."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = (time.perf_counter() - start) * 1000
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed: {done.stderr}")
    return elapsed


def build_rows(pandoc: str, runs: int, work: Path) -> list[Row]:
    """One proposal per style and format, beside pandoc: built cold (no notes cache, as every
    first build is), and rebuilt with the citations unchanged (notes from the cache)."""
    drafter = console_script()
    markdown, records = pandoc_input(work)
    rows: list[Row] = []
    for style in STYLES:
        csl = resolve_style(style, extra=open_library().styles)
        for fmt in ("docx", "md"):
            ours_out, theirs_out = work / f"d-{style}.{fmt}", work / f"p-{style}.{fmt}"
            command = [*drafter, "build", str(EXAMPLE), "--style", style, "-o", ours_out.name]
            theirs = median_ms(
                pandoc_command(pandoc, markdown, csl, records, theirs_out.name),
                runs,
                work,
                [theirs_out],
            )
            for cached, how in ((False, "first build"), (True, "rebuild, notes cached")):
                os.environ["DRAFTER_NOTES_CACHE"] = "on" if cached else "off"
                ours, before = ours_ms([*command, "--force"], runs, work, [ours_out])
                ratio = ours / theirs
                verdict = "met" if ratio <= 1 else f"not met ({ratio:.2f}× pandoc)"
                label = f"one proposal, {style}, {fmt.upper()}, {how}"
                rows.append((label, ours, before, f"{theirs:.0f} ms", f"≤ pandoc: {verdict}"))
    os.environ.pop("DRAFTER_NOTES_CACHE", None)
    return rows


def start_rows(runs: int, work: Path) -> list[Row]:
    drafter = console_script()
    help_ms, before = ours_ms([*drafter, "--help"], runs, work)
    rows: list[Row] = [
        ("`drafter --help`", help_ms, before, "", _aim(help_ms, HELP_AIM_MS)),
    ]
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "XDG_CACHE_HOME": cache, "PYTHONPATH": str(REPO)}
        first = cold_ms([*drafter, "list", "styles", "--json"], work, env)
        rows.append(("`drafter list styles --json`, first run (index built)", first, "", "", "—"))
        previous = os.environ.get("XDG_CACHE_HOME")
        os.environ["XDG_CACHE_HOME"] = cache  # median_ms passes the process's environment on
        try:
            for args, label in (
                (["list", "styles"], "`drafter list styles`, piped"),
                (["list", "styles", "--json"], "`drafter list styles --json`"),
                (["list", "styles", "--search", "chicago"], "`drafter list styles -s chicago`"),
            ):
                ms, before = ours_ms([*drafter, *args], runs, work)
                rows.append((label, ms, before, "", _aim(ms, LIST_AIM_MS)))
        finally:
            if previous is None:
                os.environ.pop("XDG_CACHE_HOME", None)
            else:
                os.environ["XDG_CACHE_HOME"] = previous
    return rows


def _aim(ms: float, aim: float) -> str:
    return f"< {aim:.0f} ms: {'met' if ms < aim else 'not met'}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument(
        "--before", type=Path, metavar="DIR", help="another checkout to time on the same jobs"
    )
    args = parser.parse_args()
    global BEFORE
    BEFORE = args.before.resolve() if args.before else None
    pandoc = pandoc_path()
    version = subprocess.run([pandoc, "--version"], capture_output=True, text=True).stdout
    print(f"machine: {machine(version.splitlines()[0])}")
    print(f"medians of {args.runs} whole processes of {' '.join(console_script())}\n")
    with tempfile.TemporaryDirectory() as name:
        work = Path(name)
        os.environ["XDG_CACHE_HOME"] = str(work / "cache")  # a cache of this run's own
        rows = start_rows(args.runs, work) + build_rows(pandoc, args.runs, work)
    print("| job | drafter | drafter before | pandoc --citeproc | aim |\n|---|---|---|---|---|")
    for label, ours, before, theirs, aim in rows:
        print(f"| {label} | {ours:.0f} ms | {before} | {theirs} | {aim} |")


if __name__ == "__main__":
    main()
