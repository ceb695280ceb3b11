"""Time hostile inputs and everyday jobs, whole processes, on this checkout and (optionally) another.

Run from the repository: `python benchmarks/bench_robustness.py [--before DIR] [--quick]`.
`--before DIR` names another drafter checkout (say, a `git worktree` of an older commit): every
case runs against both in the same sitting, so the figures compare fairly. Each case is one
`python -m drafter` process under a time limit (`--seconds`, 60 by default) and an address-space
limit (`--memory-gb`, 3 by default); the table shows its wall time, peak memory (the child's
maximum resident set), exit code and first line of output. A case that hits a limit shows
"timeout" or a MemoryError's exit code: that is the "before" the budgets exist for.

The hostile cases are those the robustness budgets name (docs/robustness.md): BibTeX macros
that double, a returned DOCX packing millions of empty paragraphs, 20,000 comments in the review
table, a clause body of placeholders, and a format string whose widths add up. The everyday
jobs are a DOCX build of the example proposal (beside pandoc writing drafter's own Markdown of
it as DOCX, the same kind of job without citations) and a review of that DOCX sent back.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "amazon-customer-due-diligence.toml"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CLAUSE = '+++\nkind = "whereas"\ntitle = "A hostile clause"\n{vars}+++\n{body}\n'
RESOLVED = '+++\nkind = "resolved"\ntitle = "The request"\n+++\nShareholders request a report.\n'
DRAFT = """schema = 2
template = "proposal"
title = "Report"
style = "chicago-notes-bibliography"
{extra}
[sections]
whereas = ["whereas/h"]
resolved = ["resolved/r"]
"""


@dataclass(frozen=True)
class Case:
    """One job: the drafter arguments, run in a folder that `make` fills first."""

    name: str
    make: Callable[[Path, bool, list[str], dict[str, str]], list[str]]


@dataclass(frozen=True)
class Ran:
    seconds: float
    peak_mb: float
    code: int | str
    said: str


def _library(folder: Path, body: str, variables: str = "") -> Path:
    lib = folder / "lib"
    (lib / "clauses" / "whereas").mkdir(parents=True)
    (lib / "clauses" / "resolved").mkdir(parents=True)
    (lib / "clauses" / "whereas" / "h.md").write_text(
        CLAUSE.format(vars=variables, body=body), encoding="utf-8"
    )
    (lib / "clauses" / "resolved" / "r.md").write_text(RESOLVED, encoding="utf-8")
    return lib


def bibtex_doubling(folder: Path, quick: bool, runner: list[str], env: dict[str, str]) -> list[str]:
    """`@string` macros that each join the one before twice: 8 characters become 8 million."""
    count = 16 if quick else 20
    lines = ['@string{s0 = "xxxxxxxx"}']
    lines += [f"@string{{s{i} = s{i - 1} # s{i - 1}}}" for i in range(1, count + 1)]
    lines.append(f"@misc{{big, title = s{count}, year = 2024}}")
    (folder / "refs.bib").write_text("\n".join(lines) + "\n", encoding="utf-8")
    lib = _library(folder, "A fact [@big].")
    (folder / "d.toml").write_text(DRAFT.format(extra='sources = ["refs.bib"]\n'), "utf-8")
    return ["build", "d.toml", "-o", "out.md", "--library", str(lib)]


def placeholders(folder: Path, quick: bool, runner: list[str], env: dict[str, str]) -> list[str]:
    """A body of nothing but `{{ company }}`, with a long company name."""
    count = 60_000 if quick else 500_000  # 7 MB: under the 8 MB a clause file may hold
    variables = '[variables.company]\ndescription = "x"\n'
    lib = _library(folder, "{{ company }} " * count, variables)
    extra = f'\n[vars]\ncompany = "{"A" * 2000}"\n'
    (folder / "d.toml").write_text(DRAFT.format(extra=extra), encoding="utf-8")
    return ["build", "d.toml", "-o", "out.md", "--library", str(lib)]


def format_widths(folder: Path, quick: bool, runner: list[str], env: dict[str, str]) -> list[str]:
    """A format string of many fields, each padded wide: small per field, huge in sum."""
    fields = 1600 if quick else 16_000
    lib = _library(folder, f"{{{{ ('{{0:199999}}' * {fields}).format(1) }}}}")
    (folder / "d.toml").write_text(DRAFT.format(extra=""), encoding="utf-8")
    return ["build", "d.toml", "-o", "out.md", "--library", str(lib)]


def _example(folder: Path, runner: list[str], env: dict[str, str]) -> tuple[Path, Path]:
    draft = folder / "d.toml"
    shutil.copy(EXAMPLE, draft)
    built = folder / "built.docx"
    subprocess.run(
        [*runner, "build", str(draft), "-o", str(built)], env=env, check=True, capture_output=True
    )
    return draft, built


def _patched(built: Path, out: Path, edits: dict[str, Callable[[bytes], bytes] | bytes]) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(built) as src, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            data = src.read(name)
            edit = edits.pop(name, None)
            dst.writestr(name, edit(data) if callable(edit) else data)
        for name, data in edits.items():
            dst.writestr(name, data if isinstance(data, bytes) else b"")
    out.write_bytes(buffer.getvalue())


def paragraph_bomb(folder: Path, quick: bool, runner: list[str], env: dict[str, str]) -> list[str]:
    """A returned DOCX whose body packs millions of empty paragraphs into a few hundred kB."""
    draft, built = _example(folder, runner, env)
    count = 3_000_000 if quick else 30_000_000
    empties = b"<w:p/>" * count
    _patched(
        built,
        folder / "returned.docx",
        {"word/document.xml": lambda d: d.replace(b"<w:body>", b"<w:body>" + empties, 1)},
    )
    return ["review", str(draft), "returned.docx"]


def many_comments(folder: Path, quick: bool, runner: list[str], env: dict[str, str]) -> list[str]:
    """A returned DOCX carrying 20,000 one-word comments, reported as the (piped) table."""
    draft, built = _example(folder, runner, env)
    count = 2_000 if quick else 20_000
    body = b"".join(
        b'<w:p><w:commentRangeStart w:id="%d"/><w:r><w:t>w%d</w:t></w:r><w:commentRangeEnd '
        b'w:id="%d"/><w:r><w:commentReference w:id="%d"/></w:r></w:p>' % (i, i, i, i)
        for i in range(count)
    )
    comments = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments xmlns:w="{W}">'
        + "".join(
            f'<w:comment w:id="{i}" w:author="R{i % 7}"><w:p><w:r><w:t>c{i}</w:t></w:r></w:p>'
            "</w:comment>"
            for i in range(count)
        )
        + "</w:comments>"
    ).encode()
    rel = (
        b'<Relationship Id="rIdC" Target="comments.xml" Type="http://schemas.openxmlformats.org'
        b'/officeDocument/2006/relationships/comments"/></Relationships>'
    )
    kind = (
        b'<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.wordprocessingml.comments+xml"/></Types>'
    )
    _patched(
        built,
        folder / "returned.docx",
        {
            "word/document.xml": lambda d: d.replace(b"<w:body>", b"<w:body>" + body, 1),
            "word/_rels/document.xml.rels": lambda d: d.replace(b"</Relationships>", rel),
            "[Content_Types].xml": lambda d: d.replace(b"</Types>", kind),
            "word/comments.xml": comments,
        },
    )
    return ["review", str(draft), "returned.docx"]


def example_build(folder: Path, quick: bool, runner: list[str], env: dict[str, str]) -> list[str]:
    shutil.copy(EXAMPLE, folder / "d.toml")
    return ["build", "d.toml", "-o", "out.docx"]


def example_review(folder: Path, quick: bool, runner: list[str], env: dict[str, str]) -> list[str]:
    draft, built = _example(folder, runner, env)
    return ["review", str(draft), str(built)]


CASES = [
    Case("BibTeX @string doubling, cited", bibtex_doubling),
    Case("clause body of {{ company }} placeholders", placeholders),
    Case("format string of wide fields", format_widths),
    Case("returned DOCX of empty paragraphs (review)", paragraph_bomb),
    Case("20,000 comments, review table piped", many_comments),
    Case("example proposal -> DOCX", example_build),
    Case("review of the example's own DOCX", example_review),
]


def run_one(command: list[str], cwd: Path, env: dict[str, str], seconds: float, memory: int) -> Ran:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    start = time.perf_counter()
    child = subprocess.Popen(
        command,
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=limit,
    )
    assert child.stderr is not None
    os.set_blocking(child.stderr.fileno(), False)
    said, code = b"", None
    while code is None:
        try:
            _, status, usage = os.wait4(child.pid, os.WNOHANG)
        except ChildProcessError:
            break
        if _ == child.pid:
            code = os.waitstatus_to_exitcode(status)
            break
        said += child.stderr.read() or b""
        if time.perf_counter() - start > seconds:
            child.kill()
            _, status, usage = os.wait4(child.pid, 0)
            return Ran(seconds, usage.ru_maxrss / 1024, "timeout", "")
        time.sleep(0.01)
    elapsed = time.perf_counter() - start
    said += child.stderr.read() or b""
    first = said.decode("utf-8", "replace").strip().splitlines()
    return Ran(
        elapsed,
        usage.ru_maxrss / 1024,
        code if code is not None else "?",
        first[-1][:90] if first else "",
    )


def pandoc_docx(folder: Path, runner: list[str], env: dict[str, str]) -> float | None:
    """pandoc writing drafter's finished Markdown of the example as DOCX: the same-kind job."""
    try:
        import pypandoc

        pandoc = pypandoc.get_pandoc_path()
    except (ImportError, OSError):
        pandoc = shutil.which("pandoc") or ""
    if not pandoc:
        return None
    shutil.copy(EXAMPLE, folder / "p.toml")
    subprocess.run([*runner, "build", "p.toml", "-o", "p.md"], cwd=folder, env=env, check=True)
    start = time.perf_counter()
    subprocess.run([pandoc, "p.md", "-o", "p.docx"], cwd=folder, check=True)
    return time.perf_counter() - start


