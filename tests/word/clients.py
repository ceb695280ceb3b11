"""Other programs reading drafter's DOCX: LibreOffice, pdftotext and pandoc, run as subprocesses.

Each helper finds its program with `need_tool`, so a test using one skips locally without the
program and fails in CI.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from support import need_tool

TIMEOUT = 180  # seconds; a first LibreOffice start builds its profile, later ones take ~1 s


def soffice_convert(src: Path, outdir: Path, target: str, profile_dir: Path) -> Path:
    """Convert `src` with headless LibreOffice to `target` (e.g. "pdf") in `outdir`; the new file."""
    soffice = need_tool("soffice")
    out = outdir / f"{src.stem}.{target.split(':', 1)[0]}"
    if out.resolve() == src.resolve():
        raise ValueError(f"converting {src} to {target} in {outdir} would overwrite it")
    outdir.mkdir(parents=True, exist_ok=True)
    out.unlink(missing_ok=True)
    command = [
        soffice,
        # Two runs sharing a profile fail silently: each conversion gets its own.
        f"-env:UserInstallation={profile_dir.resolve().as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        target,
        "--outdir",
        str(outdir),
        str(src),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    if result.returncode != 0 or not out.is_file():
        raise RuntimeError(
            f"soffice did not write {out} (exit {result.returncode})\n"
            f"command: {' '.join(command)}\nstdout: {result.stdout}\nstderr: {result.stderr}"
        )
    return out


def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page of `pdf`, in `pdftotext -layout` reading order."""
    pdftotext = need_tool("pdftotext")
    result = subprocess.run(
        [pdftotext, "-layout", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"pdftotext failed on {pdf} (exit {result.returncode}): {result.stderr}")
    pages = result.stdout.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def pandoc_markdown(docx: Path) -> str:
    """Pandoc's Markdown reading of `docx`, one line per paragraph."""
    pandoc = need_tool("pandoc")
    result = subprocess.run(
        [pandoc, "-f", "docx", "-t", "markdown", "--wrap=none", str(docx)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"pandoc failed on {docx} (exit {result.returncode}): {result.stderr}")
    return result.stdout
