"""Bad campaign files ([campaign] and [[targets]]) are refused with one line naming the line,
before the output folder is made; a target that fails alone is reported in its row."""

from __future__ import annotations

import codecs
import json

import pytest
from badinput import PROPOSAL, Workspace, assert_refused, cases, huge

from drafter.files.reading import MAX_TEXT_BYTES

DEEP = 10_000
CAMPAIGN = (
    PROPOSAL
    + """
[campaign]
output = "{company}-report"

[[targets]]
name = "amazon"
vars = { company = "Amazon.com, Inc." }

[[targets]]
name = "ibm"
vars = { company = "IBM" }
"""
)  # [campaign] is line 13, output 14; the targets' headers are lines 16 and 20
OUTPUT = 'output = "{company}-report"'
SECOND = 'name = "ibm"\nvars = { company = "IBM" }\n'  # lines 21-22
TARGETS = CAMPAIGN[CAMPAIGN.index("[[targets]]") :]


def campaign(old: str, new: str) -> str:
    assert old in CAMPAIGN, old
    return CAMPAIGN.replace(old, new, 1)


# (case id, campaign text, line, words the message must contain)
CAMPAIGN_CASES = [
    # malformed syntax
    (
        "unclosed-target-header",
        campaign('[[targets]]\nname = "ibm"', '[[targets]\nname = "ibm"'),
        20,
        "malformed TOML",
    ),
    ("duplicate-target-key", campaign(SECOND, SECOND + 'name = "ibm2"\n'), 23, "TOML"),
    # wrong types
    (
        "targets-number",
        campaign(TARGETS, "").replace("[vars]", "targets = 5\n\n[vars]"),
        6,
        "targets",
    ),
    ("target-name-number", campaign('name = "ibm"', "name = 5"), 20, "name"),
    ("target-vars-number", campaign('vars = { company = "IBM" }', "vars = 5"), 20, "vars"),
    ("target-var-table", campaign('company = "IBM"', "company = { a = 1 }"), 20, "vars"),
    ("target-swap-list", campaign(SECOND, SECOND + 'swap = ["whereas/a"]\n'), 20, "swap"),
    (
        "campaign-number",
        campaign("[campaign]\n" + OUTPUT, "").replace("[vars]", "campaign = 5\n\n[vars]"),
        6,
        "campaign",
    ),
    ("output-number", campaign(OUTPUT, "output = 5"), 14, "output"),
    # missing keys
    (
        "targets-empty",
        campaign(TARGETS, "").replace("[vars]", "targets = []\n\n[vars]"),
        6,
        "targets",
    ),
    ("target-without-name", campaign('name = "ibm"\n', ""), 20, "needs a name"),
    ("output-field-without-value", campaign("{company}", "{company_short}"), 14, "company_short"),
    # extra keys
    (
        "unknown-target-key",
        campaign(SECOND, SECOND + 'swaps = { "whereas/a" = "x" }\n'),
        20,
        "swaps",
    ),
    ("unknown-campaign-key", campaign(OUTPUT, OUTPUT + "\njobs = 4"), 15, "jobs"),
    # duplicate ids
    ("duplicate-target-name", campaign('name = "ibm"', 'name = "amazon"'), 20, "two targets"),
    ("two-targets-one-file", campaign(OUTPUT, 'output = "report"'), 20, "both write"),
    (
        "two-targets-one-file-after-cleaning",
        campaign('"IBM"', '"Amazon.com; Inc."'),
        20,
        "both write",
    ),
    # unknown names
    (
        "swap-of-an-unused-clause",
        campaign(SECOND, SECOND + 'swap = { "whereas/b" = "whereas/a" }\n'),
        20,
        "whereas/b",
    ),
    # output patterns that are not plain names
    ("output-brace-never-closed", campaign(OUTPUT, 'output = "{company-report"'), 14, "malformed"),
    ("output-stray-closing-brace", campaign(OUTPUT, 'output = "company}-report"'), 14, "malformed"),
    ("output-positional-field", campaign(OUTPUT, 'output = "{0}-report"'), 14, "plain name"),
    (
        "output-attribute-access",
        campaign(OUTPUT, 'output = "{company.__class__}"'),
        14,
        "plain name",
    ),
    ("output-index", campaign(OUTPUT, 'output = "{company[0]}"'), 14, "plain name"),
    ("output-conversion", campaign(OUTPUT, 'output = "{company!r}"'), 14, "plain name"),
    ("output-format-spec", campaign(OUTPUT, 'output = "{company:>9999}"'), 14, "plain name"),
    # deep nesting
    (
        "deep-target-vars",
        campaign('vars = { company = "IBM" }', "vars.company" + ".a" * DEEP + " = 1"),
        22,
        "nested",
    ),
    ("deep-inline-array", campaign('"IBM"', "[" * DEEP + "]" * DEEP), 22, "nested"),
]


