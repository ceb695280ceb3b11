"""Bad signatory CSV files (`drafter signatories check|import|merge`, and a letter naming one)
are refused with one line naming the file and line; no list and no letter is written."""

from __future__ import annotations

import codecs

import pytest
from badinput import LETTER, SIGNERS, Workspace, assert_refused, cases, huge

from drafter.files.reading import MAX_TEXT_BYTES
from drafter.kinds.signatory_files import MAX_ROWS

HEADER = "name,organization,kind,group,consent_date"
ROW_2 = ",Access Now,organization,national,2022-05-20"  # line 2 of SIGNERS
ROW_3 = "Jane Doe,Example University,individual,,2022-05-21"  # line 3 of SIGNERS
NAMED = LETTER + '\n[signatories]\nfile = "signers.csv"\n'


def signers(old: str, new: str) -> str:
    assert old in SIGNERS, old
    return SIGNERS.replace(old, new, 1)


# (case id, file text, line, words the message must contain)
CSV_CASES = [
    # malformed syntax
    ("quote-never-closed", signers(",Access Now", ',"Access Now'), 2, "CSV"),
    ("quote-inside-a-cell", signers(",Access Now", ',"Access" Now'), 2, "CSV"),
    ("too-many-cells", signers("2022-05-20", "2022-05-20,extra"), 2, "cells"),
    ("cell-over-the-csv-limit", signers("Access Now", "A" * 200_000), 2, "CSV"),
    # wrong values
    ("unknown-kind", signers("organization,national", "robot,national"), 2, "kind 'robot'"),
    ("individual-without-name", signers("Jane Doe,", ","), 3, "needs a name"),
    ("consent-date-not-iso", signers("2022-05-21", "21/05/2022"), 3, "consent date"),
    ("consent-date-impossible", signers("2022-05-21", "2022-02-30"), 3, "consent date"),
    # missing keys
    (
        "row-without-name-or-organization",
        signers(ROW_2, ",,organization,national,"),
        2,
        "name or an organization",
    ),
    (
        "no-name-or-organization-column",
        "kind,group\norganization,national\n",
        1,
        "no name or organization column",
    ),
    # extra and duplicate columns
    ("unknown-column", signers("organization,kind", "organisation,kind"), 1, "organisation"),
    ("duplicate-column", signers(HEADER, HEADER + ",name"), 1, "two columns"),
    ("duplicate-column-other-case", signers(HEADER, HEADER + ",Name"), 1, "two columns"),
    # empty
    ("empty-file", "", 1, "empty"),
    # too many rows
    (
        "over-the-row-limit",
        HEADER + "\n" + "".join(f",Org {n}\n" for n in range(MAX_ROWS + 1)),
        MAX_ROWS + 2,
        "100,000",
    ),
]


@pytest.mark.parametrize(("text", "line", "says"), cases(CSV_CASES))
def test_signatories_check_refuses_a_bad_list(
    ws: Workspace, run_cli, text: str, line: int, says: str
) -> None:
    path = ws.write("signers.csv", text)
    assert_refused(run_cli("signatories", "check", path), path, line, says=says)


@pytest.mark.parametrize(("text", "line", "says"), cases(CSV_CASES))
def test_a_letter_naming_a_bad_list_is_refused_and_not_built(
    ws: Workspace, run_cli, text: str, line: int, says: str
) -> None:
    path = ws.write("signers.csv", text)
    draft = ws.write("letter.toml", NAMED)
    result = run_cli("build", draft, "-o", ws.out, "--library", ws.lib)
    assert_refused(result, path, line, absent=(ws.out,), says=says)


@pytest.mark.parametrize(("text", "line", "says"), cases(CSV_CASES))
def test_merge_refuses_a_bad_list_and_writes_nothing(
    ws: Workspace, run_cli, text: str, line: int, says: str
) -> None:
    good = ws.write("signers.csv", SIGNERS)
    bad = ws.write("new.csv", text)
    out = ws.root / "merged.csv"
    assert_refused(run_cli("signatories", "merge", good, bad, "-o", out), bad, line,
                   absent=(out,), says=says)  # fmt: skip
    assert_refused(run_cli("signatories", "merge", good, bad), bad, line, says=says)
    assert good.read_text(encoding="utf-8") == SIGNERS


EXPORT = "Timestamp,Full Name,Organization Name,Email\n2022-05-20,,Access Now,a@example.org\n"
IMPORT_CASES = [
    (
        "no-name-or-organization-column",
        "Timestamp,Email\n2022-05-20,a@example.org\n",
        1,
        "no name or organization",
    ),
    ("two-columns-for-the-name", EXPORT.replace("Email", "Name"), 1, "two columns"),
    ("two-columns-for-the-date", EXPORT.replace("Email", "Date"), 1, "two columns"),
    ("quote-never-closed", EXPORT.replace(",Access Now", ',"Access Now'), 2, "CSV"),
    ("bad-timestamp", EXPORT.replace("2022-05-20", "yesterday"), 2, "consent date"),
    ("empty-file", "", 1, "empty"),
]


