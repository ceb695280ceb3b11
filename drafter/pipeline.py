"""The build façade: draft + library → document, notes, word counts and issues.

The CLI and the TUI call `build()` (or `build_file()`); nothing here prints or knows about
output formats.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from drafter.assembly.assemble import assemble
from drafter.assembly.budget import render_parts
from drafter.assembly.checks import run_checks
from drafter.assembly.layout import lay_out
from drafter.campaign import KEYS as CAMPAIGN_KEYS
from drafter.citations import CitationRenderer, resolve_style
from drafter.citations.notes import cite_blocks
from drafter.drafts.file import (
    check_known_keys,
    dumps_draft,
    load_draft,
    loads_draft,
    original_path,
)
from drafter.drafts.paths import draft_path
from drafter.errors import CitationError, DraftError, quoted
from drafter.files.atomic import write_atomic
from drafter.files.guard import Output, check_outputs
from drafter.files.reading import did_you_mean
from drafter.filing.wordcount import WordCount, count_words
from drafter.kinds.kind import ReadContext
from drafter.kinds.registry import draft_keys, kind_of, known_draft_keys
from drafter.library.load import Library, load_library, load_sources
from drafter.library.roots import library_roots
from drafter.model import Block, Cite, Document, Draft, Issue, Location, Span
from drafter.render.clauses import Paragraph, render_text

Progress = Callable[[str], None]


@dataclass(frozen=True)
class BuildResult:
    """Everything a build produces; writers and checks read it, nobody mutates it."""

    draft: Draft
    document: Document
    issues: tuple[Issue, ...]
    counts: WordCount | None
    style_path: Path
    own_keys: tuple[str, ...] = ()  # keys of the draft's own source files

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "warning"]

    def to_dict(self, ok: bool | None = None) -> dict[str, object]:
        """The build as `drafter check --json` prints it; `ok` is the caller's verdict (a
        strict check fails on warnings too), by default that the build has no errors."""
        return {
            "draft": str(self.draft.path) if self.draft.path is not None else None,
            "ok": not self.errors if ok is None else ok,
            "words": self.counts.as_dict() if self.counts else None,
            "notes": len(self.document.notes),
            "issues": [
                {
                    "code": i.code,
                    "severity": i.severity,
                    "message": i.message,
                    "file": str(i.location.path) if i.location and i.location.path else None,
                    "line": i.location.line if i.location else None,
                    "clause": i.origin.clause_id if i.origin else None,
                }
                for i in self.issues
            ],
        }


def open_library(extra: Sequence[Path | str] = (), allow: Sequence[Path | str] = ()) -> Library:
    """The layered library: built-in, DRAFTER_LIBRARY, then `extra` folders; a draft may also
    name files under the `allow` folders."""
    library = load_library(library_roots(extra))
    if allow:
        library = replace(library, readable=tuple(Path(p) for p in allow))
    return library


def build_file(
    path: Path,
    library_dirs: Sequence[Path | str] = (),
    style: str | None = None,
    today: date | None = None,
    allow: Sequence[Path | str] = (),
) -> BuildResult:
    """Load a draft file and the layered library, then build."""
    draft = load_draft(path)
    return build(draft, open_library(library_dirs, allow), style=style, today=today)


def build_files(
    paths: Sequence[Path],
    library_dirs: Sequence[Path | str] = (),
    style: str | None = None,
    only_consented: bool | None = None,
    allow: Sequence[Path | str] = (),
) -> Iterator[tuple[Path, BuildResult]]:
    """Build several drafts on one loaded library, yielding each result as it is ready."""
    library = open_library(library_dirs, allow)
    for path in paths:
        yield path, build(load_draft(path), library, style=style, only_consented=only_consented)


def build(
    draft: Draft,
    library: Library,
    *,
    style: str | None = None,
    progress: Progress | None = None,
    today: date | None = None,
    only_consented: bool | None = None,
) -> BuildResult:
    """Assemble, render, cite and check `draft`; `style` overrides the draft's citation style."""
    say = progress or (lambda _message: None)
    kind = kind_of(library.templates.get(draft.template))
    used = [key for key in draft.extra if key not in CAMPAIGN_KEYS]
    check_known_keys(draft, (*known_draft_keys(kind, used), *CAMPAIGN_KEYS))
    library, own_keys = _with_draft_sources(draft, library)
    context = ReadContext(library.draft_roots, only_consented)
    frame = kind.read(draft, context)  # bad tables fail before anything is built
    say("assembling")
    assembly = assemble(draft, library, frame.variables)
    say("rendering")
    title = _render_title(draft)
    rendered = render_parts(assembly.parts)  # with the document's budget (`assembly.budget`)
    blocks = frame.wrap(lay_out(assembly, title, rendered))
    _check_keys(blocks, library)
    say("citing")
    style_path = _style(draft, library, style)
    renderer = CitationRenderer(style_path, library.sources)
    cited = cite_blocks(blocks, renderer, draft.notes)
    labels = {"title": "Title", **{s.id: s.label for s in assembly.template.sections}}
    labels |= {"notes": "Notes", "frame": frame.label}
    limit = assembly.template.word_limit
    counts = count_words(cited.blocks, cited.notes, cited.bibliography, labels=labels, limit=limit)
    say("checking")
    issues = run_checks(
        assembly,
        blocks,
        counts,
        cited.keys,
        own_keys,
        today,
        kind_checks=frame.content_checks,
        fact_risk=frame.fact_risk,
    )
    issues += [*frame.early, *_schema_issues(draft)]
    issues += frame.issues(blocks, counts.conservative, today or date.today())
    document = Document(
        title=_plain(title),
        blocks=cited.blocks,
        notes=cited.notes,
        bibliography=cited.bibliography,
        note_style=renderer.is_note,
        endnotes=draft.notes == "endnotes",
        meta=_provenance(draft, assembly.template.name, style_path),
    )
    return BuildResult(draft, document, tuple(issues), counts, style_path, tuple(own_keys))


