"""Sources entered by hand (the editor's form): fields → a CSL-JSON item, saved into a file.

The fields are what a filer has in front of them — type, title, author or organization,
publisher, date, URL, accessed — and become one CSL-JSON item with a stable id.
"""

from __future__ import annotations

import json
import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from drafter.errors import CitationError, quoted
from drafter.files.atomic import write_atomic
from drafter.model import Source
from drafter.sources.csljson import parse_csl_json

SOURCE_TYPES = ("webpage", "article-newspaper", "article-magazine", "report", "article-journal",
                "legal_case", "legislation", "book", "document", "post-weblog")  # fmt: skip
_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class SourceFields:
    """The form's fields, as typed."""

    title: str
    type: str = "webpage"
    author: str = ""  # "Family, Given" for a person, else an organization's name
    publisher: str = ""  # newspaper, site or organization that published it
    issued: str = ""  # YYYY, YYYY-MM or YYYY-MM-DD
    url: str = ""
    accessed: str = ""
    id: str = ""  # empty: made from author, year and title


def fields_to_csl(fields: SourceFields, taken: AbstractSet[str] = frozenset()) -> dict[str, Any]:
    """A CSL-JSON item; raises CitationError naming the field that is wrong."""
    if not fields.title.strip():
        raise CitationError("a source needs a title", fix="type the title")
    if fields.type not in SOURCE_TYPES:
        raise CitationError(
            f"unknown source type {quoted(fields.type)}", fix="use " + ", ".join(SOURCE_TYPES)
        )
    item: dict[str, Any] = {"type": fields.type, "title": fields.title.strip()}
    if fields.author.strip():
        item["author"] = [_name(fields.author.strip())]
    if fields.publisher.strip():
        key = (
            "container-title"
            if fields.type.startswith(("article", "post")) or fields.type == "webpage"
            else "publisher"
        )
        item[key] = fields.publisher.strip()
    for key, value in (("issued", fields.issued), ("accessed", fields.accessed)):
        if value.strip():
            item[key] = {"date-parts": [_date_parts(value.strip(), key)]}
    if fields.url.strip():
        url = fields.url.strip()
        if not url.startswith(("http://", "https://")):
            raise CitationError(
                "the URL must start with http:// or https://", fix="paste the full address"
            )
        item["URL"] = url
    item["id"] = fields.id.strip() or make_id(item, taken)
    return item


def _name(text: str) -> dict[str, str]:
    if "," in text:
        family, given = (part.strip() for part in text.split(",", 1))
        return {"family": family, "given": given}
    return {"literal": text}


def _date_parts(text: str, field: str) -> list[int]:
    match = _DATE.match(text)
    if not match:
        raise CitationError(
            f"{field} date {quoted(text)} is not YYYY, YYYY-MM or YYYY-MM-DD", fix="e.g. 2022-09-09"
        )
    parts = [int(p) for p in match.groups() if p]
    try:
        date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        raise CitationError(
            f"{field} date {quoted(text)} does not exist", fix="check month and day"
        ) from None
    return parts


def make_id(item: dict[str, Any], taken: AbstractSet[str] = frozenset()) -> str:
    """A readable key: author or publisher, year, first title word; unique among `taken`."""
    who = ""
    if item.get("author"):
        name = item["author"][0]
        who = name.get("family") or name.get("literal", "")
    who = who or item.get("container-title") or item.get("publisher") or ""
    year = str(item.get("issued", {}).get("date-parts", [[""]])[0][0])
    words = [w for w in _SLUG.split(item["title"].lower()) if len(w) > 3][:1]
    base = (
        "-".join(p for p in (_SLUG.sub("-", who.lower()).strip("-")[:24], year, *words) if p)
        or "source"
    )
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def save_source(path: Path, item: dict[str, Any]) -> Source:
    """Add `item` to the CSL-JSON file at `path` (replacing one with the same id); atomic."""
    items: list[dict[str, Any]] = []
    if path.is_file():
        text = path.read_text(encoding="utf-8")
        parse_csl_json(text, path)  # refuse to rewrite a file that is not valid CSL-JSON
        loaded = json.loads(text)
        items = loaded if isinstance(loaded, list) else [loaded]
    items = [i for i in items if i.get("id") != item["id"]] + [item]
    write_atomic(path, (json.dumps(items, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    return parse_csl_json(json.dumps([item]), path)[0]


def csl_to_fields(csl: dict[str, Any]) -> SourceFields:
    """The form's fields for an existing item (for editing it)."""

    def when(key: str) -> str:
        parts = csl.get(key, {}).get("date-parts", [[]])[0]
        return "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts))

    author = ""
    if csl.get("author"):
        name = csl["author"][0]
        author = name.get("literal") or ", ".join(
            p for p in (name.get("family"), name.get("given")) if p
        )
    return SourceFields(
        title=str(csl.get("title", "")),
        type=str(csl.get("type", "webpage")),
        author=author,
        publisher=str(csl.get("container-title") or csl.get("publisher") or ""),
        issued=when("issued"),
        url=str(csl.get("URL", "")),
        accessed=when("accessed"),
        id=str(csl.get("id", "")),
    )
