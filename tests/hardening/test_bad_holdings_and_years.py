"""Holdings files of the wrong shape are refused at the holder's line; citation years that are no
year (BibTeX `year = {abc}`, 5,000 digits, CSL years past 9999, days a month lacks) are refused
at their line, while what real bibliographies write still builds.
"""

from __future__ import annotations

import pytest
from badinput import PROPOSAL, SOURCES, Workspace, assert_refused, cases
from cleanlines import DIGITS, HEX, LOT

# --- holdings files of the wrong shape ----------------------------------------------------

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
