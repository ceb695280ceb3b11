"""A proposal's `[filing]` and `[history]` tables, read and validated; errors name the line."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from drafter.dates import weekday_name
from drafter.drafts.lines import table_key_line
from drafter.drafts.paths import inside
from drafter.errors import DraftError, quoted
from drafter.files.reading import did_you_mean, read_text
from drafter.filing.holdings import LIMITS, Invalid, day, finite, lots, positive
from drafter.filing.rules import Lot, eligibility, engagement_window, resubmission
from drafter.model import Draft

FILING_KEYS = (
    "proponent", "representative", "email", "secretary", "company_address", "broker", "shares",
    "share_class", "years_held", "holdings", "high_price", "state_of_incorporation",
    "submission_date", "meeting_year", "availability",
)  # fmt: skip
VOTE_KEYS = ("year", "for", "against", "source")  # source: what an exempt solicitation cites
TEXT_KEYS = ("proponent", "representative", "email", "secretary", "broker", "share_class",
             "state_of_incorporation")  # fmt: skip


@dataclass(frozen=True)
class Window:
    day: date
    time: str = ""


@dataclass(frozen=True)
class Vote:
    year: int
    votes_for: float
    votes_against: float
    source: str = ""  # the library source that reports the result

    @property
    def share(self) -> float:
        """The share of the votes cast for and against that were for."""
        return self.votes_for / (self.votes_for + self.votes_against)


@dataclass(frozen=True)
class Filing:
    proponent: str = ""
    representative: str = ""
    email: str = ""
    secretary: str = ""
    company_address: tuple[str, ...] = ()
    broker: str = ""
    shares: float | None = None
    share_class: str = ""
    years_held: int | None = None
    holdings: tuple[Lot, ...] = ()
    high_price: float | None = None
    state_of_incorporation: str = ""
    submission_date: date | None = None
    meeting_year: int | None = None
    availability: tuple[Window, ...] = ()
    votes: tuple[Vote, ...] = ()

    def meeting_key(self, company: str) -> tuple[str, int, str] | None:
        """(proponent, meeting year, company) when both proponent and year are known."""
        if not self.proponent.strip() or self.meeting_year is None:
            return None
        return (self.proponent.strip().casefold(), self.meeting_year, company.strip().casefold())


class _Reader:
    """Finds the line of a key inside [filing] or [history] for error messages."""

    def __init__(self, draft: Draft, table: str) -> None:
        self.draft, self.table = draft, table

    def fail(self, key: str, message: str, fix: str) -> DraftError:
        line = table_key_line(self.draft, self.table, key) or 1
        return DraftError(f"[{self.table}] {message}", self.draft.path, line, fix)


def read_filing(draft: Draft) -> Filing:
    """The draft's filing details; an empty Filing when it has none."""
    raw_filing = draft.extra.get("filing", {})
    filing = _Reader(draft, "filing")
    if not isinstance(raw_filing, dict):
        raise filing.fail("", "filing must be a table", "write [filing] on its own line")
    for key in raw_filing:
        if key not in FILING_KEYS:
            fix = did_you_mean(key, FILING_KEYS, "keys: " + ", ".join(FILING_KEYS))
            raise filing.fail(key, f"unknown key {quoted(key)}", fix)
    values: dict[str, Any] = {}
    for key in TEXT_KEYS:
        value = raw_filing.get(key, "")
        if not isinstance(value, str):
            raise filing.fail(key, f"{key} must be text", f'write {key} = "..."')
        values[key] = value
    address = raw_filing.get("company_address", [])
    address = [address] if isinstance(address, str) else address
    if not isinstance(address, list) or not all(isinstance(a, str) for a in address):
        fix = 'write company_address = ["410 Terry Avenue North", "Seattle, WA 98109"]'
        raise filing.fail("company_address", "company_address must be a list of lines", fix)
    return Filing(
        **values,
        company_address=tuple(address),
        shares=_number(raw_filing, "shares", filing),
        years_held=_years(raw_filing, filing),
        holdings=_holdings(raw_filing.get("holdings", []), filing),
        high_price=_number(raw_filing, "high_price", filing),
        submission_date=_date(raw_filing, "submission_date", filing),
        meeting_year=_year(raw_filing.get("meeting_year"), "meeting_year", filing),
        availability=_windows(raw_filing.get("availability", []), filing),
        votes=read_history(draft),
    )


def _number(raw: dict[str, Any], key: str, reader: _Reader) -> float | None:
    value = raw.get(key)
    if value is None:
        return None
    try:
        return positive(value, key, f"{key} = 40", LIMITS[key])
    except Invalid as problem:
        raise reader.fail(key, problem.what, problem.fix) from None


