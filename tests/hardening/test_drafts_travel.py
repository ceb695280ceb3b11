"""Drafts travel between organizations: a file a draft names is read only from the draft's own
folder or a library root (links resolved), unless the user passes --allow-path; and what drafter
prints never carries raw control, bidi or markup characters from the files it read."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from badinput import LETTER, PROPOSAL, SIGNERS, SOURCES, Workspace, assert_refused
from hypothesis import given, settings
from hypothesis import strategies as st
from support import sized

from drafter.errors import EXCERPT, DrafterError, visible

SECRET = "SECRET-OUTSIDE-THE-DRAFT"
OUTSIDE_SOURCES = SOURCES.replace("Mass Surveillance Fuels Oppression", SECRET)
OUTSIDE_SIGNERS = SIGNERS.replace("Access Now", SECRET)
# a CSL style is never read when refused, so any bytes do; the secret must not be echoed
OUTSIDE_STYLE = f"<style>{SECRET}</style>\n"


def _proposal_with_sources(name: str) -> str:
    return PROPOSAL.replace("[vars]", f"sources = [{json.dumps(name)}]\n\n[vars]")


def _proposal_with_style(name: str) -> str:
    return PROPOSAL.replace('style = "chicago-notes-bibliography"', f"style = {json.dumps(name)}")


def _letter_with_signers(name: str) -> str:
    return LETTER + f"\n[signatories]\nfile = {json.dumps(name)}\n"


# (draft key, how the draft names the file, the file's content, the words of the message)
KEYS = {
    "sources": (_proposal_with_sources, OUTSIDE_SOURCES, "sources file"),
    "signatories": (_letter_with_signers, OUTSIDE_SIGNERS, "[signatories] file"),
    "style": (_proposal_with_style, OUTSIDE_STYLE, "style file"),
}
SUFFIX = {"sources": ".json", "signatories": ".csv", "style": ".csl"}


def _line_of(text: str, words: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), 1) if words in line)


def _key_words(key: str) -> str:
    return {"sources": "sources =", "signatories": "file =", "style": "style ="}[key]


class Travel:
    """A draft folder (`drafts/`) beside a folder of someone else's files (`elsewhere/`)."""

    def __init__(self, ws: Workspace, key: str) -> None:
        self.ws, self.key = ws, key
        self.make, self.content, self.what = KEYS[key]
        self.folder = ws.root / "drafts"
        self.folder.mkdir()
        self.elsewhere = ws.root / "elsewhere"
        self.outside = ws.write(f"elsewhere/theirs{SUFFIX[key]}", self.content)

    def draft(self, name: str) -> Path:
        return self.ws.write("drafts/d.toml", self.make(name))

    def link(self, name: str, target: Path) -> str:
        path = self.folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(target)
        return name


def _ways_out(t: Travel) -> dict[str, str]:
    """Every way a draft's path can point outside its folder."""
    inside_link_dir = t.folder / "shared"
    inside_link_dir.symlink_to(t.elsewhere, target_is_directory=True)
    return {
        "absolute": str(t.outside),
        "dot-dot": f"../elsewhere/{t.outside.name}",
        "deep-dot-dot": "../" * 12 + str(t.outside).lstrip("/"),
        "dot-dot-inside-a-subfolder": f"sub/../../elsewhere/{t.outside.name}",
        "link-to-a-file-outside": t.link(f"mine{SUFFIX[t.key]}", t.outside),
        "through-a-linked-folder": f"shared/{t.outside.name}",
        "link-chain": t.link(f"hop2{SUFFIX[t.key]}", t.folder / t.link("hop1", t.outside)),
    }


WAYS = (
    "absolute",
    "dot-dot",
    "deep-dot-dot",
    "dot-dot-inside-a-subfolder",
    "link-to-a-file-outside",
    "through-a-linked-folder",
    "link-chain",
)


