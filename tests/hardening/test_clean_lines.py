"""One clean line, never an internal error, and no legal answer from a nonsense value.

Clause bodies nested or chained past what Jinja's recursive parser survives, numbers too long to
print, date-times where a date belongs, library folders that cannot be listed, `-o .`, days at
the end of the calendar, holdings files of the wrong shape, usage errors, and prices, share
counts and citation years that mean nothing: each is one `what — fix` line and exit code 2.
"""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path

import pytest
from badinput import CLAUSE_A, LETTER, PROPOSAL, SOURCES, Workspace, assert_refused, cases

from drafter import template_nesting
from drafter.errors import DrafterError

USAGE = re.compile(r"^drafter(?P<verb>(?: [a-z]+)*): (?P<what>.+?) — (?P<fix>.+)$")
HEX = "0x" + "f" * 4000  # a TOML number of 4,816 decimal digits: parsed, but never printable
DIGITS = "9" * 5000  # past Python's 4,300-digit limit for reading a decimal number


def clause(body: str) -> str:
    """A Whereas clause file whose body (line 5 on) is `body`."""
    return f'+++\nkind = "whereas"\ntitle = "A recital"\n+++\n{body}\n'


def usage_refused(result: object, verb: str, says: str = "") -> re.Match[str]:
    """Exit 2 and one `drafter VERB: what — fix` line: no usage text, no traceback."""
    code, out, err = result.code, result.out, result.err  # type: ignore[attr-defined]
    assert code == 2, (code, out, err)
    assert "Traceback" not in out + err and "usage:" not in err, err
    lines = err.splitlines()
    assert len(lines) == 1, err
    match = USAGE.match(lines[0])
    assert match, lines[0]
    assert match["verb"].strip() == verb, lines[0]
    assert says.lower() in match["what"].lower(), lines[0]
    return match


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


# --- days at the end of the calendar ------------------------------------------------------

FILING = PROPOSAL + "\n[filing]\n"  # its first key is on line 14
LATE_DAYS = [
    ("submission-9999", FILING + "submission_date = 9999-12-31\n", "not between"),
    ("submission-0001", FILING + "submission_date = 0001-01-01\n", "not between"),
    ("submission-1899", FILING + "submission_date = 1899-12-31\n", "not between"),
    ("lot-9999", FILING + "holdings = [{ shares = 40, acquired = 9999-12-31 }]\n", "not between"),
    ("lot-9998", FILING + "holdings = [{ shares = 40, acquired = 9998-02-28 }]\n", "not between"),
    (
        "availability-9999",
        FILING + "availability = [{ date = 9999-12-31 }]\nsubmission_date = 2025-11-20\n",
        "not between",
    ),
    (
        "everything-late",
        FILING + "holdings = [{ shares = 40, acquired = 9999-01-01 }]\nhigh_price = 10.0\n"
        "submission_date = 9999-12-20\n",
        "not between",
    ),
    ("submission-date-time", FILING + "submission_date = 2025-11-20T09:00:00\n", "date and time"),
    (
        "lot-date-time",
        FILING + "holdings = [{ shares = 4, acquired = 2021-05-03T09:00:00-05:00 }]\n",
        "date and time",
    ),
    ("lot-time", FILING + "holdings = [{ shares = 4, acquired = 09:00:00 }]\n", "must be a date"),
]


@pytest.mark.parametrize(("text", "says"), cases(LATE_DAYS))
def test_a_filing_day_out_of_range_is_refused_at_its_line(
    ws: Workspace, run_cli, text: str, says: str
) -> None:
    draft = ws.write("draft.toml", text)
    for command in (["build", draft, "-o", ws.out], ["check", draft]):
        assert_refused(
            run_cli(*command, "--library", ws.lib), draft, 14, absent=(ws.out,), says=says
        )


@pytest.mark.parametrize(
    "args",
    [
        ["deadline", "--last-proxy-date", "9999-12-31"],
        ["deadline", "--last-proxy-date", "9999-03-01", "--meeting-moved-days", "99999999999"],
        ["deadline", "--last-proxy-date", "2025-03-26", "--disclosed-deadline", "9999-12-31"],
        ["deadline", "--last-proxy-date", "0001-01-01"],
        [
            "eligibility",
            "--submission",
            "9999-12-31",
            "--high-price",
            "10",
            "--lot",
            "4@2021-05-03",
        ],
        [
            "eligibility",
            "--submission",
            "2025-11-20",
            "--high-price",
            "10",
            "--lot",
            "4@9999-01-01",
        ],
        [
            "eligibility",
            "--submission",
            "2025-11-20",
            "--high-price",
            "10",
            "--lot",
            "4@9997-03-01",
        ],
    ],
)
def test_a_command_line_day_out_of_range_is_one_usage_line(run_cli, args: list[str]) -> None:
    usage_refused(run_cli(*args), args[0], says="not between")


