"""Every benchmark, one command: `python benchmarks/run_all.py [--quick]`.

Runs, each against pandoc 3.x `--citeproc` on the same content where pandoc does the same job:
what a shell user meets first against its aims: `--help`, a single build in each style (first
and rebuilt) and `list styles` (bench_start), single builds and a citation-heavy document
(bench_build), campaigns of 200 and 1,000 targets
with throughput and peak memory (bench_campaign), the filing kit: packet, exempt solicitation
and the sibling-draft scan (bench_filing), hostile inputs against their budgets
(bench_robustness), `drafter list styles` cold and warm against its 0.5 s aim
(bench_list_styles), 200 cites beside pandoc --citeproc (bench_cites), and the editor's first frame and edit-to-preview latency (bench_tui).
`--quick` uses fewer runs and a 200-target campaign only.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run(script: str, *args: str) -> None:
    print(f"\n## {script} {' '.join(args)}\n", flush=True)
    subprocess.run([sys.executable, str(HERE / script), *args], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs, smaller campaign")
    args = parser.parse_args()
    runs = "5" if args.quick else "15"
    run("bench_start.py", "--runs", runs)
    run("bench_build.py", "--runs", runs, "--batch", "20")
    for targets in ("200",) if args.quick else ("200", "1000"):
        run("bench_campaign.py", "--targets", targets, "--pandoc-sample", "10")
    run("bench_filing.py", "--runs", "5" if args.quick else "9")
    run("bench_robustness.py", *(["--quick"] if args.quick else []))
    run("bench_list_styles.py", *(["--quick"] if args.quick else []))
    run("bench_cites.py", "--runs", "3" if args.quick else "7")
    run(
        "bench_tui.py",
        "--edits",
        "20" if args.quick else "40",
        "--launches",
        "3" if args.quick else "7",
    )


if __name__ == "__main__":
    main()
