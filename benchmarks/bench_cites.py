"""Rendering 200 cites: drafter's citation layer beside pandoc `--citeproc`, on the same job.

    python benchmarks/bench_cites.py [--runs N] [--cites N]

The job: the oracle corpus's clusters (tests/citations/oracle/) repeated in order until they
hold N cites (200 by default), each cluster its own note, rendered in Chicago notes and APA.
drafter is timed in this process past every cache (a fresh compile of the style, then the
render); pandoc is timed as a command (start-up included: that is what a user waits for), on a
Markdown file with one paragraph per cluster. The median of the runs is reported.
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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DRAFTER_NOTES_CACHE", "off")

from drafter.citations import catalogue  # noqa: E402
from drafter.model import CiteItem, Source  # noqa: E402

CORPUS = ROOT / "tests" / "citations" / "oracle"
STYLES = ("chicago-notes-bibliography", "apa")


def job(
    cites: int, skip: frozenset[str] | set[str] = frozenset()
) -> tuple[dict[str, Source], list[list[CiteItem]]]:
    items = json.loads((CORPUS / "items.json").read_text(encoding="utf-8"))
    sources = {str(i["id"]).lower(): Source(str(i["id"]), i) for i in items}
    clusters: list[list[CiteItem]] = []
    count = 0
    corpus = json.loads((CORPUS / "clusters.json").read_text(encoding="utf-8"))
    while count < cites:
        for cluster in corpus:
            items_here = [
                CiteItem(
                    c["key"],
                    c.get("locator"),
                    c.get("label") or "page",
                    c.get("prefix", ""),
                    c.get("suffix", ""),
                )
                for c in cluster["cites"]
                if c["key"] not in skip
            ]
            if not items_here:
                continue
            clusters.append(items_here)
            count += len(items_here)
            if count >= cites:
                break
    return sources, clusters


def markdown(clusters: list[list[CiteItem]]) -> str:
    lines = []
    for number, cluster in enumerate(clusters, 1):
        cites = "; ".join(
            " ".join(
                p
                for p in (
                    c.prefix,
                    "@" + c.key + (f", {c.label} {c.locator}" if c.locator else ""),
                    c.suffix,
                )
                if p
            )
            for c in cluster
        )
        lines.append(f"Paragraph {number} [{cites}].\n")
    return "\n".join(lines)


def time_drafter(style: str, sources: dict[str, Source], clusters: list[list[CiteItem]]) -> float:
    from drafter.citations import engine

    path = catalogue.resolve_style(style)
    data = path.read_bytes()
    started = time.perf_counter()
    engine._parsed.clear()
    parsed = engine.parsed(f"bench-{time.perf_counter()}", data, path)
    engine.render(parsed, sources, clusters)
    return time.perf_counter() - started


def time_pandoc(pandoc: str, style: str, folder: Path) -> float:
    path = catalogue.resolve_style(style)
    started = time.perf_counter()
    subprocess.run(
        [
            pandoc,
            "--citeproc",
            "--csl",
            str(path),
            "--bibliography",
            str(CORPUS / "items.json"),
            "-t",
            "plain",
            str(folder / "job.md"),
        ],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cites", type=int, default=200)
    parser.add_argument("--skip", action="append", default=[], help="leave out an item's cites")
    args = parser.parse_args(argv)
    sources, clusters = job(args.cites, set(args.skip))
    try:
        import pypandoc  # type: ignore[import-untyped]

        pandoc: str | None = pypandoc.get_pandoc_path()
    except (ImportError, OSError):
        pandoc = None
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "job.md").write_text(markdown(clusters), encoding="utf-8")
        print(
            f"{sum(len(c) for c in clusters)} cites in {len(clusters)} clusters, median of {args.runs}"
        )
        print(f"{'style':<32}{'drafter':>10}{'pandoc':>10}{'ratio':>8}")
        for style in STYLES:
            ours = statistics.median(
                time_drafter(style, sources, clusters) for _ in range(args.runs)
            )
            theirs = (
                statistics.median(
                    time_pandoc(pandoc, style, Path(folder)) for _ in range(args.runs)
                )
                if pandoc
                else float("nan")
            )
            print(f"{style:<32}{ours * 1000:>8.0f}ms{theirs * 1000:>8.0f}ms{ours / theirs:>8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