@pytest.mark.parametrize("key", sorted(KEYS))
@pytest.mark.parametrize("way", WAYS)
def test_a_file_outside_the_drafts_folder_is_refused_at_its_key(
    ws: Workspace, run_cli, key: str, way: str
) -> None:
    t = Travel(ws, key)
    name = _ways_out(t)[way]
    draft = t.draft(name)
    old = ws.old_output()
    result = run_cli("build", draft, "-o", ws.out, "--library", ws.lib)
    line = _line_of(draft.read_text(encoding="utf-8"), _key_words(key))
    match = assert_refused(result, draft, line, unchanged=(old,), says="outside the draft's folder")
    assert t.what in match["what"]
    assert f"--allow-path {os.path.realpath(t.elsewhere)}" in match["fix"]
    assert SECRET not in result.out + result.err


@pytest.mark.parametrize("key", sorted(KEYS))
def test_check_and_packet_refuse_it_too(ws: Workspace, run_cli, key: str, tmp_path: Path) -> None:
    t = Travel(ws, key)
    draft = t.draft(str(t.outside))
    for verb in (["check", draft], ["packet", draft, "--out-dir", tmp_path / "kit"]):
        result = run_cli(*verb, "--library", ws.lib)
        assert_refused(result, draft, says="outside the draft's folder")
        assert SECRET not in result.out + result.err
    assert not (tmp_path / "kit").exists()


def test_the_brief_example_etc_passwd_is_refused_without_being_read(ws: Workspace, run_cli) -> None:
    draft = ws.write("d.toml", _letter_with_signers("/etc/passwd"))
    result = run_cli("check", draft, "--library", ws.lib)
    line = _line_of(draft.read_text(encoding="utf-8"), "file =")
    match = assert_refused(result, draft, line, says="[signatories] file '/etc/passwd' is outside")
    assert match["fix"] == "copy it beside the draft or pass --allow-path /etc"
    assert "root:" not in result.err


@pytest.mark.parametrize("key", sorted(KEYS))
def test_allow_path_lets_a_draft_read_from_that_folder(ws: Workspace, run_cli, key: str) -> None:
    t = Travel(ws, key)
    if key == "style":  # a real style this time, so that the build can use it
        from drafter.citations import resolve_style

        t.outside.write_bytes(resolve_style("chicago-notes-bibliography").read_bytes())
    draft = t.draft(f"../elsewhere/{t.outside.name}")
    out = ws.root / "o.md"
    allow = ["--library", ws.lib, "--allow-path", t.elsewhere]
    result = run_cli("build", draft, "--format", "md", "-o", out, *allow)
    assert result.code in (0, 1), result.err
    if key != "style":  # the text the file brought is in the letter or the notes
        assert SECRET in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("key", sorted(KEYS))
def test_allow_path_names_one_folder_not_its_neighbours(ws: Workspace, run_cli, key: str) -> None:
    t = Travel(ws, key)
    neighbour = ws.root / "elsewhere-too"
    neighbour.mkdir()
    draft = t.draft(str(t.outside))
    result = run_cli("check", draft, "--library", ws.lib, "--allow-path", neighbour)
    assert_refused(result, draft, says="outside the draft's folder")


def test_an_allowed_folder_does_not_let_a_link_out_of_it(ws: Workspace, run_cli) -> None:
    t = Travel(ws, "sources")
    allowed = ws.root / "allowed"
    allowed.mkdir()
    (allowed / "refs.json").symlink_to(t.outside)
    draft = t.draft(str(allowed / "refs.json"))
    result = run_cli("check", draft, "--library", ws.lib, "--allow-path", allowed)
    assert_refused(result, draft, says="outside the draft's folder")


def test_files_beside_the_draft_and_in_its_subfolders_are_read(ws: Workspace, run_cli) -> None:
    ws.write("drafts/refs/mine.json", OUTSIDE_SOURCES)
    ws.write("drafts/signers.csv", OUTSIDE_SIGNERS)
    # a way out and back in, and an absolute path into the draft's own folder, stay inside
    back_in = ws.write("drafts/a.toml", _proposal_with_sources("../drafts/refs/mine.json"))
    absolute = ws.write(
        "drafts/b.toml", _proposal_with_sources(str(ws.root / "drafts/refs/mine.json"))
    )
    letter = ws.write("drafts/c.toml", _letter_with_signers("signers.csv"))
    for draft in (back_in, absolute, letter):
        result = run_cli(
            "build", draft, "--format", "md", "-o", ws.root / "o.md", "--library", ws.lib
        )
        assert result.code in (0, 1), result.err
        assert SECRET in (ws.root / "o.md").read_text(encoding="utf-8")


