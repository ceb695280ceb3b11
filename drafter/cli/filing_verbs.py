"""The filing verbs: `deadline` (Rule 14a-8(e)) and `eligibility` (Rule 14a-8(b) ownership
tiers), printed as lines or, with --json, as the results' `to_dict()`."""

from __future__ import annotations

import argparse
import json

from drafter.cli.exit_codes import CHECKS_FAILED, OK
from drafter.cli.printing import _emit
from drafter.dates import long_date
from drafter.filing.holdings import holders_eligibility
from drafter.filing.rules import Eligibility, deadline


def _deadline(args: argparse.Namespace) -> int:
    found = deadline(args.last_proxy_date, args.meeting_moved_days, args.disclosed_deadline)
    if args.json:
        print(json.dumps(found.to_dict(), indent=2))
        return OK
    when = long_date(found.effective) if found.effective else "none computed"
    _emit(("deadline: ", None), (when, "bold"), stderr=False)
    if found.computed:
        last = args.last_proxy_date.isoformat()
        how = f"anniversary of {last} minus 120 days"
        _emit((f"  computed: {found.computed.isoformat()} ({how})", None), stderr=False)
    if found.disclosed:
        _emit((f"  disclosed by the company: {found.disclosed.isoformat()}", None), stderr=False)
    for flag in found.flags:
        _emit(("  ! ", "yellow"), (flag, None), stderr=False)
    _emit((f"rule pack: {found.pack}", "dim"), stderr=False)
    return OK


def _eligibility(args: argparse.Namespace) -> int:
    results = holders_eligibility(
        args.lot, args.holder, args.holdings, args.submission, args.high_price
    )
    if args.json:
        print(json.dumps([r.to_dict() for r in results], indent=2))
    else:
        for result in results:
            _print_eligibility(result)
        pack = results[0].pack if results else ""
        alone = f"each holder is checked alone (no aggregation); rule pack: {pack}"
        _emit((alone, "dim"), stderr=False)
    return OK if all(r.eligible for r in results) else CHECKS_FAILED


def _print_eligibility(result: Eligibility) -> None:
    """The verdict for one holder, a line per tier, and the holder's notes."""
    verdict = ("eligible", "green") if result.eligible else ("not eligible", "bold red")
    _emit(
        (f"{result.holder}: ", "bold"),
        verdict,
        (f" on {result.submission.isoformat()}", None),
        stderr=False,
    )
    for t in result.tiers:
        mark = "met" if t.met else "not met"
        when = ""
        if t.since:
            when = (
                f"; met since {t.since.isoformat()}"
                if t.since <= result.submission
                else f"; first met on {t.since.isoformat()}"
            )
        years = f"{t.tier.years} year{'s' if t.tier.years != 1 else ''}"
        held = f"{t.shares_held_long_enough:g} shares held long enough"
        worth = f"worth ${t.value:,.2f} at ${result.high_price:,.2f}{when}"
        line = f"  ${t.tier.dollars:,} for {years}: {mark} — {held}, {worth}"
        _emit((line, None), stderr=False)
    for flag in result.flags:
        _emit((f"  note: {flag}", "yellow"), stderr=False)
