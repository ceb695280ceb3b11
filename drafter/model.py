"""Plain data shared by every layer: library records, drafts, the document IR and issues.

Nothing here knows about Jinja2, citeproc, Word or the terminal.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

CLAUSE_KINDS = ("whereas", "resolved", "supporting", "paragraph", "request", "opening", "closing",
                "reason")  # fmt: skip
Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class Location:
    """A place in a user's file, 1-based line."""

    path: Path | str | None = None
    line: int | None = None

    def __str__(self) -> str:
        if self.path is None:
            return ""
        return f"{self.path}:{self.line or 1}"


# --- text a document can hold ---------------------------------------------

# Characters no output keeps: what XML 1.0 (so a Word file) cannot hold — C0 controls but tab
# and newline, lone surrogates, U+FFFE/U+FFFF — and DEL and the C1 controls that PDF copy-paste
# leaves behind. A vertical tab (Word's own line break) and a carriage return are line breaks.
UNWRITABLE = re.compile("[\x00-\x08\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAKS = re.compile("\r\n?|\v")


def writable(text: str) -> str:
    """`text` as every output holds it: line breaks made `\\n`, unwritable characters dropped."""
    return UNWRITABLE.sub("", _LINE_BREAKS.sub("\n", text))


# --- library records -------------------------------------------------------


@dataclass(frozen=True)
class Variable:
    """A variable a clause declares in its front matter."""

    name: str
    description: str = ""
    default: str | None = None


@dataclass(frozen=True)
class Clause:
    """One reusable piece of text from a library."""

    id: str
    kind: str
    title: str
    body: str
    tags: tuple[str, ...] = ()
    variables: tuple[Variable, ...] = ()
    notes: str = ""
    reviewed: date | None = None
    path: Path | None = None
    body_line: int = 1  # line of the file on which the body starts

    def variable(self, name: str) -> Variable | None:
        return next((v for v in self.variables if v.name == name), None)


@dataclass(frozen=True)
class Source:
    """A citable source: one CSL-JSON item, with where it was read from."""

    id: str
    csl: Mapping[str, Any]
    location: Location = field(default_factory=Location)

    @property
    def title(self) -> str:
        return str(self.csl.get("title", ""))


@dataclass(frozen=True)
class SectionSpec:
    """A section a template lays out: its id, the clause kind it expects, its lead word."""

    id: str
    kind: str
    label: str = ""
    lead: str = ""  # lead word such as "Whereas:" or "Resolved:"
    lead_each: bool = False  # lead every item, not only the first
    role: str = "paragraph"  # block role of its items: recital, resolved, paragraph, request...
    required: bool = False


@dataclass(frozen=True)
class Layout:
    """One section order of a template: section ids and `# Heading` entries, in reading order."""

    name: str
    entries: tuple[str, ...]
    no_lead: tuple[str, ...] = ()  # sections printed without their lead word in this order


@dataclass(frozen=True)
class Template:
    """A document kind: its sections, its orders and the starter draft `drafter new` copies."""

    name: str
    description: str
    sections: tuple[SectionSpec, ...]
    layouts: Mapping[str, Layout] = field(default_factory=dict)
    word_limit: int | None = None
    rules: tuple[str, ...] = ()  # older spelling of the kind: the rule set it names, e.g. "14a-8"
    kind: str = ""  # the kind of document (`drafter.kinds`): "proposal", "letter", ...; "" plain
    frame_vars: tuple[str, ...] = ()  # draft variables the frame prints (a notice's registrant)
    starter: str = ""  # TOML text of a new draft
    path: Path | None = None

    @property
    def orders(self) -> tuple[str, ...]:
        return tuple(self.layouts)

    def section(self, section_id: str) -> SectionSpec | None:
        return next((s for s in self.sections if s.id == section_id), None)


# --- drafts ----------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One entry of a draft section: a clause id (with overrides) or inline text."""

    clause: str | None = None
    vars: Mapping[str, str] = field(default_factory=dict)
    text: str | None = None
    line: int | None = field(default=None, compare=False)
    edited_from: str | None = None  # inline text that began as this clause (an in-place edit)

    @property
    def is_inline(self) -> bool:
        return self.clause is None


@dataclass(frozen=True)
class LineIndex:
    """Where a draft's text writes its keys and table headers, found in one pass when it is read
    (drafter.files.reading.index_lines), so that errors can name a line without reading the
    file again."""

    lines: tuple[str, ...]  # the text's lines, for a key the index cannot hold
    assigned: Mapping[str, Sequence[int]]  # key -> the lines `key =` (or quoted) starts
    tables: tuple[int, ...]  # lines that start a table (`[` first): where a table's keys end
    arrays: Mapping[str, Sequence[int]]  # name -> the lines of its `[[name]]` headers


@dataclass(frozen=True)
class Draft:
    """A draft file: what to assemble, in which order, with which values and style."""

    title: str = ""
    template: str = "proposal"
    style: str = "chicago-notes-bibliography"
    order: str = ""  # empty: the template's first order
    vars: Mapping[str, str] = field(default_factory=dict)
    sections: Mapping[str, tuple[Item, ...]] = field(default_factory=dict)
    notes: str = "footnotes"
    sources: tuple[str, ...] = ()
    schema: int = 2
    migrated_from: int | None = field(default=None, compare=False)  # the schema it was written in
    path: Path | None = field(default=None, compare=False)
    extra: Mapping[str, Any] = field(default_factory=dict)  # letter and filing tables, kept as read
    key_lines: Mapping[str, int] = field(default_factory=dict, compare=False)  # "style" -> line
    # Where the file it was read from writes every key; None for a draft made in memory.
    lines: LineIndex | None = field(default=None, compare=False, repr=False)

    def location(self, key_or_line: str | int | None = None) -> Location:
        """Where a top-level key (or a given line) of the draft file is."""
        if isinstance(key_or_line, str):
            return Location(self.path, self.key_lines.get(key_or_line))
        return Location(self.path, key_or_line)


# --- the document IR -------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """A run of text with character formatting; `url` makes it a hyperlink."""

    text: str
    italic: bool = False
    bold: bool = False
    small_caps: bool = False
    superscript: bool = False
    subscript: bool = False
    url: str | None = None


@dataclass(frozen=True)
class CiteItem:
    """One source inside a citation marker, e.g. `@key, p. 12`."""

    key: str
    locator: str | None = None
    label: str = "page"
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True)
class Cite:
    """A citation marker in rendered text, before notes are numbered."""

    items: tuple[CiteItem, ...]
    location: Location = field(default_factory=Location)


