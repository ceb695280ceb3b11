"""Read CSL-JSON citation files (what Zotero exports) into Sources, with a line for each item."""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path
from typing import Any

from drafter.errors import CitationError, excerpt, quoted
from drafter.files.reading import MAX_DIGITS, deepest_line, line_of, too_deep
from drafter.model import Location, Source
from drafter.sources.dates import MAX_YEAR, MIN_YEAR, real_day

DATE_FIELDS = ("issued", "accessed", "original-date", "event-date", "submitted", "available-date")
NAME_FIELDS = (
    "author",
    "editor",
    "translator",
    "container-author",
    "collection-editor",
    "composer",
    "director",
    "editorial-director",
    "illustrator",
    "interviewer",
    "original-author",
    "recipient",
    "reviewed-author",
    "chair",
    "compiler",
    "contributor",
    "curator",
    "guest",
    "host",
    "narrator",
    "organizer",
    "performer",
    "producer",
    "script-writer",
    "series-creator",
    "executive-producer",
)
# CSL's text and number variables: each holds text (or a number), never a list or an object.
TEXT_FIELDS = (
    "abstract", "annote", "archive", "archive_collection", "archive_location", "archive-place",
    "authority", "call-number", "chapter-number", "citation-key", "citation-label",
    "collection-number", "collection-title", "container-title", "container-title-short",
    "dimensions", "division", "DOI", "edition", "event", "event-title", "event-place", "genre",
    "ISBN", "ISSN", "issue", "jurisdiction", "keyword", "language", "license", "medium", "note",
    "number", "number-of-pages", "number-of-volumes", "original-publisher",
    "original-publisher-place", "original-title", "page", "page-first", "part-number",
    "part-title", "PMCID", "PMID", "printing-number", "publisher", "publisher-place",
    "references", "reviewed-genre", "reviewed-title", "scale", "section", "source", "status",
    "supplement-number", "title", "title-short", "URL", "version", "volume", "volume-title",
    "volume-title-short", "year-suffix",
)  # fmt: skip
NAME_PARTS = ("family", "given", "literal", "suffix", "dropping-particle", "non-dropping-particle")
MAX_ITEM_DEPTH = 16  # an item's values nest a few levels (dates, names); deeper is not CSL
DATE_FIX = 'write it as {"date-parts": [[2021, 11, 24]]} (year, month, day; month and day optional)'
NAME_FIX = (
    'write a list of names: [{"family": "Boyd", "given": "Aaron"}] '
    'or [{"literal": "Human Rights Watch"}]'
)
ITEM_FIX = 'each item looks like {"id": "short-key", "type": "report", "title": "..."}'


def parse_csl_json(text: str, path: Path | str | None) -> list[Source]:
    """Sources from CSL-JSON text: an array of item objects (or one object)."""
    data = _load(text, path)
    if isinstance(data, dict):
        items, lines = [data], [_first_line(text)]
    elif isinstance(data, list):
        items, lines = data, item_lines(text)
    else:
        raise CitationError(
            f"top level is a JSON {_json_kind(data)}, not an array of items",
            path,
            _first_line(text),
            "wrap the items in [ ... ]",
        )
    sources: list[Source] = []
    seen: dict[str, int] = {}
    for item, line in zip(items, lines, strict=True):
        source = _source(item, path, line)
        key = source.id.lower()
        if key in seen:
            raise CitationError(
                f"duplicate id {quoted(source.id)} (first used on line {seen[key]})",
                path,
                line,
                "give each source its own id; ids are compared ignoring case",
            )
        seen[key] = line
        sources.append(source)
    return sources


def _load(text: str, path: Path | str | None) -> Any:
    """Decode the JSON, turning a syntax error into a CitationError at its line."""
    if not text.strip():
        raise CitationError("citation file is empty", path, 1, "write [] for no sources")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        message = exc.msg[:1].lower() + exc.msg[1:]
        raise CitationError(
            f"malformed JSON: {message} (column {exc.colno})",
            path,
            exc.lineno,
            "fix the syntax on that line; a missing comma or quote is the usual cause",
        ) from None
    except RecursionError:
        raise CitationError(
            "JSON nested too deeply", path, deepest_line(text, "[{"), "flatten the items"
        ) from None
    except ValueError:  # a number past Python's limit of 4,300 digits for reading integers
        line = line_of(text, rf"\d{{{sys.get_int_max_str_digits()}}}") or 1
        raise CitationError(
            f"a number of more than {MAX_DIGITS} digits", path, line, "write a shorter number"
        ) from None


def item_lines(text: str) -> list[int]:
    """The line on which each element of a top-level JSON array starts (its `{` for objects)."""
    lines: list[int] = []
    line, depth, in_string, escaped, expecting = 1, 0, False, False, False
    for char in text:
        if char == "\n":
            line += 1
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
            continue
        if char in " \t\n\r":
            continue
        if depth == 1 and expecting and char not in ",]":
            lines.append(line)
            expecting = False
        if char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            expecting = depth == 1 and char == "["
        elif char in "]}":
            depth -= 1
        elif char == "," and depth == 1:
            expecting = True
    return lines


def _first_line(text: str) -> int:
    """The line of the first character that is not white space."""
    stripped = text.lstrip()
    return text[: len(text) - len(stripped)].count("\n") + 1


def _json_kind(value: Any) -> str:
    """A JSON type name for a decoded value."""
    if isinstance(value, str):
        return "string"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "null"


