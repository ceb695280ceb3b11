"""Dates in words are English whatever the process locale: a letter built in a German shell
still says "May 24, 2022", and the deadline's weekday is "Saturday"."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from support import REPO

from drafter.dates import MONTHS, WEEKDAYS, long_date, month_name, weekday_name

PROBE = """
import locale, sys
from datetime import date
locale.setlocale(locale.LC_ALL, "")
assert date(2022, 5, 1).strftime("%B") == "Mai", "the German locale is not in force"
from drafter.cli import main
from drafter.dates import format_date
print(format_date(date(2022, 5, 24), "us"), "|", format_date(date(2022, 5, 24), "intl"))
sys.exit(main(["deadline", "--last-proxy-date", "2025-05-17"]))
"""


def test_every_month_and_weekday_is_named_in_english() -> None:
    assert [month_name(date(2026, m, 1)) for m in range(1, 13)] == list(MONTHS)
    assert weekday_name(date(2026, 12, 7)) == "Monday" and len(set(WEEKDAYS)) == 7
    assert long_date(date(2025, 11, 6)) == "Thursday, November 6, 2025"


def german_locale(tmp_path: Path) -> dict[str, str]:
    """An environment whose locale is de_DE.UTF-8, compiled here by localedef if need be."""
    localedef = shutil.which("localedef")
    if localedef is None or not Path("/usr/share/i18n/locales/de_DE").exists():
        if os.environ.get("CI") == "true":
            pytest.fail("CI has no localedef or locale sources: .ci/run installs `locales`")
        pytest.skip("no localedef and locale sources to make a German locale with")
    folder = tmp_path / "locales"
    folder.mkdir()
    subprocess.run(
        [localedef, "-i", "de_DE", "-f", "UTF-8", str(folder / "de_DE.UTF-8")],
        check=True,
        capture_output=True,
    )
    return {**os.environ, "LOCPATH": str(folder), "LC_ALL": "de_DE.UTF-8", "PYTHONPATH": str(REPO)}


def test_a_german_process_locale_changes_no_date_drafter_writes(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=german_locale(tmp_path),
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    first, *rest = done.stdout.splitlines()
    assert first == "May 24, 2022 | 24 May 2022"
    assert rest[0] == "deadline: Saturday, January 17, 2026"  # 2026-05-17 less 120 days
    assert any("falls on a Saturday" in line for line in rest)
    assert not any(word in done.stdout for word in ("Mai", "Januar ", "Freitag", "Samstag"))
