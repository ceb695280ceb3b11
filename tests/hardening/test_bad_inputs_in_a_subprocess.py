"""A sample of the bad inputs run as a real process (`python -m drafter`): what a user sees is
one line and exit code 2, with no traceback from anywhere, and nothing written."""

from __future__ import annotations

import codecs
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from badinput import (
    PROPOSAL,
    SIGNERS,
    Workspace,
    assert_refused,
    cases,
    huge,
)

from drafter.files.reading import MAX_TEXT_BYTES

DEEP = 10_000


@dataclass
class Ran:
    code: int
    out: str
    err: str


def drafter(*args: str | Path, cwd: Path) -> Ran:
    """Run `python -m drafter ARGS` with no library from the environment."""
    env = {k: v for k, v in os.environ.items() if k != "DRAFTER_LIBRARY"}
    env["PYTHONWARNINGS"] = "default"  # a stray warning would show as a second line
    done = subprocess.run([sys.executable, "-m", "drafter", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    return Ran(done.returncode, done.stdout, done.stderr)


Setup = Callable[[Workspace], tuple[list[str | Path], Path, int | None, Path]]


def malformed_draft(ws: Workspace) -> tuple[list[str | Path], Path, int | None, Path]:
    draft = ws.write("draft.toml", PROPOSAL.replace("[sections]", "[sections"))
    return ["build", draft, "-o", ws.out, "--library", ws.lib], draft, 9, ws.out


def deep_draft(ws: Workspace) -> tuple[list[str | Path], Path, int | None, Path]:
    draft = ws.write("draft.toml", PROPOSAL + "[letter" + ".a" * DEEP + "]\n")
    return ["build", draft, "-o", ws.out, "--library", ws.lib], draft, 12, ws.out


def latin_1_clause(ws: Workspace) -> tuple[list[str | Path], Path, int | None, Path]:
    clause = ws.write(
        "lib/clauses/whereas/a.md", b'+++\nkind = "whereas"\ntitle = "R\xe9cital"\n+++\nx\n'
    )
    draft = ws.write("draft.toml", PROPOSAL)
    return ["build", draft, "-o", ws.out, "--library", ws.lib], clause, 3, ws.out


def deep_json(ws: Workspace) -> tuple[list[str | Path], Path, int | None, Path]:
    path = ws.write("lib/citations/refs.json", "[\n" + "[" * DEEP + "]" * DEEP + "\n]\n")
    draft = ws.write("draft.toml", PROPOSAL)
    return ["build", draft, "-o", ws.out, "--library", ws.lib], path, 2, ws.out


def bad_template(ws: Workspace) -> tuple[list[str | Path], Path, int | None, Path]:
    path = ws.write("lib/templates/memo/template.toml", '[[sections]]\nkind = "whereas"\n')
    draft = ws.write("draft.toml", PROPOSAL)
    return ["build", draft, "-o", ws.out, "--library", ws.lib], path, 1, ws.out


def huge_bibtex(ws: Workspace) -> tuple[list[str | Path], Path, int | None, Path]:
    path = huge(ws.root / "lib" / "citations" / "refs.bib", MAX_TEXT_BYTES)
    draft = ws.write("draft.toml", PROPOSAL)
    return ["build", draft, "-o", ws.out, "--library", ws.lib], path, 1, ws.out


def unclosed_quote_csv(ws: Workspace) -> tuple[list[str | Path], Path, int | None, Path]:
    path = ws.write("export.csv", SIGNERS.replace(",Access Now", ',"Access Now'))
    out = ws.root / "signers.csv"
    return ["signatories", "import", path, "-o", out], path, 2, out


def bad_campaign(ws: Workspace) -> tuple[list[str | Path], Path, int | None, Path]:
    path = ws.write(
        "campaign.toml", PROPOSAL + '\n[campaign]\noutput = "{0}"\n\n[[targets]]\nname = "a"\n'
    )
    out = ws.root / "out"
    return ["build", path, "--out-dir", out, "--library", ws.lib], path, 14, out


def text_as_reference(ws: Workspace) -> tuple[list[str | Path], Path, int | None, Path]:
    reference = ws.write("letterhead.docx", "not a document\n")
    draft = ws.write("draft.toml", PROPOSAL)
    args = ["build", draft, "-o", ws.out, "--reference-doc", reference, "--library", ws.lib]
    return args, reference, None, ws.out


def truncated_returned(ws: Workspace) -> tuple[list[str | Path], Path, int | None, Path]:
    returned = ws.write("returned.docx", b"PK\x03\x04\x14\x00\x00\x00\x08\x00")
    draft = ws.write("draft.toml", PROPOSAL)
    new = ws.root / "new.toml"
    args = ["review", draft, returned, "--apply", "-o", new, "--library", ws.lib]
    return args, returned, None, new


SAMPLES = [
    ("malformed-draft", malformed_draft),
    ("draft-nested-10000-deep", deep_draft),
    ("latin-1-clause", latin_1_clause),
    ("json-nested-10000-deep", deep_json),
    ("template-section-without-id", bad_template),
    ("huge-bibtex", huge_bibtex),
    ("csv-quote-never-closed", unclosed_quote_csv),
    ("campaign-positional-field", bad_campaign),
    ("text-file-as-reference-document", text_as_reference),
    ("truncated-returned-document", truncated_returned),
]


@pytest.mark.parametrize("setup", cases(SAMPLES))
def test_a_bad_input_is_one_line_from_a_real_process(ws: Workspace, setup: Setup) -> None:
    args, path, line, output = setup(ws)
    result = drafter(*args, cwd=ws.root)
    assert_refused(result, path, line, absent=(output,))


def test_a_byte_order_mark_builds_in_a_real_process(ws: Workspace) -> None:
    draft = ws.write("draft.toml", codecs.BOM_UTF16_LE + PROPOSAL.encode("utf-16-le"))
    ws.write(
        "lib/citations/refs.json",
        codecs.BOM_UTF8 + ws.lib.joinpath("citations", "refs.json").read_bytes(),
    )
    result = drafter("build", draft, "-o", ws.out, "--library", ws.lib, cwd=ws.root)
    assert result.code == 0, result.err
    assert "Traceback" not in result.out + result.err
    assert ws.out.read_bytes()[:2] == b"PK"