def _years(raw: dict[str, Any], reader: _Reader) -> int | None:
    value = raw.get("years_held")
    if value is None:
        return None
    if isinstance(value, bool) or value not in (1, 2, 3):
        what = "years_held must be 1, 2 or 3 (the ownership tiers)"
        raise reader.fail("years_held", what, "write years_held = 3")
    return int(value)


def _date(raw: dict[str, Any], key: str, reader: _Reader) -> date | None:
    value = raw.get(key)
    if value is None:
        return None
    try:
        return day(value, key)
    except Invalid as problem:
        raise reader.fail(key, problem.what, problem.fix) from None


def _year(value: Any, key: str, reader: _Reader, name: str = "", fix: str = "") -> int | None:
    """A year 1900..2200 at `key`'s line; `name` and `fix` say it when the year sits inside
    another key (a vote's year, on the votes line)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 2200:
        what = f"{name or key} must be a year from 1900 to 2200, not {quoted(value, 40)}"
        raise reader.fail(key, what, fix or f"write {key} = 2026")
    return value


def _holdings(value: Any, reader: _Reader) -> tuple[Lot, ...]:
    try:
        return lots(value)
    except Invalid as problem:
        what = problem.what.replace("lots must", "holdings must")
        fix = problem.fix.replace("write lots", "write holdings")
        raise reader.fail("holdings", what, fix) from None


def _windows(value: Any, reader: _Reader) -> tuple[Window, ...]:
    fix = 'write availability = [{ date = 2025-12-02, time = "10:00-12:00 Eastern" }]'
    if not isinstance(value, list):
        raise reader.fail("availability", "availability must be a list of days", fix)
    windows = []
    for window in value:
        when = window.get("date") if isinstance(window, dict) else None
        time = window.get("time", "") if isinstance(window, dict) else ""
        if when is None or not isinstance(time, str):
            raise reader.fail(
                "availability", "each availability entry needs a date and may have a time", fix
            )
        try:
            windows.append(Window(day(when, "date"), time))
        except Invalid as problem:
            raise reader.fail("availability", f"availability {problem.what}", fix) from None
    return tuple(windows)


def read_history(draft: Draft) -> tuple[Vote, ...]:
    """The earlier votes of the draft's [history] table, oldest first."""
    raw, reader = draft.extra.get("history", {}), _Reader(draft, "history")
    if not isinstance(raw, dict):
        raise reader.fail("", "history must be a table", "write [history] on its own line")
    for key in raw:
        if key != "votes":
            raise reader.fail(
                key, f"unknown key {quoted(key)}", "the history table holds votes = [...]"
            )
    return tuple(sorted(_votes(raw.get("votes", []), reader), key=lambda v: v.year))


def history_fail(draft: Draft, message: str, fix: str) -> DraftError:
    """An error about the [history] votes, at the votes line."""
    return _Reader(draft, "history").fail("votes", message, fix)


def _votes(value: Any, reader: _Reader) -> tuple[Vote, ...]:
    fix = "write votes = [{ year = 2024, for = 8.2, against = 91.8 }]"
    if not isinstance(value, list):
        raise reader.fail("votes", "votes must be a list", fix)
    votes = []
    for vote in value:
        if not isinstance(vote, dict):
            raise reader.fail("votes", "each vote is a table with year, for and against", fix)
        unknown = [k for k in vote if k not in VOTE_KEYS]
        if unknown:
            what = f"unknown vote key {quoted(unknown[0])}"
            raise reader.fail("votes", what, did_you_mean(unknown[0], VOTE_KEYS, fix))
        if "year" not in vote:
            raise reader.fail("votes", "a vote needs the year it was held", fix)
        numbers = [n for n in (vote.get("for"), vote.get("against")) if finite(n) and n >= 0]
        if len(numbers) < 2 or not 0 < sum(numbers) < float("inf"):
            raise reader.fail(
                "votes", "a vote's for and against must be numbers (votes or percent)", fix
            )
        source = vote.get("source", "")
        if not isinstance(source, str):
            raise reader.fail("votes", "a vote's source must be a library key", fix)
        year = _year(vote.get("year"), "votes", reader, "a vote's year", fix) or 0
        votes.append(Vote(year, float(numbers[0]), float(numbers[1]), source.strip()))
    return tuple(votes)


DELAWARE = (
    "Delaware company: precatory proposals may be challenged under 14a-8(i)(1) "
    "(SEC chair, Oct 2025)"
)
TEXAS = "Texas company: state law limits who may submit proposals; check the thresholds"


