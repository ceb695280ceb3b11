"""Write a built document in an output format, atomically. Sits above the core, beside the CLI."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from drafter.errors import OutputError, quoted
from drafter.files.atomic import lock_file, write_atomic
from drafter.files.guard import Output, check_outputs, note_read
from drafter.model import Document
from drafter.output.textout import to_markdown, to_plain

FORMATS = ("docx", "md", "txt")
SUFFIXES = {".docx": "docx", ".md": "md", ".markdown": "md", ".txt": "txt", ".text": "txt"}
DEFAULT_FORMAT = "docx"


@dataclass(frozen=True)
class OutputOptions:
    """How to write: a Word reference document, and whether to write over a file open elsewhere."""

    reference_doc: Path | None = None
    force: bool = False


def format_for(path: Path | None, requested: str | None) -> str:
    """The format asked for, else the one the output's suffix names, else DOCX."""
    if requested:
        if requested not in FORMATS:
            raise OutputError(
                f"unknown output format {quoted(requested)}",
                None,
                None,
                "use " + " or ".join(FORMATS),
            )
        return requested
    if path is not None and path.suffix.lower() in SUFFIXES:
        return SUFFIXES[path.suffix.lower()]
    return DEFAULT_FORMAT


def default_output(draft_path: Path, fmt: str) -> Path:
    """Where `drafter build` writes when no -o is given: beside the draft."""
    return draft_path.with_suffix("." + fmt)


def check_options(fmt: str, options: OutputOptions) -> None:
    """Refuse options that do not apply to `fmt`, before anything is built."""
    if options.reference_doc is not None and fmt != "docx":
        raise OutputError(
            "--reference-doc applies to DOCX output only",
            None,
            None,
            "drop it or use --format docx",
        )


def render_document(
    document: Document, fmt: str, options: OutputOptions = OutputOptions()
) -> bytes:
    """The bytes of `document` in `fmt`."""
    if fmt == "docx":
        if options.reference_doc is not None:
            note_read(options.reference_doc)  # an input: no output of this run may replace it
        from drafter.word import DocxOptions, to_docx  # python-docx loads only when asked for

        return to_docx(document, DocxOptions(reference=options.reference_doc))
    check_options(fmt, options)
    text = to_markdown(document) if fmt == "md" else to_plain(document)
    return text.encode("utf-8")


def write_document(
    document: Document, path: Path, fmt: str, options: OutputOptions = OutputOptions()
) -> None:
    """Render `document` as `fmt` and replace `path` with it; refuse a file open in an editor."""
    lock = lock_file(path)
    if lock is not None and not options.force:
        raise OutputError(
            f"the file is open in a word processor (lock file {lock.name})",
            path,
            None,
            "close it there, or pass --force to write anyway",
        )
    write_atomic(path, render_document(document, fmt, options))


def export_checked(
    document: Document,
    path: Path,
    fmt: str,
    roots: Sequence[Path],
    options: OutputOptions = OutputOptions(),
) -> None:
    """`write_document` behind the output guard, for a front end writing one file: never over
    a file this process read, a library's file, or an existing file drafter did not make."""
    check_outputs([Output(path, fmt, force=options.force)], roots)
    write_document(document, path, fmt, options)
