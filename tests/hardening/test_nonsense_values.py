"""No legal answer from a nonsense value: days outside 1900-2200 and date-times in `[filing]` and
on the command line, infinite, negative, zero or impossible prices and share counts; the CLI
and a draft's `[filing]` share one reader and refuse alike.
"""

from __future__ import annotations

import pytest
from badinput import Workspace, assert_refused, cases
from cleanlines import ELIGIBILITY, FILING, HEX, usage_refused

# --- days at the end of the calendar ------------------------------------------------------

LATE_DAYS = [
    ("submission-9999", FILING + "submission_date = 9999-12-31\n", "not between"),
    ("submission-0001", FILING + "submission_date = 0001-01-01\n", "not between"),
    ("submission-1899", FILING + "submission_date = 1899-12-31\n", "not between"),
    ("lot-9999", FILING + "holdings = [{ shares = 40, acquired = 9999-12-31 }]\n", "not between"),
    ("lot-9998", FILING + "holdings = [{ shares = 40, acquired = 9998-02-28 }]\n", "not between"),
    (
        "availability-9999",
        FILING + "availability = [{ date = 9999-12-31 }]\nsubmission_date = 2025-11-20\n",
        "not between",
    ),
    (
        "everything-late",
        FILING + "holdings = [{ shares = 40, acquired = 9999-01-01 }]\nhigh_price = 10.0\n"
        "submission_date = 9999-12-20\n",
        "not between",
    ),
    ("submission-date-time", FILING + "submission_date = 2025-11-20T09:00:00\n", "date and time"),
    (
        "lot-date-time",
        FILING + "holdings = [{ shares = 4, acquired = 2021-05-03T09:00:00-05:00 }]\n",
        "date and time",
    ),
    ("lot-time", FILING + "holdings = [{ shares = 4, acquired = 09:00:00 }]\n", "must be a date"),
]


@pytest.mark.parametrize(("text", "says"), cases(LATE_DAYS))
def test_a_filing_day_out_of_range_is_refused_at_its_line(
    ws: Workspace, run_cli, text: str, says: str
) -> None:
    draft = ws.write("draft.toml", text)
    for command in (["build", draft, "-o", ws.out], ["check", draft]):
        assert_refused(
            run_cli(*command, "--library", ws.lib), draft, 14, absent=(ws.out,), says=says
        )


@pytest.mark.parametrize(
    "args",
    [
        ["deadline", "--last-proxy-date", "9999-12-31"],
        ["deadline", "--last-proxy-date", "9999-03-01", "--meeting-moved-days", "99999999999"],
        ["deadline", "--last-proxy-date", "2025-03-26", "--disclosed-deadline", "9999-12-31"],
        ["deadline", "--last-proxy-date", "0001-01-01"],
        [
            "eligibility",
            "--submission",
            "9999-12-31",
            "--high-price",
            "10",
            "--lot",
            "4@2021-05-03",
        ],
        [
            "eligibility",
            "--submission",
            "2025-11-20",
            "--high-price",
            "10",
            "--lot",
            "4@9999-01-01",
        ],
        [
            "eligibility",
            "--submission",
            "2025-11-20",
            "--high-price",
            "10",
            "--lot",
            "4@9997-03-01",
        ],
    ],
)
def test_a_command_line_day_out_of_range_is_one_usage_line(run_cli, args: list[str]) -> None:
    usage_refused(run_cli(*args), args[0], says="not between")


def test_the_largest_holding_in_range_still_computes(run_cli) -> None:
    held = run_cli(*ELIGIBILITY, "--high-price", "10000000", "--lot", "1e12@2021-05-03", "--json")
    assert held.code == 0 and '"eligible": true' in held.out, held.err


def test_the_last_day_in_range_still_computes(run_cli) -> None:
    done = run_cli("deadline", "--last-proxy-date", "2200-12-31", "--json")
    assert done.code == 0 and '"deadline": "2201-09-02"' in done.out, done.out + done.err
    held = run_cli(
        "eligibility", "--submission", "2200-12-31", "--high-price", "100", "--lot", "40@2197-12-31"
    )
    assert held.code == 0 and "eligible" in held.out, held.err


# --- nonsense values: refused, never a legal answer ---------------------------------------