@pytest.mark.parametrize(("text", "line", "says"), cases(IMPORT_CASES))
def test_import_refuses_a_bad_export_and_writes_nothing(
    ws: Workspace, run_cli, text: str, line: int, says: str
) -> None:
    source = ws.write("export.csv", text)
    out = ws.root / "signers.csv"
    result = run_cli("signatories", "import", source, "-o", out)
    assert_refused(result, source, line, absent=(out,), says=says)
    ws.old_output("signers.csv")
    result = run_cli("signatories", "import", source, "-o", out, "--force")
    assert_refused(result, source, line, unchanged=(out,), says=says)


BAD_BYTES = [
    (
        "latin-1",
        signers("Example University", "Universit\xe9 de Montr\xe9al").encode("latin-1"),
        3,
        "UTF-8",
    ),
    (
        "windows-1252-quote",
        signers("Access Now", "Access \x93Now\x94").encode("latin-1"),
        2,
        "UTF-8",
    ),
    ("nul-byte", signers("Jane", "Ja\x00ne").encode(), 3, "NUL"),
    ("utf-16-without-bom", SIGNERS.encode("utf-16-le"), 1, "NUL"),
    ("spreadsheet-file", b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xb5\x8f", 1, "UTF-8"),
]


@pytest.mark.parametrize(("data", "line", "says"), cases(BAD_BYTES))
def test_a_list_in_the_wrong_encoding_is_refused(
    ws: Workspace, run_cli, data: bytes, line: int, says: str
) -> None:
    path = ws.write("signers.csv", data)
    assert_refused(run_cli("signatories", "check", path), path, line, says=says)
    out = ws.root / "imported.csv"
    result = run_cli("signatories", "import", path, "-o", out)
    assert_refused(result, path, line, absent=(out,), says=says)
    draft = ws.write("letter.toml", NAMED)
    result = run_cli("build", draft, "-o", ws.out, "--library", ws.lib)
    assert_refused(result, path, line, absent=(ws.out,), says=says)


def test_a_huge_list_is_refused_before_it_is_read(ws: Workspace, run_cli) -> None:
    path = huge(ws.root / "signers.csv", MAX_TEXT_BYTES)
    assert_refused(run_cli("signatories", "check", path), path, 1, says="limit")
    out = ws.root / "imported.csv"
    assert_refused(run_cli("signatories", "import", path, "-o", out), path, 1, absent=(out,))


@pytest.mark.parametrize("target", ["gone.csv", "folder.csv"])
def test_a_list_that_is_not_a_file_is_refused(ws: Workspace, run_cli, target: str) -> None:
    (ws.root / "folder.csv").mkdir()
    path = ws.root / target
    assert_refused(run_cli("signatories", "check", path), path, 1)
    out = ws.root / "imported.csv"
    assert_refused(run_cli("signatories", "import", path, "-o", out), path, 1, absent=(out,))


ENCODED = {
    "utf-8-bom": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "utf-16-le-bom": lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    "utf-16-be-bom": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    "utf-8-bom-crlf": lambda text: codecs.BOM_UTF8 + text.replace("\n", "\r\n").encode(),
    "excel-unicode-text": lambda text: (
        text.replace(",", "\t").replace("\n", "\r\n").encode("utf-16")
    ),
    "semicolons": lambda text: text.replace(",", ";").encode("utf-8"),
}
ACCENTED = signers("Example University", "Université de Montréal")


@pytest.mark.parametrize("encoding", ENCODED.keys())
def test_a_list_with_a_byte_order_mark_is_read(ws: Workspace, run_cli, encoding: str) -> None:
    path = ws.write("signers.csv", ENCODED[encoding](ACCENTED))
    result = run_cli("signatories", "check", path)
    assert result.code == 0, result.err
    assert "Signed by 1 organization and 1 individual." in result.out
    out = ws.root / "imported.csv"
    assert run_cli("signatories", "import", path, "-o", out).code == 0
    assert "Université de Montréal" in out.read_text(encoding="utf-8")
    draft = ws.write("letter.toml", NAMED)
    text_out = ws.root / "letter.txt"
    result = run_cli("build", draft, "-o", text_out, "--library", ws.lib)
    assert result.code == 0, result.err
    assert "Jane Doe, Université de Montréal" in text_out.read_text(encoding="utf-8")


def test_a_list_with_only_its_header_is_an_empty_list(ws: Workspace, run_cli) -> None:
    path = ws.write("signers.csv", HEADER + "\n")
    result = run_cli("signatories", "check", path)
    assert result.code == 0, result.err
    assert "0 suspected duplicates, 0 without consent" in result.out
