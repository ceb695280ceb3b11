"""Shares, prices, days and lots of shares: one reader for the CLI and for a draft's [filing].

Every value is refused unless it means something: share counts and prices are finite numbers
(not booleans, not `inf` or `nan`) from MIN_AMOUNT to MAX_SHARES and MAX_PRICE, and a holder's
lots together hold at most MAX_SHARES; days are dates (not date-times) in the years FIRST_YEAR
to LAST_YEAR, so that adding the three years of a holding period or the 30 days of the
engagement window never leaves the calendar; a day that records something done (a review, a
consent) is no later than tomorrow.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TypeGuard

from drafter.errors import DrafterError
from drafter.files.reading import did_you_mean, key_line, parse_toml, read_text
from drafter.filing.rules import Eligibility, Lot, eligibility

FIRST_YEAR, LAST_YEAR = 1900, 2200  # the years a filing date may fall in (as meeting_year)
MAX_SHARES = 1e12  # more shares than any company has issued
MAX_PRICE = 1e7  # ten million dollars a share, above any listed share's price
# The least share count or price: a ten-thousandth, the finest fraction brokers record of a
# share and the sub-penny tick (Rule 612) of a share quoted under $1.
MIN_AMOUNT = 0.0001
LIMITS = {"shares": MAX_SHARES, "high_price": MAX_PRICE}
LOT_FIX = "write lots = [{ shares = 40, acquired = 2021-05-03 }]"
HOLDER_KEYS, LOT_KEYS = ("name", "lots"), ("shares", "acquired")


class Invalid(ValueError):
    """A value that is not a real share count, price or day: what is wrong, and the fix."""

    def __init__(self, what: str, fix: str) -> None:
        super().__init__(f"{what} — {fix}")
        self.what, self.fix = what, fix


def finite(value: object) -> TypeGuard[int | float]:
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
    """`value` when it is a finite number from MIN_AMOUNT to `at_most`; otherwise Invalid."""
    number = value if finite(value) else 0
    if number <= 0:
        raise Invalid(f"{name} must be a positive number, not {shown(value)}", f"write {example}")
    if number < MIN_AMOUNT:
        raise Invalid(
            f"{name} {number:g} is under {MIN_AMOUNT:g}, less than any real one",
            f"write {example}",
        )
    if number > at_most:
        raise Invalid(
            f"{name} {number:g} is over {at_most:,.0f}, more than any real one",
            f"write {example}",
        )
    return float(number)


def number_from_text(text: str, name: str, example: str, at_most: float) -> float:
    """A positive number typed on the command line."""
    try:
        value = float(text.strip().replace(",", ""))
    except ValueError:
        raise Invalid(f"{name} {shown(text)} is not a number", f"write {example}") from None
    if not finite(value) or value <= 0:
        raise Invalid(f"{name} must be a positive number, not {shown(text)}", f"write {example}")
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


def done_day(value: object, name: str, today: date | None = None) -> date:
    """A day on which something was done (reviewed, consented): a `day`, no later than
    tomorrow (a day of clock skew between time zones)."""
    when = day(value, name)
    latest = (today or date.today()) + timedelta(days=1)
    if when > latest:
        raise Invalid(
            f"{name} {when.isoformat()} is after today ({latest - timedelta(days=1)})",
            "write the day it was done, today or earlier",
        )
    return when


def consent_day(text: str, today: date | None = None) -> date | None:
    """The day of a consent written as YYYY-MM-DD, or as a whole ISO date and time (a sign-up
    form's timestamp, `2022-05-20 14:03:11` or `2022-05-20T14:03:11Z`): a `done_day`. None
    when the text is empty (no consent recorded)."""
    if not text:
        return None
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            when = date.fromisoformat(text)
        elif re.fullmatch(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}\S*", text):
            when = datetime.fromisoformat(text).date()
        else:
            raise ValueError(text)
    except ValueError:
        raise Invalid(f"consent date {shown(text)} is not YYYY-MM-DD", "e.g. 2022-05-20") from None
    return done_day(when, "consent date", today)


def holder_name(value: object) -> str:
    """A holder's name: text that is not blank, stripped."""
    if not isinstance(value, str) or not value.strip():
        raise Invalid("a holder's name must be text, not blank", 'write name = "..."')
    return value.strip()


def day_from_text(text: str, name: str) -> date:
    """A day typed on the command line as YYYY-MM-DD."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        raise Invalid(f"{name} {shown(text)} is not a date", "write YYYY-MM-DD, such as 2025-11-20")
    try:
        value = date.fromisoformat(text.strip())
    except ValueError:
        raise Invalid(
            f"{name} {shown(text)} is not a day of the calendar",
            "write YYYY-MM-DD with a real month and day",
        ) from None
    return day(value, name)


def lot_from_text(text: str) -> Lot:
    """A `SHARES@YYYY-MM-DD` lot typed on the command line."""
    shares, at, when = text.partition("@")
    if not at:
        raise Invalid(f"--lot {shown(text)} is not SHARES@YYYY-MM-DD", "e.g. --lot 40@2021-05-03")
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
    """A list of lot tables, holding at most MAX_SHARES together."""
    if not isinstance(value, list):
        raise Invalid(f"lots must be a list of lots, not {shown(value)}", LOT_FIX)
    return within_total(tuple(lot(item) for item in value))


def within_total(held: Sequence[Lot]) -> tuple[Lot, ...]:
    """`held` when its lots hold at most MAX_SHARES in all: one holder, one cap."""
    total = math.fsum(each.shares for each in held)
    if total > MAX_SHARES:
        raise Invalid(
            f"the lots hold {total:g} shares in all, over {MAX_SHARES:,.0f}, more than any "
            "company has issued",
            "check the share counts",
        )
    return tuple(held)


def command_line_lots(held: Sequence[Lot]) -> tuple[Lot, ...]:
    """The `--lot` lots of `drafter eligibility`, within the one holder's cap."""
    try:
        return within_total(held)
    except Invalid as problem:
        what = f"drafter eligibility: --lot: {problem.what}"
        raise DrafterError(what, None, None, problem.fix) from None


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
    if holders is None:
        raise fail("the file names no holders", fix)
    if not isinstance(holders, list) or not all(isinstance(h, dict) for h in holders):
        raise fail(f"holders must be [[holders]] tables, not {shown(holders)}", fix, key="holders")
    out = []
    for index, holder in enumerate(holders):
        for key in holder:
            if key not in HOLDER_KEYS:
                raise fail(
                    f"unknown holder key '{key}'", did_you_mean(key, HOLDER_KEYS, fix), index, key
                )
        try:
            name = holder_name(holder.get("name", f"holder {index + 1}"))
        except Invalid as problem:
            raise fail(problem.what, problem.fix, index, "name") from None
        try:
            out.append((name, lots(holder.get("lots"))))
        except Invalid as problem:
            raise fail(f"holder '{name}': {problem.what}", problem.fix, index, "lots") from None
    if not out:
        raise fail("the file names no holders", fix)
    return out


def given_holders(
    held: Sequence[Lot], holder: str, holdings: Path | None
) -> list[tuple[str, list[Lot]]]:
    """The holders `drafter eligibility` checks: the `--lot` lots (already read by their
    argument type) under the `--holder` name, then the `--holdings` file's holders."""
    given = command_line_lots(held)
    out: list[tuple[str, list[Lot]]] = [(holder, list(given))] if given else []
    if holdings:
        out += [(name, list(lots)) for name, lots in read_holders(holdings)]
    if not out:
        raise DrafterError(
            "no holdings given", None, None, "pass --lot SHARES@YYYY-MM-DD or --holdings FILE.toml"
        )
    return out


def holders_eligibility(
    held: Sequence[Lot], holder: str, holdings: Path | None, submission: date, high_price: float
) -> list[Eligibility]:
    """`drafter eligibility`: each holder of `given_holders` checked alone on `submission`."""
    found = given_holders(held, holder, holdings)
    return [eligibility(name, lots, submission, high_price) for name, lots in found]
