"""What `--json` prints is the core result's `to_dict()`, byte for byte, on real builds of the
examples: the command line adds nothing to the data and leaves nothing out."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from review_files import rewrite, tracked_replace
from support import EXAMPLE, REPO

from drafter.campaign.batch import prepare_campaign
from drafter.cli.printing import _json
from drafter.filing.holdings import holders_eligibility
from drafter.filing.rules import Lot, deadline
from drafter.output.export import check_file
from drafter.review.harvest import harvest

LETTER = REPO / "examples" / "aws-hart-coalition-letter.toml"
CAMPAIGN = REPO / "examples" / "campaign-hrdd.toml"


def test_check_json_is_the_builds_to_dict(run_cli) -> None:
    result = run_cli("check", EXAMPLE, "--json")
    check = check_file(EXAMPLE)
    assert result.code == 0
    assert result.out == _json(check.to_dict()) + "\n"
    assert result.out == _json(check.result.to_dict()) + "\n"  # not strict: ok means no errors
    data = json.loads(result.out)
    assert list(data) == ["draft", "ok", "words", "notes", "issues"]
    assert data["draft"] == str(EXAMPLE) and data["ok"] is True and data["notes"] == 11
    assert data["words"]["conservative"] == 464


def test_a_strict_check_reports_its_own_verdict(run_cli) -> None:
    result = run_cli("check", LETTER, "--strict", "--json")
    check = check_file(LETTER, strict=True)
    assert check.failed and not check.result.errors  # warnings only
    assert result.code == 1
    assert result.out == _json(check.to_dict()) + "\n"
    data = json.loads(result.out)
    assert data["ok"] is False
    issue = next(i for i in data["issues"] if i["severity"] == "warning")
    assert list(issue) == ["code", "severity", "message", "file", "line", "clause"]


def test_deadline_json_is_the_deadlines_to_dict(run_cli) -> None:
    args = ("--last-proxy-date", "2024-02-29", "--disclosed-deadline", "2024-11-02")
    result = run_cli("deadline", *args, "--json")
    found = deadline(date(2024, 2, 29), 0, date(2024, 11, 2))
    assert result.out == json.dumps(found.to_dict(), indent=2) + "\n"
    data = json.loads(result.out)
    assert list(data) == ["computed", "disclosed", "deadline", "flags", "rule_pack"]
    assert data["computed"] == "2024-10-31" and data["deadline"] == "2024-11-02"
    assert len(data["flags"]) == 3  # a leap day, a Saturday, a disclosed date that wins


def test_eligibility_json_is_each_holders_to_dict(run_cli, tmp_path: Path) -> None:
    holdings = tmp_path / "holders.toml"
    holdings.write_text(
        '[[holders]]\nname = "Zoë Núñez"\nlots = [{ shares = 4, acquired = 2024-02-29 }]\n',
        encoding="utf-8",
    )
    args = ("--submission", "2025-11-20", "--high-price", "182.50", "--lot", "40@2021-05-03")
    result = run_cli("eligibility", *args, "--holdings", holdings, "--json")
    found = holders_eligibility(
        [Lot(40.0, date(2021, 5, 3))], "proponent", holdings, date(2025, 11, 20), 182.5
    )
    assert result.code == 1  # the second holder is not eligible
    assert result.out == json.dumps([r.to_dict() for r in found], indent=2) + "\n"
    assert "Zo\\u00eb" in result.out  # names are ASCII-escaped, as they always were
    first = json.loads(result.out)[0]
    assert list(first) == ["holder", "eligible", "flags", "tiers"]
    assert list(first["tiers"][0]) == ["dollars", "years", "met", "shares", "value", "since"]


def test_review_json_is_the_harvests_to_dict(run_cli, tmp_path: Path) -> None:
    built = tmp_path / "built.docx"
    assert run_cli("build", EXAMPLE, "-o", built).code == 0
    returned = rewrite(
        built,
        tmp_path / "ana.docx",
        lambda xml: tracked_replace(xml, "Amazon", "Amazon.com", "Ana Editor"),
    )
    result = run_cli("review", EXAMPLE, returned, "--format", "json")
    found = harvest(EXAMPLE, [returned])
    assert result.code == 0
    assert result.out == _json(found.to_dict()) + "\n"
    data = json.loads(result.out)
    assert list(data) == ["files", "items", "title", "unplaced"]
    assert data["files"][str(returned)]["relation"] == "same"
    assert "customers of Amazon.com Web Services" in data["items"][0]["accepted"]["Ana Editor"]


def test_campaign_json_is_the_campaigns_rows(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("build", CAMPAIGN, "--out-dir", out, "--json", "--jobs", "1")
    again = prepare_campaign(CAMPAIGN, out_dir=out, force=True, jobs=1).build()
    assert result.code == 0 and again.ok
    assert result.out == _json(again.rows) + "\n"  # both built every target, in order
    rows = json.loads(result.out)
    assert [r["target"] for r in rows][:2] == ["amazon", "alphabet"]
    assert list(rows[0]) == [
        "target",
        "output",
        "words",
        "notes",
        "errors",
        "warnings",
        "problem",
        "ok",
        "status",
    ]
