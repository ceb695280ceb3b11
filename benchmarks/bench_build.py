"""Time `drafter build` against `pandoc --citeproc` on the same text, sources and CSL style.

Run from the repository: `python benchmarks/bench_build.py [--runs N]`. Every figure is the
median of N whole-process runs (warm disk), measured in one sitting so the ratios are fair.
The pandoc input is the example proposal with its citation markers left in, written out by
drafter's own assembly step, with the cited CSL-JSON records and the same .csl file.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from drafter.assemble import assemble  # noqa: E402
from drafter.citations import CitationRenderer, resolve_style  # noqa: E402
from drafter.draftfile import load_draft  # noqa: E402
from drafter.layout import lay_out  # noqa: E402
from drafter.model import Cite, CiteItem, Span  # noqa: E402
from drafter.pipeline import open_library  # noqa: E402
from drafter.render import render_text  # noqa: E402

EXAMPLE = REPO / "examples" / "amazon-customer-due-diligence.toml"
STYLES = ("chicago-notes-bibliography", "proposal-urls")


def pandoc_path() -> str:
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError):
        found = shutil.which("pandoc")
        if not found:
            sys.exit("pandoc not found: pip install pypandoc-binary")
        return found


def pandoc_input(work: Path) -> tuple[Path, Path]:
    """The example as pandoc Markdown with [@key] markers, and its cited CSL-JSON records."""
    library = open_library()
    draft = load_draft(EXAMPLE)
    assembly = assemble(draft, library)
    rendered = {
        i: render_text(p.body, p.values, p.body_location) for i, p in enumerate(assembly.parts)
    }
    blocks = lay_out(assembly, (Span(draft.title),), rendered)
    lines = [f"# {draft.title}", ""]
    keys: dict[str, None] = {}
    for block in blocks:
        text = []
        for inline in block.inlines:
            if isinstance(inline, Cite):
                keys.update(dict.fromkeys(i.key.lower() for i in inline.items))
                text.append("[" + "; ".join(_marker(i) for i in inline.items) + "]")
            else:
                text.append(inline.text)
        lead = f"**{block.lead}** " if block.lead else ""
        lines += [lead + "".join(text), ""]
    markdown = work / "example.md"
    markdown.write_text("\n".join(lines), encoding="utf-8")
    records = work / "sources.json"
    records.write_text(
        json.dumps([{**library.sources[k].csl, "id": k} for k in keys], ensure_ascii=False),
        encoding="utf-8",
    )
    return markdown, records


def _marker(item: CiteItem) -> str:
    locator = f", p. {item.locator}" if item.locator else ""
    return f"{item.prefix} @{item.key}{locator}".strip()


def median_ms(command: Sequence[str], runs: int, cwd: Path, makes: Sequence[Path] = ()) -> float:
    """Median wall time of a whole process; the first, untimed run must produce `makes`."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    for path in makes:
        path.unlink(missing_ok=True)
    warm = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env)
    # 1 means built but a check failed (Chicago notes take the proposal over 500 words).
    if warm.returncode not in (0, 1) or "Traceback" in warm.stderr:
        sys.exit(f"{' '.join(command[:4])} failed: {warm.stderr}")
    missing = [str(p) for p in makes if not p.is_file()]
    if missing:
        sys.exit(f"{' '.join(command[:4])} did not write {missing}: {warm.stderr}")
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, capture_output=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def median_call_ms(call: Callable[[], object], runs: int) -> float:
    call()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def macro_cache_figures(runs: int) -> tuple[float, float, bool]:
    """Chicago, 50 citations rendered in one call: with drafter's macro cache and without it."""
    from citeproc import model

    from drafter.citations import fixes

    library = open_library()
    keys = sorted(library.sources)[:25]
    clusters = [[CiteItem(k, locator=str(n))] for n, k in enumerate(keys * 2, 1)]
    renderer = CitationRenderer(resolve_style("chicago-notes-bibliography"), library.sources)
    cached = median_call_ms(lambda: renderer.render(clusters), runs)
    with_cache = renderer.render(clusters)
    cached_lookup = model.CitationStylesElement.get_macro
    model.CitationStylesElement.get_macro = cached_lookup.__wrapped__
    try:
        uncached = median_call_ms(lambda: renderer.render(clusters), max(3, runs // 3))
        same = renderer.render(clusters) == with_cache
    finally:
        model.CitationStylesElement.get_macro = cached_lookup
    assert fixes._applied
    return cached, uncached, same


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--batch", type=int, default=20, help="documents in the batch test")
    args = parser.parse_args()
    pandoc = pandoc_path()
    version = subprocess.run([pandoc, "--version"], capture_output=True, text=True).stdout
    env_note = (
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {version.splitlines()[0]}"
    )
    drafter = [sys.executable, "-m", "drafter"]
    rows: list[tuple[str, float, float]] = []
    with tempfile.TemporaryDirectory() as name:
        work = Path(name)
        markdown, records = pandoc_input(work)
        for style in STYLES:
            csl = str(resolve_style(style, extra=open_library().styles))
            ours = median_ms(
                [*drafter, "build", str(EXAMPLE), "--style", style, "-o", "d.md"],
                args.runs,
                work,
                [work / "d.md"],
            )
            theirs = median_ms(
                [
                    pandoc,
                    str(markdown),
                    "--citeproc",
                    "--csl",
                    csl,
                    "--bibliography",
                    str(records),
                    "-t",
                    "markdown",
                    "-o",
                    "p.md",
                ],
                args.runs,
                work,
                [work / "p.md"],
            )
            rows.append((f"one proposal, {style}, Markdown out", ours, theirs))
        drafts = []
        for n in range(args.batch):
            copy = work / f"draft-{n:02}.toml"
            copy.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
            drafts.append(str(copy))
        batch_runs = max(3, args.runs // 3)
        ours = median_ms(
            [*drafter, "build", *drafts, "--style", STYLES[0]],
            batch_runs,
            work,
            [Path(d).with_suffix(".md") for d in drafts],
        )
        csl = str(resolve_style(STYLES[0]))
        single = [
            pandoc,
            str(markdown),
            "--citeproc",
            "--csl",
            csl,
            "--bibliography",
            str(records),
            "-t",
            "markdown",
            "-o",
            "p.md",
        ]
        theirs = median_ms(
            [
                sys.executable,
                "-c",
                f"import subprocess\nfor _ in range({args.batch}): subprocess.run({single!r})",
            ],
            batch_runs,
            work,
        )
        rows.append((f"batch of {args.batch} proposals, {STYLES[0]}", ours, theirs))
        startup = median_ms([*drafter, "--help"], args.runs, work)
    cached, uncached, same = macro_cache_figures(args.runs)

    print(f"machine: {env_note}; medians of {args.runs} runs\n")
    print("| job | drafter | pandoc --citeproc | drafter / pandoc |\n|---|---|---|---|")
    for label, ours, theirs in rows:
        print(f"| {label} | {ours:.0f} ms | {theirs:.0f} ms | {ours / theirs:.2f} |")
    print(f"\n`drafter --help` (interpreter start and imports): {startup:.0f} ms")
    print(
        f"Chicago, 50 citations in one render: {cached:.0f} ms with the macro cache, "
        f"{uncached:.0f} ms without ({uncached / cached:.1f}x); identical output: {same}"
    )


if __name__ == "__main__":
    main()