@dataclass(frozen=True)
class NoteRef:
    """A reference to note `number` at this point of the text."""

    number: int


Inline = Span | Cite | NoteRef


@dataclass(frozen=True)
class Origin:
    """Which draft item a block came from."""

    section: str
    index: int
    clause_id: str | None
    location: Location = field(default_factory=Location)

    @property
    def anchor(self) -> str:
        """A stable name for the item: section, position and clause id."""
        name = self.clause_id or "inline"
        return f"{self.section}-{self.index + 1}-{name}"


@dataclass(frozen=True)
class Block:
    """A paragraph of the document. `role` picks its layout; `part` its word-count bucket."""

    role: str  # title, heading, recital, resolved, paragraph, bullet, request, closing
    inlines: tuple[Inline, ...]
    part: str
    origin: Origin | None = None
    lead: str = ""  # a lead word printed before the text, e.g. "Whereas:"

    @property
    def text(self) -> str:
        """The block's words as printed, lead word included, note references left out."""
        body = "".join(i.text for i in self.inlines if isinstance(i, Span))
        return f"{self.lead} {body}" if self.lead else body


@dataclass(frozen=True)
class Note:
    """A numbered note and the sources it cites."""

    number: int
    spans: tuple[Span, ...]
    keys: tuple[str, ...] = ()
    origin: Origin | None = None
    items: tuple[CiteItem, ...] = ()  # the citation the note prints, as the text wrote it

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


@dataclass(frozen=True)
class Document:
    """The format-neutral result of a build: blocks, notes and an optional reference list."""

    title: str
    blocks: tuple[Block, ...]
    notes: tuple[Note, ...] = ()
    bibliography: tuple[tuple[Span, ...], ...] = ()
    note_style: bool = True
    endnotes: bool = False  # notes gathered at the end (web publication) rather than at the foot
    meta: Mapping[str, str] = field(default_factory=dict)  # provenance: template, style, draft


@dataclass(frozen=True)
class Issue:
    """A finding of a check, with where to look."""

    code: str
    severity: Severity
    message: str
    location: Location | None = None
    origin: Origin | None = None


# --- returned files (review) -----------------------------------------------------

NOTE_MARK_OPEN, NOTE_MARK_CLOSE = "\ue000", "\ue001"  # around a note number in returned text


@dataclass(frozen=True)
class Passage:
    """The text of one bookmarked draft item (or an unbookmarked paragraph) in a returned file:
    as it was, and as it reads with every tracked change accepted. Note references appear as
    NOTE_MARK_OPEN + number + NOTE_MARK_CLOSE.

    A footnote's text is a passage of its own (`note` is its number), as is a paragraph outside
    every bookmark that a reviewer added whole (`added`); `parent` is the passage holding the
    note's reference, or the one the added paragraph follows."""

    anchor: str | None  # the bookmark name; None for a paragraph outside every bookmark
    section: str | None
    index: int | None
    original: str
    accepted: str
    note: int | None = None
    added: bool = False
    parent: int | None = None


@dataclass(frozen=True)
class Change:
    """A tracked change: insertion, deletion, move-from or move-to."""

    kind: str
    author: str
    date: str
    text: str
    passage: int  # index into ReturnedFile.passages


@dataclass(frozen=True)
class Remark:
    """A comment, with the text it is attached to."""

    id: str
    author: str
    date: str
    text: str
    anchored_text: str
    passage: int | None
    reply_to: str | None = None


@dataclass(frozen=True)
class ReturnedFile:
    """What a reviewed DOCX holds, as drafter reads it back."""

    path: Path | None
    properties: Mapping[str, str]
    passages: tuple[Passage, ...]
    changes: tuple[Change, ...]
    remarks: tuple[Remark, ...]
