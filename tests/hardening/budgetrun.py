"""Running drafter as a real process on a budget for the budget tests: an address-space
limit, so that a blow-up fails the test instead of the machine, and the wall time it took."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from badinput import PROPOSAL, Workspace, assert_refused

MEMORY = 1536 * 1024 * 1024  # address space of each drafter process these tests run
SECONDS = 10.0  # generous: every case here takes well under 2 s on a shared two-core machine


@dataclass
class Ran:
    code: int
    out: str
    err: str
    seconds: float


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def drafter(*args: str | Path, cwd: Path) -> Ran:
    """`python -m drafter ARGS` with a memory limit, timed."""
    env = {k: v for k, v in os.environ.items() if k != "DRAFTER_LIBRARY"}
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "drafter", *map(str, args)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_limit_memory,
    )
    return Ran(done.returncode, done.stdout, done.stderr, time.monotonic() - started)


def refused(ran: Ran, path: Path, line: int | None = None, **kwargs: object) -> None:
    """Refused within the time budget, as every bad input is (see badinput.assert_refused)."""
    assert ran.seconds < SECONDS, f"took {ran.seconds:.1f} s"
    assert "MemoryError" not in ran.err, ran.err
    assert_refused(ran, path, line, **kwargs)  # type: ignore[arg-type]


def build(ws: Workspace, draft: Path | None = None) -> tuple[Ran, Path]:
    out = ws.old_output("out.md")
    draft = draft or ws.write("draft.toml", PROPOSAL)
    return drafter("build", draft, "-o", out, "--library", ws.lib, cwd=ws.root), out
