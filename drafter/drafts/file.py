"""Read and write draft TOML files; the only user of tomli-w (fresh files: new drafts, sidecars).

A draft is hand-editable TOML. Loading validates every key and remembers the line of each
top-level key and section item, and where its text writes every key and table header, so later
errors can point into the file without reading it again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import tomli_w

from drafter.drafts.lines import top_level_lines, vars_line
from drafter.errors import DraftError, excerpt, quoted
from drafter.files.reading import (
    did_you_mean,
    index_lines,
    line_of,
    parse_toml,
    read_text,
)
from drafter.model import Draft, Item

SCHEMA_VERSION = 2
# Keys a newer schema renamed: an old name in a current draft is pointed at the new one.
RENAMED = {"closing": "sign_off"}
NOTE_MODES = ("footnotes", "endnotes", "reuse")
CORE_KEYS = (
    "schema",
    "template",
    "title",
    "style",
    "order",
    "notes",
    "sources",
    "vars",
    "sections",
)
# Any other top-level key is kept in Draft.extra for the document kinds (`drafter.kinds`) and
# campaigns that read it; `check_known_keys` refuses one nobody reads. Extra keys are kept in
# this order first, so a draft's content hash stays what earlier versions of drafter made it.
EXTRA_ORDER = ("date", "subject", "salutation", "sign_off", "cc", "to", "signatories", "letter",
               "campaign", "targets", "filing", "history", "solicitation")  # fmt: skip
ITEM_KEYS = ("clause", "vars", "text", "from")
STRING_DEFAULTS = {  # the text settings and their defaults
    "template": "proposal",
    "title": "",
    "style": "chicago-notes-bibliography",
    "order": "",
    "notes": "footnotes",
}
Value = str | int | float | bool | date | datetime | time


def load_draft(path: Path, *, require_content: bool = False) -> Draft:
    """Read and validate a draft file; with `require_content`, a draft with nothing in it fails."""
    draft = loads_draft(read_text(path, DraftError), path)
    if require_content and not (draft.sections or draft.title or draft.vars or draft.extra):
        raise DraftError(
            "the draft is empty",
            path,
            1,
            f"start one with `drafter new proposal {path.name} --force`, or name another file",
        )
    return draft


Fail = Callable[[str, str, str], DraftError]  # (message, top-level key, fix) -> the error


def loads_draft(text: str, path: Path | None = None) -> Draft:
    """Validate draft TOML text; errors name the file and line."""
    data = parse_toml(text, path, DraftError)
    lines = index_lines(text)
    key_lines = top_level_lines(text, data, lines)

    def fail(message: str, key: str, fix: str) -> DraftError:
        return DraftError(message, path, key_lines.get(key.split(".")[0], 1), fix)

    schema = _migrate(data, key_lines, fail)
    _known_keys(data, fail)
    strings = _strings(data, fail)
    sources = data.get("sources", [])
    if isinstance(sources, str):
        sources = [sources]
    if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
        raise fail(
            "sources must be a list of file names", "sources", 'write sources = ["refs.json"]'
        )
    variables = data.get("vars", {})
    if not isinstance(variables, dict):
        raise fail("vars must be a table", "vars", 'write [vars] and name = "value" lines under it')
    for name, value in variables.items():
        if not isinstance(value, Value):
            what = f"variable {quoted(name)} must be text, a number, a boolean or a date"
            line = vars_line(lines, name, key_lines)
            raise DraftError(what, path, line, f'write {excerpt(name)} = "..."')
    sections = data.get("sections", {})
    if not isinstance(sections, dict):
        raise fail(
            "sections must be a table", "sections", "write [sections] with one list per section"
        )
    return Draft(
        title=strings["title"],
        template=strings["template"],
        style=strings["style"],
        order=strings["order"],
        vars=dict(variables),
        sections={
            name: _items(name, items, text, path, key_lines) for name, items in sections.items()
        },
        notes=strings["notes"],
        sources=tuple(sources),
        schema=SCHEMA_VERSION,
        migrated_from=schema if schema < SCHEMA_VERSION else None,
        path=path,
        extra=_extra(data),
        key_lines=key_lines,
        lines=lines,
    )


def _migrate(data: dict[str, Any], key_lines: dict[str, int], fail: Fail) -> int:
    """Check the draft's schema and bring older drafts to the current one; the schema it had."""
    schema = data.get("schema", SCHEMA_VERSION)
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        what = f"schema must be a known schema, 1 to {SCHEMA_VERSION}, not {quoted(schema, 40)}"
        raise fail(what, "schema", f"write schema = {SCHEMA_VERSION}")
    if schema > SCHEMA_VERSION:
        what = f"draft uses schema {schema}, newer than this drafter reads ({SCHEMA_VERSION})"
        raise fail(what, "schema", "upgrade drafter")
    for version in range(schema, SCHEMA_VERSION):
        MIGRATIONS[version](data, key_lines)
    return schema


