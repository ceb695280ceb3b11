"""The cited data as the evaluator sees it: one CSL-JSON item, and one cite of it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

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
        self.type = str(record.get("type") or "article")
        fields: dict[str, Any] = {}
        for key, value in record.items():
            name = ALIASES.get(key, key)
            if name not in fields or key == name:
                fields[name] = value
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
