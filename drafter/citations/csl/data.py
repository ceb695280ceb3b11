"""The cited data as the evaluator sees it: one CSL-JSON item, and one cite of it.

An item's `type` must be one of CSL 1.0.2's (a CitationError names the nearest); variables
written in its `note` as `key: value` lines (citeproc-js's "cheater syntax", names as
`Family || Given`) are read when the item lacks them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from drafter.errors import CitationError, quoted
from drafter.files.reading import suggest

TYPES = frozenset((
    "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book",
    "broadcast", "chapter", "classic", "collection", "dataset", "document", "entry",
    "entry-dictionary", "entry-encyclopedia", "event", "figure", "graphic", "hearing",
    "interview", "legal_case", "legislation", "manuscript", "map", "motion_picture",
    "musical_score", "pamphlet", "paper-conference", "patent", "performance", "periodical",
    "personal_communication", "post", "post-weblog", "regulation", "report", "review",
    "review-book", "software", "song", "speech", "standard", "thesis", "treaty", "webpage"
))  # fmt: skip
# Types of older CSL (0.8) and exports that CSL 1.0 names otherwise.
LEGACY_TYPES = {"letter": "personal_communication"}
# The types an error lists by name; the rest it counts.
COMMON_TYPES = (
    "article, article-journal, article-magazine, article-newspaper, bill, book, chapter, "
    "dataset, document, legal_case, legislation, manuscript, paper-conference, report, thesis, "
    "webpage"
)

# CSL-JSON keys that mean the same variable (Zotero's and older exports).
ALIASES = {
    "shortTitle": "title-short",
    "journalAbbreviation": "container-title-short",
    "archive_location": "archive_location",
}
NAME_VARIABLES = frozenset(
    [
        "author",
        "chair",
        "collection-editor",
        "compiler",
        "composer",
        "container-author",
        "contributor",
        "curator",
        "director",
        "editor",
        "editorial-director",
        "editor-translator",
        "executive-producer",
        "guest",
        "host",
        "illustrator",
        "interviewer",
        "narrator",
        "organizer",
        "original-author",
        "performer",
        "producer",
        "recipient",
        "reviewed-author",
        "script-writer",
        "series-creator",
        "translator",
    ]
)
DATE_VARIABLES = frozenset(
    ["accessed", "available-date", "event-date", "issued", "original-date", "submitted"]
)


class Item:
    """One source's CSL-JSON record, read field by field as the style asks."""

    __slots__ = ("_text", "fields", "id", "type")

    def __init__(self, record: Mapping[str, Any]) -> None:
        self.id = str(record.get("id", ""))
        self.type = csl_type(record.get("type"))
        fields: dict[str, Any] = {}
        for key, value in record.items():
            name = ALIASES.get(key, key)
            if name not in fields or key == name:
                fields[name] = value
        note = fields.get("note")
        if isinstance(note, str) and ":" in note:
            for name, value in note_fields(note).items():
                fields.setdefault(name, value)
        page = fields.get("page")
        if page is not None and "page-first" not in fields:
            first = str(page).replace("\u2013", "-").split("-")[0].split(",")[0].split("&")[0]
            fields["page-first"] = first.strip()
        self.fields = fields
        self._text: dict[str, str | None] = {}

    def text(self, name: str) -> str | None:
        """An ordinary or number variable as text; None when the item lacks it (or it is
        empty)."""
        if name in self._text:
            return self._text[name]
        value = self.fields.get(name)
        if isinstance(value, bool) or value is None or isinstance(value, (list, dict)):
            text = None
        elif isinstance(value, float) and value.is_integer():
            text = str(int(value))
        else:
            text = str(value).strip() or None
        self._text[name] = text
        return text

    def names(self, name: str) -> list[dict[str, Any]]:
        """A name variable's names (dicts of CSL-JSON name parts); empty when absent."""
        value = self.fields.get(name)
        if isinstance(value, list):
            return [n for n in value if isinstance(n, dict)]
        return []

    def date(self, name: str) -> Any:
        """A date variable's raw CSL-JSON value (an object or a string), or None."""
        value = self.fields.get(name)
        return value or None

    def has(self, name: str) -> bool:
        """Whether the item has the variable, as `<if variable=...>` tests it."""
        if name in NAME_VARIABLES:
            return bool(self.names(name))
        if name in DATE_VARIABLES:
            return self.date(name) is not None
        return self.text(name) is not None


