"""A proposal's [filing] and [history] tables: checks, eligibility, one proposal per meeting, and
one-line errors for values of the wrong shape."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import EXAMPLE

from drafter.pipeline import build_file

BASE = EXAMPLE.read_text(encoding="utf-8").split("# The filing")[
    0
]  # the example without its filing


def _issues(tmp_path: Path, filing: str) -> set[tuple[str, str, str]]:
    path = tmp_path / "proposal.toml"
    path.write_text(BASE + filing, encoding="utf-8")
    return {
        (i.code, i.severity, i.message)
        for i in build_file(path).issues
        if i.code.startswith("filing.")
    }


def test_availability_state_and_resubmission_are_checked(tmp_path: Path) -> None:
    issues = _issues(
        tmp_path,
        """
[filing]
state_of_incorporation = "DE"
submission_date = 2025-11-20
meeting_year = 2026
availability = [{ date = 2025-12-02 }, { date = 2025-12-06 }, { date = 2025-12-31 }]

[history]
votes = [{ year = 2024, for = 4, against = 96 }]
""",
    )
    codes = sorted(code for code, _, _ in issues)
    assert codes == [
        "filing.availability",
        "filing.availability",
        "filing.delaware",
        "filing.resubmission",
    ]
    assert any("2025-12-06 is a Saturday" in m for _, _, m in issues)
    assert any("2025-12-31 is outside 2025-11-30–2025-12-20" in m for _, _, m in issues)
    assert ("filing.resubmission", "error") in {(c, s) for c, s, _ in issues}


def test_a_single_availability_day_is_a_warning(tmp_path: Path) -> None:
    issues = _issues(
        tmp_path, "[filing]\nsubmission_date = 2025-11-20\navailability = [{ date = 2025-12-02 }]\n"
    )
    assert ("filing.availability", "warning", "offer at least two business days to meet") in issues


@pytest.mark.parametrize(
    ("price", "severity", "words"),
    [
        (200.0, "info", "meets the $2,000 tier"),  # 10 shares × $200 held since 2022
        (199.999, "error", "no ownership tier is met"),  # $1,999.99
    ],
)
def test_holdings_are_checked_against_the_tiers(
    tmp_path: Path, price: float, severity: str, words: str
) -> None:
    issues = _issues(
        tmp_path,
        f"""
[filing]
submission_date = 2025-11-20
high_price = {price}
holdings = [{{ shares = 10, acquired = 2022-11-20 }}]
""",
    )
    (found,) = [(s, m) for c, s, m in issues if c == "filing.eligibility"]
    assert found[0] == severity and words in found[1]


def test_holdings_a_day_short_name_the_first_eligible_day(tmp_path: Path) -> None:
    issues = _issues(
        tmp_path,
        """
[filing]
submission_date = 2025-11-20
high_price = 300
holdings = [{ shares = 10, acquired = 2022-11-21 }]
""",
    )
    (message,) = [m for c, _, m in issues if c == "filing.eligibility"]
    assert "the first is met on 2025-11-21" in message


@pytest.mark.parametrize(
    ("filing", "line", "words"),
    [
        ("proponent = 12", 2, "proponent must be text"),
        ('submission_date = "2025-11-20"', 2, "submission_date must be a date"),
        ("meeting_year = 26.5", 2, "meeting_year must be a year"),
        ("years_held = 4", 2, "years_held must be 1, 2 or 3"),
        ('shares = "forty"', 2, "shares must be a positive number"),
        ("holdings = [{ shares = 10 }]", 2, "each lot needs shares"),
        ("company_address = [1, 2]", 2, "company_address must be a list of lines"),
        ('proponent = "A"\navailability = [{ day = 2025-12-02 }]', 3, "needs a date"),
        ('proponent = "A"\nsubmited = 2025-11-20', 3, "did you mean 'submission_date'"),
    ],
)
def test_a_bad_filing_value_is_one_line_with_its_line(
    tmp_path: Path, run_cli, filing: str, line: int, words: str
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "proposal.toml"
    path.write_text(BASE + "[filing]\n" + filing + "\n", encoding="utf-8")
    first_line = BASE.count("\n") + 1  # the [filing] header
    result = run_cli("check", str(path))
    assert result.code == 2 and result.err.count("\n") == 1, result.err
    assert f"proposal.toml:{first_line + line - 1}:" in result.err and words in result.err


def test_a_bad_vote_is_one_line(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "proposal.toml"
    path.write_text(BASE + '[history]\nvotes = [{ year = 2024, for = "most" }]\n', encoding="utf-8")
    result = run_cli("check", str(path))
    assert result.code == 2 and "[history] a vote's for and against must be numbers" in result.err
    votes_line = BASE.count("\n") + 2  # the line after the [history] header
    assert f"proposal.toml:{votes_line}:" in result.err and result.err.count("\n") == 1


def test_a_second_proposal_for_the_same_meeting_is_flagged(tmp_path: Path) -> None:
    first, second = tmp_path / "one.toml", tmp_path / "two.toml"
    text = EXAMPLE.read_text(encoding="utf-8")
    first.write_text(text, encoding="utf-8")
    second.write_text(text.replace("meeting_year = 2026", "meeting_year = 2027"), encoding="utf-8")
    assert not [i for i in build_file(first).issues if i.code == "filing.one-per-meeting"]
    second.write_text(text, encoding="utf-8")
    (flag,) = [i for i in build_file(first).issues if i.code == "filing.one-per-meeting"]
    assert "two.toml" in flag.message and flag.severity == "warning"
    second.write_text(text.replace("Sample Proponent", "Another Proponent"), encoding="utf-8")
    assert not [i for i in build_file(first).issues if i.code == "filing.one-per-meeting"]


@pytest.mark.parametrize("value", ["nan", "inf", "-inf"])
def test_nan_and_inf_are_not_numbers_of_shares(tmp_path: Path, run_cli, value: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "proposal.toml"
    path.write_text(BASE + f"[filing]\nshares = {value}\n", encoding="utf-8")
    result = run_cli("check", str(path))
    assert result.code == 2 and "shares must be a positive number" in result.err


def test_the_broker_letter_confirms_only_shares_held_long_enough(tmp_path: Path) -> None:
    from drafter.drafts.file import load_draft
    from drafter.kinds.packet import packet

    path = tmp_path / "proposal.toml"
    path.write_text(
        BASE + "[filing]\nsubmission_date = 2025-11-20\nhigh_price = 100\n"
        "holdings = [{ shares = 40, acquired = 2021-01-04 }, { shares = 1000, acquired = 2025-10-01 }]\n",
        encoding="utf-8",
    )
    (broker,) = [doc for stem, doc in packet(load_draft(path)) if stem == "broker-request"]
    text = " ".join(block.text for block in broker.blocks)
    assert "for at least 3 years, 40 shares" in text and "1040" not in text