def test_the_largest_holding_in_range_still_computes(run_cli) -> None:
    held = run_cli(*ELIGIBILITY, "--high-price", "10000000", "--lot", "1e12@2021-05-03", "--json")
    assert held.code == 0 and '"eligible": true' in held.out, held.err


def test_the_last_day_in_range_still_computes(run_cli) -> None:
    done = run_cli("deadline", "--last-proxy-date", "2200-12-31", "--json")
    assert done.code == 0 and '"deadline": "2201-09-02"' in done.out, done.out + done.err
    held = run_cli(
        "eligibility", "--submission", "2200-12-31", "--high-price", "100", "--lot", "40@2197-12-31"
    )
    assert held.code == 0 and "eligible" in held.out, held.err


# --- holdings files of the wrong shape ----------------------------------------------------

LOT = "[{ shares = 40, acquired = 2021-05-03 }]"
HOLDINGS = [
    ("holders-text", 'holders = "A"\n', 1, "holders must be"),
    ("holders-table", '[holders]\nname = "A"\n', 1, "holders must be"),
    ("holders-number", "holders = 5\n", 1, "holders must be"),
    ("holders-list-of-text", 'holders = ["A", "B"]\n', 1, "holders must be"),
    ("no-holders", "# nobody yet\n", 1, "holders"),
    ("empty-holders", "holders = []\n", 1, "no holders"),
    ("unknown-top-key", f'holder = "A"\n[[holders]]\nname = "A"\nlots = {LOT}\n', 1, "unknown key"),
    ("lots-text", '[[holders]]\nname = "A"\nlots = "40@2021-05-03"\n', 3, "lots must be"),
    ("lots-table", '[[holders]]\nname = "A"\n[holders.lots]\nshares = 40\n', 1, "lots must be"),
    ("lots-missing", '[[holders]]\nname = "A"\n', 1, "lots must be"),
    ("lot-number", '[[holders]]\nname = "A"\nlots = [40]\n', 3, "a lot must be a table"),
    (
        "shares-bool",
        '[[holders]]\nname = "A"\nlots = [{ shares = true, acquired = 2021-05-03 }]\n',
        3,
        "shares must be a positive number",
    ),
    (
        "shares-text",
        '[[holders]]\nname = "A"\nlots = [{ shares = "40", acquired = 2021-05-03 }]\n',
        3,
        "shares must be a positive number",
    ),
    (
        "shares-negative",
        '[[holders]]\nname = "A"\nlots = [{ shares = -40, acquired = 2021-05-03 }]\n',
        3,
        "shares must be a positive number",
    ),
    (
        "shares-zero",
        '[[holders]]\nname = "A"\nlots = [{ shares = 0, acquired = 2021-05-03 }]\n',
        3,
        "shares must be a positive number",
    ),
    (
        "shares-nan",
        '[[holders]]\nname = "A"\nlots = [{ shares = nan, acquired = 2021-05-03 }]\n',
        3,
        "shares must be a positive number",
    ),
    (
        "shares-inf",
        '[[holders]]\nname = "A"\nlots = [{ shares = inf, acquired = 2021-05-03 }]\n',
        3,
        "shares must be a positive number",
    ),
    (
        "shares-hex",
        f'[[holders]]\nname = "A"\nlots = [{{ shares = {HEX}, acquired = 2021-05-03 }}]\n',
        3,
        "more than 100 digits",
    ),
    (
        "acquired-text",
        '[[holders]]\nname = "A"\nlots = [{ shares = 4, acquired = "2021-05-03" }]\n',
        3,
        "acquired must be a date",
    ),
    (
        "acquired-late",
        '[[holders]]\nname = "A"\nlots = [{ shares = 4, acquired = 9999-12-31 }]\n',
        3,
        "not between",
    ),
    (
        "lot-unknown-key",
        '[[holders]]\nname = "A"\nlots = [{ shares = 4, bought = 2021-05-03 }]\n',
        3,
        "unknown lot key 'bought'",
    ),
    ("holder-unknown-key", f'[[holders]]\nname = "A"\nlot = {LOT}\n', 3, "unknown holder key"),
    ("name-number", f"[[holders]]\nname = 5\nlots = {LOT}\n", 2, "name must be text"),
    (
        "second-holder",
        f'[[holders]]\nname = "A"\nlots = {LOT}\n\n[[holders]]\nname = "B"\n'
        "lots = [{ shares = -1, acquired = 2021-05-03 }]\n",
        7,
        "holder 'B'",
    ),
]


