"""SVG snapshots of the main screens at 80×24 and 120×40 (pytest-textual-snapshot).

Regenerate with `pytest tests/tui/test_snapshots.py --snapshot-update`, after looking at the
differences in the report it writes; Textual is pinned in the test extra because snapshots
change with its version."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import settle
from support import EXAMPLE


@pytest.fixture
def example_app(make_app, tmp_path: Path):  # type: ignore[no-untyped-def]
    path = tmp_path / "example.toml"
    path.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    return make_app(path)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_editor_with_the_library(snap_compare, example_app, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    async def ready(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot, example_app)
        await pilot.press("down")

    assert snap_compare(example_app, terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_editor_with_the_preview(snap_compare, example_app, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    async def ready(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot, example_app)
        await pilot.press("p")

    assert snap_compare(example_app, terminal_size=size, run_before=ready)


def test_help_lists_the_keys(snap_compare, example_app) -> None:  # type: ignore[no-untyped-def]
    async def ready(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot, example_app)
        await pilot.press("f1")

    assert snap_compare(example_app, terminal_size=(80, 24), run_before=ready)


def test_every_snapshot_file_belongs_to_a_test(request: pytest.FixtureRequest) -> None:
    """syrupy reports a snapshot no test uses only in a serial run; under pytest-xdist (the
    default, see pyproject.toml) no one would, so this test does."""
    module = request.node.getparent(pytest.Module)
    tests = {item.name for item in module.collect() if "snap_compare" in item.fixturenames}
    folder = Path(__file__).parent / "__snapshots__" / Path(__file__).stem
    files = {path.stem for path in folder.glob("*.svg")}
    assert tests and files == tests, f"no test for {files - tests}, no snapshot for {tests - files}"
