"""More nonsense values refused at their own line: proxy item numbers, letter dates and
date-times, sub-penny prices and specks of shares, a holder's total past the cap, blank holder
names, meetings moved by centuries, clause reviews and consents dated in the future, and the
messages that named the wrong key; a valid value at each limit still works.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from badinput import (
    CLAUSE_A,
    LETTER,
    PROPOSAL,
    SIGNERS,
    SOLICITATION,
    Workspace,
    assert_refused,
    cases,
)
from cleanlines import ELIGIBILITY, FILING, usage_refused

TODAY = date.today()
LATER = (TODAY + timedelta(days=2)).isoformat()  # past the one day allowed for clock skew
TOMORROW = (TODAY + timedelta(days=1)).isoformat()
CLAUSE = "lib/clauses/whereas/a.md"


def line_of(text: str, needle: str) -> int:
    """The 1-based line of `text` that holds `needle`."""
    return next(n for n, line in enumerate(text.split("\n"), 1) if needle in line)


def build_refused(
    ws: Workspace, run_cli: Any, draft: Path, blamed: Path, line: int, says: str
) -> None:
    """`build` leaves an earlier output byte-identical and `check` says the same line."""
    ws.old_output()
    result = run_cli("build", draft, "-o", ws.out, "--library", ws.lib)
    assert_refused(result, blamed, line, unchanged=(ws.out,), says=says)
    assert_refused(run_cli("check", draft, "--library", ws.lib), blamed, line, says=says)


def built_text(ws: Workspace, run_cli: Any, draft: Path) -> str:
    out = ws.root / "out.md"
    result = run_cli("build", draft, "-o", out, "--library", ws.lib)
    assert result.code == 0, result.err
    return out.read_text(encoding="utf-8")


# --- an exempt solicitation's item number -------------------------------------------------

BAD_ITEMS = [
    ("item-negative", "item = -3", "1 to 999"),
    ("item-zero", "item = 0", "1 to 999"),
    ("item-32-digits", "item = 12345678901234567890123456789012", "1 to 999"),
    ("item-1000", "item = 1000", "1 to 999"),
    ("item-text-negative", 'item = "-3"', "1 to 999"),
    ("item-text-words", 'item = "eight"', "1 to 999"),
    ("item-boolean", "item = true", "1 to 999"),
    ("item-float", "item = 8.5", "1 to 999"),
]


@pytest.mark.parametrize(("item", "says"), cases(BAD_ITEMS))
def test_an_item_number_that_is_no_proxy_item_is_refused_at_its_line(
    ws: Workspace, run_cli, item: str, says: str
) -> None:
    text = SOLICITATION.replace("item = 8", item)
    draft = ws.write("notice.toml", text)
    build_refused(ws, run_cli, draft, draft, line_of(text, "item ="), says)


@pytest.mark.parametrize(("item", "number"), [("1", "1"), ("999", "999"), ('"12"', "12")])
def test_an_item_number_at_the_limits_prints_on_the_vote_line(
    ws: Workspace, run_cli, item: str, number: str
) -> None:
    draft = ws.write("notice.toml", SOLICITATION.replace("item = 8", f"item = {item}"))
    assert f"vote FOR Item {number}" in built_text(ws, run_cli, draft)


# --- a letter's dates ---------------------------------------------------------------------


def deadline(when: str) -> str:
    """The letter with a response deadline, on the line after [letter]."""
    return LETTER + f"\n[letter]\nresponse_deadline = {when}\n"


BAD_LETTER_DATES = [
    ("date-year-1", LETTER.replace("2022-05-24", "0001-01-01"), "date =", "not between"),
    ("date-1899", LETTER.replace("2022-05-24", "1899-12-31"), "date =", "not between"),
    ("date-2201", LETTER.replace("2022-05-24", "2201-01-01"), "date =", "not between"),
    ("date-time", LETTER.replace("2022-05-24", "2022-05-24T09:00:00"), "date =", "date and time"),
    ("date-text-short", LETTER.replace("2022-05-24", '"2022-5-24"'), "date =", "not a date"),
    ("date-local-time", LETTER.replace("2022-05-24", "09:00:00"), "date =", "not a date"),
    (
        "deadline-offset-date-time",
        deadline("9999-12-31T23:59:59+05:00"),
        "response_deadline",
        "date and time",
    ),
    ("deadline-9999", deadline("9999-12-31"), "response_deadline", "not between"),
    ("deadline-number", deadline("20220607"), "response_deadline", "not a date"),
]


@pytest.mark.parametrize(("text", "key", "says"), cases(BAD_LETTER_DATES))
def test_a_letter_date_outside_the_calendar_or_with_a_time_is_refused_at_its_line(
    ws: Workspace, run_cli, text: str, key: str, says: str
) -> None:
    draft = ws.write("letter.toml", text)
    build_refused(ws, run_cli, draft, draft, line_of(text, key), says)


@pytest.mark.parametrize(
    ("when", "shown"),
    [("1900-01-01", "January 1, 1900"), ("2200-12-31", "December 31, 2200")],
)
def test_a_letter_dated_at_the_ends_of_the_range_still_builds(
    ws: Workspace, run_cli, when: str, shown: str
) -> None:
    text = (
        deadline(when)
        .replace("2022-05-24", when)
        .replace("Publish the due diligence you did.", "Answer {{ response_deadline }}.")
    )
    built = built_text(ws, run_cli, ws.write("letter.toml", text))
    assert built.count(shown) == 2, built  # the date line and the deadline in the request


# --- prices, shares and holders -----------------------------------------------------------

BAD_AMOUNTS_ON_THE_COMMAND_LINE = [
    ("price-1e-300", ["--high-price", "1e-300", "--lot", "40@2021-05-03"], "under 0.0001"),
    ("price-below-a-tick", ["--high-price", "0.00009", "--lot", "40@2021-05-03"], "under"),
    ("shares-1e-300", ["--high-price", "10", "--lot", "1e-300@2021-05-03"], "under 0.0001"),
    ("holder-empty", ["--high-price", "10", "--lot", "40@2021-05-03", "--holder="], "blank"),
    ("holder-blank", ["--high-price", "10", "--lot", "40@2021-05-03", "--holder", "  "], "blank"),
    (
        "lots-past-the-cap-together",
        ["--high-price", "10", *["--lot", "999999999999@2021-05-03"] * 3],
        "in all",
    ),
]


@pytest.mark.parametrize(("args", "says"), cases(BAD_AMOUNTS_ON_THE_COMMAND_LINE))
def test_a_speck_of_a_price_or_share_or_a_blank_holder_is_one_usage_line(
    run_cli, args: list[str], says: str
) -> None:
    result = run_cli(*ELIGIBILITY, *args)
    usage_refused(result, "eligibility", says=says)
    assert "eligible" not in result.out and "$0.00" not in result.out


def test_the_smallest_price_and_share_and_a_full_cap_still_compute(run_cli) -> None:
    small = run_cli(*ELIGIBILITY, "--high-price", "0.0001", "--lot", "0.0001@2021-05-03")
    assert small.code == 1 and "proponent: not eligible" in small.out, small.err
    full = run_cli(*ELIGIBILITY, "--high-price", "1", *["--lot", "5e11@2021-05-03"] * 2, "--json")
    assert full.code == 0 and '"eligible": true' in full.out, full.err
    named = run_cli(
        *ELIGIBILITY, "--high-price", "10", "--lot", "400@2021-05-03", "--holder", " J "
    )
    assert named.code == 0 and named.out.startswith("J: eligible"), named.out


HOLDER = '[[holders]]\nname = "A"\nlots = [{}]\n'
LOT = "{{ shares = {}, acquired = 2021-05-03 }}"
BAD_HOLDINGS = [
    ("empty-file", "", 1, "names no holders"),
    ("comment-only", "# nobody yet\n", 1, "names no holders"),
    (
        "three-lots-past-the-cap",
        HOLDER.format(", ".join([LOT.format(10**12 - 1)] * 3)),
        3,
        "in all",
    ),
    ("speck-of-a-share", HOLDER.format(LOT.format("1e-300")), 3, "under 0.0001"),
    ("blank-name", HOLDER.format(LOT.format(40)).replace('"A"', '"   "'), 2, "blank"),
]


@pytest.mark.parametrize(("text", "line", "says"), cases(BAD_HOLDINGS))
def test_a_holdings_file_with_no_holder_or_too_many_shares_is_refused_at_its_line(
    ws: Workspace, run_cli, text: str, line: int, says: str
) -> None:
    path = ws.write("holders.toml", text)
    result = run_cli(*ELIGIBILITY, "--high-price", "10", "--holdings", path)
    assert_refused(result, path, line, says=says)
    assert "None" not in result.err and "eligible" not in result.out


def test_a_holdings_file_at_the_cap_still_computes(ws: Workspace, run_cli) -> None:
    path = ws.write("holders.toml", HOLDER.format(", ".join([LOT.format(5e11)] * 2)))
    result = run_cli(*ELIGIBILITY, "--high-price", "10", "--holdings", path)
    assert result.code == 0 and result.out.startswith("A: eligible"), result.err


BAD_FILING_AMOUNTS = [
    ("high-price-speck", "high_price = 1e-300\n", "under 0.0001"),
    ("shares-speck", "shares = 1e-300\n", "under 0.0001"),
    ("holdings-past-the-cap", f"holdings = [{LOT.format(6e11)}, {LOT.format(6e11)}]\n", "in all"),
]


@pytest.mark.parametrize(("text", "says"), cases(BAD_FILING_AMOUNTS))
def test_a_filing_speck_or_a_total_past_the_cap_is_refused_at_its_line(
    ws: Workspace, run_cli, text: str, says: str
) -> None:
    draft = ws.write("draft.toml", FILING + text)
    build_refused(ws, run_cli, draft, draft, 14, says)


# --- a meeting moved ----------------------------------------------------------------------

DEADLINE_ARGS = ["deadline", "--last-proxy-date", "2025-03-26"]


@pytest.mark.parametrize(
    ("days", "says"),
    [
        ("-99999999999999999999999", "more than 3,650"),
        ("3651", "more than 3,650"),
        ("-3651", "more than 3,650"),
        ("9" * 5000, "more than 3,650"),
        ("4.5", "not a whole number"),
        ("", "not a whole number"),
    ],
)
def test_a_meeting_moved_by_more_than_ten_years_is_one_usage_line(
    run_cli, days: str, says: str
) -> None:
    usage_refused(run_cli(*DEADLINE_ARGS, f"--meeting-moved-days={days}"), "deadline", says=says)


@pytest.mark.parametrize("days", ["3650", "-3650", "+45", "0"])
def test_a_meeting_moved_within_ten_years_still_computes(run_cli, days: str) -> None:
    result = run_cli(*DEADLINE_ARGS, f"--meeting-moved-days={days}", "--json")
    assert result.code == 0 and '"deadline"' in result.out, result.err


# --- a clause's review date ----------------------------------------------------------------

REVIEWED = CLAUSE_A.replace('title = "A recital"\n', 'title = "A recital"\nreviewed = {}\n')


@pytest.mark.parametrize(
    ("when", "says"),
    [("9999-12-31", "not between"), (LATER, "after today"), ("1899-12-31", "not between")],
)
def test_a_clause_reviewed_in_the_future_or_before_1900_is_refused_at_its_line(
    ws: Workspace, run_cli, when: str, says: str
) -> None:
    path = ws.write(CLAUSE, REVIEWED.format(when))
    draft = ws.write("draft.toml", PROPOSAL)
    build_refused(ws, run_cli, draft, path, 4, says)


def test_a_clause_reviewed_today_or_tomorrow_or_long_ago_still_builds(
    ws: Workspace, run_cli
) -> None:
    draft = ws.write("draft.toml", PROPOSAL)
    for when in (TODAY.isoformat(), TOMORROW):
        ws.write(CLAUSE, REVIEWED.format(when))
        result = run_cli("check", draft, "--library", ws.lib)
        assert result.code == 0 and "stale" not in result.out + result.err, result.out
    ws.write(CLAUSE, REVIEWED.format("1900-01-01"))
    result = run_cli("check", draft, "--library", ws.lib)
    assert result.code == 0 and "clause.stale" in result.out, result.out


# --- a signatory's consent date -------------------------------------------------------------

BAD_CONSENTS = ["2024-01-01xyz", "9999-12-31", LATER, "2022-05-20T10:00xyz", "2022-05-20 junk"]


@pytest.mark.parametrize("consent", BAD_CONSENTS)
def test_a_consent_date_that_is_not_a_whole_past_date_is_refused_at_its_row(
    ws: Workspace, run_cli, consent: str
) -> None:
    path = ws.write("signers.csv", SIGNERS.replace("2022-05-20", consent))
    assert_refused(run_cli("signatories", "check", path), path, 2, says="consent date")
    draft = ws.write("letter.toml", LETTER + '\n[signatories]\nfile = "signers.csv"\n')
    build_refused(ws, run_cli, draft, path, 2, "consent date")


def test_a_consent_date_in_the_future_in_an_inline_list_is_refused_at_its_line(
    ws: Workspace, run_cli
) -> None:
    text = LETTER + '\n[signatories]\nlist = [{ organization = "A", consent_date = 9999-12-31 }]\n'
    draft = ws.write("letter.toml", text)
    build_refused(ws, run_cli, draft, draft, line_of(text, "list ="), "consent date")


@pytest.mark.parametrize(
    "consent", [TODAY.isoformat(), TOMORROW, "2022-05-20 14:03:11", "2022-05-20T14:03:11Z"]
)
def test_a_real_consent_date_or_timestamp_still_counts(
    ws: Workspace, run_cli, consent: str
) -> None:
    path = ws.write("signers.csv", SIGNERS.replace("2022-05-20", consent))
    result = run_cli("signatories", "check", path)
    assert result.code == 0, result.err
    draft = ws.write("letter.toml", LETTER + '\n[signatories]\nfile = "signers.csv"\n')
    checked = run_cli("check", draft, "--library", ws.lib)
    assert checked.code == 0 and "no consent record" not in checked.out, checked.out


# --- messages that named the wrong key -------------------------------------------------------

VOTES = "meeting_year = 2026\n[history]\nvotes = [{{ year = {}, for = 40, against = 60 }}]\n"


@pytest.mark.parametrize("year", ["-5", "1899", "2201", "true"])
def test_a_vote_year_out_of_range_names_the_year_not_the_votes(
    ws: Workspace, run_cli, year: str
) -> None:
    draft = ws.write("draft.toml", FILING + VOTES.format(year))
    build_refused(ws, run_cli, draft, draft, 16, "a vote's year must be a year from 1900")
    result = run_cli("check", draft, "--library", ws.lib)
    assert "write votes = 2026" not in result.err and "year = 2024" in result.err, result.err


def test_a_vote_in_1900_still_counts(ws: Workspace, run_cli) -> None:
    draft = ws.write("draft.toml", FILING + VOTES.format(1900))
    result = run_cli("check", draft, "--library", ws.lib)
    assert result.code == 0 and "resubmission" in result.out, result.out + result.err


@pytest.mark.parametrize("schema", ["-1", "0"])
def test_a_schema_below_one_says_which_schemas_exist(ws: Workspace, run_cli, schema: str) -> None:
    draft = ws.write("draft.toml", PROPOSAL.replace("schema = 1", f"schema = {schema}"))
    build_refused(ws, run_cli, draft, draft, 1, "must be a known schema, 1 to")


@pytest.mark.parametrize("schema", ["1", "2"])
def test_the_known_schemas_still_build(ws: Workspace, run_cli, schema: str) -> None:
    draft = ws.write("draft.toml", PROPOSAL.replace("schema = 1", f"schema = {schema}"))
    assert "Shareholders request" in built_text(ws, run_cli, draft)