def papers(result: BuildResult, library: Library) -> list[tuple[str, Document]]:
    """(file stem, document) for the papers `drafter packet` writes: the built document and the
    ones its kind files with it; a kind with none is an input error."""
    template = library.templates.get(result.draft.template)
    kind = kind_of(template)
    found = kind.papers(result.draft, result.document)
    if not found:
        raise DraftError(
            f"a draft of kind {quoted(kind.name)} has no filing papers",
            result.draft.path,
            result.draft.location("template").line,
            "drafter packet writes a proposal's papers; build this draft with drafter build",
        )
    return found


def _schema_issues(draft: Draft) -> list[Issue]:
    """A draft read from an older schema says so, and where saving keeps the original."""
    if draft.migrated_from is None or draft.path is None:
        return []
    kept = original_path(draft.path, draft.migrated_from).name
    message = (
        f"written in schema {draft.migrated_from}; read as schema {draft.schema} (see "
        f"docs/schema.md); saving keeps the original as {kept}"
    )
    return [Issue("draft.schema", "info", message, draft.location("schema"))]


def _provenance(draft: Draft, template: str, style_path: Path) -> dict[str, str]:
    """What a document records of where it came from; the hash is of the draft's content."""
    content = dumps_draft(draft).encode("utf-8")
    return {
        "template": template,
        "style": style_path.stem,
        "notes": draft.notes,
        "draft": draft.path.name if draft.path else "",
        "draft_sha256": hashlib.sha256(content).hexdigest(),
    }


def _with_draft_sources(draft: Draft, library: Library) -> tuple[Library, list[str]]:
    """The library with the draft's own citation files (relative to the draft) over its sources."""
    if not draft.sources:
        return library, []
    keys: list[str] = []
    own = []
    line = draft.key_lines.get("sources")
    for name in draft.sources:
        path = draft_path(
            name,
            draft.path,
            library.draft_roots,
            what="sources file",
            line=line,
            error=CitationError,
        )
        if not path.is_file():
            raise CitationError(
                f"sources file {quoted(name)} not found",
                draft.path,
                line,
                "check the path",
            )
        sources = load_sources(path)
        own += sources
        keys += [s.id for s in sources]
    return library.with_sources(own), keys


def _render_title(draft: Draft) -> tuple[Span, ...]:
    if not draft.title.strip():
        return ()
    paragraphs: list[Paragraph] = render_text(draft.title, draft.vars, draft.location("title"))
    return tuple(i for p in paragraphs for i in p.inlines if isinstance(i, Span))


def _plain(spans: Sequence[Span]) -> str:
    return "".join(s.text for s in spans)


def _check_keys(blocks: Sequence[Block], library: Library) -> None:
    """Every citation key must exist: the first unknown one is an input error at its marker."""
    for block in blocks:
        for inline in block.inlines:
            if not isinstance(inline, Cite):
                continue
            for item in inline.items:
                if library.source(item.key) is None:
                    raise CitationError(
                        f"unknown citation key {quoted(item.key)}",
                        inline.location.path,
                        inline.location.line,
                        did_you_mean(
                            item.key.lower(), library.sources, "add it to a citations/*.json file"
                        ),
                    )


def _style(draft: Draft, library: Library, override: str | None) -> Path:
    name = override or draft.style
    base = draft.path.parent if draft.path else None
    if override is None and (name.endswith(".csl") or "/" in name or "\\" in name):
        name = str(_draft_style(draft, library, name))  # a style file the draft names
    try:
        return resolve_style(name, extra=library.styles, base_dir=base)
    except CitationError as exc:
        if override is None:
            raise replace_location(exc, draft.location("style")) from None
        raise


def _draft_style(draft: Draft, library: Library, name: str) -> Path:
    """The style file a draft names, inside its folder or a readable root."""
    line = draft.key_lines.get("style")
    roots = library.draft_roots
    path = draft_path(name, draft.path, roots, what="style file", line=line, error=CitationError)
    if not path.is_file():
        fix = "give a path to a .csl file beside the draft, or a style name"
        raise CitationError(f"style file {quoted(name)} not found", draft.path, line, fix)
    return path


def replace_location(error: CitationError, location: Location) -> CitationError:
    """The same error, placed at `location` when it had no place of its own."""
    if error.path is None:
        error.path, error.line = location.path, location.line
    return error


def create_draft(template_name: str, path: Path, library: Library, force: bool = False) -> Path:
    """Write a new draft from a template's starter; an existing file is kept unless `force`."""
    template = library.templates.get(template_name)
    if template is None:
        raise DraftError(
            f"no template {quoted(template_name)} to start from",
            None,
            None,
            did_you_mean(
                template_name, library.templates, "templates: " + ", ".join(library.templates)
            ),
        )
    if not template.starter:
        folder = template.path.parent if template.path else template_name
        raise DraftError(
            f"template {quoted(template_name)} has no starter draft",
            None,
            None,
            f"add {folder}/starter.toml",
        )
    if path.exists() and not force:
        raise DraftError("file already exists", path, None, "choose another name or pass --force")
    if path.suffix != ".toml":
        raise DraftError(
            "a draft file name ends in .toml", path, None, f"use {path.with_suffix('.toml')}"
        )
    starter = template.path.parent / "starter.toml" if template.path else None
    check_known_keys(loads_draft(template.starter, starter), (*draft_keys(), *CAMPAIGN_KEYS))
    check_outputs([Output(path, "toml", ours=force)], library.roots)  # never into a library
    write_atomic(path, template.starter.encode("utf-8"))
    return path