def test_a_file_inside_a_library_root_is_read(ws: Workspace, run_cli) -> None:
    ws.write("lib/shared/signers.csv", OUTSIDE_SIGNERS)
    draft = ws.write("drafts/d.toml", _letter_with_signers(str(ws.lib / "shared/signers.csv")))
    result = run_cli("build", draft, "--format", "md", "-o", ws.root / "o.md", "--library", ws.lib)
    assert result.code in (0, 1), result.err
    assert SECRET in (ws.root / "o.md").read_text(encoding="utf-8")


def test_a_nul_in_a_draft_path_is_one_line(ws: Workspace, run_cli) -> None:
    draft = ws.write("d.toml", _proposal_with_sources("refs\u0000.json"))
    result = run_cli("check", draft, "--library", ws.lib)
    assert_refused(result, draft, says="NUL")


CAMPAIGN = """
[campaign]
output = "{target}"

[[targets]]
name = "acme"

[[targets]]
name = "ibm"
"""


@pytest.mark.parametrize("key", ["sources", "signatories"])
def test_a_campaign_naming_a_file_outside_is_refused_before_its_folder_is_made(
    ws: Workspace, run_cli, key: str
) -> None:
    t = Travel(ws, key)
    draft = ws.write("drafts/c.toml", t.make(str(t.outside)) + CAMPAIGN)
    out_dir = ws.root / "out"
    result = run_cli("build", draft, "--out-dir", out_dir, "--format", "md", "--library", ws.lib)
    line = _line_of(draft.read_text(encoding="utf-8"), _key_words(key))
    assert_refused(result, draft, line, says="outside the draft's folder")
    assert not out_dir.exists()
    allow = ["--library", ws.lib, "--allow-path", t.elsewhere, "--jobs", "1"]
    allowed = run_cli("build", draft, "--out-dir", out_dir, "--format", "md", *allow)
    assert allowed.code in (0, 1), allowed.err
    assert SECRET in (out_dir / "acme.md").read_text(encoding="utf-8")


def test_the_editor_never_writes_a_signatory_list_outside_the_draft(ws: Workspace) -> None:
    from drafter.drafts.editing import History
    from drafter.drafts.file import load_draft
    from drafter.pipeline import open_library
    from drafter.tui.session import Session

    t = Travel(ws, "signatories")
    draft_path = t.draft(str(t.outside))
    session = Session(draft_path, open_library([ws.lib]), History(load_draft(draft_path)))
    incoming = ws.write("drafts/new.csv", SIGNERS.replace("Access Now", "Newcomer"))
    before = t.outside.read_bytes()
    with pytest.raises(DrafterError, match="outside the draft's folder"):
        session.import_signatories(incoming)
    assert t.outside.read_bytes() == before


def test_a_sibling_draft_linking_out_of_the_folder_is_not_read(tmp_path: Path) -> None:
    from support import EXAMPLE

    from drafter.pipeline import build_file

    text = EXAMPLE.read_text(encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "elsewhere").mkdir()
    first = tmp_path / "drafts/one.toml"
    first.write_text(text, encoding="utf-8")
    theirs = tmp_path / "elsewhere/theirs.toml"
    theirs.write_text(text, encoding="utf-8")  # the same meeting: a sibling copy would be flagged
    (tmp_path / "drafts/two.toml").symlink_to(theirs)
    assert not [i for i in build_file(first).issues if i.code == "filing.one-per-meeting"]
    (tmp_path / "drafts/two.toml").unlink()
    (tmp_path / "drafts/two.toml").write_text(text, encoding="utf-8")
    assert [i for i in build_file(first).issues if i.code == "filing.one-per-meeting"]


# --- what error lines echo ---------------------------------------------------------------

LONG = "x" * 5_000


