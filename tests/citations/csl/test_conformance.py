"""The CSL processor test suite through drafter's CSL processor: the pass rate may not drop."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .suite_fixtures import runner, suite_folder

ROOT = Path(__file__).resolve().parents[3]
DOCS = ROOT / "docs" / "citations.md"
# The floor is the pass count reached; raise it as the processor improves (target: 92%).
FLOOR = 567


@pytest.fixture(scope="module")
def report() -> dict:
    return runner().run(suite_folder())


def test_the_suite_passes_at_least_the_floor(report: dict) -> None:
    assert report["total"] == 576
    assert report["passed"] >= FLOOR, f"{report['passed']} of {report['total']} pass, floor {FLOOR}"


def test_no_fixture_crashes_the_processor(report: dict) -> None:
    crashed = {
        name: result["error"]
        for name, result in report["results"].items()
        if "error" in result and not result["error"].startswith(("StyleError", "UnknownItem"))
    }
    assert not crashed


def test_docs_list_exactly_the_fixtures_that_fail(report: dict) -> None:
    listed = set(re.findall(r"^\| `([^`]+\.txt)` \|", DOCS.read_text(encoding="utf-8"), re.M))
    failing = {name for name, result in report["results"].items() if not result["pass"]}
    assert listed == failing, f"docs/citations.md: add {failing - listed}, drop {listed - failing}"
