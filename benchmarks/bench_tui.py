"""Time the editor: first frame after launch, and edit-to-preview latency.

Usage: python benchmarks/bench_tui.py [--edits 40] [--launches 7]

- first frame: a new process per launch (headless), from just before it starts to the first
  frame with the outline filled; and to the first preview (the document built and shown).
- edit to preview: in one process, from an edit (duplicate an item / undo it) being applied to
  the moment the editor shows the preview of the new draft (both stamped by the app), on the
  example (11 notes, proposal-urls) and on a 40-note draft in Chicago style; median and 95th
  percentile.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "amazon-customer-due-diligence.toml"

FIRST_FRAME = """
import sys, time
from pathlib import Path
from drafter.tui import create_app

app = create_app(Path(sys.argv[1]))

async def measure(pilot):
    outline = app.editor.query_one("#outline")
    while not outline.root.children:
        await pilot.pause(0.005)
    frame = time.time()
    while app.editor.last_result is None:
        await pilot.pause(0.005)
    print(frame, time.time())
    app.exit()

app.run(headless=True, size=(120, 40), auto_pilot=measure)
"""


def forty_note_draft(folder: Path) -> Path:
    """The example with its recitals repeated to 40 cited items, in Chicago style."""
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        'style = "proposal-urls"', 'style = "chicago-notes-bibliography"'
    )
    head, rest = text.split("whereas = [\n", 1)
    items, tail = rest.split("]\n", 1)
    lines = [line for line in items.splitlines() if line.strip()]
    repeated = (lines * 4)[:39]
    path = folder / "forty.toml"
    path.write_text(head + "whereas = [\n" + "\n".join(repeated) + "\n]\n" + tail, encoding="utf-8")
    return path


def first_frames(path: Path, launches: int) -> tuple[list[float], list[float]]:
    frames, previews = [], []
    for _ in range(launches):
        start = time.time()
        out = subprocess.run(
            [sys.executable, "-c", FIRST_FRAME, str(path)],
            capture_output=True,
            text=True,
            check=True,
        )
        frame, preview = (float(x) for x in out.stdout.split()[-2:])
        frames.append((frame - start) * 1000)
        previews.append((preview - start) * 1000)
    return frames, previews


async def edit_latencies(path: Path, edits: int) -> list[float]:
    from drafter.tui import create_app

    app = create_app(path, autosave_seconds=3600)
    times: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        while app.editor.last_result is None:
            await pilot.pause(0.005)
        app.editor.query_one("#outline").focus()
        await pilot.press("down")
        for index in range(edits):
            await pilot.press("y" if index % 2 == 0 else "ctrl+z")
            while (
                app.editor.last_result is None or app.editor.last_result.draft != app.session.draft
            ):
                await pilot.pause(0.001)
            # both moments are stamped by the app (edit applied, preview shown), so the pilot's
            # own key delivery and polling are not counted
            times.append((app.editor.preview_shown_at - app.edited_at) * 1000)
    return times


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    os.environ["DRAFTER_NOTES_CACHE"] = "off"  # every build renders its notes, as a first one does
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=40)
    parser.add_argument("--launches", type=int, default=7)
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    with tempfile.TemporaryDirectory() as folder:
        forty = forty_note_draft(Path(folder))
        example = Path(folder) / "example.toml"
        example.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
        print("\n| measure | draft | median | p95 |\n|---|---|---|---|")
        for name, path in (("example (11 notes)", example), ("40 notes, Chicago", forty)):
            frames, previews = first_frames(path, args.launches)
            print(
                f"| launch → first frame | {name} | {statistics.median(frames):.0f} ms | {p95(frames):.0f} ms |"
            )
            print(
                f"| launch → first preview | {name} | {statistics.median(previews):.0f} ms | {p95(previews):.0f} ms |"
            )
            latencies = asyncio.run(edit_latencies(path, args.edits))
            print(
                f"| edit → preview shown | {name} | {statistics.median(latencies):.0f} ms | {p95(latencies):.0f} ms |"
            )


if __name__ == "__main__":
    main()
