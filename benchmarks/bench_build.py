"""Time `drafter build` against `pandoc --citeproc` on the same text, sources and CSL style.

Run from the repository: `python benchmarks/bench_build.py [--runs N] [--batch N]`. Every figure
is the median of N whole-process runs (warm disk, a new process per run, so every single build is
a cold start), measured in one sitting so the ratios are fair. Jobs: one proposal to Markdown and
to DOCX in each style, and a batch of proposals to each format (drafter builds them all in one
process, pandoc runs once per document, as a user would script it).

The pandoc input is the example proposal with its citation markers left in, written out by
drafter's own assembly step, with every CSL-JSON source of the library (citations/*.json merged,
as drafter loads them all) and the same .csl file; pandoc's reference list is suppressed because
drafter prints none for note styles. A reference row also times pandoc on drafter's own
`--format md` output, whose notes are already rendered: pandoc's cost with no citations to process.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from drafter import __version__  # noqa: E402
from drafter.assembly.assemble import assemble  # noqa: E402
from drafter.assembly.layout import lay_out  # noqa: E402
from drafter.citations import CitationRenderer, resolve_style  # noqa: E402
from drafter.drafts.file import load_draft  # noqa: E402
from drafter.model import Cite, CiteItem, Span  # noqa: E402
from drafter.pipeline import build, open_library  # noqa: E402
from drafter.render.clauses import render_text  # noqa: E402

EXAMPLE = REPO / "examples" / "amazon-customer-due-diligence.toml"
STYLES = ("chicago-notes-bibliography", "proposal-urls")
FORMATS = ("md", "docx")
HEADINGS = {"title": "# ", "heading": "## ", "bullet": "- "}
Row = tuple[str, float, float]


def pandoc_path() -> str:
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError):
        found = shutil.which("pandoc")
        if not found:
            sys.exit("pandoc not found: pip install pypandoc-binary")
        return found


def pandoc_input(work: Path, draft_path: Path = EXAMPLE) -> tuple[Path, Path]:
    """A draft as pandoc Markdown with [@key] markers, and the library's CSL-JSON sources."""
    library = open_library()
    draft = load_draft(draft_path)
    assembly = assemble(draft, library)
    rendered = {
        i: render_text(p.body, p.values, p.body_location) for i, p in enumerate(assembly.parts)
    }
    blocks = lay_out(assembly, (Span(draft.title),), rendered)
    lines: list[str] = []
    for block in blocks:
        text = []
        for inline in block.inlines:
            if isinstance(inline, Cite):
                text.append("[" + "; ".join(_marker(i) for i in inline.items) + "]")
            else:
                text.append(inline.text)
        lead = f"**{block.lead}** " if block.lead else ""
        lines += [HEADINGS.get(block.role, "") + lead + "".join(text), ""]
    markdown = work / f"{draft_path.stem}.md"
    markdown.write_text("\n".join(lines), encoding="utf-8")
    merged = [
        record
        for path in sorted((REPO / "citations").glob("*.json"))
        for record in json.loads(path.read_text(encoding="utf-8"))
    ]
    records = work / "sources.json"
    records.write_text(json.dumps(merged, ensure_ascii=False), encoding="utf-8")
    return markdown, records


def pandoc_command(pandoc: str, source: Path, csl: Path, records: Path, out: str) -> list[str]:
    """pandoc with citeproc on `source`; the output format follows from `out`'s suffix."""
    return [
        pandoc,
        str(source),
        "--from",
        "markdown",
        "--citeproc",
        "--csl",
        str(csl),
        "--bibliography",
        str(records),
        "--metadata",
        "suppress-bibliography=true",
        "--output",
        out,
    ]


def _marker(item: CiteItem) -> str:
    locator = f", p. {item.locator}" if item.locator else ""
    return f"{item.prefix} @{item.key}{locator}".strip()


def median_ms(command: Sequence[str], runs: int, cwd: Path, makes: Sequence[Path] = ()) -> float:
    """Median wall time of a whole process, after one untimed warm-up run.

    Every run, timed or not, must succeed and write `makes` afresh: a run that fails fast (say,
    while someone edits drafter) would otherwise pass for a quick one.
    """
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    times = []
    for run in range(runs + 1):
        for path in makes:
            path.unlink(missing_ok=True)
        start = time.perf_counter()
        done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env)
        elapsed = time.perf_counter() - start
        _check_run(command, done, makes)
        if run:
            times.append(elapsed)
    return statistics.median(times) * 1000


def _check_run(
    command: Sequence[str], done: subprocess.CompletedProcess[str], makes: Sequence[Path]
) -> None:
    what = " ".join(command[:4])
    # 1 means built but a check failed (Chicago notes take the proposal over 500 words).
    if done.returncode not in (0, 1) or "Traceback" in done.stderr:
        sys.exit(f"{what} failed ({done.returncode}): {done.stderr}")
    if "[WARNING]" in done.stderr:  # e.g. pandoc's "Citeproc: citation x not found"
        sys.exit(f"{what} warned: {done.stderr}")
    missing = [str(p) for p in makes if not p.is_file()]
    if missing:
        sys.exit(f"{what} did not write {missing}: {done.stderr}")


