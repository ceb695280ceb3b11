"""The CSL processor test suite's fixtures, read at run time.

The suite (../shared/csl-test-suite/humans, beside the checkout) may be used as data but its text
may not be copied into drafter, so a test that checks a fixture's own title or RESULT reads it
here. Without the folder such a test skips, except under CI=true, where it fails.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from support import REPO

SUITE = REPO.parent / "shared" / "csl-test-suite" / "humans"
_OPEN = re.compile(r"^>>=+ *([A-Z-]+) *=+>>\s*$")
_CLOSE = re.compile(r"^<<=+ *([A-Z-]+) *=+<<\s*$")


def suite_folder() -> Path:
    """The fixtures' folder; skips the test without it (fails it under CI=true)."""
    if not SUITE.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{SUITE} is missing, and CI must run the CSL test suite")
        pytest.skip("the CSL test suite (../shared/csl-test-suite) is not beside this checkout")
    return SUITE


def sections(name: str) -> dict[str, str]:
    """A fixture's sections by name (MODE, CSL, INPUT, RESULT, ...), each without its markers."""
    path = suite_folder() / f"{name}.txt"
    found: dict[str, str] = {}
    current: str | None = None
    lines: list[str] = []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        if current is None:
            opened = _OPEN.match(line)
            if opened:
                current, lines = opened.group(1), []
        elif _CLOSE.match(line):
            found[current] = "\n".join(lines)
            current = None
        else:
            lines.append(line)
    return found


def items(name: str) -> list[dict[str, Any]]:
    """A fixture's INPUT items, each with an id (`ITEM-1`, `ITEM-2`, ... when it has none)."""
    records: list[dict[str, Any]] = json.loads(sections(name)["INPUT"])
    for number, record in enumerate(records, 1):
        record.setdefault("id", f"ITEM-{number}")
    return records


def result(name: str) -> str:
    """A fixture's RESULT section."""
    return sections(name)["RESULT"]