@pytest.mark.parametrize(("text", "line", "says"), cases(HOLDINGS))
def test_a_holdings_file_of_the_wrong_shape_is_refused_at_its_line(
    ws: Workspace, run_cli, text: str, line: int, says: str
) -> None:
    path = ws.write("holders.toml", text)
    result = run_cli(
        "eligibility", "--submission", "2025-11-20", "--high-price", "180", "--holdings", path
    )
    assert_refused(result, path, line, says=says)


def test_a_holdings_file_of_the_right_shape_checks_each_holder(ws: Workspace, run_cli) -> None:
    path = ws.write(
        "holders.toml",
        f'[[holders]]\nname = "A"\nlots = {LOT}\n\n[[holders]]\n'
        'name = "B"\nlots = [{ shares = 1, acquired = 2025-01-02 }]\n',
    )
    result = run_cli(
        "eligibility", "--submission", "2025-11-20", "--high-price", "180", "--holdings", path
    )
    assert result.code == 1, result.err
    assert "A: eligible" in result.out and "B: not eligible" in result.out


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
    from drafter import cli

    def broken(_args: object) -> int:
        raise RuntimeError("a deliberate fault\nover two lines")

    monkeypatch.setattr(cli, "_check", broken)
    draft = ws.write("draft.toml", PROPOSAL)
    code = cli.main(["check", str(draft), "--library", str(ws.lib)])
    err = capsys.readouterr().err
    assert code == cli.BUG and code != 2
    assert err.startswith(cli.BUG_MARK) and len(err.splitlines()) == 1, err
    assert "internal error" not in err and "RuntimeError: a deliberate fault over two lines" in err
    assert "report" in err.split(" — ", 1)[1]
    with pytest.raises(RuntimeError):
        cli.main(["check", str(draft), "--debug"])


# --- nonsense values: refused, never a legal answer ---------------------------------------

ELIGIBILITY = ["eligibility", "--submission", "2025-11-20"]
NONSENSE_ON_THE_COMMAND_LINE = [
    ("price-inf", ["--high-price", "inf", "--lot", "40@2021-05-03"], "positive number"),
    ("price-infinity", ["--high-price", "Infinity", "--lot", "40@2021-05-03"], "positive number"),
    ("price-nan", ["--high-price", "nan", "--lot", "40@2021-05-03"], "positive number"),
    ("price-negative", ["--high-price=-5", "--lot", "40@2021-05-03"], "positive number"),
    ("price-zero", ["--high-price", "0", "--lot", "40@2021-05-03"], "positive number"),
    ("price-minus-zero", ["--high-price=-0.0", "--lot", "40@2021-05-03"], "positive number"),
    ("price-overflow", ["--high-price", "1e400", "--lot", "40@2021-05-03"], "positive number"),
    ("price-words", ["--high-price", "lots", "--lot", "40@2021-05-03"], "not a number"),
    ("price-empty", ["--high-price", "", "--lot", "40@2021-05-03"], "not a number"),
    ("shares-overflow", ["--high-price", "9", "--lot", "1e400@2021-05-03"], "positive number"),
    ("shares-inf", ["--high-price", "9", "--lot", "inf@2021-05-03"], "positive number"),
    ("shares-nan", ["--high-price", "9", "--lot", "nan@2021-05-03"], "positive number"),
    ("shares-zero", ["--high-price", "9", "--lot", "0@2021-05-03"], "positive number"),
    ("shares-negative", ["--high-price", "9", "--lot=-40@2021-05-03"], "positive number"),
    ("shares-words", ["--high-price", "9", "--lot", "forty@2021-05-03"], "not a number"),
    ("shares-huge", ["--high-price", "9", "--lot", "1e13@2021-05-03"], "more than any real"),
    ("shares-max-float", ["--high-price", "9", "--lot", "1.7e308@2021-05-03"], "more than any"),
    ("price-huge", ["--high-price", "1e8", "--lot", "40@2021-05-03"], "more than any real"),
    ("lot-day-30-february", ["--high-price", "9", "--lot", "40@2021-02-30"], "not a day"),
    ("lot-short-date", ["--high-price", "9", "--lot", "40@2021-5-3"], "not a date"),
    ("lot-no-date", ["--high-price", "9", "--lot", "40@"], "not a date"),
    ("lot-week-date", ["--high-price", "9", "--lot", "40@2021-W18-1"], "not a date"),
]