def main() -> None:
    os.environ["DRAFTER_NOTES_CACHE"] = "off"  # every build renders its notes, as a first one does
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, help="another drafter checkout to compare with")
    parser.add_argument("--quick", action="store_true", help="smaller hostile inputs")
    parser.add_argument("--seconds", type=float, default=60.0, help="time limit per case")
    parser.add_argument("--memory-gb", type=float, default=3.0, help="address space per case")
    args = parser.parse_args()
    checkouts = [("after", REPO)] + ([("before", args.before.resolve())] if args.before else [])
    memory = int(args.memory_gb * 1024**3)
    print(f"| case | {' | '.join(name for name, _ in checkouts)} |")
    print(f"|---|{'---|' * len(checkouts)}")
    for case in CASES:
        cells = []
        for _, checkout in checkouts:
            env = {**os.environ, "PYTHONPATH": str(checkout)}
            runner = [sys.executable, "-m", "drafter"]
            with tempfile.TemporaryDirectory() as scratch:
                folder = Path(scratch)
                made = case.make(folder, args.quick, runner, env)
                ran = run_one([*runner, *made], folder, env, args.seconds, memory)
            cells.append(f"{ran.seconds:.2f} s, {ran.peak_mb:.0f} MB, exit {ran.code}")
        print(f"| {case.name} | {' | '.join(cells)} |", flush=True)
    with tempfile.TemporaryDirectory() as scratch:
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        took = pandoc_docx(Path(scratch), [sys.executable, "-m", "drafter"], env)
    if took is not None:
        print(f"| pandoc: drafter's Markdown of the example -> DOCX | {took:.2f} s |")


if __name__ == "__main__":
    main()