def _known_keys(data: dict[str, Any], fail: Fail) -> None:
    """Refuse a top-level key an earlier schema used under another name."""
    for key in data:
        if key in RENAMED and key not in CORE_KEYS:
            raise fail(
                f"unknown key {quoted(key)}",
                key,
                f"schema {SCHEMA_VERSION} calls it {quoted(RENAMED[key])}",
            )


def _extra(data: dict[str, Any]) -> dict[str, Any]:
    """The top-level keys that are not the core ones, in `EXTRA_ORDER` first."""
    extra = {k: data[k] for k in EXTRA_ORDER if k in data}
    extra.update((k, v) for k, v in data.items() if k not in CORE_KEYS and k not in extra)
    return extra


def check_known_keys(draft: Draft, known: Sequence[str]) -> None:
    """Refuse a top-level key that neither the core nor any of `known` (the keys document
    kinds and campaigns read) is, naming a near one."""
    keys = (*CORE_KEYS, *known)
    for key in draft.extra:
        if key not in keys:
            fix = did_you_mean(key, keys, "remove it; keys: " + ", ".join(CORE_KEYS))
            line = draft.key_lines.get(key, 1)
            raise DraftError(f"unknown key {quoted(key)}", draft.path, line, fix)


def _strings(data: dict[str, Any], fail: Fail) -> dict[str, str]:
    """The draft's text settings with their defaults; the notes mode must be a known one."""
    strings = {}
    for key, default in STRING_DEFAULTS.items():
        value = data.get(key, default)
        if not isinstance(value, str):
            raise fail(f"{key} must be a string", key, f'write {key} = "..."')
        strings[key] = value
    notes = strings["notes"]
    if notes not in NOTE_MODES:
        fix = did_you_mean(notes, NOTE_MODES, "use " + ", ".join(NOTE_MODES))
        raise fail(f"unknown notes mode {quoted(notes)}", "notes", fix)
    return strings


# --- migrations: each takes a parsed draft of schema N to N + 1, in place ---


def _v1_to_v2(data: dict[str, Any], key_lines: dict[str, int]) -> None:
    """A letter's sign-off was `closing`, the name of the letter's closing section too."""
    if "closing" in data and not isinstance(data["closing"], dict | list):
        data.setdefault("sign_off", data.pop("closing"))
        if "closing" in key_lines:
            key_lines["sign_off"] = key_lines.pop("closing")


MIGRATIONS = {1: _v1_to_v2}


def _items(
    section: str, items: Any, text: str, path: Path | None, key_lines: dict[str, int]
) -> tuple[Item, ...]:
    start = key_lines.get(f"sections.{section}") or key_lines.get("sections", 1)
    if not isinstance(items, list):
        raise DraftError(
            f"section {quoted(section)} must be a list",
            path,
            start,
            f'write {excerpt(section)} = ["clause/id", ...]',
        )
    result: list[Item] = []
    cursor = start
    for raw in items:
        needle = _item_needle(raw)
        line = line_of(text, re.escape(needle), cursor) if len(needle) >= 3 else None
        if line is None and isinstance(raw, dict):  # text that starts with an escape: its key
            line = line_of(text, r"\b(?:text|clause)\s*=", cursor + (1 if result else 0))
        cursor = line or cursor
        result.append(_item(section, raw, path, cursor))
    return tuple(result)


