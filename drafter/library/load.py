"""Load and index clause libraries: clauses, citations, templates and CSL styles from layered roots.

A library root is a folder holding any of `clauses/`, `citations/`, `templates/` and `styles/`.
Roots are layered: the built-in library first, then `DRAFTER_LIBRARY`, then `--library` folders;
a later root wins when two define the same id.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from drafter.errors import LibraryError, quoted
from drafter.files.reading import did_you_mean, parse_toml, read_text
from drafter.filing.holdings import Invalid, done_day
from drafter.library.folders import library_files
from drafter.library.templates import clause_kinds, front_line, load_template
from drafter.model import (
    CLAUSE_KINDS,
    Clause,
    Location,
    Source,
    Template,
    Variable,
)
from drafter.sources.csljson import parse_csl_json

FRONT_MATTER = "+++"
CLAUSE_KEYS = ("kind", "title", "tags", "variables", "notes", "reviewed")
VARIABLE_KEYS = ("description", "default")


@dataclass
class Library:
    """Everything the layered roots define, indexed by id."""

    roots: tuple[Path, ...] = ()
    clauses: dict[str, Clause] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)  # keyed by lower-case id
    templates: dict[str, Template] = field(default_factory=dict)
    styles: dict[str, Path] = field(default_factory=dict)
    shadowed: list[tuple[str, Location]] = field(default_factory=list)  # ids a later root replaced
    readable: tuple[Path, ...] = ()  # folders beyond the roots a draft may name (--allow-path)

    @property
    def draft_roots(self) -> tuple[Path, ...]:
        """Where a file a draft names may be, besides the draft's own folder."""
        return (*self.roots, *self.readable)

    def clause(self, clause_id: str) -> Clause | None:
        return self.clauses.get(clause_id)

    def source(self, key: str) -> Source | None:
        return self.sources.get(key.lower())

    def by_kind(self, kind: str) -> list[Clause]:
        return [c for c in self.clauses.values() if c.kind == kind]

    def by_tag(self, tag: str) -> list[Clause]:
        tag = tag.lower()
        return [c for c in self.clauses.values() if tag in c.tags]

    def tags(self) -> dict[str, int]:
        """Every tag with the number of clauses carrying it."""
        counts: dict[str, int] = {}
        for clause in self.clauses.values():
            for tag in clause.tags:
                counts[tag] = counts.get(tag, 0) + 1
        return dict(sorted(counts.items()))

    def with_sources(self, sources: Iterable[Source]) -> Library:
        """A copy that also holds `sources` (a draft's own files); this library is unchanged."""
        copy = replace(self, sources=dict(self.sources), shadowed=list(self.shadowed))
        copy.add_sources(sources)
        return copy

    def add_sources(self, sources: Iterable[Source]) -> None:
        """Add sources (a draft's own files); they win over library sources with the same id."""
        for source in sources:
            self._put_source(source)

    def _put_source(self, source: Source) -> None:
        key = source.id.lower()
        if key in self.sources:
            self.shadowed.append((key, self.sources[key].location))
        self.sources[key] = source


def load_library(roots: Sequence[Path]) -> Library:
    """Read every root in order; later roots replace earlier ids."""
    library = Library(roots=tuple(roots))
    for root in roots:
        _load_root(root, library)
    return library


def _load_root(root: Path, library: Library) -> None:
    clause_dir = root / "clauses"
    for path in library_files(root, "clauses", (".md",), depth=None):
        clause = load_clause(path, clause_dir)
        if clause.id in library.clauses:
            library.shadowed.append((clause.id, Location(library.clauses[clause.id].path)))
        library.clauses[clause.id] = clause
    for path in library_files(root, "citations", (".json", ".bib")):
        library.add_sources(load_sources(path))
    for path in library_files(root, "templates", ("template.toml", "starter.toml"), depth=1):
        if path.name == "template.toml" and path.parent != root / "templates":
            template = load_template(path)
            library.templates[template.name] = template
    for path in library_files(root, "styles", (".csl",)):
        library.styles[path.stem] = path


def load_sources(path: Path) -> list[Source]:
    """Citation records from a CSL-JSON (`.json`) or BibTeX (`.bib`) file."""
    text = read_text(path, LibraryError)
    if path.suffix == ".bib":
        from drafter.sources.bibtex import parse_bibtex  # loads only for a library with .bib

        return parse_bibtex(text, path)
    return parse_csl_json(text, path)


# --- clauses ---------------------------------------------------------------


