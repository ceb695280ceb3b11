"""Usage errors are one `drafter VERB: what — fix` line; `--library` and `--debug` count before
and after the verb; a bug is one report line, and the bad-input suite fails on any.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from badinput import CLAUSE_A, PROPOSAL, Workspace, assert_refused, cases
from cleanlines import usage_refused

from drafter.errors import DrafterError

# --- usage errors: one line, with the verb ----------------------------------------------

USAGE_ERRORS = [
    ("format-pdf", ["build", "d.toml", "--format", "pdf"], "build", "'pdf' is not one of docx"),
    ("proxy-date-zeros", ["deadline", "--last-proxy-date", "0000-00-00"], "deadline", "not a day"),
    (
        "proxy-date-words",
        ["deadline", "--last-proxy-date", "last spring"],
        "deadline",
        "not a date",
    ),
    ("proxy-date-missing", ["deadline"], "deadline", "--last-proxy-date is required"),
    (
        "moved-days-fraction",
        ["deadline", "--last-proxy-date", "2025-03-26", "--meeting-moved-days", "1.5"],
        "deadline",
        "not a whole number",
    ),
    (
        "lot-negative-as-option",
        [
            "eligibility",
            "--submission",
            "2025-11-20",
            "--high-price",
            "9",
            "--lot",
            "-40@2021-05-03",
        ],
        "eligibility",
        "--lot needs a value",
    ),
    (
        "lot-without-at",
        ["eligibility", "--submission", "2025-11-20", "--high-price", "9", "--lot", "12-2022"],
        "eligibility",
        "SHARES@YYYY-MM-DD",
    ),
    ("unknown-verb", ["biuld", "d.toml"], "", "'biuld' is not one of"),
    ("unknown-chore", ["signatories", "chek", "s.csv"], "signatories", "'chek' is not one of"),
    ("unknown-option", ["build", "d.toml", "--frobnicate"], "build", "unknown argument"),
    (
        "chore-unknown-option",
        ["signatories", "check", "s.csv", "--x"],
        "signatories check",
        "unknown argument --x",
    ),
    ("extra-argument", ["check", "a.toml", "b.toml"], "check", "unknown argument b.toml"),
    ("missing-draft", ["build"], "build", "DRAFT.toml is required"),
    ("missing-returned", ["review", "d.toml"], "review", "RETURNED.docx is required"),
    ("list-what", ["list", "sauces"], "list", "'sauces' is not one of"),
    ("review-format", ["review", "d.toml", "r.docx", "--format", "xml"], "review", "'xml'"),
    ("jobs-zero", ["build", "d.toml", "--jobs", "0"], "build", "1 or more"),
    ("jobs-negative", ["build", "d.toml", "--jobs=-3"], "build", "1 or more"),
    ("jobs-text", ["build", "d.toml", "--jobs", "many"], "build", "1 or more"),
    ("flag-with-value", ["check", "d.toml", "--json=yes"], "check", "--json takes no value"),
    ("output-without-value", ["build", "d.toml", "-o"], "build", "--output needs a value"),
    ("library-without-value", ["build", "d.toml", "--library"], "build", "--library needs a value"),
    (
        "chore-option",
        ["signatories", "import", "e.csv"],
        "signatories import",
        "--output is required",
    ),
]


@pytest.mark.parametrize(("args", "verb", "says"), cases(USAGE_ERRORS))
def test_a_usage_error_is_one_line_naming_the_verb(
    run_cli, args: list[str], verb: str, says: str
) -> None:
    match = usage_refused(run_cli(*args), verb, says=says)
    assert match["fix"].strip()


def test_a_mistyped_option_is_answered_with_the_real_one(run_cli) -> None:
    match = usage_refused(run_cli("build", "d.toml", "--refernce-doc", "x.docx"), "build")
    assert "--reference-doc" in match["fix"]
    match = usage_refused(run_cli("biuld", "d.toml"), "")
    assert "'build'" in match["fix"]


def test_help_and_version_still_exit_cleanly(run_cli) -> None:
    assert run_cli("--version").code == 0
    shown = run_cli("build", "--help")
    assert shown.code == 0 and "--library DIR" in shown.out and "--debug" in shown.out


# --- global options before and after the verb ------------------------------------------


def _two_libraries(ws: Workspace) -> tuple[Path, Path]:
    """Roots a and b, each with its own version of whereas/a."""
    for name in ("a", "b"):
        ws.write(
            f"{name}/clauses/whereas/a.md",
            CLAUSE_A.replace("hosts a database", f"hosts library {name.upper()}'s database"),
        )
    return ws.root / "a", ws.root / "b"


@pytest.mark.parametrize(
    ("before", "after", "wins"),
    [
        pytest.param(["lib", "a"], [], "hosts library A", id="before-the-verb"),
        pytest.param(["lib"], ["a"], "hosts library A", id="after-the-verb"),
        pytest.param(["lib", "a"], ["b"], "hosts library B", id="before-then-after"),
        pytest.param(["lib", "b"], ["a"], "hosts library A", id="after-wins-over-before"),
        pytest.param([], ["lib", "b", "a"], "hosts library A", id="all-after"),
        pytest.param(["a"], ["lib"], "hosts a database", id="the-last-root-wins"),
    ],
)
def test_library_options_count_before_and_after_the_verb_in_order(
    ws: Workspace, run_cli, before: list[str], after: list[str], wins: str
) -> None:
    _two_libraries(ws)
    draft = ws.write("draft.toml", PROPOSAL)
    out = ws.root / "out.md"
    args: list[str | Path] = []
    for name in before:
        args += ["--library", ws.root / name]
    args += ["build", draft, "-o", out]
    for name in after:
        args += ["-L", ws.root / name]
    result = run_cli(*args)
    assert result.code in (0, 1), result.err
    assert wins in out.read_text(encoding="utf-8")


def test_a_library_before_the_verb_is_not_lost(ws: Workspace, run_cli) -> None:
    draft = ws.write("draft.toml", PROPOSAL)
    without = run_cli("build", draft, "-o", ws.out)
    assert_refused(without, draft, 10, absent=(ws.out,), says="unknown clause")
    assert run_cli("--library", ws.lib, "build", draft, "-o", ws.out).code in (0, 1)
    assert ws.out.exists()


@pytest.mark.parametrize("position", ["before", "after"])
def test_debug_counts_before_and_after_the_verb(ws: Workspace, run_cli, position: str) -> None:
    draft = ws.write("draft.toml", PROPOSAL.replace("[sections]", "[sections"))
    args = ["build", draft, "--library", ws.lib]
    with pytest.raises(DrafterError):
        run_cli(*(["--debug", *args] if position == "before" else [*args, "--debug"]))


def test_signatories_take_global_options_at_every_level(ws: Workspace, run_cli) -> None:
    path = ws.write("s.csv", "name,organization,kind\nJane Doe,Example,individual\n")
    for args in (
        ["--debug", "signatories", "check", path],
        ["signatories", "--debug", "check", path],
        ["signatories", "check", path, "--debug", "-L", ws.lib],
    ):
        assert run_cli(*args).code in (0, 1)


# --- a bug is a report line, never "internal error" ---------------------------------------


def test_a_bug_is_one_line_asking_for_a_report(
    ws: Workspace, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from drafter.cli import build_verbs
    from drafter.cli import program as cli

    def broken(_args: object) -> int:
        raise RuntimeError("a deliberate fault\nover two lines")

    monkeypatch.setattr(build_verbs, "_check", broken)
    draft = ws.write("draft.toml", PROPOSAL)
    code = cli.main(["check", str(draft), "--library", str(ws.lib)])
    err = capsys.readouterr().err
    assert code == cli.BUG and code != 2
    assert err.startswith(cli.BUG_MARK) and len(err.splitlines()) == 1, err
    assert "internal error" not in err and "RuntimeError: a deliberate fault over two lines" in err
    assert "report" in err.split(" — ", 1)[1]
    with pytest.raises(RuntimeError):
        cli.main(["check", str(draft), "--debug"])


def test_the_suite_scans_every_output_for_a_bug_line(
    ws: Workspace, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every in-process run of the bad-input suite goes through the scanning `run_cli`, so a
    refusal that turned into a bug or "internal error" line fails whichever test caused it."""
    from drafter.cli import build_verbs

    def broken(_args: object) -> int:
        raise ValueError("not a refusal")

    monkeypatch.setattr(build_verbs, "_check", broken)
    draft = ws.write("draft.toml", PROPOSAL)
    with pytest.raises(AssertionError, match="drafter: bug: ValueError"):
        run_cli("check", draft, "--library", ws.lib)
    monkeypatch.undo()
    with pytest.raises(AssertionError, match="drafter: bug"):
        assert_refused(cli_result(code=2, err="drafter: bug: x — y\n"), "x")


def cli_result(code: int, err: str, out: str = "") -> object:
    """A stand-in for a CLI run's result."""
    from types import SimpleNamespace

    return SimpleNamespace(code=code, out=out, err=err)