def _echo_cases(ws: Workspace) -> dict[str, tuple[list[str | Path], Path]]:
    """Bad files whose error quotes the bad text: each with a very long bad text."""
    letter = ws.write("letter.toml", _letter_with_signers("signers.csv"))
    ws.write("signers.csv", f"name,{LONG}\nA,B\n")
    bib = ws.write("b/citations/bad.bib", "@book{k,\n  " + "!" * 5_000 + "\n}\n")
    item = {"id": "a", "type": "book", "title": "t", "author": [[LONG]]}
    bad_json = ws.write("j/citations/refs.json", json.dumps([item]))
    key = ws.write("k.toml", PROPOSAL + f"{LONG} = 1\n")
    date = ws.write("t.toml", LETTER.replace("2022-05-24", json.dumps(LONG)))
    clause = ws.write("c.toml", PROPOSAL.replace('"whereas/a"', json.dumps(LONG)))
    return {
        "unknown-draft-key": (["check", key], key),
        "unknown-csv-column": (["check", letter], ws.root / "signers.csv"),
        "bad-date-value": (["check", date], date),
        "bibtex-snippet": (["list", "citations", "--library", bib.parent.parent], bib),
        "json-snippet": (["list", "citations", "--library", bad_json.parent.parent], bad_json),
        "unknown-clause-id": (["check", clause], clause),
    }


ECHO = (
    "unknown-draft-key",
    "unknown-csv-column",
    "bad-date-value",
    "bibtex-snippet",
    "json-snippet",
    "unknown-clause-id",
)


@pytest.mark.parametrize("case", ECHO)
def test_an_error_quotes_a_short_excerpt_of_what_it_read(ws: Workspace, run_cli, case: str) -> None:
    args, path = _echo_cases(ws)[case]
    if "--library" not in args:
        args = [*args, "--library", ws.lib]
    result = run_cli(*args)
    match = assert_refused(result, path)
    quoted = max(match["what"].split("'")[1::2], key=len, default="")
    assert len(quoted) <= EXCERPT, match["what"]
    assert LONG[:EXCERPT] not in result.err
    assert len(result.err) < 600, result.err


# --- control characters --------------------------------------------------------------------

HOSTILE = "\u001b]0;PWNED\u0007\u001b[2J\u001b[31m[red]fake[/red]\u202eevil\u2066\u0085\u007f\u009b"


def _raw_controls(data: bytes) -> list[str]:
    """Characters in `data` (UTF-8) that would act on a terminal or reorder text."""
    text = data.decode("utf-8")
    return [c for c in text if visible(c) != c and c not in "\n\t"]


def _run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "DRAFTER_LIBRARY"}
    env["COLUMNS"] = "400"  # table cells are not wrapped
    command = [sys.executable, "-m", "drafter", *map(str, args)]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, timeout=120)


def _assert_clean(done: subprocess.CompletedProcess[bytes]) -> None:
    for stream in (done.stdout, done.stderr):
        assert not _raw_controls(stream), stream
        assert not [b for b in stream if b < 0x20 and b not in b"\n\t"], stream
        assert b"\x7f" not in stream


def test_a_hostile_clause_id_reaches_the_terminal_escaped(ws: Workspace) -> None:
    draft = ws.write("d.toml", PROPOSAL.replace('"whereas/a"', json.dumps(HOSTILE)))
    done = _run("check", draft, "--library", ws.lib, cwd=ws.root)
    assert done.returncode == 2
    _assert_clean(done)
    err = done.stderr.decode()
    assert "\\x1b]0;PWNED\\x07" in err and "\\u202eevil" in err and "[red]fake[/red]" in err


