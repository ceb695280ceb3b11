"""One clean line, never an internal error: clause bodies nested or chained past what Jinja's
recursive parser survives, numbers too long to print, date-times where a date belongs, library
folders that cannot be listed and outputs that name no file. Usage errors and bugs are in
`test_clean_usage_lines.py`, nonsense values in `test_nonsense_values.py` and
`test_bad_holdings_and_years.py`.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from badinput import CLAUSE_A, LETTER, PROPOSAL, SOURCES, Workspace, assert_refused, cases
from cleanlines import DIGITS, HEX, clause

from drafter.render import nesting as template_nesting

# --- clause bodies nested too deeply ---------------------------------------------------

DEEP_BODIES = [
    ("parentheses-150", "{{ " + "(" * 150 + "1" + ")" * 150 + " }}", "nests more than"),
    ("lists-80", "{{ " + "[" * 80 + "1" + "]" * 80 + " }}", "nests more than"),
    ("dicts-60", "{{ " + "{'a': " * 60 + "1" + "}" * 60 + " }}", "nests more than"),
    ("calls-40", "{{ " + "range(" * 40 + "1" + ")" * 40 + " }}", "nests more than"),
    ("if-blocks-150", "{% if 1 %}" * 150 + "x" + "{% endif %}" * 150, "nests more than"),
    ("for-blocks-25", "{% for i in [1] %}" * 25 + "x" + "{% endfor %}" * 25, "nests more than"),
    ("with-blocks-300", "{% with a = 1 %}" * 300 + "x" + "{% endwith %}" * 300, "nests more than"),
    ("set-blocks-40", "{% set a %}" * 40 + "x" + "{% endset %}" * 40, "nests more than"),
    ("filters-1000", "{{ 'x'" + "|upper" * 1000 + " }}", "chains more than"),
    ("plus-300", "{{ 1" + " + 1" * 300 + " }}", "chains more than"),
    ("not-500", "{{ " + "not " * 500 + "1 }}", "chains more than"),
    ("minus-500", "{{ " + "-" * 500 + "1 }}", "chains more than"),
    ("conditional-300", "{{ 1" + " if 1 else 1" * 300 + " }}", "chains more than"),
    ("and-500", "{% if 1" + " and 1" * 500 + " %}x{% endif %}", "chains more than"),
    ("attributes-400", "{{ company" + ".upper" * 400 + " }}", "chains more than"),
    (
        "mixed",
        "{% if 1 %}" * 10 + "{{ " + "(" * 10 + "1" + ")" * 10 + " }}" + "{% endif %}" * 10,
        "nests more than",
    ),
]


@pytest.mark.parametrize(("body", "says"), cases(DEEP_BODIES))
def test_a_body_nested_too_deeply_is_refused_at_its_line(
    ws: Workspace, run_cli, body: str, says: str
) -> None:
    path = ws.write("lib/clauses/whereas/a.md", clause("A first line of text.\n" + body))
    draft = ws.write("draft.toml", PROPOSAL)
    ws.old_output()
    result = run_cli("build", draft, "-o", ws.out, "--library", ws.lib)
    assert_refused(result, path, 6, unchanged=(ws.out,), says=says)


def test_a_draft_title_nested_too_deeply_is_refused(ws: Workspace, run_cli) -> None:
    title = "{{ " + "(" * 200 + "company" + ")" * 200 + " }}"
    draft = ws.write("draft.toml", PROPOSAL.replace('"Report on Due Diligence"', repr(title)))
    result = run_cli("build", draft, "-o", ws.out, "--library", ws.lib)
    assert_refused(result, draft, None, absent=(ws.out,), says="nests more than")


WITHIN_LIMITS = [
    (
        "nested-blocks-and-brackets",
        "{% if company %}{% for i in range(2) %}{% with n = (i + (1 * (2 + 3))) %}"
        "{{ ((n)) }} {{ [[1, 2], [3]]|length }}{% endwith %}{% endfor %}{% endif %}",
    ),
    ("sixteen-parentheses", "{{ " + "(" * 16 + "company" + ")" * 16 + " }}"),
    ("a-hundred-filters", "{{ company" + "|lower" * 100 + " }}"),
    ("many-sequential-blocks", "{% if company %}x{% endif %}" * 500),
    ("long-lists", "{{ [" + ", ".join(["1"] * 2000) + "]|length }}"),
    ("set-statements", "{% set a = 1 %}{% set b %}text{% endset %}" * 100 + "{{ a }}{{ b }}"),
]


@pytest.mark.parametrize("body", cases(WITHIN_LIMITS))
def test_bodies_within_the_limits_still_build(ws: Workspace, run_cli, body: str) -> None:
    ws.write("lib/clauses/whereas/a.md", clause(body + " [@hrw-2021]"))
    draft = ws.write("draft.toml", PROPOSAL)
    result = run_cli("build", draft, "-o", ws.root / "out.md", "--library", ws.lib)
    assert result.code in (0, 1), result.err
    assert (ws.root / "out.md").exists()


@pytest.mark.parametrize(
    ("body", "line"),
    [
        pytest.param("{{ " + "(" * 400 + "1" + ")" * 400 + " }}", 5, id="parser-recursion"),
        pytest.param("{{ " + "[" * 300 + "1" + "]" * 300 + " }}", 5, id="compiler-recursion"),
        pytest.param("{% for i in [1] %}" * 30 + "x" + "{% endfor %}" * 30, 5, id="python-blocks"),
        pytest.param("{% if 1 %}" * 120 + "x" + "{% endif %}" * 120, 5, id="python-indentation"),
    ],
)
def test_past_the_caps_recursion_and_compiler_limits_are_one_line_too(
    ws: Workspace, run_cli, monkeypatch: pytest.MonkeyPatch, body: str, line: int
) -> None:
    """With the caps lifted, Jinja's RecursionError and Python's compiler limits still give the
    clause's line, never an internal error (as from a deep caller's stack)."""
    monkeypatch.setattr(template_nesting, "MAX_NESTING", 100_000)
    monkeypatch.setattr(template_nesting, "MAX_CHAIN", 100_000)
    path = ws.write("lib/clauses/whereas/a.md", clause(body))
    draft = ws.write("draft.toml", PROPOSAL)
    result = run_cli("build", draft, "-o", ws.out, "--library", ws.lib)
    assert_refused(result, path, line, absent=(ws.out,), says="nested too deeply")


# --- numbers too long to print --------------------------------------------------------


def test_a_draft_variable_too_long_to_read_is_refused_at_its_line(ws: Workspace, run_cli) -> None:
    draft = ws.write("draft.toml", PROPOSAL.replace('company = "Amazon"', f"company = {DIGITS}"))
    result = run_cli("build", draft, "-o", ws.out, "--library", ws.lib)
    assert_refused(result, draft, 7, absent=(ws.out,), says="more than 100 digits")


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        pytest.param('company = "Amazon"', f"company = {HEX}", 7, id="vars-hex"),
        pytest.param(
            'company = "Amazon"',
            f'company = "Amazon"\nshares = -{"9" * 101}',
            8,
            id="negative-101-digits",
        ),
        pytest.param(
            '["whereas/a"]',
            f'[{{ clause = "whereas/a", vars = {{ n = {HEX} }} }}]',
            10,
            id="item-vars-hex",
        ),
        pytest.param(
            'style = "chicago-notes-bibliography"',
            f'style = "chicago-notes-bibliography"\nbig = {DIGITS}',
            5,
            id="top-level",
        ),
        pytest.param('company = "Amazon"', "company = 0o" + "7" * 120, 7, id="vars-octal"),
        pytest.param('company = "Amazon"', "company = 0b" + "1" * 400, 7, id="vars-binary"),
        pytest.param('company = "Amazon"', "company = " + "1_0" * 60, 7, id="vars-underscores"),
        pytest.param(
            'resolved = ["resolved/r"]',
            f'resolved = ["resolved/r"]\n\n[campaign]\noutput = "{{name}}.md"\n\n'
            f'[[targets]]\nname = "a"\nvars = {{ company = {HEX} }}\n',
            18,
            id="campaign-target-vars",
        ),
    ],
)
def test_a_number_too_long_to_print_in_a_draft_is_refused(
    ws: Workspace, run_cli, old: str, new: str, line: int
) -> None:
    draft = ws.write("draft.toml", PROPOSAL.replace(old, new, 1))
    result = run_cli("build", draft, "-o", ws.out, "--library", ws.lib)
    assert_refused(result, draft, line, absent=(ws.out,), says="digits")


def test_a_letter_date_too_long_to_print_is_refused(ws: Workspace, run_cli) -> None:
    draft = ws.write("letter.toml", LETTER.replace("date = 2022-05-24", f"date = {HEX}"))
    result = run_cli("build", draft, "-o", ws.out, "--library", ws.lib)
    assert_refused(result, draft, 4, absent=(ws.out,), says="digits")


def test_a_hundred_digits_still_build(ws: Workspace, run_cli) -> None:
    draft = ws.write("draft.toml", PROPOSAL.replace('"Amazon"', "9" * 100))
    ws.write("lib/clauses/whereas/a.md", CLAUSE_A.replace("{{ company }}", "{{ company }} and"))
    out = ws.root / "out.md"
    assert run_cli("build", draft, "-o", out, "--library", ws.lib).code in (0, 1)
    assert "9" * 100 in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        pytest.param(
            "lib/clauses/whereas/a.md",
            CLAUSE_A.replace(
                'description = "The company"', f'description = "The company"\ndefault = {HEX}'
            ),
            7,
            id="clause-default-hex",
        ),
        pytest.param(
            "lib/clauses/whereas/a.md",
            CLAUSE_A.replace('title = "A recital"', f'title = "A recital"\nn = {DIGITS}'),
            4,
            id="clause-front-matter-decimal",
        ),
        pytest.param(
            "lib/templates/memo/template.toml", f"name = 'memo'\nx = {DIGITS}\n", 2, id="template"
        ),
        pytest.param(
            "lib/citations/refs.json",
            SOURCES.replace('"type": "webpage",', f'"type": "webpage", "volume": {DIGITS},'),
            2,
            id="csl-json-anywhere",
        ),
        pytest.param(
            "lib/citations/refs.json",
            SOURCES.replace("[[2021, 11, 24]]", f"[[{DIGITS}, 11, 24]]"),
            3,
            id="csl-date-parts-number",
        ),
        pytest.param(
            "lib/citations/refs.json",
            SOURCES.replace("[[2021, 11, 24]]", f'[["{DIGITS}"]]'),
            2,
            id="csl-date-parts-text",
        ),
    ],
)
def test_a_number_too_long_to_print_in_a_library_is_refused(
    ws: Workspace, run_cli, name: str, text: str, line: int
) -> None:
    path = ws.write(name, text)
    draft = ws.write("draft.toml", PROPOSAL)
    result = run_cli("build", draft, "-o", ws.out, "--library", ws.lib)
    assert_refused(result, path, line, absent=(ws.out,))


# --- date-times where a date belongs -----------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "2020-01-01T10:00:00",
        "2020-01-01 10:00:00",
        "2020-01-01T10:00:00Z",
        "2020-01-01T10:00:00+02:00",
        "10:00:00",
        '"2020-01-01"',
        "2020",
    ],
)
def test_a_review_date_that_is_not_a_date_is_refused(ws: Workspace, run_cli, value: str) -> None:
    path = ws.write(
        "lib/clauses/whereas/a.md",
        CLAUSE_A.replace('title = "A recital"\n', f'title = "A recital"\nreviewed = {value}\n'),
    )
    draft = ws.write("draft.toml", PROPOSAL)
    for command in (["build", draft, "-o", ws.out], ["check", draft]):
        assert_refused(
            run_cli(*command, "--library", ws.lib),
            path,
            4,
            absent=(ws.out,),
            says="reviewed must be a date",
        )


def test_a_real_review_date_builds(ws: Workspace, run_cli) -> None:
    ws.write(
        "lib/clauses/whereas/a.md",
        CLAUSE_A.replace('title = "A recital"\n', 'title = "A recital"\nreviewed = 2020-01-01\n'),
    )
    draft = ws.write("draft.toml", PROPOSAL)
    result = run_cli("check", draft, "--library", ws.lib)
    assert result.code in (0, 1) and "clause.stale" in result.out + result.err, result.out


# --- library folders that cannot be listed ----------------------------------------------


def test_a_library_folder_that_cannot_be_listed_is_one_line(
    ws: Workspace, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tests run as root, who lists any folder: the refusal is simulated where listing fails."""
    folder = ws.lib / "clauses" / "whereas"
    listing = Path.iterdir

    def refuse(path: Path):  # type: ignore[no-untyped-def]
        if path == folder:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return listing(path)

    monkeypatch.setattr(Path, "iterdir", refuse)
    draft = ws.write("draft.toml", PROPOSAL)
    result = run_cli("build", draft, "-o", ws.out, "--library", ws.lib)
    assert_refused(result, folder, None, absent=(ws.out,), says="Permission denied")


