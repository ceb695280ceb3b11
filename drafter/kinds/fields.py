"""Reading a kind's keys from a draft's tables into typed values: text, lines, flags, choices,
days and sub-tables with known keys. Each reader names the key's line through the `fail` the kind
gives it: (top-level key, message, fix, key inside its table) → the error to raise."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from drafter.errors import quoted
from drafter.files.reading import did_you_mean
from drafter.filing.holdings import Invalid, day, day_from_text


def table_of(value: Any, fail: Any, key: str, known: Sequence[str]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise fail(key, f"{key} must be a table", f"write [{key}] on its own line")
    for name in value:
        if name not in known:
            raise fail(
                key,
                f"unknown [{key}] key {quoted(name)}",
                did_you_mean(name, known, "keys: " + ", ".join(known)),
                name,
            )
    return value


def listed(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def text_of(table: Mapping[str, Any], name: str, default: str, fail: Any, key: str = "") -> str:
    value = table.get(name, default)
    if not isinstance(value, str):
        raise fail(
            key or name, f"{name} must be text", f'write {name} = "..."', name if key else ""
        )
    return value


def lines_of(value: Any, fail: Any, key: str, inner: str = "") -> tuple[str, ...]:
    name = inner or key
    if not all(isinstance(v, str) for v in listed(value)):
        raise fail(
            key, f"{name} must be text or a list of text", f'write {name} = ["...", "..."]', inner
        )
    return tuple(listed(value))


def flag_of(table: dict[str, Any], name: str, default: bool, fail: Any) -> bool:
    value = table.get(name, default)
    if not isinstance(value, bool):
        raise fail(
            "signatories",
            f"{name} must be true or false",
            f"write {name} = {str(default).lower()}",
            name,
        )
    return value


def choice_of(
    options: dict[str, Any], name: str, choices: Sequence[str], default: str, fail: Any
) -> str:
    value = options.get(name, default)
    if value not in choices:
        raise fail("letter", f"unknown {name} {quoted(value)}", "use " + ", ".join(choices), name)
    return str(value)


def day_of(value: Any, fail: Any, key: str, inner: str = "") -> date | None:
    """A plain day in the years a filing may fall in (as text "2022-05-24" too); never a
    date-time."""
    if value is None:
        return None
    try:
        if isinstance(value, str):
            return day_from_text(value, inner or key)
        if not isinstance(value, date):
            raise Invalid(f"{quoted(value, 40)} is not a date", "write it as 2022-05-24")
        return day(value, inner or key)
    except Invalid as problem:
        raise fail(key, problem.what, problem.fix, inner) from None
