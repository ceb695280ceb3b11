"""Time `drafter list styles` (10,844 catalogue styles with their titles), whole processes.

Run from the repository: `python benchmarks/bench_list_styles.py [--runs N] [--quick]
[--before DIR]`. Every figure is the median of N runs of `python -m drafter list styles` with
stdout going to a file (not a terminal), as the table, as `--json` and with `--search chicago`:
cold, each run with an empty XDG cache folder (the catalogue's index is built and written), and
warm, with the index cached by an untimed run first. The aim is 0.5 s warm. `--before DIR` names
another drafter checkout (say, `git archive` of an older commit unpacked in /tmp), timed in the
same sitting; the last column says whether its catalogue rows carry titles. The index's build
alone is timed in-process too, with the size of its cache file.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
AIM_MS = 500
JOBS = {
    "table, piped": ["list", "styles"],
    "--json": ["list", "styles", "--json"],
    "--search chicago (table, piped)": ["list", "styles", "--search", "chicago"],
}


def run_once(checkout: Path, args: list[str], cache: Path, out: Path) -> float:
    """One whole `drafter` process, stdout to `out`; its wall time in seconds."""
    env = {**os.environ, "PYTHONPATH": str(checkout), "XDG_CACHE_HOME": str(cache)}
    env.pop("DRAFTER_LIBRARY", None)
    with out.open("wb") as handle:
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "drafter", *args],
            cwd=checkout,
            env=env,
            stdout=handle,
            stderr=subprocess.PIPE,
        )
        elapsed = time.perf_counter() - start
    if done.returncode != 0 or out.stat().st_size == 0:
        sys.exit(f"drafter {' '.join(args)} failed ({done.returncode}): {done.stderr.decode()}")
    return elapsed


def median_ms(checkout: Path, args: list[str], runs: int, work: Path, *, warm: bool) -> float:
    """Median over `runs`: cold runs each get a new empty cache folder, warm ones share one
    primed by an untimed run."""
    out = work / "out.txt"
    shared = Path(tempfile.mkdtemp(dir=work))
    if warm:
        run_once(checkout, args, shared, out)
    times = []
    for _ in range(runs):
        cache = shared if warm else Path(tempfile.mkdtemp(dir=work))
        times.append(run_once(checkout, args, cache, out))
    return statistics.median(times) * 1000


def titled(checkout: Path, work: Path) -> str:
    """Whether the catalogue's rows of `list styles --json` carry titles: "yes", "no"."""
    out = work / "titles.json"
    run_once(checkout, ["list", "styles", "--json"], Path(tempfile.mkdtemp(dir=work)), out)
    rows = json.loads(out.read_text(encoding="utf-8"))
    shipped = [r for r in rows if r.get("source") == "catalogue"]
    return f"{sum(1 for r in shipped if r['title']):,} of {len(shipped):,}"


def build_figures(runs: int) -> tuple[float, int, int]:
    """The index built in-process from the style files (median ms), its styles and cache bytes."""
    sys.path.insert(0, str(REPO))
    from drafter.citations import catalogue, styleindex

    root = catalogue._styles_root()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        index = styleindex.build_index(root)
        times.append(time.perf_counter() - start)
    with tempfile.TemporaryDirectory() as name:
        path = Path(name) / "index.json"
        styleindex.write_cache(path, index)
        size = path.stat().st_size
    return statistics.median(times) * 1000, len(index.titles), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--quick", action="store_true", help="3 runs a figure")
    parser.add_argument("--before", type=Path, help="another drafter checkout to time beside")
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs
    checkouts = {"now": REPO}
    if args.before:
        checkouts["before"] = args.before.resolve()
    rows = []
    with tempfile.TemporaryDirectory() as name:
        work = Path(name)
        for label, checkout in checkouts.items():
            titles = titled(checkout, work)
            for job, command in JOBS.items():
                cold = median_ms(checkout, command, runs, work, warm=False)
                warm = median_ms(checkout, command, runs, work, warm=True)
                rows.append((label, job, cold, warm, titles))
    build_ms, styles, size = build_figures(runs)

    print(f"medians of {runs} whole-process runs, stdout to a file; aim: {AIM_MS} ms warm\n")
    print("| checkout | job | cold (no cache) | warm | warm within aim | titled rows |")
    print("|---|---|---|---|---|---|")
    for label, job, cold, warm, titles in rows:
        within = "yes" if warm <= AIM_MS else "no"
        print(f"| {label} | {job} | {cold:.0f} ms | {warm:.0f} ms | {within} | {titles} |")
    print(
        f"\nThe index of {styles:,} styles builds in {build_ms:.0f} ms in-process "
        f"(heads of the style files, 8 kB at most each); its cache file is {size / 1e6:.2f} MB."
    )


if __name__ == "__main__":
    main()
