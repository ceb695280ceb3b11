"""Campaigns: one draft sent to many targets. A campaign file is a draft plus `[campaign]`
(the output-name pattern) and `[[targets]]` (each target's variables and clause swaps).

```toml
[campaign]
output = "{company_short}-customer-due-diligence"

[[targets]]
name = "amazon"
vars = { company = "Amazon.com, Inc.", company_short = "Amazon" }
swap = { "whereas/project-nimbus-protest" = "whereas/employee-letter-2018" }
```
"""

from __future__ import annotations

import hashlib
import re
import string
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from drafter.drafts.file import Value, dumps_draft
from drafter.drafts.lines import array_table_lines, table_key_line
from drafter.drafts.paths import named_files
from drafter.errors import DraftError, excerpt, quoted
from drafter.files.reading import did_you_mean
from drafter.model import Draft, Issue

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
MAX_NAME = 120


@dataclass(frozen=True)
class Target:
    """One recipient of the campaign."""

    name: str
    vars: Mapping[str, str] = field(default_factory=dict)
    swaps: Mapping[str, str] = field(default_factory=dict)
    line: int | None = None


def is_campaign(draft: Draft) -> bool:
    return "targets" in draft.extra


TARGET_KEYS = ("name", "vars", "swap")
CAMPAIGN_KEYS = ("output",)
TARGET_FIX = 'write [[targets]] with name = "...", vars = { ... } and, if needed, swap = { ... }'


def read_targets(draft: Draft) -> list[Target]:
    """The campaign's targets, checked; errors name the draft's line (each target's header)."""
    where = draft.key_lines.get("targets")
    raw = draft.extra.get("targets", [])
    if not isinstance(raw, list) or not raw or not all(isinstance(t, dict) for t in raw):
        message = "targets must be one or more [[targets]] tables"
        raise DraftError(message, draft.path, where, TARGET_FIX)
    _campaign_table(draft)
    headers = array_table_lines(draft, "targets")
    targets: list[Target] = []
    for index, entry in enumerate(raw):
        line = headers[index] if index < len(headers) else where
        targets.append(_target(draft, entry, line, {t.name for t in targets}))
    return targets


def _target(draft: Draft, entry: dict[str, Any], line: int | None, seen: set[str]) -> Target:
    """One [[targets]] table, checked."""

    def fail(message: str, fix: str = TARGET_FIX) -> DraftError:
        return DraftError(message, draft.path, line, fix)

    unknown = [k for k in entry if k not in TARGET_KEYS]
    if unknown:
        raise fail(
            f"unknown target key {quoted(unknown[0])}",
            did_you_mean(unknown[0], TARGET_KEYS, TARGET_FIX),
        )
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise fail("a target needs a name (text)", 'add name = "acme"')
    name = name.strip()
    if name in seen:
        raise fail(f"two targets are named {quoted(name)}", "give each a different name")
    values, swaps = entry.get("vars", {}), entry.get("swap", {})
    if not isinstance(values, dict) or not all(isinstance(v, Value) for v in values.values()):
        raise fail(
            f"target {quoted(name)}: vars must be a table of values",
            'write vars = { company = "..." }',
        )
    if not isinstance(swaps, dict) or not all(isinstance(v, str) for v in swaps.values()):
        raise fail(
            f"target {quoted(name)}: swap must be a table of clause ids",
            'write swap = { "whereas/old" = "whereas/new" }',
        )
    return Target(name, {k: str(v) for k, v in values.items()}, dict(swaps), line)


def _campaign_table(draft: Draft) -> dict[str, Any]:
    """The [campaign] table (empty when there is none), checked."""
    table = draft.extra.get("campaign", {})
    line = draft.key_lines.get("campaign")
    if not isinstance(table, dict):
        fix = 'write [campaign] with output = "{target}-proposal"'
        raise DraftError("campaign must be a table", draft.path, line, fix)
    for key in table:
        if key not in CAMPAIGN_KEYS:
            fix = did_you_mean(key, CAMPAIGN_KEYS, 'the table holds output = "..."')
            at = table_key_line(draft, "campaign", key)
            raise DraftError(f"unknown [campaign] key {quoted(key)}", draft.path, at, fix)
    if not isinstance(table.get("output", ""), str):
        at = table_key_line(draft, "campaign", "output")
        message = "output must be a file name pattern (text)"
        raise DraftError(message, draft.path, at, 'write output = "{target}-proposal"')
    return table


def check_campaign(
    draft: Draft, suffix: str, readable: Sequence[Path] | None = None
) -> list[Target]:
    """Everything about a campaign that can be checked before building: targets, swaps,
    distinct output names and, given the `readable` roots, the files the draft names. Errors
    name the draft's line."""
    targets = read_targets(draft)
    if readable is not None:
        named_files(draft, readable)
    names: dict[str, str] = {}
    for target in targets:
        target_draft(draft, target)
        name = output_name(draft, target, suffix)
        key = name.casefold()  # names differing only in case are one file on macOS and Windows
        if key in names:
            both = f"targets {quoted(names[key])} and {quoted(target.name)} would both write {name}"
            fix = "make the output pattern tell them apart"
            raise DraftError(both, draft.path, target.line, fix)
        names[key] = target.name
    return targets


