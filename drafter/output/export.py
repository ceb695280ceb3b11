"""Built documents written in an output format, atomically and behind the output guard: what
`drafter build`, `check` and `packet` do for any front end (everything that can fail from the
input first, then only the writing), and the editor's export. Sits above the core, beside the CLI.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from drafter.drafts.file import load_draft
from drafter.errors import DrafterError, OutputError, quoted
from drafter.files.atomic import lock_file, make_folder, write_atomic
from drafter.files.guard import Output, check_outputs, note_read
from drafter.library.roots import library_roots
from drafter.model import Document
from drafter.output.formats import FORMATS
from drafter.output.textout import to_markdown, to_plain
from drafter.pipeline import BuildResult, build, build_file, build_files, open_library
from drafter.pipeline import papers as kind_papers

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


def check_output_folder(folder: Path, options: OutputOptions) -> None:
    """Check the folder several outputs go to (made later), and that the reference document
    opens."""
    if options.reference_doc is not None:
        from drafter.word.package import open_reference

        open_reference(options.reference_doc)  # a bad one would fail every output alike
    if "\0" in str(folder):
        shown = str(folder).replace("\0", "\\0")
        fix = "name a folder for --out-dir without control characters"
        raise DrafterError("the output folder's name holds a NUL character", shown, None, fix)
    if folder.exists() and not folder.is_dir():
        raise DrafterError(
            "the output folder is a file", folder, None, "name a folder for --out-dir"
        )


def campaign_among(paths: Sequence[Path]) -> Path | None:
    """The campaign among the drafts `drafter build` was given, if there is one; each draft is
    read first (an empty one is refused), and a campaign is built alone."""
    from drafter.campaign.targets import is_campaign

    campaigns = [p for p in paths if is_campaign(load_draft(p, require_content=True))]
    if campaigns and len(paths) > 1:
        raise DrafterError(
            "build one campaign at a time", campaigns[0], None, "name only the campaign file"
        )
    return campaigns[0] if campaigns else None


@dataclass(frozen=True)
class Rendered:
    """A document rendered, at a path the output guard has passed: only the disk can fail now."""

    path: Path
    data: bytes

    def write(self) -> Path:
        write_atomic(self.path, self.data)
        return self.path


@dataclass(frozen=True)
class Built:
    """One draft of `drafter build`: its build, and its output rendered and checked."""

    result: BuildResult
    output: Rendered


def prepare_builds(
    drafts: Sequence[Path],
    library_dirs: Sequence[Path] = (),
    *,
    output: Path | None = None,
    fmt: str | None = None,
    style: str | None = None,
    reference_doc: Path | None = None,
    force: bool = False,
    only_consented: bool | None = None,
    allow: Sequence[Path] = (),
) -> list[Built]:
    """`drafter build` of drafts (not a campaign): every draft built and rendered, and every
    output checked, before anything is written, so bad input in one writes nothing at all."""
    if output and len(drafts) > 1:
        raise DrafterError(
            "-o names one output, but several drafts were given", None, None, "drop -o"
        )
    chosen = format_for(output, fmt)
    options = OutputOptions(reference_doc=reference_doc, force=force)
    check_options(chosen, options)
    built = list(
        build_files(drafts, library_dirs, style=style, only_consented=only_consented, allow=allow)
    )
    rendered = [render_document(result.document, chosen, options) for _, result in built]
    outs = [output or default_output(draft_path, chosen) for draft_path, _ in built]
    check_outputs(
        [Output(out, chosen, force=force) for out in outs],
        library_roots(library_dirs),
        [reference_doc, *(result.style_path for _, result in built)],
    )
    return [
        Built(result, Rendered(out, data))
        for (_, result), out, data in zip(built, outs, rendered, strict=True)
    ]


@dataclass(frozen=True)
class Check:
    """`drafter check`'s verdict on a draft: its build, and whether it fails (on errors, and
    with `strict` on warnings too)."""

    result: BuildResult
    strict: bool = False

    @property
    def failed(self) -> bool:
        return bool(self.result.errors) or (self.strict and bool(self.result.warnings))

    def to_dict(self) -> dict[str, object]:
        return self.result.to_dict(ok=not self.failed)


def check_file(
    path: Path,
    library_dirs: Sequence[Path] = (),
    *,
    style: str | None = None,
    strict: bool = False,
    allow: Sequence[Path] = (),
) -> Check:
    """`drafter check`: the draft at `path` (refused when empty) built, with every check."""
    load_draft(path, require_content=True)
    return Check(build_file(path, library_dirs, style=style, allow=allow), strict)


@dataclass(frozen=True)
class Packet:
    """A document's filing papers built, rendered and checked, not yet written."""

    result: BuildResult
    folder: Path
    files: tuple[Rendered, ...]

    def write(self) -> Iterator[Path]:
        """Make the folder and write each paper, yielding its path once it is written."""
        make_folder(self.folder)
        for file in self.files:
            yield file.write()


def prepare_packet(
    path: Path,
    out_dir: Path,
    reference_doc: Path | None = None,
    library_dirs: Sequence[Path] = (),
    allow: Sequence[Path] = (),
) -> Packet:
    """`drafter packet`: the document and the papers its kind files with it (a proposal's cover
    letter, broker request...), each a DOCX in `out_dir`, built, rendered and checked before the
    folder is made."""
    draft = load_draft(path, require_content=True)
    library = open_library(library_dirs, allow)
    result = build(draft, library)
    options = OutputOptions(reference_doc=reference_doc)
    papers = kind_papers(result, library)
    check_output_folder(out_dir, options)
    outs = [out_dir / f"{stem}.docx" for stem, _ in papers]
    check_outputs(
        [Output(out, "docx") for out in outs],
        library_roots(library_dirs),
        [reference_doc, result.style_path],
        make_folders=True,
    )
    rendered = [render_document(document, "docx", options) for _, document in papers]
    files = tuple(Rendered(out, data) for out, data in zip(outs, rendered, strict=True))
    return Packet(result, out_dir, files)
