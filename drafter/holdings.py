"""Shares, prices, days and lots of shares: one reader for the CLI and for a draft's [filing].

Every value is refused unless it means something: share counts and prices are finite numbers
above zero (not booleans, not `inf` or `nan`) and below MAX_SHARES and MAX_PRICE, days are dates (not date-times) in the years
FIRST_YEAR to LAST_YEAR, so that adding the three years of a holding period or the 30 days of
the engagement window never leaves the calendar.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from pathlib import Path

from drafter.errors import DrafterError
from drafter.filing import Lot
from drafter.sourcefile import did_you_mean, key_line, parse_toml, read_text

FIRST_YEAR, LAST_YEAR = 1900, 2200  # the years a filing date may fall in (as meeting_year)
MAX_SHARES = 1e12  # more shares than any company has issued
MAX_PRICE = 1e7  # ten million dollars a share, above any listed share's price
LIMITS = {"shares": MAX_SHARES, "high_price": MAX_PRICE}
LOT_FIX = "write lots = [{ shares = 40, acquired = 2021-05-03 }]"
HOLDER_KEYS, LOT_KEYS = ("name", "lots"), ("shares", "acquired")


class Invalid(ValueError):
    """A value that is not a real share count, price or day: what is wrong, and the fix."""

    def __init__(self, what: str, fix: str) -> None:
        super().__init__(f"{what} — {fix}")
        self.what, self.fix = what, fix


def finite(value: object) -> bool:
    """A number that is neither a boolean nor nan or inf (nor an int too large for a float)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


def shown(value: object) -> str:
    """A value as a message quotes it: short, on one line."""
    text = " ".join(repr(value).split()) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 40 else text[:37] + "..."


def positive(value: object, name: str, example: str, at_most: float) -> float:
    """`value` when it is a finite number above zero and at most `at_most`; otherwise Invalid."""
    if not finite(value) or value <= 0:  # type: ignore[operator]
        raise Invalid(f"{name} must be a positive number, not {shown(value)}", f"write {example}")
    if value > at_most:  # type: ignore[operator]
        raise Invalid(
            f"{name} {value:g} is over {at_most:,.0f}, more than any real one",
            f"write {example}",
        )
    return float(value)  # type: ignore[arg-type]


def number_from_text(text: str, name: str, example: str, at_most: float) -> float:
    """A positive number typed on the command line."""
    try:
        value = float(text.strip().replace(",", ""))
    except ValueError:
        raise Invalid(f"{name} '{text}' is not a number", f"write {example}") from None
    if not finite(value) or value <= 0:
        raise Invalid(f"{name} must be a positive number, not '{text}'", f"write {example}")
    return positive(value, name, example, at_most)


def day(value: object, name: str) -> date:
    """A calendar day within FIRST_YEAR..LAST_YEAR (a TOML date, not a date-time or a time)."""
    fix = f"write {name} = 2025-11-20 (a date, no quotes, no time)"
    if isinstance(value, datetime) or not isinstance(value, date):
        kind = "a date and time" if isinstance(value, datetime) else shown(value)
        raise Invalid(f"{name} must be a date, not {kind}", fix)
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise Invalid(
            f"{name} {value.isoformat()} is not between {FIRST_YEAR} and {LAST_YEAR}",
            "write the real date",
        )
    return value


def day_from_text(text: str, name: str) -> date:
    """A day typed on the command line as YYYY-MM-DD."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        raise Invalid(f"{name} '{text}' is not a date", "write YYYY-MM-DD, such as 2025-11-20")
    try:
        value = date.fromisoformat(text.strip())
    except ValueError:
        raise Invalid(
            f"{name} '{text}' is not a day of the calendar",
            "write YYYY-MM-DD with a real month and day",
        ) from None
    return day(value, name)


def lot_from_text(text: str) -> Lot:
    """A `SHARES@YYYY-MM-DD` lot typed on the command line."""
    shares, at, when = text.partition("@")
    if not at:
        raise Invalid(f"--lot '{text}' is not SHARES@YYYY-MM-DD", "e.g. --lot 40@2021-05-03")
    return Lot(
        number_from_text(shares, "shares", "--lot 40@2021-05-03", MAX_SHARES),
        day_from_text(when, "acquired"),
    )


def lot(value: object) -> Lot:
    """A `{ shares = 40, acquired = 2021-05-03 }` table."""
    if not isinstance(value, dict):
        raise Invalid(
            f"a lot must be a table with shares and acquired, not {shown(value)}", LOT_FIX
        )
    for key in value:
        if key not in LOT_KEYS:
            raise Invalid(f"unknown lot key '{key}'", did_you_mean(key, LOT_KEYS, LOT_FIX))
    if "shares" not in value or "acquired" not in value:
        raise Invalid("each lot needs shares (a positive number) and acquired (a date)", LOT_FIX)
    return Lot(
        positive(value["shares"], "shares", "shares = 40", MAX_SHARES),
        day(value["acquired"], "acquired"),
    )


def lots(value: object) -> tuple[Lot, ...]:
    """A list of lot tables."""
    if not isinstance(value, list):
        raise Invalid(f"lots must be a list of lots, not {shown(value)}", LOT_FIX)
    return tuple(lot(item) for item in value)


def read_holders(path: Path) -> list[tuple[str, tuple[Lot, ...]]]:
    """The `[[holders]]` of a holdings file, each with its name and lots; errors at their line."""
    text = read_text(path, DrafterError)
    data = parse_toml(text, path, DrafterError)
    headers = [
        n
        for n, line in enumerate(text.split("\n"), 1)
        if re.match(r"\s*\[\[\s*holders\s*\]\]", line)
    ]
    fix = 'write [[holders]] with name = "..." and ' + LOT_FIX.removeprefix("write ")

    def fail(what: str, fix: str, index: int | None = None, key: str = "") -> DrafterError:
        start = headers[index] if index is not None and index < len(headers) else 1
        return DrafterError(what, path, (key and key_line(text, key, start)) or start, fix)

    for key in data:
        if key != "holders":
            raise fail(f"unknown key '{key}'", fix, key=key)
    holders = data.get("holders")
    if not isinstance(holders, list) or not all(isinstance(h, dict) for h in holders):
        raise fail(f"holders must be [[holders]] tables, not {shown(holders)}", fix, key="holders")
    out = []
    for index, holder in enumerate(holders):
        for key in holder:
            if key not in HOLDER_KEYS:
                raise fail(
                    f"unknown holder key '{key}'", did_you_mean(key, HOLDER_KEYS, fix), index, key
                )
        name = holder.get("name", f"holder {index + 1}")
        if not isinstance(name, str) or not name.strip():
            raise fail("a holder's name must be text", 'write name = "..."', index, "name")
        try:
            out.append((name.strip(), lots(holder.get("lots"))))
        except Invalid as problem:
            raise fail(f"holder '{name}': {problem.what}", problem.fix, index, "lots") from None
    if not out:
        raise fail("the file names no holders", fix)
    return out
