"""The value of one sort key for one cite: names, dates and numbers compare as such."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from drafter.citations.csl import numbers, values
from drafter.citations.csl.context import Context
from drafter.citations.csl.data import DATE_VARIABLES, NAME_VARIABLES

if TYPE_CHECKING:
    from drafter.citations.csl.style import SortKey

NUMBER_VARIABLES = frozenset(
    [
        "chapter-number",
        "citation-number",
        "collection-number",
        "edition",
        "first-reference-note-number",
        "issue",
        "locator",
        "number",
        "number-of-pages",
        "number-of-volumes",
        "page",
        "page-first",
        "part-number",
        "printing-number",
        "section",
        "supplement-number",
        "version",
        "volume",
    ]
)
# Set by the names and dates modules: a name or date variable's sort value.
NAME_SORT: list[Callable[[Context, str], str | None]] = []
DATE_SORT: list[Callable[[Context, str], str | None]] = []
_IGNORED = re.compile(r"[\[\]\"“”‘’'«»()]")


def value(ctx: Context, key: SortKey) -> Any:
    """A comparable value, or None for an empty key (which sorts last)."""
    if key.variable:
        return _variable(ctx, key.variable)
    if key.macro is None:
        return None
    rendered = key.macro.evaluate(ctx)
    text = rendered.text() if rendered is not None else ""
    return text_value(text)


def _variable(ctx: Context, name: str) -> Any:
    if name in NAME_VARIABLES:
        text = NAME_SORT[0](ctx, name) if NAME_SORT else None
        return text_value(text or "")
    if name in DATE_VARIABLES:
        text = DATE_SORT[0](ctx, name) if DATE_SORT else None
        return (0, text) if text else None
    text = values.raw(ctx, name)
    if text is None:
        return None
    if name in NUMBER_VARIABLES and numbers.is_numeric(text):
        digits = re.match(r"\s*(\d+)", text)
        if digits:
            return (0, int(digits.group(1)), text)
    return text_value(values.markup(text).text())


def text_value(text: str) -> Any:
    """Text compared as a collation at primary strength would: punctuation and quotes ignored,
    then case and accents only to break ties."""
    cleaned = _IGNORED.sub("", text).strip()
    if not cleaned:
        return None
    letters = "".join(c for c in cleaned if c.isalnum() or c.isspace())
    base = "".join(
        c for c in unicodedata.normalize("NFKD", letters) if not unicodedata.combining(c)
    )
    return (1, " ".join(base.casefold().split()), cleaned.casefold(), cleaned)
