"""Time a campaign build: N targets of the example in one drafter process (all cores), against
pandoc run once per document as a user would script it; documents per second and peak memory.

Usage: python benchmarks/bench_campaign.py [--targets 200] [--pandoc-sample 20]

pandoc's per-document time is measured on a sample of runs and scaled to N (running it N times
takes minutes); drafter's is the whole campaign, cold, in a fresh output folder.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "amazon-customer-due-diligence.toml"


def campaign(folder: Path, count: int) -> Path:
    text = EXAMPLE.read_text(encoding="utf-8") + '\n[campaign]\noutput = "{target}"\n'
    for n in range(count):
        text += f'\n[[targets]]\nname = "company-{n:04d}"\nvars = {{ company = "Company {n} Inc.", company_short = "Company {n}" }}\n'
    path = folder / "campaign.toml"
    path.write_text(text, encoding="utf-8")
    return path


def main() -> None:
    os.environ["DRAFTER_NOTES_CACHE"] = "off"  # every build renders its notes, as a first one does
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--targets", type=int, default=200)
    parser.add_argument("--pandoc-sample", type=int, default=20)
    args = parser.parse_args()
    import pypandoc

    pandoc = pypandoc.get_pandoc_path()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        path = campaign(folder, args.targets)
        out = folder / "out"
        out.mkdir()
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "drafter", "build", str(path), "--out-dir", str(out), "--json"],
                       check=False, capture_output=True)  # fmt: skip
        ours = time.perf_counter() - start
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        written = len(list(out.glob("*.docx")))
        md = folder / "one.md"
        subprocess.run([sys.executable, "-m", "drafter", "build", str(EXAMPLE), "--format", "md", "-o", str(md)],
                       check=True, capture_output=True)  # fmt: skip
        times = []
        for _ in range(args.pandoc_sample):
            start = time.perf_counter()
            subprocess.run([pandoc, str(md), "-o", str(folder / "p.docx")], check=True)
            times.append(time.perf_counter() - start)
        per_doc = statistics.median(times)
    print()
    print(
        f"| job | drafter | pandoc on the same Markdown, once per document (x {args.targets}) | ratio |"
    )
    print("|---|---|---|---|")
    print(
        f"| campaign of {args.targets} DOCX | {ours:.1f} s ({written / ours:.0f} docs/s) | "
        f"{per_doc * args.targets:.1f} s ({1 / per_doc:.1f} docs/s) | "
        f"{(written / ours) * per_doc:.1f}x throughput |"
    )
    print()
    print(f"peak memory of the largest drafter process: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