def test_a_library_entry_that_cannot_be_examined_is_one_line(
    ws: Workspace, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry = ws.lib / "clauses" / "resolved"
    checking = Path.is_dir

    def refuse(path: Path) -> bool:
        if path == entry:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return checking(path)

    monkeypatch.setattr(Path, "is_dir", refuse)
    draft = ws.write("draft.toml", PROPOSAL)
    result = run_cli("build", draft, "-o", ws.out, "--library", ws.lib)
    assert_refused(result, entry, None, absent=(ws.out,), says="cannot read")


@pytest.mark.parametrize("replacement", ["file", "broken-link", "link-loop", "link-to-folder"])
def test_a_clause_folder_replaced_by_something_else_is_one_line(
    ws: Workspace, run_cli, replacement: str
) -> None:
    """Without the folder its clauses are unknown: the draft's line says so; a link to a
    folder is refused where it is."""
    folder = ws.lib / "clauses" / "whereas"
    (folder / "a.md").rename(ws.root / "a.md")
    folder.rmdir()
    if replacement == "file":
        folder.write_text("not a folder\n", encoding="utf-8")
    elif replacement == "broken-link":
        folder.symlink_to(ws.root / "nowhere")
    elif replacement == "link-loop":
        folder.symlink_to(folder)
    else:
        (ws.lib / "elsewhere").mkdir()
        folder.symlink_to(ws.lib / "elsewhere")
    draft = ws.write("draft.toml", PROPOSAL)
    result = run_cli("build", draft, "-o", ws.out, "--library", ws.lib)
    if replacement == "link-to-folder":
        assert_refused(result, folder, None, absent=(ws.out,), says="link to a folder")
    else:
        assert_refused(result, draft, 10, absent=(ws.out,), says="unknown clause")


def test_a_library_folder_too_deep_to_name_is_one_line(ws: Workspace, run_cli) -> None:
    """A real listing error as root: a folder whose path is longer than the system takes."""
    name = "d" * 250
    fd = os.open(ws.lib / "clauses", os.O_RDONLY)
    try:
        for _ in range(18):  # 18 x 251 characters: past PATH_MAX (4,096)
            os.mkdir(name, dir_fd=fd)
            inner = os.open(name, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
    finally:
        os.close(fd)
    draft = ws.write("draft.toml", PROPOSAL)
    result = run_cli("build", draft, "-o", ws.out, "--library", ws.lib)
    assert result.code == 2 and len(result.err.splitlines()) == 1, result.err
    assert "cannot read this library folder" in result.err and "Traceback" not in result.err
    assert not ws.out.exists()


# --- output names that are no file ------------------------------------------------------


@pytest.mark.parametrize("output", [".", "./", "/", "..", "x/..", "sub/."])
@pytest.mark.parametrize("fmt", ["docx", "md"])
def test_an_output_that_names_no_file_is_refused(
    ws: Workspace, run_cli, output: str, fmt: str
) -> None:
    draft = ws.write("draft.toml", PROPOSAL)
    (ws.root / "sub").mkdir()
    before = sorted(p.name for p in ws.root.iterdir())
    os.chdir(ws.root)
    result = run_cli("build", draft, "-o", output, "--format", fmt, "--library", ws.lib)
    assert_refused(result, output if output != "sub/." else "sub", None)
    assert "file" in result.err
    assert sorted(p.name for p in ws.root.iterdir()) == before
