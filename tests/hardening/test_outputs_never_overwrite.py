"""Outputs never overwrite what they must not: a file the command read (under any spelling), a
library's file, or an existing file drafter did not make; and a command that is refused for
any of its outputs writes none of them (all or nothing)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from badinput import PROPOSAL, SIGNERS, SOURCES, Workspace, assert_refused
from review_files import rewrite, tracked_replace
from support import REPO

import drafter
from drafter.library.roots import builtin_root

OWN = PROPOSAL.replace("[vars]", 'sources = ["own.json"]\n\n[vars]')
OWN_SOURCES = SOURCES.replace("hrw-2021", "own-2024")
CAMPAIGN = (
    PROPOSAL
    + '\n[campaign]\noutput = "{target}"\n\n[[targets]]\nname = "amazon"\n\n[[targets]]\nname = "ibm"\n'
)
LETTER = (REPO / "examples" / "aws-hart-coalition-letter.toml").read_text(encoding="utf-8")


def tree(root: Path) -> dict[str, bytes]:
    """Every file under `root` with its bytes: what "nothing written" is checked against."""
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def refused_untouched(ws: Workspace, result: object, named: Path, before: dict[str, bytes],
                      says: str = "") -> None:  # fmt: skip
    """Exit 2, one line naming `named`, no traceback, and not a byte written anywhere."""
    assert_refused(result, named, says=says)
    assert tree(ws.root) == before


@pytest.fixture
def draft(ws: Workspace) -> Path:
    ws.write("own.json", OWN_SOURCES)
    return ws.write("d.toml", OWN)


# --- build: every input kind as -o ----------------------------------------------------------


def _reference(ws: Workspace) -> Path:
    path = ws.root / "letterhead.docx"
    docx.Document().save(str(path))
    return path


INPUT_TARGETS = {
    "the draft": lambda ws: ws.root / "d.toml",
    "the draft spelled with ..": lambda ws: ws.root / "lib" / ".." / "d.toml",
    "a link to the draft": lambda ws: _link(ws.root / "d.docx", ws.root / "d.toml"),
    "a hard link to the draft": lambda ws: _hard_link(ws.root / "copy.md", ws.root / "d.toml"),
    "the draft's own sources file": lambda ws: ws.root / "own.json",
    "a clause file": lambda ws: ws.lib / "clauses" / "whereas" / "a.md",
    "a new file among the clauses": lambda ws: ws.lib / "clauses" / "whereas" / "new.md",
    "the library's citations file": lambda ws: ws.lib / "citations" / "refs.json",
    # new names only, in the built-in library and the package: a failure must not damage them
    "a new file in the built-in clauses": lambda ws: builtin_root() / "clauses" / "zz-test.md",
    "a new file in the built-in styles": lambda ws: builtin_root() / "styles" / "zz-test.md",
    "a new file in drafter's code": lambda ws: Path(drafter.__file__).parent / "zz-test.md",
}
SHARED = ("built-in", "drafter's code")


def _link(link: Path, target: Path) -> Path:
    link.symlink_to(target.name)
    return link


def _hard_link(link: Path, target: Path) -> Path:
    os.link(target, link)
    return link


@pytest.mark.parametrize("which", INPUT_TARGETS)
def test_build_never_writes_over_an_input_or_a_library_file(
    ws: Workspace, run_cli, draft: Path, which: str
) -> None:
    target = INPUT_TARGETS[which](ws)
    assert not any(word in which for word in SHARED) or not target.exists()
    before = tree(ws.root)
    earlier = target.read_bytes() if target.exists() else None
    try:
        result = run_cli("build", draft, "-o", target, "--format", "md", "--library", ws.lib)
        refused_untouched(ws, result, target, before)
        assert (target.read_bytes() if target.exists() else None) == earlier
    finally:
        if any(word in which for word in SHARED):
            target.unlink(missing_ok=True)


def test_build_never_writes_over_its_reference_document(ws: Workspace, run_cli, draft) -> None:
    reference = _reference(ws)
    before = tree(ws.root)
    result = run_cli("build", draft, "-o", reference, "--reference-doc", reference, "--library",
                     ws.lib)  # fmt: skip
    refused_untouched(ws, result, reference, before, says="reads this file")


def test_build_never_writes_over_the_style_file_it_cites_with(ws: Workspace, run_cli) -> None:
    style = ws.write("house.csl", (builtin_root() / "styles" / "proposal-urls.csl").read_bytes())
    draft = ws.write("d.toml", PROPOSAL.replace('"chicago-notes-bibliography"', '"house.csl"'))
    assert run_cli("build", draft, "--format", "md", "--library", ws.lib).code == 0
    before = tree(ws.root)
    result = run_cli("build", draft, "-o", style, "--format", "md", "--library", ws.lib)
    refused_untouched(ws, result, style, before, says="reads this file")


def test_a_letter_never_writes_over_its_signatory_list(ws: Workspace, run_cli) -> None:
    letter = ws.write("letter.toml", LETTER)
    signers = ws.write("aws-hart-signatories.csv", SIGNERS)
    before = tree(ws.root)
    refused_untouched(ws, run_cli("build", letter, "-o", signers, "--format", "txt"), signers,
                      before, says="reads this file")  # fmt: skip


FOREIGN = {
    "a TOML file": ("other.toml", b"schema = 1\n", "docx"),
    "a JSON file": ("other.json", b"[]\n", "docx"),
    "a BibTeX file": ("other.bib", b"@misc{a, title={A}}\n", "md"),
    "a CSV file": ("other.csv", b"name\nA\n", "txt"),
    "a CSL style": ("other.csl", b"<style/>\n", "docx"),
    "a file without a suffix": ("notes", b"my notes\n", "md"),
    "Markdown asked for as DOCX": ("notes.md", b"# my notes\n", "docx"),
    "a Word file someone else wrote": ("theirs.docx", None, "docx"),
}


@pytest.mark.parametrize("which", FOREIGN)
def test_build_never_writes_over_a_file_drafter_did_not_make(
    ws: Workspace, run_cli, draft: Path, which: str
) -> None:
    name, data, fmt = FOREIGN[which]
    target = ws.root / name
    if data is None:
        docx.Document().save(str(target))
    else:
        target.write_bytes(data)
    before = tree(ws.root)
    result = run_cli("build", draft, "-o", target, "--format", fmt, "--library", ws.lib)
    refused_untouched(ws, result, target, before, says="exists")


def test_a_drafter_document_someone_saved_since_is_not_replaced(
    ws: Workspace, run_cli, draft: Path
) -> None:
    out = ws.root / "d.docx"
    assert run_cli("build", draft, "--library", ws.lib).code == 0
    document = docx.Document(str(out))
    document.core_properties.last_modified_by = "Ana Editor"  # as Word records a save
    document.save(str(out))
    before = tree(ws.root)
    refused_untouched(ws, run_cli("build", draft, "--library", ws.lib), out, before, says="saved")


@pytest.mark.parametrize("fmt", ["docx", "md", "txt"])
def test_rebuilding_the_same_output_still_replaces_it(ws: Workspace, run_cli, draft, fmt) -> None:
    out = ws.root / f"proposal.{fmt}"
    for _ in range(2):
        result = run_cli("build", draft, "-o", out, "--library", ws.lib)
        assert result.code == 0, result.err
    first = out.stat().st_ino
    assert run_cli("build", draft, "--format", fmt, "-o", out, "--library", ws.lib).code == 0
    assert out.stat().st_ino != first  # written again (a new file renamed over it)


def test_several_drafts_write_nothing_when_one_output_is_a_folder(
    ws: Workspace, run_cli, draft: Path
) -> None:
    second = ws.write("e.toml", PROPOSAL)
    (ws.root / "e.docx").mkdir()
    assert run_cli("build", draft, "--library", ws.lib).code == 0  # d.docx: an earlier output
    before = tree(ws.root)
    result = run_cli("build", draft, second, "--library", ws.lib)
    refused_untouched(ws, result, ws.root / "e.docx", before, says="not a regular file")


def test_several_drafts_write_nothing_when_a_later_output_is_not_drafters(
    ws: Workspace, run_cli, draft: Path
) -> None:
    second = ws.write("e.toml", PROPOSAL)
    theirs = ws.root / "e.docx"
    docx.Document().save(str(theirs))
    before = tree(ws.root)
    result = run_cli("build", draft, second, "--library", ws.lib)
    refused_untouched(ws, result, theirs, before, says="not a document drafter built")
    assert not (ws.root / "d.docx").exists()


def test_two_drafts_with_one_output_are_refused(ws: Workspace, run_cli, draft: Path) -> None:
    before = tree(ws.root)
    result = run_cli("build", draft, ws.root / "lib" / ".." / "d.toml", "--library", ws.lib)
    refused_untouched(ws, result, ws.root / "lib" / ".." / "d.docx", before, says="two outputs")


# --- campaigns ------------------------------------------------------------------------------


def test_a_campaign_never_writes_over_an_unrelated_file(ws: Workspace, run_cli) -> None:
    campaign = ws.write("campaign.toml", CAMPAIGN)
    unrelated = ws.write("amazon.md", "my own notes on Amazon\n")
    before = tree(ws.root)
    result = run_cli("build", campaign, "--out-dir", ws.root, "--format", "md", "--library", ws.lib)
    refused_untouched(ws, result, unrelated, before, says="campaign did not make it")


def test_a_campaign_replaces_its_own_outputs_even_after_a_killed_run(ws, run_cli) -> None:
    campaign = ws.write("campaign.toml", CAMPAIGN)
    out = ws.root / "out"
    args = ("build", campaign, "--out-dir", out, "--format", "md", "--library", ws.lib)
    assert run_cli(*args).code == 0
    assert run_cli(*args, "--force").code == 0  # rebuilt: its own files
    manifest = json.loads((out / ".drafter-campaign.json").read_text(encoding="utf-8"))
    assert {entry["output"] for entry in manifest.values()} == {"amazon.md", "ibm.md"}
    # a run killed after claiming its names and writing one file, before its final manifest
    (out / ".drafter-campaign.json").write_text(
        json.dumps({"amazon": {"output": "amazon.md"}, "ibm": {"output": "ibm.md"}}), "utf-8"
    )
    result = run_cli(*args)
    assert result.code == 0, result.err


def test_a_campaign_never_writes_over_a_file_put_at_one_of_its_names(ws, run_cli) -> None:
    campaign = ws.write("campaign.toml", CAMPAIGN)
    out = ws.root / "out"
    for fmt in ("md", "docx"):
        args = ("build", campaign, "--out-dir", out / fmt, "--format", fmt, "--library", ws.lib)
        assert run_cli(*args).code == 0
        theirs = out / fmt / f"ibm.{fmt}"
        theirs.write_bytes(b"a colleague's own notes\n")
        before = tree(ws.root)
        for extra in ((), ("--force",)):
            result = run_cli(*args, *extra)
            refused_untouched(ws, result, theirs, before, says="changed since this campaign")


def test_a_campaign_never_writes_over_its_docx_once_someone_saved_it(ws, run_cli) -> None:
    campaign = ws.write("campaign.toml", CAMPAIGN)
    out = ws.root / "out"
    args = ("build", campaign, "--out-dir", out, "--library", ws.lib)
    assert run_cli(*args).code == 0
    saved = out / "amazon.docx"
    with zipfile.ZipFile(saved) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["docProps/core.xml"] = parts["docProps/core.xml"].replace(
        b">drafter</cp:lastModifiedBy>", b">Jane Editor</cp:lastModifiedBy>"
    )
    with zipfile.ZipFile(saved, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    before = tree(ws.root)
    result = run_cli(*args, "--force")
    refused_untouched(ws, result, saved, before, says="changed since this campaign")


def test_a_campaign_refuses_o(ws: Workspace, run_cli) -> None:
    campaign = ws.write("campaign.toml", CAMPAIGN)
    before = tree(ws.root)
    result = run_cli("build", campaign, "-o", ws.root / "x.docx", "--library", ws.lib)
    refused_untouched(ws, result, campaign, before, says="-o names one file")


def test_a_campaign_whose_manifest_is_a_folder_writes_nothing(ws: Workspace, run_cli) -> None:
    campaign = ws.write("campaign.toml", CAMPAIGN)
    manifest = ws.root / "out" / ".drafter-campaign.json"
    manifest.mkdir(parents=True)
    before = tree(ws.root)
    result = run_cli("build", campaign, "--out-dir", ws.root / "out", "--library", ws.lib)
    refused_untouched(ws, result, manifest, before, says="not a regular file")


def test_a_campaign_never_writes_over_its_own_inputs(ws: Workspace, run_cli) -> None:
    ws.write("own.json", OWN_SOURCES)
    campaign = ws.write("campaign.toml", CAMPAIGN.replace("[vars]", 'sources = ["own.json"]\n[vars]')
                        .replace('output = "{target}"', 'output = "{target}"\n'))  # fmt: skip
    ws.write("campaign.toml", campaign.read_text("utf-8").replace('name = "ibm"', 'name = "own"'))
    before = tree(ws.root)
    result = run_cli("build", campaign, "--out-dir", ws.root, "--format", "md", "--library", ws.lib)
    assert result.code == 0, result.err  # own.md is new; own.json, the input, is untouched
    assert tree(ws.root)["own.json"] == before["own.json"]
    into_library = ws.lib / "clauses" / "whereas"
    before = tree(ws.root)
    result = run_cli("build", campaign, "--out-dir", into_library, "--format", "md", "--library",
                     ws.lib)  # fmt: skip
    refused_untouched(ws, result, into_library / "amazon.md", before, says="library")


# --- review ---------------------------------------------------------------------------------


OLD = "hosts a database"


@pytest.fixture
def reviewed(ws: Workspace, run_cli) -> tuple[Path, Path, Path]:
    """A draft, its build, and two reviewers' returned files changing one item differently."""
    draft = ws.write("d.toml", PROPOSAL)
    assert run_cli("build", draft, "--library", ws.lib).code == 0
    built = ws.root / "d.docx"

    def returned(name: str, new: str, author: str) -> Path:
        return rewrite(built, ws.root / name, lambda xml: tracked_replace(xml, OLD, new, author))

    return (
        draft,
        returned("ana.docx", "runs a registry", "Ana"),
        returned("ben.docx", "keeps files", "Ben"),
    )