NONSENSE_ON_THE_COMMAND_LINE = [
    ("price-inf", ["--high-price", "inf", "--lot", "40@2021-05-03"], "positive number"),
    ("price-infinity", ["--high-price", "Infinity", "--lot", "40@2021-05-03"], "positive number"),
    ("price-nan", ["--high-price", "nan", "--lot", "40@2021-05-03"], "positive number"),
    ("price-negative", ["--high-price=-5", "--lot", "40@2021-05-03"], "positive number"),
    ("price-zero", ["--high-price", "0", "--lot", "40@2021-05-03"], "positive number"),
    ("price-minus-zero", ["--high-price=-0.0", "--lot", "40@2021-05-03"], "positive number"),
    ("price-overflow", ["--high-price", "1e400", "--lot", "40@2021-05-03"], "positive number"),
    ("price-words", ["--high-price", "lots", "--lot", "40@2021-05-03"], "not a number"),
    ("price-empty", ["--high-price", "", "--lot", "40@2021-05-03"], "not a number"),
    ("shares-overflow", ["--high-price", "9", "--lot", "1e400@2021-05-03"], "positive number"),
    ("shares-inf", ["--high-price", "9", "--lot", "inf@2021-05-03"], "positive number"),
    ("shares-nan", ["--high-price", "9", "--lot", "nan@2021-05-03"], "positive number"),
    ("shares-zero", ["--high-price", "9", "--lot", "0@2021-05-03"], "positive number"),
    ("shares-negative", ["--high-price", "9", "--lot=-40@2021-05-03"], "positive number"),
    ("shares-words", ["--high-price", "9", "--lot", "forty@2021-05-03"], "not a number"),
    ("shares-huge", ["--high-price", "9", "--lot", "1e13@2021-05-03"], "more than any real"),
    ("shares-max-float", ["--high-price", "9", "--lot", "1.7e308@2021-05-03"], "more than any"),
    ("price-huge", ["--high-price", "1e8", "--lot", "40@2021-05-03"], "more than any real"),
    ("lot-day-30-february", ["--high-price", "9", "--lot", "40@2021-02-30"], "not a day"),
    ("lot-short-date", ["--high-price", "9", "--lot", "40@2021-5-3"], "not a date"),
    ("lot-no-date", ["--high-price", "9", "--lot", "40@"], "not a date"),
    ("lot-week-date", ["--high-price", "9", "--lot", "40@2021-W18-1"], "not a date"),
]


@pytest.mark.parametrize(("args", "says"), cases(NONSENSE_ON_THE_COMMAND_LINE))
def test_nonsense_eligibility_values_are_refused(run_cli, args: list[str], says: str) -> None:
    result = run_cli(*ELIGIBILITY, *args)
    usage_refused(result, "eligibility", says=says)
    assert "eligible" not in result.out


def test_the_same_lot_is_refused_alike_on_the_command_line_and_in_a_draft(
    ws: Workspace, run_cli
) -> None:
    """One reader: the CLI's --lot and --holdings and a draft's [filing] holdings agree."""
    for shares in ("-40", "0", "nan", "inf"):
        cli = run_cli(*ELIGIBILITY, "--high-price", "9", f"--lot={shares}@2021-05-03")
        holdings = ws.write(
            "h.toml",
            f'[[holders]]\nname = "A"\nlots = [{{ shares = {shares}, acquired = 2021-05-03 }}]\n',
        )
        listed = run_cli(*ELIGIBILITY, "--high-price", "9", "--holdings", holdings)
        draft = ws.write(
            "draft.toml", FILING + f"holdings = [{{ shares = {shares}, acquired = 2021-05-03 }}]\n"
        )
        drafted = run_cli("check", draft, "--library", ws.lib)
        for result in (cli, listed, drafted):
            assert result.code == 2 and "shares must be a positive number" in result.err, result.err


FILING_NONSENSE = [
    ("high-price-zero", "high_price = 0\n", 14, "positive number"),
    ("high-price-minus-zero", "high_price = -0.0\n", 14, "positive number"),
    ("high-price-inf", "high_price = inf\n", 14, "positive number"),
    ("high-price-nan", "high_price = nan\n", 14, "positive number"),
    ("high-price-bool", "high_price = true\n", 14, "positive number"),
    ("high-price-hex", f"high_price = {HEX}\n", 14, "more than 100 digits"),
    ("shares-negative", 'proponent = "A"\nshares = -1\n', 15, "positive number"),
    ("shares-minus-inf", "shares = -inf\n", 14, "positive number"),
    ("shares-huge", "shares = 1.7e308\n", 14, "more than any real"),
    ("high-price-huge", "high_price = 1e8\n", 14, "more than any real"),
    (
        "lot-shares-huge",
        "holdings = [{ shares = 1e300, acquired = 2021-05-03 }]\n",
        14,
        "more than any real",
    ),
    (
        "votes-overflowing",
        "meeting_year = 2026\n[history]\nvotes = [{ year = 2024, for = 1.7e308, against = 1.7e308 }]\n",
        16,
        "for and against",
    ),
    (
        "lot-unknown-key",
        "holdings = [{ shares = 4, acquired = 2021-05-03, price = 9 }]\n",
        14,
        "unknown lot key",
    ),
    ("lot-text", 'holdings = ["40@2021-05-03"]\n', 14, "a lot must be a table"),
    ("availability-time", "availability = [{ date = 10:00:00 }]\n", 14, "must be a date"),
    (
        "vote-hex",
        f"meeting_year = 2026\n[history]\nvotes = [{{ year = 2024, for = {HEX}, against = 1 }}]\n",
        16,
        "more than 100 digits",
    ),
]


@pytest.mark.parametrize(("text", "line", "says"), cases(FILING_NONSENSE))
def test_nonsense_filing_values_are_refused_at_their_line(
    ws: Workspace, run_cli, text: str, line: int, says: str
) -> None:
    draft = ws.write("draft.toml", FILING + text)
    ws.old_output()
    for command in (["build", draft, "-o", ws.out], ["check", draft]):
        result = run_cli(*command, "--library", ws.lib)
        assert_refused(result, draft, line, unchanged=(ws.out,), says=says)
