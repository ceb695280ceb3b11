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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from drafter.draftfile import dumps_draft
from drafter.errors import DraftError
from drafter.model import Draft

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


def read_targets(draft: Draft) -> list[Target]:
    """The campaign's targets, checked; errors name the draft's line."""
    where = draft.key_lines.get("targets")
    raw = draft.extra.get("targets", [])
    if not isinstance(raw, list) or not raw or not all(isinstance(t, dict) for t in raw):
        raise DraftError("targets must be one or more [[targets]] tables", draft.path, where,
                         'write [[targets]] with name = "..." and vars = { ... }')  # fmt: skip
    targets, seen = [], set()
    for entry in raw:
        name = str(entry.get("name", "")).strip()
        if not name:
            raise DraftError("a target needs a name", draft.path, where, 'add name = "acme"')
        if name in seen:
            raise DraftError(
                f"two targets are named '{name}'", draft.path, where, "give each a different name"
            )
        seen.add(name)
        unknown = set(entry) - {"name", "vars", "swap"}
        if unknown:
            raise DraftError(
                f"unknown target key '{sorted(unknown)[0]}'",
                draft.path,
                where,
                "use name, vars and swap",
            )
        values, swaps = entry.get("vars", {}), entry.get("swap", {})
        if not isinstance(values, dict) or not isinstance(swaps, dict):
            raise DraftError(f"target '{name}': vars and swap must be tables", draft.path, where,
                             'write vars = { company = "..." }')  # fmt: skip
        targets.append(Target(name, {k: str(v) for k, v in values.items()},
                              {str(k): str(v) for k, v in swaps.items()}, where))  # fmt: skip
    return targets


def target_draft(draft: Draft, target: Target) -> Draft:
    """The draft as this target receives it: its values over the campaign's, clauses swapped."""
    used = {item.clause for items in draft.sections.values() for item in items}
    for old in target.swaps:
        if old not in used:
            raise DraftError(f"target '{target.name}' swaps '{old}', which the draft does not use",
                             draft.path, target.line, "check the clause id in swap")  # fmt: skip
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
    table = draft.extra.get("campaign", {})
    pattern = str(table.get("output", "{target}")) if isinstance(table, dict) else "{target}"
    values = {**draft.vars, **target.vars, "target": target.name}
    fields = [f for _, f, _, _ in string.Formatter().parse(pattern) if f]
    missing = [f for f in fields if f not in values]
    if missing:
        raise DraftError(f"output pattern uses '{missing[0]}', which target '{target.name}' has no value for",
                         draft.path, draft.key_lines.get("campaign"), "use {target} or a variable every target sets")  # fmt: skip
    name = pattern.format(**values)
    name = _UNSAFE.sub("-", name).strip(".-")[:MAX_NAME] or target.name
    return f"{name}.{suffix}"


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


def summary_row(target: Target, path: Path | None, words: int | None, notes: int, issues: Any,
                error: str | None) -> dict[str, Any]:  # fmt: skip
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
