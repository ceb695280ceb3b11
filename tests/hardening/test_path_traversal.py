"""Paths from other people's files: clause ids in drafts, library folders and the links inside
them, campaign output names, output folders. Nothing is read outside the library folder, nothing
is written outside the output folder; a refusal is one line, exit 2, nothing written."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from support import EXAMPLE, draft_text

ONE_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+): (?P<what>.+?) — (?P<fix>.+)$")
OLD = b"an earlier build, which a refused build leaves alone\n"
SECRET = "OUTSIDE-THE-LIBRARY"
SAFE_NAME = re.compile(r"^\w[\w.-]*\.md$")


def refused(result: object, path: Path | str | None, says: str = "") -> re.Match[str]:
    """Exit 2 and one `path:line: what — fix` line on stderr, without a traceback."""
    code, out, err = result.code, result.out, result.err  # type: ignore[attr-defined]
    assert "Traceback" not in out + err and "internal error" not in err, err
    assert code == 2, (code, out, err)
    lines = err.splitlines()
    assert len(lines) == 1, err
    match = ONE_LINE.match(lines[0])
    assert match, lines[0]
    if path is not None:
        assert Path(match["path"]) == Path(path), lines[0]
    assert says.lower() in match["what"].lower(), lines[0]
    return match


def files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()}


# --- clause ids in a draft -------------------------------------------------

CLAUSE_IDS = [
    ("parent-parent", '"../../etc/passwd"'),
    ("inside-then-out", '"whereas/../../x"'),
    ("normalizes-to-a-real-clause", '"whereas/../resolved/r"'),
    ("dot-segment", '"whereas/./a"'),
    ("double-slash", '"whereas//a"'),
    ("absolute", '"/etc/passwd"'),
    ("windows-absolute", '"C:\\\\Windows\\\\win.ini"'),
    ("backslashes", '"whereas\\\\..\\\\..\\\\x"'),
    ("dot-dot", '".."'),
    ("nul-byte", '"whereas/a\\u0000.md"'),
    ("file-suffix", '"whereas/a.md"'),
    ("url", '"file:///etc/passwd"'),
]


@pytest.mark.parametrize("clause_id", [pytest.param(c, id=i) for i, c in CLAUSE_IDS])
def test_a_clause_id_is_an_id_never_a_path(lib, run_cli, tmp_path: Path, clause_id: str) -> None:
    draft = lib.draft(draft_text(whereas=clause_id))
    out = tmp_path / "out.docx"
    out.write_bytes(OLD)
    refused(run_cli("build", draft, "-o", out, "--library", lib.root), draft, "unknown clause")
    assert out.read_bytes() == OLD


def test_a_swapped_clause_id_is_an_id_too(lib, run_cli, tmp_path: Path) -> None:
    text = draft_text() + (
        '\n[[targets]]\nname = "acme"\nvars = { company = "Acme" }\n'
        'swap = { "whereas/a" = "../../../etc/passwd" }\n'
    )
    draft = lib.draft(text, "campaign.toml")
    out = tmp_path / "out"
    result = run_cli("build", draft, "--out-dir", out, "--json", "--library", lib.root)
    assert result.code == 1, result.err  # a target that fails is reported in its row
    (row,) = json.loads(result.out)
    assert "unknown clause '../../../etc/passwd'" in row["problem"] and row["output"] is None
    assert not [p for p in files_under(out) if not p.name.startswith(".")]


# --- library folders given with --library ----------------------------------


@pytest.mark.parametrize(
    "where", ["missing", "a-file", "nul\0byte", "dev-null", "folder-named-clauses-is-a-file"]
)
def test_an_odd_library_folder_is_refused_or_empty(
    lib, run_cli, tmp_path: Path, where: str
) -> None:
    draft = lib.draft(draft_text())
    folder = {
        "missing": tmp_path / "no-such-folder",
        "a-file": lib.root / "clauses" / "whereas" / "a.md",
        "nul\0byte": tmp_path / "nul\0byte",
        "dev-null": Path(os.devnull),
        "folder-named-clauses-is-a-file": tmp_path / "odd",
    }[where]
    if where == "folder-named-clauses-is-a-file":
        folder.mkdir()
        (folder / "clauses").write_text("not a folder\n", encoding="utf-8")
    out = tmp_path / "out.docx"
    result = run_cli("build", draft, "-o", out, "--library", folder)
    # the draft's clauses are in no library given, so the build must stop at its first clause
    if where == "folder-named-clauses-is-a-file":
        refused(result, draft, "unknown clause")
    else:
        refused(result, None, "library folder not found")
    assert not out.exists()


# --- links inside a library folder ------------------------------------------


def _outside(tmp_path: Path) -> Path:
    """A folder beside the library holding a valid clause whose text must never be read."""
    outside = tmp_path / "elsewhere"
    (outside / "sub").mkdir(parents=True)
    clause = f'+++\nkind = "whereas"\ntitle = "Outside"\n+++\n{SECRET} text.\n'
    for path in (outside / "stolen.md", outside / "sub" / "b.md"):
        path.write_text(clause, encoding="utf-8")
    (outside / "refs.json").write_text("[]", encoding="utf-8")
    (outside / "starter.toml").write_text(f'title = "{SECRET}"\n', encoding="utf-8")
    (outside / "style.csl").write_text(f"<style>{SECRET}</style>\n", encoding="utf-8")
    return outside


LINKS = [
    # (id, link inside the library, its target (relative to tmp_path unless absolute), message)
    ("clause-file-out", "clauses/whereas/stolen.md", "elsewhere/stolen.md", "out of the library"),
    ("clause-file-absolute", "clauses/whereas/passwd.md", "/etc/passwd", "out of the library"),
    ("subfolder-out", "clauses/shared", "elsewhere/sub", "folder"),
    ("subfolder-cycle", "clauses/whereas/again", "lib/clauses", "folder"),
    ("self-cycle", "clauses/whereas/loop.md", "lib/clauses/whereas/loop.md", "loop"),
    ("two-link-cycle", "clauses/whereas/ping.md", "lib/clauses/whereas/pong.md", "loop"),
    ("broken", "clauses/whereas/gone.md", "elsewhere/no-such-file.md", "nothing"),
    ("clauses-folder-out", "clauses", "elsewhere/sub", "folder"),
    ("citations-out", "citations/stolen.json", "elsewhere/refs.json", "out of the library"),
    ("starter-out", "templates/proposal/starter.toml", "elsewhere/starter.toml", "out of"),
    ("style-out", "styles/house.csl", "elsewhere/style.csl", "out of the library"),
]


@pytest.mark.parametrize(("link", "target", "says"), [pytest.param(*r[1:], id=r[0]) for r in LINKS])
def test_a_link_out_of_the_library_is_refused_without_reading_it(
    lib, run_cli, tmp_path: Path, link: str, target: str, says: str
) -> None:
    _outside(tmp_path)
    path = lib.root / link
    if link == "clauses":
        os.rename(path, tmp_path / "moved-clauses")
    if link.startswith("templates/"):
        (path.parent).mkdir(parents=True)
        (path.parent / "template.toml").write_text(
            (Path(__file__).parents[2] / "templates/proposal/template.toml").read_text("utf-8"),
            encoding="utf-8",
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    target_path = Path(target) if target.startswith("/") else tmp_path / target
    if link.endswith("ping.md"):
        os.symlink(path, lib.root / "clauses/whereas/pong.md")
    os.symlink(target_path, path)
    draft = lib.draft(draft_text())
    out = tmp_path / "out.md"
    out.write_bytes(OLD)
    result = run_cli("build", draft, "-o", out, "--library", lib.root)
    named = path if link != "clauses/whereas/ping.md" else None  # either of the two links
    refused(result, named, says)
    assert SECRET not in result.out + result.err and "root:" not in result.err
    assert out.read_bytes() == OLD
    for verb in (("list", "clauses"), ("list", "templates")):
        listed = run_cli(*verb, "--library", lib.root)
        refused(listed, named, says)


def test_a_link_to_a_file_inside_the_library_is_read(lib, run_cli, tmp_path: Path) -> None:
    os.symlink(lib.root / "clauses/whereas/a.md", lib.root / "clauses/whereas/alias.md")
    (lib.root / "shared").mkdir()
    os.rename(lib.root / "clauses/resolved/r.md", lib.root / "shared/r.md")
    os.symlink(Path("../../shared/r.md"), lib.root / "clauses/resolved/r.md")  # relative
    draft = lib.draft(draft_text(whereas='"whereas/alias"'))
    out = tmp_path / "out.md"
    result = run_cli("build", draft, "-o", out, "--library", lib.root)
    assert result.code == 0, result.err
    text = out.read_text("utf-8")
    assert "Amazon hosts a database" in text and "Shareholders request" in text


def test_a_library_reached_through_a_link_is_read(lib, run_cli, tmp_path: Path) -> None:
    os.symlink(lib.root, tmp_path / "linked-lib")
    draft = lib.draft(draft_text())
    result = run_cli("build", draft, "-o", tmp_path / "o.md", "--library", tmp_path / "linked-lib")
    assert result.code == 0, result.err


# --- campaign output names -------------------------------------------------


def campaign(pattern: str, names: tuple[str, ...] = ("acme", "ibm"), companies=None) -> str:  # type: ignore[no-untyped-def]
    companies = companies or [n.title() for n in names]
    text = draft_text() + f"\n[campaign]\noutput = {json.dumps(pattern)}\n"
    for name, company in zip(names, companies, strict=True):
        text += f"\n[[targets]]\nname = {json.dumps(name)}\nvars = {{ company = {json.dumps(company)} }}\n"
    return text


PATTERNS = [
    # (id, pattern, target names, companies or None, the names expected in the folder)
    ("parent", "../{target}", ("acme", "ibm"), None, {"acme.md", "ibm.md"}),
    ("parents-deep", "../../../../{target}-x", ("acme", "ibm"), None, {"acme-x.md", "ibm-x.md"}),
    ("absolute", "/etc/{target}", ("acme", "ibm"), None, {"etc-acme.md", "etc-ibm.md"}),
    ("subfolder", "a/b/{target}", ("acme", "ibm"), None, {"a-b-acme.md", "a-b-ibm.md"}),
    ("backslash", "..\\..\\{target}", ("acme", "ibm"), None, {"acme.md", "ibm.md"}),
    ("nul", "{target}\0.x", ("acme", "ibm"), None, {"acme-.x.md", "ibm-.x.md"}),
    ("dot-dot-alone", "..", ("acme", "ibm"), None, {"acme.md", "ibm.md"}),
    ("dots-and-slashes", "../../.", ("acme", "ibm"), None, {"acme.md", "ibm.md"}),
    ("hidden", ".{target}", ("acme", "ibm"), None, {"acme.md", "ibm.md"}),
    ("lock-file-like", "~${target}", ("acme", "ibm"), None, {"acme.md", "ibm.md"}),
    (
        "option-like",
        "-rf {target}",
        ("acme", "ibm"),
        None,
        {"rf-acme.md", "ibm.md"} ^ {"ibm.md", "rf-ibm.md"},
    ),
    (
        "value-traversal",
        "{company}",
        ("a", "b"),
        ("../../etc/cron.d/x", "/root/.ssh/y"),
        {"etc-cron.d-x.md", "root-.ssh-y.md"},
    ),
    ("target-traversal", "{target}", ("../../evil", "/abs/evil"), None, {"evil.md", "abs-evil.md"}),
    ("reserved", "{company}", ("a", "b"), ("CON", "nul.txt"), {"CON-file.md", "nul-file.txt.md"}),
    ("reserved-com", "{company}", ("a", "b"), ("com1", "LPT9"), {"com1-file.md", "LPT9-file.md"}),
    ("accents", "Société-{target}", ("acme", "ibm"), None, {"Societe-acme.md", "Societe-ibm.md"}),
    (
        "fullwidth-slash",
        "{target}\uff0f..\uff0fx",
        ("acme", "ibm"),
        None,
        {"acme-..-x.md", "ibm-..-x.md"},
    ),
    (
        "control-characters",
        "{target}\n\r\t\x1b[2J",
        ("acme", "ibm"),
        None,
        {"acme-2J.md", "ibm-2J.md"},
    ),
]


@pytest.mark.parametrize(
    ("pattern", "names", "companies", "expected"), [pytest.param(*r[1:], id=r[0]) for r in PATTERNS]
)
def test_an_output_name_stays_inside_the_output_folder(
    lib, run_cli, tmp_path: Path, pattern: str, names, companies, expected: set[str]
) -> None:  # type: ignore[no-untyped-def]
    draft = lib.draft(campaign(pattern, names, companies), "campaign.toml")
    out = tmp_path / "deep" / "out"
    before = files_under(tmp_path)
    result = run_cli("build", draft, "--out-dir", out, "--format", "md", "--library", lib.root)
    assert result.code in (0, 1), result.err
    new = files_under(tmp_path) - before
    assert all(p.parent == out for p in new), sorted(map(str, new))
    written = {p.name for p in new if p.name != ".drafter-campaign.json"}
    assert written == expected
    assert all(SAFE_NAME.match(n) for n in written), written


def test_a_very_long_output_name_is_cut_to_a_safe_length(lib, run_cli, tmp_path: Path) -> None:
    for pattern, names in (
        ("{target}" + "x" * 2000, ("acme", "ibm")),
        ("{target}", ("日本" * 300, "b")),
    ):
        draft = lib.draft(campaign(pattern, names), "campaign.toml")
        out = tmp_path / pattern[:20]
        result = run_cli("build", draft, "--out-dir", out, "--format", "md", "--library", lib.root)
        assert result.code in (0, 1), result.err
        written = [p for p in out.iterdir() if not p.name.startswith(".")]
        assert len(written) == 2
        assert all(len(p.name.encode()) <= 255 and len(p.stem) <= 120 for p in written)


REFUSED_PATTERNS = [
    ("attribute", "{company.__class__}", "plain name"),
    ("index", "{target[0]}", "plain name"),
    ("format-spec-huge", "{company:>1000000000}", "plain name"),
    ("conversion", "{company!r}", "plain name"),
    ("positional", "{0}", "plain name"),
    ("empty-field", "{}", ""),
    ("unmatched-brace", "{target", ""),
    ("unknown-value", "{nope}", "nope"),
]


@pytest.mark.parametrize(
    ("pattern", "says"), [pytest.param(*r[1:], id=r[0]) for r in REFUSED_PATTERNS]
)
def test_an_output_pattern_that_is_code_is_refused(
    lib, run_cli, tmp_path: Path, pattern: str, says: str
) -> None:
    draft = lib.draft(campaign(pattern), "campaign.toml")
    out = tmp_path / "out"
    result = run_cli("build", draft, "--out-dir", out, "--format", "md", "--library", lib.root)
    refused(result, draft, says)
    assert not out.exists()  # refused before the folder is made


@pytest.mark.parametrize(
    ("pattern", "names", "says"),
    [
        pytest.param("...", ("...",), "no usable file name", id="nothing-left"),
        pytest.param("{target}", ("---",), "no usable file name", id="only-dashes"),
        pytest.param("{target}", ("\u202e\u200b",), "no usable file name", id="invisible"),
        pytest.param("{target}", ("Acme", "acme"), "would both write", id="differ-in-case"),
        pytest.param("x", ("acme", "ibm"), "would both write", id="same-name"),
    ],
)
def test_output_names_that_cannot_work_are_refused(
    lib, run_cli, tmp_path: Path, pattern: str, names: tuple[str, ...], says: str
) -> None:
    draft = lib.draft(campaign(pattern, names), "campaign.toml")
    out = tmp_path / "out"
    result = run_cli("build", draft, "--out-dir", out, "--format", "md", "--library", lib.root)
    refused(result, draft, says)
    assert not out.exists()  # refused before the folder is made


# --- output files and folders ------------------------------------------------


@pytest.mark.parametrize("where", ["nul", "dev-null", "a-folder", "dot-dot"])
def test_an_output_that_is_not_a_file_name_is_refused(
    lib, run_cli, tmp_path: Path, where: str
) -> None:
    draft = lib.draft(draft_text())
    target = {
        "nul": tmp_path / "out\0.docx",
        "dev-null": Path(os.devnull),
        "a-folder": tmp_path,
        "dot-dot": tmp_path / "sub" / "..",
    }[where]
    (tmp_path / "sub").mkdir()
    before = files_under(tmp_path)
    refused(run_cli("build", draft, "-o", target, "--library", lib.root), None)
    assert files_under(tmp_path) == before
    assert Path(os.devnull).is_char_device()


def test_packet_writes_only_inside_its_folder(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "a" / ".." / "papers"
    before = files_under(tmp_path)
    result = run_cli("packet", EXAMPLE, "--out-dir", out)
    assert result.code in (0, 1), result.err
    new = files_under(tmp_path) - before
    assert new and all(p.parent == (tmp_path / "papers") for p in new), new


@pytest.mark.parametrize("where", ["a-file", "dev-null"])
def test_packet_refuses_an_output_folder_that_is_not_one(
    run_cli, tmp_path: Path, where: str
) -> None:
    out = tmp_path / "file.txt" if where == "a-file" else Path(os.devnull)
    if where == "a-file":
        out.write_bytes(OLD)
    refused(run_cli("packet", EXAMPLE, "--out-dir", out), out)
    assert where != "a-file" or out.read_bytes() == OLD


@pytest.mark.parametrize("verb", ["packet", "campaign"])
def test_an_output_folder_with_a_nul_byte_is_one_line(
    lib, run_cli, tmp_path: Path, verb: str
) -> None:
    out = tmp_path / "pa\0pers"
    if verb == "packet":
        result = run_cli("packet", EXAMPLE, "--out-dir", out)
    else:
        draft = lib.draft(campaign("{target}"), "campaign.toml")
        result = run_cli("build", draft, "--out-dir", out, "--library", lib.root)
    refused(result, None)


def test_a_very_long_output_file_name_is_one_line(run_cli, tmp_path: Path) -> None:
    fits, too_long = tmp_path / ("a" * 252 + ".md"), tmp_path / ("a" * 300 + ".md")
    assert run_cli("build", EXAMPLE, "-o", fits).code == 0 and fits.is_file()
    refused(run_cli("build", EXAMPLE, "-o", too_long), too_long, "too long")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_a_pipe_is_never_read_as_a_draft_or_a_clause(lib, run_cli, tmp_path: Path) -> None:
    pipe = tmp_path / "draft.toml"
    os.mkfifo(pipe)
    refused(run_cli("check", pipe), pipe, "pipe")
    clause_pipe = lib.root / "pipe.md"
    os.mkfifo(clause_pipe)
    (lib.root / "clauses" / "whereas" / "piped.md").symlink_to(clause_pipe)
    draft = lib.draft(campaign("{target}"), "campaign.toml")
    refused(run_cli("check", draft, "--library", lib.root), None, "pipe")
