"""The example campaign writes one DOCX per provider; each passes its checks, and a sample opens
in LibreOffice with its own company and recital."""

from __future__ import annotations

import json
from pathlib import Path

from clients import pdf_pages, soffice_convert
from support import REPO

from drafter.word import read_docx

CAMPAIGN = REPO / "examples" / "campaign-hrdd.toml"
EXPECTED = {
    "amazon": ("Amazon.com, Inc.", "HART database"),
    "alphabet": ("Alphabet Inc.", "Project Nimbus"),
    "microsoft": ("Microsoft Corporation", "Microsoft employees urged"),
    "palantir": ("Palantir Technologies Inc.", "Investigative Case Management"),
    "ibm": ("International Business Machines Corporation", "IBM’s commercial gender classifier"),
}


def test_the_example_campaign_builds_one_checked_docx_per_provider(run_cli, tmp_path: Path) -> None:
    result = run_cli("build", CAMPAIGN, "--out-dir", tmp_path, "--json")
    assert result.code == 0, result.err
    rows = {row["target"]: row for row in json.loads(result.out)}
    assert set(rows) == set(EXPECTED)
    for target, (company, recital) in EXPECTED.items():
        row = rows[target]
        assert row["ok"] and row["errors"] == 0 and row["warnings"] == 0, row
        contents = read_docx(Path(row["output"]))
        assert company in contents.text and recital in contents.text
        assert len(contents.notes) == row["notes"] > 0
    sample = Path(rows["ibm"]["output"])
    text = " ".join(
        "\n".join(
            pdf_pages(soffice_convert(sample, tmp_path / "pdf", "pdf", tmp_path / "p"))
        ).split()
    )
    assert "Board of Directors of International Business Machines Corporation" in text
    assert "proceedings.mlr.press/v81/buolamwini18a.html" in text.replace(" ", "")  # its note
