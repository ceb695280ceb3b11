"""Rule 14a-8 dates and eligibility, computed from the rule pack (`drafter/filing/rulepacks/`).

Every result names the pack it used; what the pack marks unconfirmed is reported as a flag,
not as law.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from drafter.dates import weekday_name

PACK = Path(__file__).resolve().parent / "rulepacks" / "rule-14a-8.toml"


@dataclass(frozen=True)
class Tier:
    dollars: int
    years: int


@dataclass(frozen=True)
class RulePack:
    name: str
    data: dict[str, Any]

    @property
    def tiers(self) -> tuple[Tier, ...]:
        return tuple(
            Tier(int(t["dollars"]), int(t["years"])) for t in self.data["eligibility"]["tiers"]
        )

    def section(self, name: str) -> dict[str, Any]:
        return dict(self.data[name])


@cache
def rule_pack() -> RulePack:
    data = tomllib.loads(PACK.read_text(encoding="utf-8"))
    return RulePack(str(data["name"]), data)


def add_years(day: date, years: int, leap_day_to_march: bool = False) -> tuple[date, bool]:
    """`day` moved by whole years; February 29 becomes February 28, or March 1 with
    `leap_day_to_march` (the later, safer day for a holding period), flagged True."""
    try:
        return day.replace(year=day.year + years), False
    except ValueError:
        if leap_day_to_march:
            return date(day.year + years, 3, 1), True
        return day.replace(year=day.year + years, day=28), True


def _iso(day: date | None) -> str | None:
    """A day as YYYY-MM-DD, or None."""
    return day.isoformat() if day is not None else None


# --- deadline -----------------------------------------------------------------


@dataclass(frozen=True)
class Deadline:
    computed: date | None
    disclosed: date | None
    flags: tuple[str, ...]
    pack: str

    @property
    def effective(self) -> date | None:
        """The deadline to meet: the one the company disclosed wins over the computed one."""
        return self.disclosed or self.computed

    def to_dict(self) -> dict[str, Any]:
        """The deadline as `drafter deadline --json` prints it: days as YYYY-MM-DD or null."""
        return {
            "computed": _iso(self.computed),
            "disclosed": _iso(self.disclosed),
            "deadline": _iso(self.effective),
            "flags": list(self.flags),
            "rule_pack": self.pack,
        }


def deadline(last_proxy: date, moved_days: int = 0, disclosed: date | None = None) -> Deadline:
    """Anniversary of last year's proxy release minus 120 calendar days, with what to watch."""
    pack = rule_pack()
    rules = pack.section("deadline")
    flags = []
    anniversary, leap = add_years(last_proxy, 1)
    computed: date | None = anniversary - timedelta(days=int(rules["days_before_anniversary"]))
    if leap:
        flags.append(
            "last year's release was on February 29; the anniversary is taken as February 28 (unconfirmed)"
        )
    if abs(moved_days) > int(rules["meeting_moved_days"]):
        computed = None
        flags.append(
            f"the meeting moved by more than {rules['meeting_moved_days']} days: the deadline is "
            "a reasonable time before the company prints its materials, and the company must "
            "disclose it; the computed date does not apply"
        )
    for label, day in (("computed", computed), ("disclosed", disclosed)):
        if day is not None and day.weekday() >= 5:
            flags.append(
                f"the {label} deadline falls on a {weekday_name(day)}; whether it moves is "
                "unconfirmed — deliver before it"
            )
    if disclosed and computed and disclosed != computed:
        flags.append(
            f"the company disclosed {disclosed.isoformat()}, which wins over the computed "
            f"{computed.isoformat()}"
        )
    return Deadline(computed, disclosed, tuple(flags), pack.name)


# --- eligibility ----------------------------------------------------------------


@dataclass(frozen=True)
class Lot:
    shares: float
    acquired: date