def _source(item: Any, path: Path | str | None, line: int) -> Source:
    """One checked item as a Source, its CSL mapping a deep copy of the item."""
    if not isinstance(item, dict):
        kind = _json_kind(item)
        raise CitationError(f"item is a JSON {kind}, not an object", path, line, ITEM_FIX)
    source_id = _check_id(item, path, line)
    _check_type(item, source_id, path, line)
    if too_deep(item, MAX_ITEM_DEPTH):
        message = f"item {quoted(source_id)} is nested too deeply to be CSL"
        fix = "dates and names nest a few levels; flatten the rest"
        raise CitationError(message, path, line, fix)
    for field in TEXT_FIELDS:
        if field in item:
            _check_text(item[field], field, source_id, path, line)
    for field in DATE_FIELDS:
        if field in item:
            _check_date(item[field], field, source_id, path, line)
    for field in NAME_FIELDS:
        if field in item:
            _check_names(item[field], field, source_id, path, line)
    return Source(id=source_id, csl=copy.deepcopy(item), location=Location(path, line))


def _check_id(item: dict[str, Any], path: Path | str | None, line: int) -> str:
    """The item's id: a non-empty string without white space."""
    value = item.get("id")
    if "id" not in item:
        raise CitationError("item has no id", path, line, 'add "id": "short-key" to cite it by')
    if not isinstance(value, str) or not value.strip():
        raise CitationError(
            f"item id must be a non-empty string, not {json.dumps(value)}",
            path,
            line,
            'write "id": "short-key"',
        )
    if value != value.strip() or any(c.isspace() for c in value):
        raise CitationError(
            f"item id {json.dumps(value)} contains white space",
            path,
            line,
            'citation keys cannot hold spaces; use hyphens, e.g. "hrw-2021"',
        )
    return value


def _check_type(item: dict[str, Any], source_id: str, path: Path | str | None, line: int) -> None:
    """Require a non-empty string `type`."""
    value = item.get("type")
    if not isinstance(value, str) or not value.strip():
        what = "has no type" if value is None else f"has type {json.dumps(value)}"
        raise CitationError(
            f"item {quoted(source_id)} {what}",
            path,
            line,
            'add a CSL type such as "type": "report", "webpage" or "article-journal"',
        )


def _check_text(value: Any, field: str, source_id: str, path: Path | str | None, line: int) -> None:
    """Require text (or a number) in a CSL text or number variable."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise CitationError(
            f"item {quoted(source_id)}: {field} is a JSON {_json_kind(value)}, not text",
            path,
            line,
            f'write "{field}": "..." (or leave it out)',
        )


def _check_date(value: Any, field: str, source_id: str, path: Path | str | None, line: int) -> None:
    """Require a CSL date: an object with `date-parts`, `raw` or `literal`."""
    problem = _date_problem(value)
    if problem:
        fix = f'{DATE_FIX}, or {{"literal": "..."}}'
        raise CitationError(f"item {quoted(source_id)}: {field} {problem}", path, line, fix)


def _date_problem(value: Any) -> str | None:
    """What is wrong with a CSL date value, or None when it is usable."""
    if not isinstance(value, dict):
        return f"is a JSON {_json_kind(value)}, not a date object"
    if "date-parts" in value:
        return _date_parts_problem(value["date-parts"])
    if any(isinstance(value.get(k), str) and value[k].strip() for k in ("raw", "literal")):
        return None
    return "has no date-parts, raw or literal"


def _date_parts_problem(parts: Any) -> str | None:
    """What is wrong with a `date-parts` list (one date, or two for a range)."""
    if not isinstance(parts, list) or not 1 <= len(parts) <= 2:
        return "date-parts must be a list holding one date (or two for a range)"
    for date in parts:
        if not isinstance(date, list) or not 1 <= len(date) <= 3:
            return "date-parts must hold lists of [year, month, day]"
        numbers = [_as_int(p) for p in date]
        if any(n is None for n in numbers):
            return f"date-parts {_shown(date)} holds a part that is not a whole number"
        if not MIN_YEAR <= (numbers[0] or 0) <= MAX_YEAR:
            return f"date-parts {_shown(date)} has a year outside {MIN_YEAR} to {MAX_YEAR}"
        if len(numbers) > 1 and not 1 <= (numbers[1] or 0) <= 12:
            return f"date-parts {_shown(date)} has month {numbers[1]}, not 1 to 12"
        if len(numbers) > 2 and not 1 <= (numbers[2] or 0) <= 31:
            return f"date-parts {_shown(date)} has day {numbers[2]}, not 1 to 31"
        if not real_day([n or 0 for n in numbers]):
            return f"date-parts {_shown(date)} has day {numbers[2]}, not a day of that month"
    return None


def _as_int(part: Any) -> int | None:
    """A date part as an int (ints and digit strings of up to 20 characters), else None."""
    if isinstance(part, bool):
        return None
    if isinstance(part, int):
        return part
    if (
        isinstance(part, str)
        and len(part) <= 20
        and part.strip().lstrip("-").isdigit()
        and part.isascii()
    ):
        return int(part)
    return None


def _shown(value: Any) -> str:
    """A JSON value for a message, cut to 60 characters."""
    text = json.dumps(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _check_names(
    value: Any, field: str, source_id: str, path: Path | str | None, line: int
) -> None:
    """Require a list of name objects, each with family, given or literal text."""
    if not isinstance(value, list):
        raise CitationError(
            f"item {quoted(source_id)}: {field} is a JSON {_json_kind(value)}, not a list of names",
            path,
            line,
            NAME_FIX,
        )
    for name in value:
        if (
            not isinstance(name, dict)
            or not any(
                isinstance(name.get(k), str) and name[k].strip()
                for k in ("family", "given", "literal")
            )
            or not all(isinstance(name[k], str) for k in NAME_PARTS if k in name)
        ):
            raise CitationError(
                f"item {quoted(source_id)}: {field} holds {excerpt(json.dumps(name, ensure_ascii=False))}, not a name",
                path,
                line,
                NAME_FIX,
            )
