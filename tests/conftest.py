"""Shared fixtures: a scratch library, draft files, and running the CLI in-process; the test
profiles (`support.PROFILE`: Hypothesis's settings, and `support.sized` for soaks); and the
check that a run leaves the repository's examples and built-in library as they were."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings
from support import EXAMPLE, PROFILE, REPO, need_tool  # noqa: F401  (fixtures' helpers)

# Properties set their own example counts with `support.sized`; these are the defaults for the
# rest. CI prints the blob that replays a failure, as its fresh clone keeps no example database.
settings.register_profile("dev", max_examples=50, deadline=None)
settings.register_profile("ci", max_examples=200, deadline=None, print_blob=True)
settings.load_profile(PROFILE)

# Folders of the checkout no test may write in: tests copy an example into tmp_path first.
WATCHED = ("examples", "clauses", "citations", "templates", "styles")
_BEFORE = pytest.StashKey[dict[str, tuple[int, int]]]()
_CHANGED = pytest.StashKey[list[str]]()


def _state() -> dict[str, tuple[int, int]]:
    """Every file and folder under the watched folders, with its size and modification time."""
    found = {}
    for name in WATCHED:
        for path in [REPO / name, *(REPO / name).rglob("*")]:
            stat = path.lstat()
            found[str(path.relative_to(REPO))] = (stat.st_size, stat.st_mtime_ns)
    return found


def pytest_report_header(config: pytest.Config) -> str:
    return f"drafter test profile: {PROFILE} (DRAFTER_TEST_PROFILE=dev|ci; CI=true means ci)"


def pytest_sessionstart(session: pytest.Session) -> None:
    if not hasattr(session.config, "workerinput"):  # the run itself, not an xdist worker
        session.config.stash[_BEFORE] = _state()


def pytest_sessionfinish(session: pytest.Session) -> None:
    before = session.config.stash.get(_BEFORE, None)
    if before is None:
        return
    after = _state()
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    if changed:
        session.config.stash[_CHANGED] = changed
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    changed = config.stash.get(_CHANGED, [])
    if changed:
        terminalreporter.write_sep("=", "the tests changed the checkout", red=True)
        terminalreporter.write_line(
            f"{', '.join(changed[:20])}: a test must copy an example into tmp_path before"
            " writing beside it"
        )


@pytest.fixture(scope="session")
def cache_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This run's XDG cache folder (one per worker)."""
    return tmp_path_factory.mktemp("xdg-cache")


@pytest.fixture(autouse=True)
def _private_cache(cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test writes the user's ~/.cache: XDG_CACHE_HOME is this run's folder, so the
    catalogue's index is built there once per worker (subprocesses inherit it)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_home))
    # Rendered notes stay in memory: a test that changes how notes render must see the change
    # (tests/citations/test_notecache.py turns the cache on in a folder of its own).
    monkeypatch.setenv("DRAFTER_NOTES_CACHE", "off")


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def run_cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., CliResult]:
    """Run `drafter ARGS` in-process; DRAFTER_LIBRARY is cleared so only the given roots count."""
    monkeypatch.delenv("DRAFTER_LIBRARY", raising=False)

    from drafter.cli import main

    def run(*args: str | Path) -> CliResult:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


class Scratch:
    """A temporary library root and draft folder for one test."""

    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "clauses").mkdir()
        (root / "citations").mkdir()

    def clause(
        self, clause_id: str, body: str, *, kind: str | None = None, front: str = ""
    ) -> Path:
        kind = kind or clause_id.split("/")[0]
        path = self.root / "clauses" / f"{clause_id}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        head = f'kind = "{kind}"\ntitle = "{clause_id}"\n' + textwrap.dedent(front)
        path.write_text(f"+++\n{head}+++\n{textwrap.dedent(body).strip()}\n", encoding="utf-8")
        return path

    def citations(self, name: str, text: str) -> Path:
        path = self.root / "citations" / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def draft(self, text: str, name: str = "draft.toml") -> Path:
        path = self.root / name
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
        return path


@pytest.fixture
def scratch(tmp_path: Path) -> Scratch:
    root = tmp_path / "lib"
    root.mkdir()
    return Scratch(root)


CLI_SOURCES = """
[
  {"id": "hrw-2021", "type": "webpage", "title": "Mass Surveillance Fuels Oppression",
   "author": [{"literal": "Human Rights Watch"}], "issued": {"date-parts": [[2021, 11, 24]]},
   "URL": "https://www.hrw.org/news/2021/11/24/mass-surveillance"}
]
"""


@pytest.fixture
def lib(scratch: Scratch) -> Scratch:
    """A scratch library with one source, a Whereas clause using {{ company }}, a Resolved clause."""
    scratch.citations("refs.json", CLI_SOURCES)
    scratch.clause(
        "whereas/a",
        "{{ company }} hosts a database [@hrw-2021].",
        front="""
        [variables.company]
        description = "Company"
        """,
    )
    scratch.clause("resolved/r", "Shareholders request that the Board issue a report.")
    return scratch