def load_clause(path: Path, clause_dir: Path) -> Clause:
    """Parse one clause file: TOML front matter between `+++` lines, then the body."""
    clause_id = path.relative_to(clause_dir).with_suffix("").as_posix()
    text = read_text(path, LibraryError)
    lines = text.split("\n")
    if not text.strip():
        raise LibraryError(
            "clause file is empty", path, 1, "write +++, the front matter, +++, then the text"
        )
    if lines[0].strip() != FRONT_MATTER:
        raise LibraryError(
            "clause file has no front matter",
            path,
            1,
            "start the file with a +++ line, the TOML front matter (kind, title), and another +++",
        )
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == FRONT_MATTER)
    except StopIteration:
        raise LibraryError(
            "front matter opened on line 1 is never closed", path, 1, "add a +++ line after it"
        ) from None
    meta = parse_toml("\n".join(lines[1:end]), path, LibraryError, line_offset=1)
    body = "\n".join(lines[end + 1 :]).strip("\n")
    body_line = end + 2 + (_leading_blank_lines(lines[end + 1 :]) if body.strip() else 0)
    return _clause_from_meta(clause_id, meta, body, path, body_line, text)


def _leading_blank_lines(lines: list[str]) -> int:
    count = 0
    for line in lines:
        if line.strip():
            break
        count += 1
    return count


def _clause_from_meta(
    clause_id: str, meta: dict[str, Any], body: str, path: Path, body_line: int, text: str
) -> Clause:
    def fail(message: str, key: str, fix: str) -> LibraryError:
        return LibraryError(message, path, front_line(text, key), fix)

    for key in meta:
        if key not in CLAUSE_KEYS:
            raise fail(
                f"unknown front matter key {quoted(key)}",
                key,
                did_you_mean(key, CLAUSE_KEYS, "allowed keys: " + ", ".join(CLAUSE_KEYS)),
            )
    kind = meta.get("kind")
    if kind is None:
        raise LibraryError(
            "front matter has no kind", path, 2, 'add kind = "whereas" (or ' + clause_kinds() + ")"
        )
    if kind not in CLAUSE_KINDS:
        raise fail(
            f"unknown clause kind {quoted(kind)}",
            "kind",
            did_you_mean(str(kind), CLAUSE_KINDS, clause_kinds()),
        )
    title = meta.get("title", "")
    if not isinstance(title, str) or not title.strip():
        raise fail("clause has no title", "title", 'add title = "what the clause says"')
    tags = meta.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise fail("tags must be a list of strings", "tags", 'write tags = ["hart", "dhs"]')
    notes = meta.get("notes", "")
    if not isinstance(notes, str):
        raise fail("notes must be a string", "notes", 'write notes = "..."')
    reviewed = meta.get("reviewed")
    try:  # a plain day, 1900 to tomorrow: a later one would switch the stale-clause check off
        reviewed = None if reviewed is None else done_day(reviewed, "reviewed")
    except Invalid as problem:
        raise fail(problem.what, "reviewed", problem.fix) from None
    if not body.strip():  # body_line is then the line after the closing +++
        raise LibraryError(
            "clause has no body text", path, body_line - 1, "write the text after this +++ line"
        )
    return Clause(
        id=clause_id,
        kind=kind,
        title=title.strip(),
        body=body,
        tags=tuple(t.strip().lower() for t in tags),
        variables=_variables(meta.get("variables", {}), path, text),
        notes=notes.strip(),
        reviewed=reviewed,
        path=path,
        body_line=body_line,
    )


def _variables(table: Any, path: Path, text: str) -> tuple[Variable, ...]:
    if not isinstance(table, dict):
        raise LibraryError(
            "variables must be a table",
            path,
            front_line(text, "variables"),
            "write [variables.name]",
        )
    result = []
    for name, spec in table.items():
        line = front_line(text, f"variables.{name}")
        if not name.isidentifier():
            raise LibraryError(
                f"variable name {quoted(name)} is not a valid identifier",
                path,
                line,
                "use letters, digits and underscores",
            )
        if not isinstance(spec, dict):
            raise LibraryError(
                f"variable {quoted(name)} must be a table",
                path,
                line,
                f'write [variables.{name}] with description = "..."',
            )
        for key in spec:
            if key not in VARIABLE_KEYS:
                raise LibraryError(
                    f"unknown key {quoted(key)} for variable {quoted(name)}",
                    path,
                    line,
                    did_you_mean(key, VARIABLE_KEYS, "allowed: description, default"),
                )
        default = spec.get("default")
        if default is not None and not isinstance(default, str | int | float):
            raise LibraryError(
                f"default of variable {quoted(name)} must be text or a number",
                path,
                line,
                'write default = "..."',
            )
        result.append(
            Variable(
                name=name,
                description=str(spec.get("description", "")).strip(),
                default=None if default is None else str(default),
            )
        )
    return tuple(result)
