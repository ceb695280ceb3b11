"""Scale: a library of 10,000 clauses and 5,000 citations — load, search and build times.

Run from the repository: `python benchmarks/bench_scale.py [--clauses N] [--sources N] [--runs N]`.
Generates the library in a temporary folder (clauses of ~60 words with one or two citations,
spread over the seven clause kinds and 40 folders; CSL-JSON sources in 10 files), then measures:

- loading the library in a fresh process (`drafter list clauses --json` end to end, and the
  load alone in-process, cold and again);
- searching it as the editor does on each keystroke, for one- to three-word queries (median and
  95th percentile over all queries);
- building a 40-item proposal that draws on it, to DOCX, in a fresh process.
Aims (the Hardening issue): load under 2 s, search under 20 ms.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from drafter.library.load import load_library  # noqa: E402
from drafter.library.roots import library_roots  # noqa: E402
from drafter.library.search import ClauseIndex  # noqa: E402

WORDS = (  # the vocabulary of the generated clauses
    "customer",
    "due",
    "diligence",
    "human",
    "rights",
    "surveillance",
    "cloud",
    "government",
    "contract",
    "risk",
    "report",
    "biometric",
    "database",
    "privacy",
    "police",
    "facial",
    "recognition",
    "board",
    "shareholders",
    "disclosure",
    "policy",
    "assessment",
    "impact",
    "remedy",
    "migrants",
    "data",
    "retention",
    "audit",
    "vendor",
    "export",
    "controls",
    "oversight",
    "transparency",
    "investors",
    "material",
    "legal",
    "reputational",
    "accountability",
)
KINDS = ("whereas", "resolved", "supporting", "paragraph", "request", "opening", "closing")
QUERIES = ("risk", "due diligence", "facial recognition police", "biometric", "cloud contract",
           "zzz", "whereas/t3", "human rights impact", "remedy", "export")  # fmt: skip


def generate(root: Path, clauses: int, sources: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    (root / "citations").mkdir(parents=True)
    per_file = -(-sources // 10)
    for f in range(10):
        records = [
            {"id": f"src-{n:05}", "type": "article-newspaper",
             "title": " ".join(rng.choices(WORDS, k=8)).capitalize(),
             "container-title": f"Paper {n % 37}", "URL": f"https://example.org/{n}",
             "issued": {"date-parts": [[2000 + n % 25, 1 + n % 12, 1 + n % 28]]}}
            for n in range(f * per_file, min(sources, (f + 1) * per_file))
        ]  # fmt: skip
        (root / "citations" / f"sources-{f}.json").write_text(json.dumps(records), encoding="utf-8")
    for n in range(clauses):
        kind = KINDS[n % len(KINDS)]
        folder = root / "clauses" / kind / f"t{n % 40}"
        folder.mkdir(parents=True, exist_ok=True)
        cites = "; ".join(f"@src-{rng.randrange(sources):05}" for _ in range(rng.choice((1, 2))))
        body = " ".join(rng.choices(WORDS, k=60)).capitalize() + f" [{cites}]."
        title = " ".join(rng.choices(WORDS, k=6)).capitalize()
        tags = json.dumps(rng.sample(WORDS, 3))
        (folder / f"c{n:05}.md").write_text(
            f'+++\nkind = "{kind}"\ntitle = "{title}"\ntags = {tags}\n+++\n{body}\n',
            encoding="utf-8",
        )


def draft(root: Path, items: int = 40) -> Path:
    ids = sorted(p.relative_to(root / "clauses").with_suffix("").as_posix()
                 for p in (root / "clauses" / "whereas").rglob("*.md"))[:items]  # fmt: skip
    resolved = next(iter(sorted((root / "clauses" / "resolved").rglob("*.md"))))
    whereas = [f'"{i}"' for i in ids]
    path = root / "draft.toml"
    path.write_text(
        'schema = 1\ntemplate = "proposal"\ntitle = "Scale"\nstyle = "chicago-notes-bibliography"\n'
        f"[sections]\nwhereas = [{', '.join(whereas)}]\n"
        f'resolved = ["{resolved.relative_to(root / "clauses").with_suffix("").as_posix()}"]\n',
        encoding="utf-8",
    )
    return path


def wall_ms(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        times.append((time.perf_counter() - start) * 1000)
        if result.returncode not in (0, 1):
            sys.exit(f"{' '.join(command)} failed: {result.stderr}")
    return statistics.median(times)


def main() -> None:
    os.environ["DRAFTER_NOTES_CACHE"] = "off"  # every build renders its notes, as a first one does
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clauses", type=int, default=10_000)
    parser.add_argument("--sources", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "big"
        start = time.perf_counter()
        generate(root, args.clauses, args.sources)
        print(f"generated {args.clauses} clauses, {args.sources} sources in "
              f"{time.perf_counter() - start:.1f} s")  # fmt: skip
        drafter = [sys.executable, "-m", "drafter"]
        rows = [("drafter list clauses --json (process)",
                 wall_ms([*drafter, "list", "clauses", "--json", "--library", str(root)], args.runs))]  # fmt: skip
        loads = []
        for _ in range(args.runs):
            start = time.perf_counter()
            library = load_library(library_roots([root]))
            loads.append((time.perf_counter() - start) * 1000)
        rows.append(("load library in-process", statistics.median(loads)))
        start = time.perf_counter()
        index = ClauseIndex(library.clauses.values())
        gc.freeze()  # as the editor does once its library is loaded
        rows.append(("build the search index", (time.perf_counter() - start) * 1000))
        searches = []
        for _ in range(args.runs):
            for query in QUERIES:
                for end in range(1, len(query) + 1):  # as typed, one keystroke at a time
                    start = time.perf_counter()
                    index.search(query[:end], kind="whereas")
                    searches.append((time.perf_counter() - start) * 1000)
        searches.sort()
        rows.append(
            (f"search per keystroke, median of {len(searches)}", statistics.median(searches))
        )
        rows.append(("search per keystroke, 95th percentile", searches[int(len(searches) * 0.95)]))
        path = draft(root)
        rows.append(("build a 40-recital draft -> DOCX (process)",
                     wall_ms([*drafter, "build", str(path), "--library", str(root), "-o",
                              str(root / "out.docx")], args.runs)))  # fmt: skip
    width = max(len(name) for name, _ in rows)
    for name, ms in rows:
        print(f"{name:<{width}}  {ms:9.1f} ms")


if __name__ == "__main__":
    main()