@dataclass(frozen=True)
class TierResult:
    tier: Tier
    met: bool
    shares_held_long_enough: float
    value: float
    since: date | None  # the first day the tier was (or will be) met, at the 60-day high price

    def to_dict(self) -> dict[str, Any]:
        """The tier as `drafter eligibility --json` prints it."""
        return {
            "dollars": self.tier.dollars,
            "years": self.tier.years,
            "met": self.met,
            "shares": self.shares_held_long_enough,
            "value": self.value,
            "since": _iso(self.since),
        }


@dataclass(frozen=True)
class Eligibility:
    holder: str
    submission: date
    high_price: float
    tiers: tuple[TierResult, ...] = field(default_factory=tuple)
    pack: str = ""
    flags: tuple[str, ...] = ()

    @property
    def eligible(self) -> bool:
        return any(t.met for t in self.tiers)

    def to_dict(self) -> dict[str, Any]:
        """One holder's result as `drafter eligibility --json` prints it."""
        return {
            "holder": self.holder,
            "eligible": self.eligible,
            "flags": list(self.flags),
            "tiers": [t.to_dict() for t in self.tiers],
        }


def eligibility(holder: str, lots: list[Lot], submission: date, high_price: float) -> Eligibility:
    """Which ownership tier one holder meets on the submission date (no aggregation)."""
    pack = rule_pack()
    results = []
    for tier in pack.tiers:
        held = sum(
            lot.shares
            for lot in lots
            if add_years(lot.acquired, tier.years, leap_day_to_march=True)[0] <= submission
        )
        value = round(held * high_price, 2)
        results.append(
            TierResult(tier, value >= tier.dollars, held, value, _first_day(lots, tier, high_price))
        )
    flags = tuple(
        f"a lot bought on {lot.acquired.isoformat()} completes its years on March 1 (unconfirmed)"
        for lot in lots
        if (lot.acquired.month, lot.acquired.day) == (2, 29)
    )
    return Eligibility(holder, submission, high_price, tuple(results), pack.name, flags)


def _first_day(lots: list[Lot], tier: Tier, price: float) -> date | None:
    """The first day enough shares have been held for the tier's years (at `price`)."""
    total = 0.0
    for lot in sorted(lots, key=lambda lot: lot.acquired):
        total += lot.shares
        if round(total * price, 2) >= tier.dollars:
            return add_years(lot.acquired, tier.years, leap_day_to_march=True)[0]
    return None


def engagement_window(submission: date) -> tuple[date, date]:
    """The first and last day the proponent may offer to meet (calendar days after submission)."""
    rules = rule_pack().section("engagement")
    return submission + timedelta(days=int(rules["min_days"])), submission + timedelta(
        days=int(rules["max_days"])
    )


# --- resubmission: Rule 14a-8(i)(12) ----------------------------------------------


@dataclass(frozen=True)
class Resubmission:
    allowed: bool
    reason: str
    until: date | None = None  # the first meeting year the subject is free again, when barred


def resubmission(votes: list[tuple[int, float, float]], meeting_year: int) -> Resubmission:
    """Rule 14a-8(i)(12): earlier votes (year, for, against) on the same subject."""
    rules = rule_pack().section("resubmission")
    lookback, recent = int(rules["lookback_years"]), int(rules["last_vote_within_years"])
    thresholds = [float(t) for t in rules["thresholds"]]
    window = sorted(v for v in votes if meeting_year - lookback <= v[0] < meeting_year)
    if not window:
        return Resubmission(True, "no vote on this subject in the preceding five years")
    year, yes, no = window[-1]
    if meeting_year - year > recent:
        return Resubmission(True, f"the last vote ({year}) was more than {recent} years ago")
    share = yes / (yes + no) if yes + no else 0.0
    needed = thresholds[min(len(window), len(thresholds)) - 1]
    if share >= needed:
        return Resubmission(
            True,
            f"{share:.1%} support in {year} meets the {needed:.0%} needed after {len(window)} vote(s)",
        )
    below = f"{share:.1%} support in {year} is below the {needed:.0%} needed"
    reason = f"{below} after {len(window)} vote(s)"
    return Resubmission(False, reason, until=date(year + recent + 1, 1, 1))