def filing_issues(filing: Filing) -> list[tuple[str, str, str]]:
    """(code, severity, message) for a proposal's filing details and vote history."""
    out: list[tuple[str, str, str]] = []

    def add(code: str, severity: str, message: str) -> None:
        out.append((f"filing.{code}", severity, message))

    state = filing.state_of_incorporation.strip().upper()
    if state in ("DE", "DELAWARE"):
        add("delaware", "warning", DELAWARE)
    if state in ("TX", "TEXAS"):
        add("texas", "warning", TEXAS)
    if filing.submission_date is not None:
        first, last = engagement_window(filing.submission_date)
        for window in filing.availability:
            day = window.day
            if not first <= day <= last:
                span = f"{first.isoformat()}–{last.isoformat()}"
                what = f"availability on {day.isoformat()} is outside {span}"
                add("availability", "error", f"{what} (10 to 30 days after submission)")
            elif day.weekday() >= 5:
                what = f"availability on {day.isoformat()} is a {weekday_name(day)}"
                add("availability", "error", f"{what}; offer business days")
        if filing.availability and len({w.day for w in filing.availability}) < 2:
            add("availability", "warning", "offer at least two business days to meet")
    elif filing.availability:
        add("availability", "warning", "add submission_date to check the availability days")
    if filing.holdings and filing.submission_date is not None and filing.high_price is not None:
        proponent = filing.proponent or "proponent"
        lots_held = list(filing.holdings)
        result = eligibility(proponent, lots_held, filing.submission_date, filing.high_price)
        met = [t for t in result.tiers if t.met]
        if met:
            tier = met[0].tier
            held = f"${met[0].value:,.2f} held for {tier.years} year(s)"
            add("eligibility", "info", f"eligible: {held} meets the ${tier.dollars:,} tier")
        else:
            soonest = min((t.since for t in result.tiers if t.since), default=None)
            what = "no ownership tier is met on the submission date"
            first_met = f"; the first is met on {soonest.isoformat()}" if soonest else ""
            add("eligibility", "error", what + first_met)
    if filing.votes and filing.meeting_year is not None:
        votes = [(v.year, v.votes_for, v.votes_against) for v in filing.votes]
        verdict = resubmission(votes, filing.meeting_year)
        if verdict.allowed:
            add("resubmission", "info", "resubmission allowed: " + verdict.reason)
        else:
            barred = "resubmission barred under 14a-8(i)(12): "
            add("resubmission", "error", barred + verdict.reason)
    elif filing.votes:
        add("resubmission", "warning", "add meeting_year to [filing] to check resubmission")
    return out


def same_meeting_drafts(draft: Draft, filing: Filing | None = None) -> list[Path]:
    """Other proposal drafts in the draft's folder by the same proponent to the same company for
    the same meeting (Rule 14a-8(c): one proposal per proponent per meeting)."""
    key = (filing or read_filing(draft)).meeting_key(str(draft.vars.get("company", "")))
    if draft.path is None or key is None:
        return []
    here = draft.path.resolve()
    folder = [draft.path.parent]  # a sibling that links out of the folder is not read
    return [
        other
        for other in sorted(draft.path.parent.glob("*.toml"))
        if other.resolve() != here
        and inside(other, folder)
        and not _BY_PRODUCT.search(other.name)
        and _meeting_key_of(other, draft.template) == key
    ]


# review's outputs and the kept originals of migrated drafts are not drafts of their own
_BY_PRODUCT = re.compile(r"\.(reviewed|before-(?:review|save)(?:\.\d+)?|schema-\d+)\.toml$")
_KEYS: dict[tuple[str, str], tuple[str, int, str] | None] = {}


def _meeting_key_of(path: Path, template: str) -> tuple[str, int, str] | None:
    """A sibling draft's meeting key; parsed once per content (the TUI rebuilds often)."""
    from drafter.drafts.file import loads_draft
    from drafter.errors import DrafterError

    try:
        text = read_text(path, DraftError)
    except DrafterError:
        return None
    if "filing" not in text:  # no [filing] table, so no meeting to share: nothing to parse
        return None
    cache_key = (hashlib.sha256(text.encode()).hexdigest(), template)
    if cache_key not in _KEYS:
        try:
            other = loads_draft(text, path)
            _KEYS[cache_key] = (
                read_filing(other).meeting_key(str(other.vars.get("company", "")))
                if other.template == template and "filing" in other.extra
                else None
            )
        except DrafterError:
            _KEYS[cache_key] = None
    return _KEYS[cache_key]
