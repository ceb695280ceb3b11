"""The exempt solicitation template: cover, vote line with the vote history in its note, numbered
reasons, legend; its details checked, and bad values refused with their line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from support import REPO

from drafter.output.textout import to_markdown
from drafter.pipeline import build_file

NOTICE = REPO / "examples" / "amazon-exempt-solicitation.toml"
TEXT = NOTICE.read_text(encoding="utf-8")


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "notice.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_example_is_framed_as_a_notice() -> None:
    result = build_file(NOTICE, today=date(2026, 4, 1))
    roles = [b.role for b in result.document.blocks]
    assert roles[:7] == ["notice_heading", *["cover_field"] * 4, "title", "subject"]
    assert roles.count("reason") == 4 and roles[-2:] == ["legend", "legend"]
    cover = [b.text for b in result.document.blocks[:5]]
    assert cover[1] == "Name of the registrant: Amazon.com, Inc."
    assert "does not beneficially own more than $5 million" in cover[4]
    assert (
        "vote FOR Item [number], “Report on Customer Due Diligence”"
        in result.document.blocks[6].text
    )
    assert not result.errors


def test_the_vote_history_is_in_the_vote_lines_note() -> None:
    result = build_file(NOTICE, today=date(2026, 4, 1))
    note = "".join(s.text for s in result.document.notes[0].spans)
    assert note.startswith(
        "Earlier votes on this subject (share of votes cast for and against): 2022, 40.3%."
    )
    assert "iccr.org" in note


def test_reasons_are_numbered_in_markdown() -> None:
    text = to_markdown(build_file(NOTICE, today=date(2026, 4, 1)).document)
    assert "\n1. **The standard is settled" in text and "\n4. **The request is modest.**" in text


def test_the_details_are_checked(tmp_path: Path) -> None:
    text = TEXT.replace(
        'soliciting = ["Sample Proponent (replace with the filer)"]', "soliciting = []"
    )
    text = text.replace('item = "[number]"', "item = 8").replace(
        "voluntary = true", "voluntary = false"
    )
    result = build_file(_write(tmp_path, text), today=date(2026, 6, 1))
    found = {(i.code, i.severity) for i in result.issues if i.code.startswith("solicitation.")}
    assert found == {
        ("solicitation.who", "error"),
        ("solicitation.meeting", "warning"),  # 2026-05-20 has passed on 2026-06-01
        ("solicitation.filing", "info"),  # not voluntary: file within three days
    }
    assert "Rule 14a-6(g)(1)" in result.document.blocks[4].text
    assert "Item 8," in result.document.blocks[6].text


def test_the_meeting_date_is_not_flagged_before_the_meeting() -> None:
    result = build_file(NOTICE, today=date(2026, 5, 20))
    assert "solicitation.meeting" not in {i.code for i in result.issues}


@pytest.mark.parametrize(
    ("old", "new", "marker", "words"),
    [
        (', source = "iccr-amazon-proposals-2022"', "", "votes = [", "the 2022 vote has no source"),
        ("for = 40.3", 'for = "most"', "votes = [", "a vote's for and against must be numbers"),
        ("voluntary = true", 'voluntary = "yes"', "voluntary", "voluntary must be true or false"),
        ("meeting_date = 2026", 'meeting_date = "May 20" #', "meeting_date", "must be a date"),
        ("item = ", "itme = ", "itme", "did you mean 'item'"),
        ('soliciting = ["', 'soliciting = [1, "', "soliciting", "must be a list of text lines"),
    ],
)
def test_a_bad_value_is_one_line_naming_its_line(
    tmp_path: Path, run_cli, old: str, new: str, marker: str, words: str
) -> None:  # type: ignore[no-untyped-def]
    assert old in TEXT
    text = TEXT.replace(old, new, 1)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith(marker))
    result = run_cli("check", str(_write(tmp_path, text)))
    assert result.code == 2 and result.err.count("\n") == 1, result.err
    assert f"notice.toml:{line}:" in result.err and words in result.err


def test_a_vote_source_missing_from_the_library_is_an_error(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    path = _write(tmp_path, TEXT.replace('"iccr-amazon-proposals-2022"', '"no-such-source"'))
    result = run_cli("check", str(path))
    assert result.code == 2 and "no-such-source" in result.err
