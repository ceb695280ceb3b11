"""drafter at the shell, run as the installed console script: through pipes that close early,
without a terminal, and starting without loading what the verb does not need."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import EXAMPLE, REPO, build_example_in_a_process

SCRIPT = Path(sys.executable).parent / "drafter"
HEAVY = ("rich", "textual", "docx", "citeproc", "jinja2", "lxml", "tomllib", "multiprocessing")


def shell(command: str, cwd: Path = REPO, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """`command` in sh with the console script first on PATH and this checkout importable."""
    if not SCRIPT.exists():
        pytest.fail(f"no console script at {SCRIPT}: install drafter (pip install -e .)")
    env = {**os.environ, "PATH": f"{SCRIPT.parent}:{os.environ['PATH']}", "PYTHONPATH": str(REPO)}
    return subprocess.run(
        ["sh", "-c", command],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.mark.parametrize(
    "command",
    [
        "drafter list styles --json | head -2",
        "drafter list styles | head -1",
        "drafter list clauses | head -1",
        f"drafter check {EXAMPLE} | head -1",
    ],
)
def test_a_pipe_closed_early_ends_drafter_quietly(command: str) -> None:
    done = shell(command)
    assert done.stdout.strip(), done.stderr  # head printed what drafter wrote first
    assert "error" not in done.stderr and "bug" not in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and "Exception" not in done.stderr, done.stderr


def test_a_closed_pipe_is_the_status_of_a_process_its_reader_left() -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    with subprocess.Popen(
        [SCRIPT, "list", "styles", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=env,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        assert process.stdout.read(1) == b"["
        process.stdout.close()  # the reader leaves, as head does
        err = process.stderr.read()
        code = process.wait(timeout=60)
    assert code == 141, err  # 128 + SIGPIPE, what a shell reports for `git log | head`
    assert err == b""


def test_plain_drafter_without_a_terminal_prints_usage_and_exits_2() -> None:
    done = shell("drafter", timeout=20)  # stdin is /dev/null: an editor would hang here
    assert done.returncode == 2, done
    assert done.stderr.startswith("usage: drafter"), done.stderr
    assert "needs a terminal" in done.stderr and done.stdout == ""


def test_edit_without_a_terminal_is_one_line_and_exit_2(tmp_path: Path) -> None:
    done = shell(f"drafter edit {tmp_path / 'new.toml'} | cat", timeout=20)
    assert done.returncode == 0  # cat's status; drafter's own is below
    again = shell(f"drafter edit {tmp_path / 'new.toml'} > {tmp_path / 'out'}", timeout=20)
    assert again.returncode == 2, again
    assert len(again.stderr.strip().splitlines()) == 1 and "needs a terminal" in again.stderr
    assert not (tmp_path / "new.toml").exists()


def test_help_loads_no_renderer_library_or_verb_module() -> None:
    probe = (
        "import sys, contextlib, io\n"
        "from drafter.cli.program import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['--help']); main(['build', '--help']); main(['eligibility', '--help'])\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe],
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert "drafter.cli.program" in loaded
    heavy = [m for m in loaded if m.split(".")[0] in HEAVY]
    assert not heavy, f"--help loads {heavy}"
    verbs = [m for m in loaded if m.endswith(("_verbs", "_verb")) or m == "drafter.pipeline"]
    assert not verbs, f"--help loads {verbs}"
    assert not [m for m in loaded if m.startswith("drafter.filing")], "--help loads the rules"


def test_every_verb_names_a_function_that_exists() -> None:
    from drafter.cli.program import build_parser, verb_function

    parser = build_parser()
    names = set()
    for action in parser._subparsers._group_actions:  # type: ignore[union-attr]
        for sub in action.choices.values():
            names.add(sub.get_default("run"))
            for inner in sub._actions:
                if hasattr(inner, "choices") and isinstance(inner.choices, dict):
                    names.update(c.get_default("run") for c in inner.choices.values())
    names.discard(None)
    assert len(names) >= 12
    for name in names:
        assert callable(verb_function(name)), name


def test_piped_lists_are_whole_records_one_a_line() -> None:
    import json

    piped = shell("drafter list clauses | cat")
    as_json = json.loads(shell("drafter list clauses --json").stdout)
    records = [line.split("\t") for line in piped.stdout.splitlines()]
    assert [r[0] for r in records] == [row["id"] for row in as_json]  # no title line, no header
    assert all(len(r) == 4 for r in records)
    assert all("…" not in line for line in piped.stdout.splitlines())
    styles = shell("drafter list styles | grep chicago-author-date").stdout.splitlines()
    names = [line.split("\t")[0] for line in styles]
    assert "chicago-author-date-17th-edition" in names and len(names) == len(set(names))


def test_a_piped_field_shows_its_tabs_and_newlines_as_escapes(lib, run_cli) -> None:
    path = lib.clause("whereas/odd", "Text.")
    text = path.read_text(encoding="utf-8").replace('title = "whereas/odd"', 'title = "a\\tb\\nc"')
    path.write_text(text, encoding="utf-8")
    result = run_cli("list", "clauses", "--library", lib.root, "--search", "whereas/odd")
    assert result.code == 0, result.err
    assert result.out.splitlines() == ["whereas/odd\twhereas\ta\\x09b\\x0ac\t"]


def test_a_proposal_build_loads_only_what_it_builds(tmp_path: Path) -> None:
    """No other kind, no installed packages' kinds, no BibTeX reader, no campaign build, no editor;
    and on a rebuild with the same citations, no citeproc."""
    loaded = []
    for name in ("first.docx", "again.docx"):
        report = "code, ' '.join(sorted(sys.modules))"
        code, modules = build_example_in_a_process(
            tmp_path / name, tmp_path / "cache", report
        ).split(" ", 1)
        assert code in ("0", "1")
        loaded.append(set(modules.split()))
    unwanted = {
        "drafter.kinds.letter",
        "drafter.kinds.solicitation",
        "drafter.kinds.packet",
        "drafter.sources.bibtex",
        "drafter.campaign.batch",
        "drafter.tui",
        "textual",
        "importlib.metadata",
        "multiprocessing",
    }
    assert "drafter.kinds.proposal" in loaded[0] and "docx" in loaded[0]
    assert not unwanted & loaded[0], unwanted & loaded[0]
    assert "citeproc" in loaded[0] and "citeproc" not in loaded[1]


def test_a_long_list_on_a_terminal_is_aligned_columns_with_every_id_whole(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from drafter.cli.printing import DRAWN_ROWS, _table

    rows = [
        (f"whereas/clause-{n:04}-" + "x" * (n % 70), "whereas", f"Title {n}") for n in range(600)
    ]
    assert len(rows) > DRAWN_ROWS
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    _table(("id", "kind", "title"), rows, title="600 clauses")
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "600 clauses" and lines[2].split() == ["id", "kind", "title"]
    assert [line.split()[0] for line in lines[3:]] == [r[0] for r in rows]  # none cut
    short = [line for line, row in zip(lines[3:], rows, strict=True) if len(row[0]) < 40]
    assert len({line.index("whereas ", 10) for line in short}) == 1  # one column for the kind


def test_a_piped_word_count_is_numbers_with_the_limit_a_record_of_its_own(run_cli) -> None:
    result = run_cli("check", EXAMPLE)
    records = {
        line.split("\t")[0]: line.split("\t")[1:]
        for line in result.out.splitlines()
        if "\t" in line
    }
    assert records["limit"] == ["500", ""]
    total, alternative = map(int, records["total"])
    parts = [int(v[0]) for k, v in records.items() if k not in ("total", "limit")][:-1]
    assert total == sum(parts) and alternative >= total - 5
    assert int(records["without title and notes"][0]) < total


def test_a_full_disk_behind_stdout_is_one_line_and_exit_74() -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system to print into")
    done = shell("drafter list clauses > /dev/full")
    assert done.returncode == 74, done
    assert done.stderr.startswith("drafter: cannot write the output (No space left on device)")
    assert len(done.stderr.splitlines()) == 1 and "bug" not in done.stderr


def test_a_broken_pipe_that_is_not_stdout_is_not_taken_for_a_closed_reader(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from drafter.cli import build_verbs, program

    def broken(_args: object) -> int:
        raise BrokenPipeError(32, "Broken pipe")  # as from a worker's pipe, stdout still open

    monkeypatch.setattr(build_verbs, "_check", broken)
    monkeypatch.setattr(program, "_stdout_broken", lambda: False)
    assert program.main(["check", str(EXAMPLE)]) == program.BUG
    assert capsys.readouterr().err.startswith(program.BUG_MARK)


def test_stdout_is_known_broken_only_when_its_reader_has_left(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from drafter.cli import program

    read, write = os.pipe()
    with os.fdopen(write, "w") as stdout:
        monkeypatch.setattr(sys, "stdout", stdout)
        assert program._stdout_broken() is False  # the reader is still there
        os.close(read)
        assert program._stdout_broken() is True
        monkeypatch.undo()
        with contextlib.suppress(BrokenPipeError):
            stdout.close()


def test_a_table_on_a_narrow_terminal_wraps_long_values_and_cuts_none(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from drafter.cli.printing import _table

    path = "/srv/campaigns/a-folder-with-a-rather-long-name/Palantir-customer-due-diligence.docx"
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.setenv("COLUMNS", "50")
    _table(("target", "status", "output"), [("palantir-technologies", "built", path)])
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("│")]
    cells = [[cell.strip() for cell in line.split("│")[1:-1]] for line in lines]
    assert cells[0][0] == "palantir-technologies"  # the first column whole, on one line
    assert "".join(row[2] for row in cells) == path and "…" not in "".join(lines)