REVIEW_TARGETS = {
    "--merge-comments at the draft": ("--merge-comments", "d.toml"),
    "--merge-comments at a returned file": ("--merge-comments", "ana.docx"),
    "--merge-comments at a clause": ("--merge-comments", "lib/clauses/whereas/a.md"),
    "--apply -o at a returned file": ("--apply", "ben.docx"),
    "--apply -o at a clause": ("--apply", "lib/clauses/resolved/r.md"),
    "--apply -o at the library's citations": ("--apply", "lib/citations/refs.json"),
    "--apply -o at another draft": ("--apply", "lib/../e.toml"),
}


@pytest.mark.parametrize("which", REVIEW_TARGETS)
def test_review_never_writes_over_an_input_or_a_file_it_did_not_make(
    ws: Workspace, run_cli, reviewed, which: str
) -> None:
    draft, ana, _ = reviewed
    ws.write("e.toml", PROPOSAL)
    flag, name = REVIEW_TARGETS[which]
    target = ws.root / name
    args = ["review", draft, ana, "ben.docx", "--library", ws.lib, "--reviewer", "Ana"]
    args += (
        ["--merge-comments", target] if flag == "--merge-comments" else ["--apply", "-o", target]
    )
    before = tree(ws.root)
    result = run_cli(*[ws.root / a if a == "ben.docx" else a for a in args])
    assert_refused(result, target)
    assert tree(ws.root) == before


