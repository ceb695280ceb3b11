"""Campaigns: one output per target, built in parallel, skipped when unchanged, with safe
output names and a summary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import EXAMPLE

from drafter.word import read_docx

TARGETS = [("amazon", "Amazon.com, Inc.", "Amazon"), ("alpha", "Alpha Cloud, Inc.", "Alpha"),
           ("beta", "Beta Compute Corp.", "Beta"), ("gamma", "Gamma AI plc", "Gamma"),
           ("delta", "Delta Data Ltd.", "Delta")]  # fmt: skip


def campaign(
    tmp_path: Path, output: str = "{company_short}-due-diligence", extra: str = "", first: str = ""
) -> Path:
    """The example as a campaign to TARGETS; `first` is a target written before them."""
    text = EXAMPLE.read_text(encoding="utf-8")
    text += f'\n[campaign]\noutput = "{output}"\n' + first
    for name, company, short in TARGETS:
        text += f'\n[[targets]]\nname = "{name}"\nvars = {{ company = "{company}", company_short = "{short}" }}\n'
    path = tmp_path / "campaign.toml"
    path.write_text(text + extra, encoding="utf-8")
    return path


def test_each_target_gets_its_own_document(run_cli, tmp_path: Path) -> None:
    path = campaign(tmp_path)
    out = tmp_path / "out"
    result = run_cli("build", path, "--out-dir", out, "--json", "--jobs", "2")
    assert result.code == 0, result.err
    rows = json.loads(result.out)
    assert [r["target"] for r in rows] == [t[0] for t in TARGETS]
    assert {r["status"] for r in rows} == {"built"}
    for (_, company, short), row in zip(TARGETS, rows, strict=True):
        assert row["output"] == str(out / f"{short}-due-diligence.docx")
        contents = read_docx(Path(row["output"]))
        assert company in contents.text and len(contents.notes) == 11


def test_unchanged_targets_are_not_rebuilt_and_force_rebuilds(run_cli, tmp_path: Path) -> None:
    path = campaign(tmp_path)
    out = tmp_path / "out"
    assert run_cli("build", path, "--out-dir", out, "--json").code == 0
    again = json.loads(run_cli("build", path, "--out-dir", out, "--json").out)
    assert {r["status"] for r in again} == {"unchanged"}
    path.write_text(
        path.read_text(encoding="utf-8").replace("Gamma AI plc", "Gamma AI Holdings plc"),
        encoding="utf-8",
    )
    changed = {
        r["target"]: r["status"]
        for r in json.loads(run_cli("build", path, "--out-dir", out, "--json").out)
    }
    assert changed == {"amazon": "unchanged", "alpha": "unchanged", "beta": "unchanged",
                       "gamma": "built", "delta": "unchanged"}  # fmt: skip
    forced = json.loads(run_cli("build", path, "--out-dir", out, "--json", "--force").out)
    assert {r["status"] for r in forced} == {"built"}


def test_a_changed_sources_file_of_the_draft_rebuilds_every_target(run_cli, tmp_path: Path) -> None:
    own = tmp_path / "own.json"
    own.write_text(
        '[{"id": "own-2024", "type": "report", "title": "Own Report"}]', encoding="utf-8"
    )
    path = campaign(tmp_path)
    path.write_text('sources = ["own.json"]\n' + path.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli("build", path, "--out-dir", out, "--json").code == 0
    own.write_text('[{"id": "own-2024", "type": "report", "title": "Own Report, Revised"}]',
                   encoding="utf-8")  # fmt: skip
    rows = json.loads(run_cli("build", path, "--out-dir", out, "--json").out)
    assert {r["status"] for r in rows} == {"built"}


def test_a_target_value_cannot_write_outside_the_output_folder(run_cli, tmp_path: Path) -> None:
    path = campaign(tmp_path, output="../../{company}/x")
    out = tmp_path / "out"
    rows = json.loads(run_cli("build", path, "--out-dir", out, "--json").out)
    for row in rows:
        written = Path(row["output"])
        assert written.parent == out and not written.name.startswith(".")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["campaign.toml", "out"]


def test_two_targets_writing_one_file_is_an_input_error(run_cli, tmp_path: Path) -> None:
    path = campaign(tmp_path, output="same-name")
    result = run_cli("build", path, "--out-dir", tmp_path / "out")
    assert result.code == 2 and "would both write same-name.docx" in result.err


@pytest.mark.parametrize("fail_fast", [False, True])
def test_a_failing_target_is_reported_and_the_run_exits_1(
    run_cli, tmp_path: Path, fail_fast: bool
) -> None:
    long_name = "Very " * 60 + "Long Corp."  # makes the proposal go over 500 words
    wordy = f'\n[[targets]]\nname = "wordy"\nvars = {{ company = "{long_name}", company_short = "Wordy" }}\n'
    path = campaign(tmp_path, first=wordy)  # the failing target comes first
    args = ["build", path, "--out-dir", tmp_path / "out", "--json", "--jobs", "1"]
    result = run_cli(*args, *(["--fail-fast"] if fail_fast else []))
    assert result.code == 1
    rows = {r["target"]: r for r in json.loads(result.out)}
    assert not rows["wordy"]["ok"] and "over the 500-word limit" in rows["wordy"]["problem"]
    assert rows["wordy"]["status"] == "built"  # the draft is written, as `build` does, and flagged
    assert len(rows) == (1 if fail_fast else 6)  # fail-fast stops after the first failure


def test_the_piped_summary_is_one_whole_record_per_target(run_cli, tmp_path: Path) -> None:
    path = campaign(tmp_path, output="{company_short}-a-long-output-name-no-column-may-cut")
    out = tmp_path / "a-folder-with-a-long-name-to-make-the-paths-wide"
    result = run_cli("build", path, "--out-dir", out, "--jobs", "1")
    assert result.code == 0, result.err
    records = [line.split("\t") for line in result.out.splitlines()]
    assert [r[0] for r in records] == [t[0] for t in TARGETS]  # no title, no header
    for (_, _, short), record in zip(TARGETS, records, strict=True):
        assert record[1] == "built" and len(record) == 6
        assert record[5] == str(out / f"{short}-a-long-output-name-no-column-may-cut.docx")