def median_call_ms(call: Callable[[], object], runs: int) -> float:
    call()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def footnotes(docx: Path) -> int:
    """Footnotes in a DOCX, not counting Word's separator notes."""
    with zipfile.ZipFile(docx) as package:
        if "word/footnotes.xml" not in package.namelist():
            return 0
        xml = package.read("word/footnotes.xml").decode("utf-8")
    return sum("w:type=" not in tag for tag in re.findall(r"<w:footnote\b[^>]*>", xml))


def machine(pandoc_version: str) -> str:
    """CPU model, cores, load, OS, Python, pandoc and drafter versions."""
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        models = [
            line.split(":", 1)[1].strip()
            for line in cpuinfo.read_text().splitlines()
            if line.startswith("model name")
        ]
        cpu = models[0] if models else cpu
    load = f", load {os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else ""
    return (
        f"{cpu}, {os.cpu_count()} cores{load}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, {pandoc_version}, drafter {__version__}"
    )


def macro_cache_figures(runs: int) -> tuple[float, float, bool]:
    """Chicago, 50 citations rendered in one call: with drafter's speed caches (macro lookup,
    calls_variable, XPath answers, each item's source, `<if type>`) and without them. `_render` skips the rendered-notes cache, which would
    otherwise answer every repeat."""
    import citeproc
    from citeproc import model

    from drafter.citations import fixes

    library = open_library()
    keys = sorted(library.sources)[:25]
    clusters = [[CiteItem(k, locator=str(n))] for n, k in enumerate(keys * 2, 1)]
    renderer = CitationRenderer(resolve_style("chicago-notes-bibliography"), library.sources)
    cached = median_call_ms(lambda: renderer._render(clusters), runs)
    with_cache = renderer._render(clusters)
    cached_lookup = model.CitationStylesElement.get_macro
    cached_xpath = model.CitationStylesElement.xpath_search
    cached_calls = {cls: cls.calls_variable for cls in fixes.CALLS_VARIABLE_CLASSES}
    cached_reference, cached_types = citeproc.CitationItem.reference, model.If._type
    model.CitationStylesElement.get_macro = cached_lookup.__wrapped__
    model.CitationStylesElement.xpath_search = cached_xpath.__wrapped__
    citeproc.CitationItem.reference = property(cached_reference.fget.__wrapped__)
    model.If._type = cached_types.__wrapped__
    for cls, method in cached_calls.items():
        cls.calls_variable = method.__wrapped__
    try:
        uncached = median_call_ms(lambda: renderer._render(clusters), max(3, runs // 3))
        same = renderer._render(clusters) == with_cache
    finally:
        model.CitationStylesElement.get_macro = cached_lookup
        model.CitationStylesElement.xpath_search = cached_xpath
        citeproc.CitationItem.reference, model.If._type = cached_reference, cached_types
        for cls, method in cached_calls.items():
            cls.calls_variable = method
    assert fixes._applied
    return cached, uncached, same


def single_rows(
    pandoc: str, markdown: Path, records: Path, runs: int, work: Path
) -> tuple[list[Row], list[str]]:
    """One proposal, cold, per style and format; plus pandoc on drafter's rendered Markdown."""
    drafter = [sys.executable, "-m", "drafter"]
    rows: list[Row] = []
    checks: list[str] = []
    for style in STYLES:
        csl = resolve_style(style, extra=open_library().styles)
        ours = 0.0
        for fmt in FORMATS:  # md first: its output is pandoc's input in the reference row
            ours_out, theirs_out = work / f"d-{style}.{fmt}", work / f"p-{style}.{fmt}"
            ours = median_ms(
                [*drafter, "build", str(EXAMPLE), "--style", style, "-o", ours_out.name],
                runs,
                work,
                [ours_out],
            )
            theirs = median_ms(
                pandoc_command(pandoc, markdown, csl, records, theirs_out.name),
                runs,
                work,
                [theirs_out],
            )
            rows.append((f"one proposal, {style}, {fmt.upper()} out", ours, theirs))
            if fmt == "docx":
                checks.append(
                    f"{style}: drafter {footnotes(ours_out)} footnotes, "
                    f"pandoc {footnotes(theirs_out)}"
                )
        # Reference: pandoc given drafter's own `--format md` output (written by the md job above)
        # with the same options. Its notes are already text, so citeproc has nothing to do.
        rendered_out = work / f"r-{style}.docx"
        theirs = median_ms(
            pandoc_command(pandoc, work / f"d-{style}.md", csl, records, rendered_out.name),
            runs,
            work,
            [rendered_out],
        )
        label = f"one proposal, {style}, DOCX out (pandoc on drafter's md, notes pre-rendered)"
        rows.append((label, ours, theirs))  # `ours`: the DOCX job just timed
    return rows, checks


def batch_rows(
    pandoc: str, markdown: Path, records: Path, count: int, runs: int, work: Path
) -> list[Row]:
    """`count` variants of the example in one drafter process vs pandoc once per document.

    Each variant puts the recitals in another order, so its notes differ (first and subsequent
    forms fall elsewhere) and drafter's rendered-notes cache cannot answer for it: every
    document is rendered in full, as pandoc renders each of its runs.
    """
    drafter = [sys.executable, "-m", "drafter"]
    drafts = []
    head, rest = EXAMPLE.read_text(encoding="utf-8").split("whereas = [\n", 1)
    items, tail = rest.split("]\n", 1)
    lines = [line for line in items.splitlines() if line.strip()]
    for n in range(count):
        turn = n % len(lines)
        rotated = lines[turn:] + lines[:turn]
        if n >= len(lines):
            rotated.reverse()
        copy = work / f"draft-{n:02}.toml"
        copy.write_text(
            head + "whereas = [\n" + "\n".join(rotated) + "\n]\n" + tail, encoding="utf-8"
        )
        drafts.append(copy)
    style = STYLES[0]
    csl = resolve_style(style)
    rows: list[Row] = []
    for fmt in FORMATS:
        ours = median_ms(
            [*drafter, "build", *map(str, drafts), "--style", style, "--format", fmt],
            runs,
            work,
            [d.with_suffix(f".{fmt}") for d in drafts],
        )
        single = pandoc_command(pandoc, markdown, csl, records, f"p-batch.{fmt}")
        loop = f"import subprocess\nfor _ in range({count}): subprocess.run({single!r}, check=True)"
        theirs = median_ms([sys.executable, "-c", loop], runs, work, [work / f"p-batch.{fmt}"])
        rows.append((f"batch of {count} proposals, {style}, {fmt.upper()} out", ours, theirs))
    return rows


def heavy_draft(work: Path, notes: int = 60) -> Path:
    """The example's recitals repeated until the document has `notes` notes, in Chicago style."""
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        'style = "proposal-urls"', 'style = "chicago-notes-bibliography"'
    )
    head, rest = text.split("whereas = [\n", 1)
    items, tail = rest.split("]\n", 1)
    lines = [line for line in items.splitlines() if line.strip()]
    path = work / "heavy.toml"
    for count in range(len(lines), len(lines) * 8):
        chosen = (lines * 8)[:count]
        path.write_text(
            head + "whereas = [\n" + "\n".join(chosen) + "\n]\n" + tail, encoding="utf-8"
        )
        built = build(load_draft(path), open_library())
        if len(built.document.notes) >= notes:
            return path
    return path


def heavy_rows(pandoc: str, runs: int, work: Path) -> list[Row]:
    """A citation-heavy document (60 notes, Chicago), cold, DOCX: drafter vs pandoc."""
    path = heavy_draft(work)
    markdown, records = pandoc_input(work, path)
    csl = resolve_style("chicago-notes-bibliography")
    ours = median_ms([sys.executable, "-m", "drafter", "build", str(path), "-o", str(work / "h.docx")],
                     runs, work, [work / "h.docx"])  # fmt: skip
    theirs = median_ms(
        pandoc_command(pandoc, markdown, csl, records, "h-p.docx"), runs, work, [work / "h-p.docx"]
    )
    return [("60-note document, chicago-notes-bibliography, DOCX out", ours, theirs)]


def main() -> None:
    os.environ["DRAFTER_NOTES_CACHE"] = "off"  # every build renders its notes, as a first one does
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--batch", type=int, default=20, help="documents in the batch test")
    args = parser.parse_args()
    pandoc = pandoc_path()
    version = subprocess.run([pandoc, "--version"], capture_output=True, text=True).stdout
    env_note = machine(version.splitlines()[0])
    batch_runs = max(3, args.runs // 3)
    with tempfile.TemporaryDirectory() as name:
        work = Path(name)
        markdown, records = pandoc_input(work)
        rows, checks = single_rows(pandoc, markdown, records, args.runs, work)
        rows += batch_rows(pandoc, markdown, records, args.batch, batch_runs, work)
        rows += heavy_rows(pandoc, max(5, args.runs // 2), work)
        startup = median_ms([sys.executable, "-m", "drafter", "--help"], args.runs, work)
    cached, uncached, same = macro_cache_figures(args.runs)

    print(f"machine: {env_note}")
    print(f"medians of {args.runs} runs (batches: {batch_runs} runs), whole processes\n")
    print("| job | drafter | pandoc --citeproc | drafter / pandoc |\n|---|---|---|---|")
    for label, ours, theirs in rows:
        print(f"| {label} | {ours:.0f} ms | {theirs:.0f} ms | {ours / theirs:.2f} |")
    print(f"\nNotes in the DOCX outputs: {'; '.join(checks)}")
    print(f"`drafter --help` (interpreter start and imports): {startup:.0f} ms")
    print(
        f"Chicago, 50 citations in one render: {cached:.0f} ms with the speed caches, "
        f"{uncached:.0f} ms without ({uncached / cached:.1f}x); identical output: {same}"
    )


if __name__ == "__main__":
    main()