def test_hostile_titles_and_ids_in_listings_and_issues_are_escaped(ws: Workspace) -> None:
    ws.write(
        "lib/clauses/whereas/h.md",
        f'+++\nkind = "whereas"\ntitle = {json.dumps(HOSTILE)}\ntags = ["[bold]t"]\n+++\nText.\n',
    )
    hostile_id = "\u001b]0;PWNED\u0007\u202e[red]id"  # no white space: that is refused
    hostile_sources = [{"id": hostile_id, "type": "webpage", "title": HOSTILE}]
    ws.write("own.json", json.dumps(hostile_sources))
    draft = ws.write("d.toml", PROPOSAL.replace("[vars]", 'sources = ["own.json"]\n\n[vars]'))
    runs = [
        _run("list", "clauses", "--library", ws.lib, cwd=ws.root),
        _run("list", "clauses", "--json", "--library", ws.lib, cwd=ws.root),
        _run("list", "citations", "--library", ws.root, cwd=ws.root),
        _run(
            "build",
            draft,
            "--format",
            "md",
            "-o",
            ws.root / "o.md",
            "--library",
            ws.lib,
            cwd=ws.root,
        ),
        _run("check", draft, "--library", ws.lib, cwd=ws.root),
        _run("check", draft, "--json", "--library", ws.lib, cwd=ws.root),
    ]
    for done in runs:
        assert done.returncode in (0, 1), done.stderr
        _assert_clean(done)
    listing = runs[0].stdout.decode()
    assert "\\x1b]0;PWNED\\x07\\x1b[2J\\x1b[31m[red]fake[/red]\\u202eevil" in listing, listing
    assert "[bold]t" in listing
    assert "\\x1b]0;PWNED" in runs[3].stderr.decode()  # the unused-source warning names the id
    assert json.loads(runs[1].stdout)  # the escaped JSON still parses ...
    titles = [row["title"] for row in json.loads(runs[1].stdout)]
    assert HOSTILE in titles  # ... back to the very text the clause holds


def test_rich_output_on_a_terminal_shows_markup_and_controls_literally(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`_emit` draws through rich when the stream is a terminal: colours are rich's, the rest
    is the text as written."""
    import io

    from drafter.cli import printing as cli

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    cli._emit(("wrote", "green"), (f" {HOSTILE}", None))
    shown = screen.getvalue()
    assert "[red]fake[/red]" in shown
    assert "\x07" not in shown and "\x1b]0;" not in shown and "\u202e" not in shown
    assert "\\x1b]0;PWNED\\x07" in shown


# --- the escaping itself ------------------------------------------------------------------

ACTING = [
    *map(chr, (*range(0x20), 0x7F, *range(0x80, 0xA0))),
    *map(chr, range(0x202A, 0x202F)),
    *map(chr, range(0x2066, 0x206A)),
    *"\u200e\u200f\u061c\u2028\u2029\ufeff\u200b\u00ad",
]


@pytest.mark.parametrize("char", ACTING, ids=[f"U+{ord(c):04X}" for c in ACTING])
def test_every_control_bidi_and_format_character_is_made_visible(char: str) -> None:
    line = DrafterError(f"unknown clause 'a{char}b'", "d.toml", 3, "fix it").one_line()
    assert char not in line
    assert f"\\x{ord(char):02x}" in line or f"\\u{ord(char):04x}" in line or char in " \t\n\r"


KEPT = [
    "Société Générale",
    "中国石油天然气",
    "شركة أرامكو",
    "עברית",
    "👩‍👩‍👧 family",
    "مي‌خواهم",
    "naïve café",
]


@pytest.mark.parametrize("text", KEPT)
def test_letters_of_every_script_are_kept_as_they_are(text: str) -> None:
    assert visible(text) == text
    assert text in DrafterError(f"unknown clause '{text}'", "d.toml", 1).one_line()


@settings(max_examples=sized(dev=300, ci=1000), deadline=None)
@given(st.text())
def test_no_acting_character_survives_escaping(text: str) -> None:
    line = DrafterError(text, "d.toml", 1, text).one_line()
    acting = {"Cc", "Cf", "Cs", "Zl", "Zp"}
    assert not [c for c in line if unicodedata.category(c) in acting and c not in "\u200c\u200d"]


@settings(max_examples=sized(dev=200, ci=600), deadline=None)
@given(st.text(alphabet=st.characters(categories=["L", "M", "N", "P", "S"])))
def test_printable_text_passes_unchanged(text: str) -> None:
    assert visible(text) == text