@pytest.mark.parametrize(("text", "line", "says"), cases(CAMPAIGN_CASES))
def test_a_bad_campaign_is_refused_before_the_output_folder_is_made(
    ws: Workspace, run_cli, text: str, line: int, says: str
) -> None:
    path = ws.write("campaign.toml", text)
    out = ws.root / "out"
    result = run_cli("build", path, "--out-dir", out, "--library", ws.lib)
    assert_refused(result, path, line, absent=(out,), says=says)
    result = run_cli("build", path, "--library", ws.lib)  # the default folder: beside it
    assert_refused(result, path, line, absent=(ws.root / "campaign",), says=says)
    result = run_cli("build", path, "--out-dir", out, "--json", "--library", ws.lib)
    assert_refused(result, path, line, absent=(out,), says=says)


def test_a_refused_campaign_leaves_an_earlier_run_alone(ws: Workspace, run_cli) -> None:
    path = ws.write("campaign.toml", CAMPAIGN)
    out = ws.root / "out"
    assert run_cli("build", path, "--out-dir", out, "--format", "md", "--library", ws.lib).code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert "Amazon.com-Inc.-report.md" in before and "IBM-report.md" in before
    ws.write("campaign.toml", campaign('name = "ibm"', 'name = "amazon"'))
    result = run_cli("build", path, "--out-dir", out, "--format", "md", "--force", "--library",
                     ws.lib)  # fmt: skip
    assert_refused(result, path, 20, says="two targets")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_an_output_folder_that_is_a_file_is_refused(ws: Workspace, run_cli) -> None:
    path = ws.write("campaign.toml", CAMPAIGN)
    out = ws.old_output("out")
    assert_refused(run_cli("build", path, "--out-dir", out, "--library", ws.lib), out, 1,
                   unchanged=(out,), says="is a file")  # fmt: skip


def test_a_target_whose_build_fails_is_reported_in_its_row(ws: Workspace, run_cli) -> None:
    """Targets are built independently: one that fails is a row, the rest are written (exit 1)."""
    path = ws.write(
        "campaign.toml", campaign(SECOND, SECOND + 'swap = { "whereas/a" = "whereas/gone" }\n')
    )
    out = ws.root / "out"
    result = run_cli("build", path, "--out-dir", out, "--json", "--format", "md", "--library",
                     ws.lib)  # fmt: skip
    assert result.code == 1, result.err
    assert "Traceback" not in result.out + result.err
    rows = {row["target"]: row for row in json.loads(result.out)}
    assert rows["amazon"]["status"] == "built"
    assert rows["ibm"]["status"] == "failed" and rows["ibm"]["output"] is None
    assert rows["ibm"]["problem"].startswith(f"{path}:10: unknown clause 'whereas/gone'")
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "Amazon.com-Inc.-report.md"
    ]


def test_an_output_pattern_cannot_leave_the_folder(ws: Workspace, run_cli) -> None:
    path = ws.write("campaign.toml", campaign(OUTPUT, 'output = "../../{company}/x"'))
    out = ws.root / "deep" / "out"
    result = run_cli("build", path, "--out-dir", out, "--format", "md", "--library", ws.lib)
    assert result.code == 0, result.err
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "Amazon.com-Inc.-x.md",
        "IBM-x.md",
    ]
    assert sorted(p.name for p in ws.root.iterdir()) == ["campaign.toml", "deep", "lib"]


BAD_BYTES = [
    ("latin-1", campaign('"IBM"', '"Soci\xe9t\xe9 G\xe9n\xe9rale"').encode("latin-1"), 22, "UTF-8"),
    ("nul-byte", campaign('"ibm"', '"i\x00bm"').encode(), 21, "NUL"),
]


@pytest.mark.parametrize(("data", "line", "says"), cases(BAD_BYTES))
def test_a_campaign_in_the_wrong_encoding_is_refused(
    ws: Workspace, run_cli, data: bytes, line: int, says: str
) -> None:
    path = ws.write("campaign.toml", data)
    out = ws.root / "out"
    result = run_cli("build", path, "--out-dir", out, "--library", ws.lib)
    assert_refused(result, path, line, absent=(out,), says=says)


def test_a_huge_campaign_is_refused(ws: Workspace, run_cli) -> None:
    path = huge(ws.root / "campaign.toml", MAX_TEXT_BYTES)
    out = ws.root / "out"
    result = run_cli("build", path, "--out-dir", out, "--library", ws.lib)
    assert_refused(result, path, 1, absent=(out,), says="limit")


ENCODED = {
    "utf-8-bom": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "utf-16-le-bom": lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    "utf-16-be-crlf": lambda text: (
        codecs.BOM_UTF16_BE + text.replace("\n", "\r\n").encode("utf-16-be")
    ),
}


@pytest.mark.parametrize("encoding", ENCODED.keys())
def test_a_campaign_with_a_byte_order_mark_builds(ws: Workspace, run_cli, encoding: str) -> None:
    path = ws.write("campaign.toml", ENCODED[encoding](campaign('"IBM"', '"Société Générale"')))
    out = ws.root / "out"
    result = run_cli("build", path, "--out-dir", out, "--format", "md", "--library", ws.lib)
    assert result.code == 0, result.err
    names = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert len(names) == 2 and names[0] == "Amazon.com-Inc.-report.md", names
    assert "Société Générale hosts a database" in (out / names[1]).read_text(encoding="utf-8")