def test_a_review_conflict_writes_neither_output(ws: Workspace, run_cli, reviewed) -> None:
    draft, ana, ben = reviewed
    merged = ws.root / "merged.docx"
    before = tree(ws.root)
    result = run_cli("review", draft, ana, ben, "--merge-comments", merged, "--apply", "--library",
                     ws.lib, "--format", "json")  # fmt: skip
    assert_refused(result, draft, says="Ana and Ben")
    assert tree(ws.root) == before and not merged.exists()


def test_a_refused_review_output_stops_the_other_one_too(ws: Workspace, run_cli, reviewed) -> None:
    draft, ana, _ = reviewed
    merged = ws.root / "merged.docx"
    before = tree(ws.root)
    result = run_cli("review", draft, ana, "--merge-comments", merged, "--apply", "-o", ana,
                     "--library", ws.lib, "--format", "json")  # fmt: skip
    assert_refused(result, ana, says="reads this file")
    assert tree(ws.root) == before and not merged.exists()
    assert result.out == ""  # refused before the report: a failing command prints no report


def test_applying_in_place_never_writes_over_an_earlier_kept_version(
    ws: Workspace, run_cli, reviewed
) -> None:
    draft, ana, _ = reviewed
    (ws.root / "d.before-review.1.toml").mkdir()  # in the way: skipped, never replaced
    kept = ws.write("d.before-review.2.toml", "# an earlier round\n")
    result = run_cli("review", draft, ana, "--apply", "-o", draft, "--library", ws.lib,
                     "--format", "json")  # fmt: skip
    assert result.code == 0, result.err
    assert kept.read_text(encoding="utf-8") == "# an earlier round\n"
    assert (ws.root / "d.before-review.1.toml").is_dir()
    assert (ws.root / "d.before-review.3.toml").read_text(encoding="utf-8") == PROPOSAL


