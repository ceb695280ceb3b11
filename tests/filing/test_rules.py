"""Rule 14a-8 dates and eligibility: the worked deadline examples, leap years, weekends, a moved
meeting; the ownership tiers at their boundaries."""

from __future__ import annotations

import json
from datetime import date

import pytest

from drafter.filing.rules import Lot, deadline, eligibility, engagement_window, rule_pack


@pytest.mark.parametrize(
    ("release", "due"),
    [("2025-03-26", "2025-11-26"), ("2024-04-11", "2024-12-12"), ("2023-04-13", "2023-12-15")],
)
def test_the_worked_deadline_examples(release: str, due: str) -> None:
    found = deadline(date.fromisoformat(release))
    assert found.computed == date.fromisoformat(due) == found.effective
    assert found.pack == rule_pack().name


def test_a_february_29_release_is_flagged_and_taken_as_february_28() -> None:
    found = deadline(date(2024, 2, 29))
    assert found.computed == date(2024, 10, 31)  # 2025-02-28 minus 120 days
    assert any("February 29" in f and "unconfirmed" in f for f in found.flags)


def test_a_deadline_on_a_weekend_is_flagged() -> None:
    found = deadline(date(2025, 4, 19))  # anniversary 2026-04-19 - 120 days = Saturday 2025-12-20
    assert found.computed == date(2025, 12, 20) and found.computed.weekday() == 5
    assert any("Saturday" in f for f in found.flags)
    assert not any("Saturday" in f or "Sunday" in f for f in deadline(date(2025, 3, 26)).flags)


def test_a_meeting_moved_more_than_30_days_has_no_computed_deadline() -> None:
    assert deadline(date(2025, 3, 26), moved_days=30).computed == date(2025, 11, 26)
    moved = deadline(date(2025, 3, 26), moved_days=31)
    assert moved.computed is None and any("moved by more than 30 days" in f for f in moved.flags)


def test_the_disclosed_deadline_wins() -> None:
    found = deadline(date(2025, 3, 26), disclosed=date(2025, 11, 24))
    assert (found.computed, found.effective) == (date(2025, 11, 26), date(2025, 11, 24))
    assert any("wins" in f for f in found.flags)


SUBMISSION = date(2025, 11, 20)


@pytest.mark.parametrize(("years", "dollars"), [(3, 2000), (2, 15000), (1, 25000)])
def test_a_day_short_of_each_holding_period_does_not_count(years: int, dollars: int) -> None:
    on_time = SUBMISSION.replace(year=SUBMISSION.year - years)
    one_day_late = date.fromordinal(on_time.toordinal() + 1)
    shares = dollars / 100  # exactly the tier's amount at $100
    met = eligibility("a", [Lot(shares, on_time)], SUBMISSION, 100.0)
    short = eligibility("a", [Lot(shares, one_day_late)], SUBMISSION, 100.0)
    assert next(t for t in met.tiers if t.tier.years == years).met
    tier = next(t for t in short.tiers if t.tier.years == years)
    assert not tier.met and tier.since == date.fromordinal(SUBMISSION.toordinal() + 1)


def test_the_60_day_high_decides_at_the_cents() -> None:
    lots = [Lot(100, date(2020, 1, 2))]
    assert not eligibility("a", lots, SUBMISSION, 19.9999).tiers[0].met  # $1,999.99
    assert eligibility("a", lots, SUBMISSION, 20.00).tiers[0].met  # $2,000.00


def test_co_filers_are_not_aggregated_and_the_earliest_date_is_given() -> None:
    small = [Lot(10, date(2021, 1, 4))]  # $1,000 at $100: short of every tier alone
    result = eligibility("co-filer", small, SUBMISSION, 100.0)
    assert not result.eligible and all(t.since is None for t in result.tiers)
    growing = eligibility(
        "b", [Lot(10, date(2021, 1, 4)), Lot(15, date(2024, 6, 1))], SUBMISSION, 100.0
    )
    three_year = growing.tiers[0]
    assert not three_year.met and three_year.since == date(
        2027, 6, 1
    )  # the second lot's third year


def test_the_engagement_window_is_10_to_30_days_after_submission() -> None:
    assert engagement_window(SUBMISSION) == (date(2025, 11, 30), date(2025, 12, 20))


def test_the_cli_gives_deadline_json_and_eligibility_exit_codes(run_cli) -> None:
    result = run_cli("deadline", "--last-proxy-date", "2025-03-26", "--json")
    data = json.loads(result.out)
    assert (
        result.code == 0 and data["deadline"] == "2025-11-26" and "Rule 14a-8" in data["rule_pack"]
    )
    ok = run_cli(
        "eligibility", "--submission", "2025-11-20", "--high-price", "180", "--lot", "12@2022-11-20"
    )
    assert ok.code == 0 and "eligible" in ok.out
    short = run_cli(
        "eligibility", "--submission", "2025-11-20", "--high-price", "180", "--lot", "12@2022-11-21"
    )
    assert (
        short.code == 1 and "not eligible" in short.out and "first met on 2025-11-21" in short.out
    )
    bad = run_cli(
        "eligibility", "--submission", "2025-11-20", "--high-price", "180", "--lot", "12-2022"
    )
    assert bad.code == 2 and bad.err.count("\n") == 1 and "SHARES@YYYY-MM-DD" in bad.err


@pytest.mark.parametrize(
    ("votes", "allowed", "reason"),
    [
        ([], True, "no vote"),
        ([(2024, 4, 96)], False, "below the 5%"),
        ([(2024, 5, 95)], True, "meets the 5%"),
        ([(2022, 10, 90), (2024, 14, 86)], False, "below the 15%"),
        ([(2021, 30, 70), (2022, 20, 80), (2024, 24.9, 75.1)], False, "below the 25%"),
        ([(2021, 1, 99)], True, "more than 3 years ago"),
    ],
)
def test_resubmission_thresholds(
    votes: list[tuple[int, float, float]], allowed: bool, reason: str
) -> None:
    from drafter.filing.rules import resubmission

    result = resubmission(votes, 2026)
    assert result.allowed is allowed and reason in result.reason


def test_shares_bought_on_february_29_count_from_march_1() -> None:
    lots = [Lot(20, date(2020, 2, 29))]  # $2,000 at $100
    assert not eligibility("a", lots, date(2023, 2, 28), 100.0).tiers[0].met
    result = eligibility("a", lots, date(2023, 3, 1), 100.0)
    assert result.tiers[0].met and result.tiers[0].since == date(2023, 3, 1)
    assert any("March 1" in f and "unconfirmed" in f for f in result.flags)
