"""`drafter signatories check|merge|import`: the organizer's chores, with one-line errors."""

from __future__ import annotations

from pathlib import Path


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_check_reports_duplicates_and_missing_consent(run_cli, tmp_path: Path) -> None:
    rows = (
        "The Sierra Club,national,2022-05-20\nAccess Now,national,\nsierra club,state,2022-05-21\n"
    )
    signers = _write(tmp_path / "s.csv", "organization,group,consent_date\n" + rows)
    result = run_cli("signatories", "check", signers, "--groups", "national,state")
    assert result.code == 1
    assert f"{signers}:4: duplicate" in result.out and "groups 'national' and 'state'" in result.out
    assert f"{signers}:3: no consent" in result.out
    assert "Signed by 3 organizations." in result.out


def test_merge_adds_new_sign_ups_and_reports_duplicates(run_cli, tmp_path: Path) -> None:
    base = _write(tmp_path / "s.csv", "organization\nAccess Now\n")
    new = _write(tmp_path / "new.csv", "organization\naccess now\nMijente\n")
    result = run_cli("signatories", "merge", base, new)
    assert result.code == 0, result.err
    assert f"{new}:2: already listed" in result.err
    rows = base.read_text(encoding="utf-8").splitlines()[1:]
    assert rows == [",Access Now,organization,,,,,,", ",Mijente,organization,,,,,,"]


def test_a_bad_row_stops_a_merge_with_one_line_and_writes_nothing(run_cli, tmp_path: Path) -> None:
    base = _write(tmp_path / "s.csv", "organization\nAccess Now\n")
    new = _write(tmp_path / "new.csv", "organization,kind\nMijente,robot\n")
    result = run_cli("signatories", "merge", base, new)
    assert result.code == 2
    assert result.err.strip() == f"{new}:2: unknown kind 'robot' — use organization or individual"
    assert base.read_text(encoding="utf-8") == "organization\nAccess Now\n"


def test_import_reads_a_sign_up_form_export(run_cli, tmp_path: Path) -> None:
    export = _write(
        tmp_path / "form.csv", "Timestamp,Organization Name,Email\n2022-05-20,EPIC,a@b.org\n"
    )
    out = tmp_path / "signers.csv"
    result = run_cli("signatories", "import", export, "-o", out)
    assert result.code == 0, result.err
    assert ",EPIC,organization,,,,a@b.org,2022-05-20," in out.read_text(encoding="utf-8")
    again = run_cli("signatories", "import", export, "-o", out)
    assert again.code == 2 and "already exists" in again.err