def test_review_outputs_can_be_written_again(ws: Workspace, run_cli, reviewed) -> None:
    draft, ana, _ = reviewed
    args = ("review", draft, ana, "--merge-comments", ws.root / "merged.docx", "--apply",
            "--library", ws.lib, "--format", "json")  # fmt: skip
    for _ in range(2):
        result = run_cli(*args)
        assert result.code == 0, result.err
    result = run_cli(*args[:-2], "-o", draft, "--format", "json")  # the draft, updated in place
    assert result.code == 0, result.err
    assert (ws.root / "d.before-review.1.toml").read_text(encoding="utf-8") == PROPOSAL


# --- signatories and the packet -------------------------------------------------------------


def test_signatory_lists_are_merged_in_place_but_never_over_another_file(ws, run_cli) -> None:
    signers = ws.write("signers.csv", SIGNERS)
    new = ws.write("new.csv", "name\nAna Lopez\n")
    draft = ws.write("d.toml", PROPOSAL)
    for target in (new, draft, ws.write("other.csv", "name\nBen\n"), ws.lib / "clauses" / "x.csv"):
        before = tree(ws.root)
        result = run_cli("signatories", "merge", signers, new, "-o", target, "--library", ws.lib)
        refused_untouched(ws, result, target, before)
    assert run_cli("signatories", "merge", signers, new).code == 0  # in place: the list itself
    assert "Ana Lopez" in signers.read_text(encoding="utf-8")
    assert (
        run_cli("signatories", "merge", signers, new, "-o", ws.root / "." / "signers.csv").code == 0
    )


