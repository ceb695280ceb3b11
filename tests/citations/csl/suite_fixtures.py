"""The CSL processor test suite's fixtures, read at run time.

The suite (../shared/csl-test-suite/humans, beside the checkout) may be used as data but its text
may not be copied into drafter, so a test that checks a fixture's own title or RESULT reads it
here. Without the folder such a test skips, except under CI=true, where it fails.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import os
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from support import REPO

SUITE = REPO.parent / "shared" / "csl-test-suite" / "humans"


def suite_folder() -> Path:
    """The fixtures' folder; skips the test without it (fails it under CI=true)."""
    if not SUITE.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{SUITE} is missing, and CI must run the CSL test suite")
        pytest.skip("the CSL test suite (../shared/csl-test-suite) is not beside this checkout")
    return SUITE


def runner() -> ModuleType:
    """benchmarks/csl_conformance.py, the runner that defines how a fixture is run, loaded once."""
    return _runner()


@functools.cache
def _runner() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "csl_conformance", REPO / "benchmarks" / "csl_conformance.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def passing(prefix: str) -> tuple[int, list[str]]:
    """How many fixtures start with `prefix`, and the names of those that pass."""
    fixtures = sorted(suite_folder().glob(f"{prefix}*.txt"))
    run = runner().run_fixture
    return len(fixtures), [f.name for f in fixtures if run(f)["pass"]]


def sections(name: str) -> dict[str, str]:
    """A fixture's sections by name (MODE, CSL, INPUT, RESULT, ...), each without its markers."""
    sections: dict[str, str] = runner().read_fixture(suite_folder() / f"{name}.txt")
    return sections


def items(name: str) -> list[dict[str, Any]]:
    """A fixture's INPUT items, each with an id (`ITEM-1`, `ITEM-2`, ... when it has none)."""
    records: list[dict[str, Any]] = json.loads(sections(name)["INPUT"])
    for number, record in enumerate(records, 1):
        record.setdefault("id", f"ITEM-{number}")
    return records


def result(name: str) -> str:
    """A fixture's RESULT section."""
    return sections(name)["RESULT"]