@pytest.mark.parametrize(("args", "says"), cases(NONSENSE_ON_THE_COMMAND_LINE))
def test_nonsense_eligibility_values_are_refused(run_cli, args: list[str], says: str) -> None:
    result = run_cli(*ELIGIBILITY, *args)
    usage_refused(result, "eligibility", says=says)
    assert "eligible" not in result.out


def test_the_same_lot_is_refused_alike_on_the_command_line_and_in_a_draft(
    ws: Workspace, run_cli
) -> None:
    """One reader: the CLI's --lot and --holdings and a draft's [filing] holdings agree."""
    for shares in ("-40", "0", "nan", "inf"):
        cli = run_cli(*ELIGIBILITY, "--high-price", "9", f"--lot={shares}@2021-05-03")
        holdings = ws.write(
            "h.toml",
            f'[[holders]]\nname = "A"\nlots = [{{ shares = {shares}, acquired = 2021-05-03 }}]\n',
        )
        listed = run_cli(*ELIGIBILITY, "--high-price", "9", "--holdings", holdings)
        draft = ws.write(
            "draft.toml", FILING + f"holdings = [{{ shares = {shares}, acquired = 2021-05-03 }}]\n"
        )
        drafted = run_cli("check", draft, "--library", ws.lib)
        for result in (cli, listed, drafted):
            assert result.code == 2 and "shares must be a positive number" in result.err, result.err


FILING_NONSENSE = [
    ("high-price-zero", "high_price = 0\n", 14, "positive number"),
    ("high-price-minus-zero", "high_price = -0.0\n", 14, "positive number"),
    ("high-price-inf", "high_price = inf\n", 14, "positive number"),
    ("high-price-nan", "high_price = nan\n", 14, "positive number"),
    ("high-price-bool", "high_price = true\n", 14, "positive number"),
    ("high-price-hex", f"high_price = {HEX}\n", 14, "more than 100 digits"),
    ("shares-negative", 'proponent = "A"\nshares = -1\n', 15, "positive number"),
    ("shares-minus-inf", "shares = -inf\n", 14, "positive number"),
    ("shares-huge", "shares = 1.7e308\n", 14, "more than any real"),
    ("high-price-huge", "high_price = 1e8\n", 14, "more than any real"),
    (
        "lot-shares-huge",
        "holdings = [{ shares = 1e300, acquired = 2021-05-03 }]\n",
        14,
        "more than any real",
    ),
    (
        "votes-overflowing",
        "meeting_year = 2026\n[history]\nvotes = [{ year = 2024, for = 1.7e308, against = 1.7e308 }]\n",
        16,
        "for and against",
    ),
    (
        "lot-unknown-key",
        "holdings = [{ shares = 4, acquired = 2021-05-03, price = 9 }]\n",
        14,
        "unknown lot key",
    ),
    ("lot-text", 'holdings = ["40@2021-05-03"]\n', 14, "a lot must be a table"),
    ("availability-time", "availability = [{ date = 10:00:00 }]\n", 14, "must be a date"),
    (
        "vote-hex",
        f"meeting_year = 2026\n[history]\nvotes = [{{ year = 2024, for = {HEX}, against = 1 }}]\n",
        16,
        "more than 100 digits",
    ),
]


@pytest.mark.parametrize(("text", "line", "says"), cases(FILING_NONSENSE))
def test_nonsense_filing_values_are_refused_at_their_line(
    ws: Workspace, run_cli, text: str, line: int, says: str
) -> None:
    draft = ws.write("draft.toml", FILING + text)
    ws.old_output()
    for command in (["build", draft, "-o", ws.out], ["check", draft]):
        result = run_cli(*command, "--library", ws.lib)
        assert_refused(result, draft, line, unchanged=(ws.out,), says=says)


# --- citation years ---------------------------------------------------------------------------