def test_import_with_force_replaces_a_list_but_never_its_source_or_a_draft(ws, run_cli) -> None:
    export = ws.write("export.csv", "Timestamp,Organization Name\n2022-05-20,EPIC\n")
    draft = ws.write("d.toml", PROPOSAL)
    for target in (export, draft):
        before = tree(ws.root)
        result = run_cli("signatories", "import", export, "-o", target, "--force")
        refused_untouched(ws, result, target, before)
    listed = ws.write("signers.csv", SIGNERS)
    assert run_cli("signatories", "import", export, "-o", listed, "--force").code == 0
    assert "EPIC" in listed.read_text(encoding="utf-8")


def test_a_packet_writes_no_paper_when_one_would_replace_a_file_drafter_did_not_make(
    ws: Workspace, run_cli
) -> None:
    example = REPO / "examples" / "amazon-customer-due-diligence.toml"
    out = ws.root / "papers"
    assert run_cli("packet", example, "--out-dir", out).code in (0, 1)
    papers = sorted(p.name for p in out.iterdir())
    assert len(papers) > 1
    foreign = out / papers[-1]
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    foreign.write_bytes(buffer.getvalue())
    before = tree(ws.root)
    refused_untouched(ws, run_cli("packet", example, "--out-dir", out), foreign, before)