_ESCAPABLE = re.compile(r"[\\\"'\x00-\x1f\x7f]")


def _item_needle(raw: Any) -> str:
    """The start of an item as it stands in the file: its text up to anything TOML may escape."""
    if isinstance(raw, str):
        return _ESCAPABLE.split(raw, 1)[0]
    if isinstance(raw, dict):
        for key in ("clause", "text"):
            value = raw.get(key)
            if isinstance(value, str) and value:
                return _ESCAPABLE.split(value, 1)[0][:40]
    return ""


def _item(section: str, raw: Any, path: Path | None, line: int) -> Item:
    if isinstance(raw, str):
        if not raw.strip():
            raise DraftError(
                f"empty clause id in section {quoted(section)}",
                path,
                line,
                "remove the empty string",
            )
        return Item(clause=raw.strip(), line=line)
    if not isinstance(raw, dict):
        raise DraftError(
            f"an item of section {quoted(section)} must be a clause id or a table",
            path,
            line,
            'write "clause/id", { clause = "clause/id", vars = { ... } } or { text = "..." }',
        )
    for key in raw:
        if key not in ITEM_KEYS:
            raise DraftError(
                f"unknown item key {quoted(key)}",
                path,
                line,
                did_you_mean(key, ITEM_KEYS, "use clause, vars or text"),
            )
    clause, text, variables = raw.get("clause"), raw.get("text"), raw.get("vars", {})
    if (clause is None) == (text is None):
        raise DraftError(
            "an item needs exactly one of clause or text",
            path,
            line,
            "keep either clause = or text =",
        )
    if clause is not None and (not isinstance(clause, str) or not clause.strip()):
        raise DraftError(
            "clause must be a clause id string", path, line, 'write clause = "whereas/..."'
        )
    if text is not None and not isinstance(text, str):
        raise DraftError("text must be a string", path, line, 'write text = "..."')
    if not isinstance(variables, dict) or not all(isinstance(v, Value) for v in variables.values()):
        raise DraftError(
            "vars must be a table of values", path, line, 'write vars = { name = "value" }'
        )
    origin = raw.get("from")
    if origin is not None and (text is None or not isinstance(origin, str) or not origin.strip()):
        raise DraftError(
            "from names the clause an edited text began as",
            path,
            line,
            'write { text = "...", from = "whereas/..." }',
        )
    if text is not None and variables and origin is None:
        raise DraftError("inline text takes no vars", path, line, "use the draft's [vars] table")
    return Item(
        clause=clause.strip() if clause else None,
        vars=dict(variables),
        text=text,
        line=line,
        edited_from=origin.strip() if origin else None,
    )


# --- writing ---------------------------------------------------------------


def dumps_draft(draft: Draft) -> str:
    """Serialize a draft as TOML that `loads_draft` reads back to an equal draft."""
    data: dict[str, Any] = {
        "schema": draft.schema,
        "template": draft.template,
        "title": draft.title,
        "style": draft.style,
    }
    if draft.order:
        data["order"] = draft.order
    if draft.notes != "footnotes":
        data["notes"] = draft.notes
    if draft.sources:
        data["sources"] = list(draft.sources)
    data.update({k: v for k, v in draft.extra.items() if not isinstance(v, dict | list)})
    if draft.vars:
        data["vars"] = dict(draft.vars)
    data["sections"] = {
        name: [item_toml(i) for i in items] for name, items in draft.sections.items()
    }
    data.update({k: v for k, v in draft.extra.items() if isinstance(v, dict | list)})
    return tomli_w.dumps(data, indent=2)


def item_toml(item: Item) -> str | dict[str, Any]:
    if item.text is not None:
        table: dict[str, Any] = {"text": item.text}
        if item.edited_from:
            table["from"] = item.edited_from
        if item.vars:
            table["vars"] = dict(item.vars)
        return table
    if item.vars:
        return {"clause": item.clause, "vars": dict(item.vars)}
    return item.clause or ""


def original_path(path: Path, version: int) -> Path:
    """Where the original of a draft written in schema `version` is kept once it is migrated."""
    return path.with_name(f"{path.stem}.schema-{version}{path.suffix}")