BIB = "@misc{{hrw-2021,\n  title = {{Mass Surveillance}},\n  {field} = {value},\n}}\n"
BAD_YEARS = [
    ("year-words", "year", "{abc}", "not a year"),
    ("year-punctuation", "year", "{--}", "not a year"),
    ("year-five-digits", "year", "{12345}", "not between"),
    ("year-5000-digits", "year", "{" + DIGITS + "}", "not between"),
    ("year-5000-digits-bare", "year", DIGITS, "not between"),
    ("year-long-words", "year", "{" + "very " * 20 + "old}", "not a year"),
    ("date-30-february", "date", "{2021-02-30}", "not a date"),
    ("date-month-13", "date", "{2021-13}", "not a date"),
    ("urldate-31-april", "urldate", "{2021-04-31}", "not a date"),
    ("date-range-bad-end", "date", "{2019/2021-02-29}", "not a date"),
]


@pytest.mark.parametrize(("field", "value", "says"), cases(BAD_YEARS))
def test_a_bibtex_year_that_is_no_year_is_refused_at_its_line(
    ws: Workspace, run_cli, field: str, value: str, says: str
) -> None:
    (ws.lib / "citations" / "refs.json").unlink()
    path = ws.write("lib/citations/refs.bib", BIB.format(field=field, value=value))
    draft = ws.write("draft.toml", PROPOSAL)
    result = run_cli("build", draft, "-o", ws.out, "--library", ws.lib)
    assert_refused(result, path, 3, absent=(ws.out,), says=says)


@pytest.mark.parametrize(
    ("value", "printed"),
    [
        ("{forthcoming}", "forthcoming"),
        ("{n.d.}", "n.d."),
        ("{In Press}", "In Press"),
        ("{c. 1850}", "c. 1850"),
        ("{2019--2020}", "2019"),
        ("{to appear}", "to appear"),
        ("{[1867]}", "1867"),
        ("{-44}", "44"),
        ("2021", "2021"),
    ],
)
def test_bibtex_years_real_bibliographies_write_still_build(
    ws: Workspace, run_cli, value: str, printed: str
) -> None:
    (ws.lib / "citations" / "refs.json").unlink()
    ws.write("lib/citations/refs.bib", BIB.format(field="year", value=value))
    draft = ws.write("draft.toml", PROPOSAL)
    out = ws.root / "out.md"
    result = run_cli("build", draft, "-o", out, "--library", ws.lib)
    assert result.code in (0, 1), result.err
    assert printed in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("parts", "says"),
    [
        ("[[100000000000000000000]]", "year outside"),
        ("[[-10000]]", "year outside"),
        ('[["99999"]]', "year outside"),
        ("[[2021, 2, 29]]", "not a day of that month"),
        ("[[2021, 4, 31]]", "not a day of that month"),
        ("[[1e400]]", "not a whole number"),
        ("[[2021], [100000]]", "year outside"),
    ],
)
def test_a_csl_date_that_is_no_date_is_refused(
    ws: Workspace, run_cli, parts: str, says: str
) -> None:
    path = ws.write("lib/citations/refs.json", SOURCES.replace("[[2021, 11, 24]]", parts))
    draft = ws.write("draft.toml", PROPOSAL)
    result = run_cli("build", draft, "-o", ws.out, "--library", ws.lib)
    assert_refused(result, path, 2, absent=(ws.out,), says=says)


@pytest.mark.parametrize(
    "parts", ["[[2024, 2, 29]]", "[[-44, 3, 15]]", "[[9999, 12, 31]]", "[[2019], [2021]]"]
)
def test_real_csl_dates_still_build(ws: Workspace, run_cli, parts: str) -> None:
    ws.write("lib/citations/refs.json", SOURCES.replace("[[2021, 11, 24]]", parts))
    draft = ws.write("draft.toml", PROPOSAL)
    assert run_cli("build", draft, "-o", ws.out, "--library", ws.lib).code in (0, 1)
    assert ws.out.exists()


def test_the_suite_scans_every_output_for_a_bug_line(
    ws: Workspace, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every in-process run of the bad-input suite goes through the scanning `run_cli`, so a
    refusal that turned into a bug or "internal error" line fails whichever test caused it."""
    from drafter import cli

    def broken(_args: object) -> int:
        raise ValueError("not a refusal")

    monkeypatch.setattr(cli, "_check", broken)
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