# --- as a real process ----------------------------------------------------------------------


@pytest.mark.parametrize("verb", ["build", "campaign", "review"])
def test_a_refused_output_is_one_line_from_a_real_process(ws: Workspace, verb: str) -> None:
    draft = ws.write("d.toml", PROPOSAL)
    args: list[str | Path] = ["build", draft, "-o", draft, "--library", ws.lib]
    named = draft
    if verb == "campaign":
        campaign = ws.write("campaign.toml", CAMPAIGN)
        named = ws.write("ibm.md", "notes\n")
        args = ["build", campaign, "--out-dir", ws.root, "--format", "md", "--library", ws.lib]
    elif verb == "review":
        assert run_process("build", draft, "--library", ws.lib, cwd=ws.root).returncode == 0
        named = ws.root / "d.docx"
        args = ["review", draft, named, "--merge-comments", named, "--library", ws.lib]
    before = tree(ws.root)
    done = run_process(*args, cwd=ws.root)
    assert "Traceback" not in done.stdout + done.stderr
    assert done.returncode == 2 and len(done.stderr.splitlines()) == 1, done.stderr
    assert done.stderr.startswith(f"{named}:1: ")
    assert tree(ws.root) == before


def run_process(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DRAFTER_LIBRARY"}
    return subprocess.run([sys.executable, "-m", "drafter", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)  # fmt: skip


# --- new drafts and file names ------------------------------------------------------------------


@pytest.mark.parametrize("folder", ["clauses", "citations", "templates", "styles"])
def test_new_never_writes_into_a_library_folder(ws: Workspace, run_cli, folder: str) -> None:
    target = ws.lib / folder / "x.toml"
    (ws.lib / folder).mkdir(parents=True, exist_ok=True)
    before = tree(ws.root)
    result = run_cli("new", "proposal", target, "--library", ws.lib)
    refused_untouched(ws, result, target, before, says="never writes")


def test_new_with_force_never_replaces_a_library_file(ws: Workspace, run_cli) -> None:
    clause = ws.lib / "clauses" / "whereas" / "a.md"
    for name in ("template.toml", "starter.toml"):  # a copy of the built-in proposal template
        ws.write(f"lib/templates/memo/{name}", (REPO / "templates/proposal" / name).read_bytes())
    copy = ws.lib / "templates/memo/template.toml"
    before = tree(ws.root)
    for target in (copy, clause.with_suffix(".toml")):
        result = run_cli("new", "proposal", target, "--force", "--library", ws.lib)
        refused_untouched(ws, result, target, before, says="never writes")


@pytest.mark.skipif(os.name == "nt", reason="file names are not bytes on Windows")
def test_file_names_that_are_not_utf8_are_written_and_shown_escaped(ws: Workspace) -> None:
    draft = ws.write("d.toml", PROPOSAL)
    odd = os.fsdecode(b"caf\xe9")  # a Latin-1 name on a UTF-8 system
    env = {**os.environ, "PYTHONPATH": str(REPO)}

    def drafter(*args: object) -> subprocess.CompletedProcess[bytes]:
        command = [sys.executable, "-m", "drafter", *map(os.fsencode, map(str, args))]
        return subprocess.run(command, cwd=ws.root, env=env, capture_output=True, check=False)

    built = drafter("build", draft, "-o", f"{odd}.docx", "--library", ws.lib)
    assert built.returncode == 0, built.stderr
    assert (ws.root / f"{odd}.docx").is_file()
    assert b"caf\\udce9.docx" in built.stdout + built.stderr  # named, escaped, never raw
    assert b"bug" not in built.stderr and b"Traceback" not in built.stderr
    made = drafter("new", "proposal", f"{odd}.toml")
    assert made.returncode == 0, made.stderr
    campaign = ws.write("campaign.toml", CAMPAIGN)
    run = drafter("build", campaign, "--out-dir", odd, "--format", "md", "--library", ws.lib)
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in (ws.root / odd).glob("*.md")) == ["amazon.md", "ibm.md"]