def target_draft(draft: Draft, target: Target) -> Draft:
    """The draft as this target receives it: its values over the campaign's, clauses swapped."""
    used = {item.clause for items in draft.sections.values() for item in items}
    for old in target.swaps:
        if old not in used:
            unused = (
                f"target {quoted(target.name)} swaps {quoted(old)}, which the draft does not use"
            )
            raise DraftError(unused, draft.path, target.line, "check the clause id in swap")
    sections = {
        name: tuple(
            replace(item, clause=target.swaps.get(item.clause or "", item.clause))
            if item.clause
            else item
            for item in items
        )
        for name, items in draft.sections.items()
    }
    extra = {k: v for k, v in draft.extra.items() if k not in ("campaign", "targets")}
    return replace(draft, vars={**draft.vars, **target.vars}, sections=sections, extra=extra)


def output_name(draft: Draft, target: Target, suffix: str) -> str:
    """The file name for a target, from the campaign's pattern; always a plain, safe name."""
    pattern = _campaign_table(draft).get("output", "{target}")

    def fail(message: str, fix: str) -> DraftError:  # the line is looked up only for an error
        return DraftError(message, draft.path, table_key_line(draft, "campaign", "output"), fix)

    values = {**draft.vars, **target.vars, "target": target.name}
    try:
        fields = [
            (f, spec, conv)
            for _, f, spec, conv in string.Formatter().parse(pattern)
            if f is not None
        ]
    except ValueError as exc:
        raise fail(
            f"output pattern {quoted(pattern)} is malformed ({excerpt(exc)})",
            "write names in braces, e.g. {company_short}-proposal; double a brace to print it",
        ) from None
    for field_name, spec, conversion in fields:
        if not field_name.isidentifier() or spec or conversion:
            raise fail(
                f"output pattern field '{{{field_name}}}' is not a plain name",
                "use {target} or {variable} without dots, indexes or formats",
            )
        if field_name not in values:
            raise fail(
                f"output pattern uses {quoted(field_name)}, which target {quoted(target.name)} has no value for",
                "use {target} or a variable every target sets",
            )
    name = _safe_name(pattern.format(**values)) or _safe_name(target.name)
    if not name:
        raise fail(
            f"target {quoted(target.name)} gets no usable file name",
            "put letters or digits in the output pattern",
        )
    return f"{name}.{suffix}"


_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"{d}{n}" for d in ("COM", "LPT") for n in range(10))}


def _safe_name(text: str) -> str:
    """`text` as one plain file name: letters (accents dropped), digits, `.`, `_`, `-`; no path."""
    marks = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    name = re.sub(r"[^\w.-]+", "-", unicodedata.normalize("NFC", marks))
    name = name.strip(".-_")[:MAX_NAME].encode()[:200].decode("utf-8", "ignore")  # 255 at most
    stem, dot, rest = name.strip(".-_").partition(".")
    if stem.upper() in _RESERVED:  # device names on Windows, whatever follows the dot
        stem += "-file"
    return stem + dot + rest


def fingerprint(draft: Draft, library_files: Sequence[Path], settings: str) -> str:
    """What a target's output depends on: its draft, the library files, drafter's settings."""
    digest = hashlib.sha256(dumps_draft(draft).encode("utf-8"))
    digest.update(settings.encode("utf-8"))
    for path in sorted(library_files):
        try:
            stat = path.stat()
        except OSError:
            continue
        digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def library_files(roots: Sequence[Path]) -> list[Path]:
    """Every file a build may read from the library roots."""
    found: list[Path] = []
    for root in roots:
        for folder in ("clauses", "citations", "templates", "styles"):
            base = root / folder
            if base.is_dir():
                found += [p for p in base.rglob("*") if p.is_file()]
    return found


def draft_files(draft: Draft, readable: Sequence[Path] = ()) -> list[Path]:
    """The files a draft names itself (its own citation files and its signatory list) that it
    may read: beside it or under `readable`; the build refuses the others at their line."""
    return named_files(draft, readable, strict=False)


def summary_row(
    target: Target,
    path: Path | None,
    words: int | None,
    notes: int,
    issues: Sequence[Issue],
    error: str | None,
) -> dict[str, Any]:
    """One target's line of the campaign summary: its file, counts, and what went wrong."""
    errors = [i for i in issues if i.severity == "error"]
    return {
        "target": target.name,
        "output": str(path) if path else None,
        "words": words,
        "notes": notes,
        "errors": len(errors),
        "warnings": sum(1 for i in issues if i.severity == "warning"),
        "problem": error or (errors[0].message if errors else None),
        "ok": error is None and not errors,
    }