def csl_type(value: Any) -> str:
    """An item's CSL type ("article" when it has none); CitationError for one CSL lacks."""
    if value is None or value == "":
        return "article"
    text = str(value).strip()
    if text in TYPES:
        return text
    if text in LEGACY_TYPES:
        return LEGACY_TYPES[text]
    close = suggest(text.lower(), TYPES, limit=1)
    if close:
        fix = f"did you mean {close[0]}? (CSL 1.0.2 has {len(TYPES)} types)"
    else:
        fix = f"use one of CSL 1.0.2's {len(TYPES)} types: {COMMON_TYPES}, …"
    raise CitationError(f"unknown CSL type {quoted(text)}", fix=fix)


_NOTE_LINE = re.compile(r"^\s*\{?:?([a-z][a-z-]*):\s*(.*?)\}?\s*$", re.IGNORECASE)
# CSL 1.0.2's standard and number variables (and Zotero's short forms), which a note may set.
TEXT_VARIABLES = frozenset((
    "abstract", "annote", "archive", "archive_collection", "archive_location", "archive-place",
    "authority", "call-number", "chapter-number", "citation-key", "citation-label",
    "collection-number", "collection-title", "collection-title-short", "container-title",
    "container-title-short", "dimensions", "division", "DOI", "edition", "event", "event-place",
    "event-title", "first-reference-note-number", "genre", "ISBN", "ISSN", "issue",
    "jurisdiction", "keyword", "language", "license", "locator", "medium", "number",
    "number-of-pages", "number-of-volumes", "original-publisher", "original-publisher-place",
    "original-title", "page", "page-first", "part-number", "part-title", "PMCID", "PMID",
    "printing-number", "publisher", "publisher-place", "references", "reviewed-genre",
    "reviewed-title", "scale", "section", "source", "status", "supplement-number", "title",
    "title-short", "URL", "version", "volume", "volume-title", "volume-title-short",
    "year-suffix"
))  # fmt: skip
_BY_LOWER = {name.lower(): name for name in TEXT_VARIABLES}


def note_fields(note: str) -> dict[str, Any]:
    """The variables a note writes one a line as `key: value` (`{:key: value}`), as CSL-JSON
    values: names `Family || Given` (or a literal) in a list, dates as raw text."""
    found: dict[str, Any] = {}
    for line in note.splitlines():
        match = _NOTE_LINE.match(line)
        if match is None or not match[2]:
            continue
        name, value = match[1].lower(), match[2]
        if name in NAME_VARIABLES:
            family, bar, given = value.partition("||")
            person = {"family": family.strip(), "given": given.strip()}
            found.setdefault(name, []).append(person if bar else {"literal": value.strip()})
        elif name in DATE_VARIABLES:
            found.setdefault(name, {"raw": value.strip()})
        elif name in _BY_LOWER:
            found.setdefault(_BY_LOWER[name], value.strip())
    return found


@dataclass
class Cite:
    """One cite of an item in a citation, and what the processor worked out about it."""

    item: Item
    locator: str | None = None
    label: str = "page"
    prefix: str = ""
    suffix: str = ""
    suppress_author: bool = False
    author_only: bool = False
    note: int | None = None  # the number of the note holding the citation
    position: str = "first"  # first, subsequent, ibid or ibid-with-locator
    near_note: bool = False
    first_note: int | None = None  # first-reference-note-number
    number: int | None = None  # citation-number
    extra: dict[str, Any] = field(default_factory=dict)
