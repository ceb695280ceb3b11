"""Time the filing kit: `drafter packet`, the exempt solicitation, and the sibling-draft scan.

Run from the repository: `python benchmarks/bench_filing.py [--runs N] [--siblings N]`. Figures
are medians of N whole-process runs (a new process each, so each is a cold start):

- `drafter packet` on the example proposal (the proposal and three papers, four DOCX files);
- `drafter build` of the example exempt solicitation to DOCX, beside pandoc turning drafter's
  own Markdown of the same notice (notes already rendered) into DOCX: pandoc's cost for the
  writing alone, with no assembly or citations;
- `drafter check` of the example proposal alone in its folder and with N sibling drafts beside
  it (the one-proposal-per-meeting scan reads each), and the same rebuild in one process the way
  the editor repeats it, where sibling drafts are parsed once per content.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from bench_build import pandoc_path  # noqa: E402

from drafter.pipeline import build_file  # noqa: E402

PROPOSAL = REPO / "examples" / "amazon-customer-due-diligence.toml"
NOTICE = REPO / "examples" / "amazon-exempt-solicitation.toml"
DRAFTER = [sys.executable, "-m", "drafter"]


def median_ms(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=False, capture_output=True)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    os.environ["DRAFTER_NOTES_CACHE"] = "off"  # every build renders its notes, as a first one does
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--siblings", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        rows = [
            ("drafter packet (4 DOCX)", median_ms([*DRAFTER, "packet", str(PROPOSAL), "--out-dir", str(work / "packet")], args.runs)),
            ("drafter build notice -> DOCX", median_ms([*DRAFTER, "build", str(NOTICE), "-o", str(work / "notice.docx")], args.runs)),
        ]  # fmt: skip
        subprocess.run([*DRAFTER, "build", str(NOTICE), "-o", str(work / "notice.md")], check=True,
                       capture_output=True)  # fmt: skip
        rows.append(("pandoc notice.md -> DOCX (writing only)",
                     median_ms([pandoc_path(), str(work / "notice.md"), "-o", str(work / "p.docx")], args.runs)))  # fmt: skip
        alone, crowded = work / "alone", work / "crowded"
        alone.mkdir()
        crowded.mkdir()
        shutil.copy(PROPOSAL, alone / "proposal.toml")
        shutil.copy(PROPOSAL, crowded / "proposal.toml")
        text = PROPOSAL.read_text(encoding="utf-8")
        for n in range(args.siblings):
            other = text.replace("meeting_year = 2026", f"meeting_year = {3000 + n}")
            (crowded / f"other-{n:04}.toml").write_text(other, encoding="utf-8")
        rows.append(("drafter check, proposal alone", median_ms([*DRAFTER, "check", str(alone / "proposal.toml")], args.runs)))  # fmt: skip
        rows.append((f"drafter check, {args.siblings} sibling drafts",
                     median_ms([*DRAFTER, "check", str(crowded / "proposal.toml")], args.runs)))  # fmt: skip
        build_file(crowded / "proposal.toml")  # first build parses the siblings
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            build_file(crowded / "proposal.toml")
            times.append((time.perf_counter() - start) * 1000)
        rows.append(
            (f"rebuild in one process, {args.siblings} siblings (cached)", statistics.median(times))
        )
    width = max(len(name) for name, _ in rows)
    print(f"{'job':<{width}}  median ms ({args.runs} runs)")
    for name, ms in rows:
        print(f"{name:<{width}}  {ms:8.1f}")


if __name__ == "__main__":
    main()
