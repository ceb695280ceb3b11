"""Coalition letters: the frame around the sections, dates, addressee layouts, requests, the
signatory list, and the checks sign-on practice suggests."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from support import REPO

from drafter.dates import format_date
from drafter.drafts.file import load_draft
from drafter.errors import DraftError
from drafter.pipeline import BuildResult, build, build_file, open_library

LETTER = REPO / "examples" / "aws-hart-coalition-letter.toml"


@pytest.fixture(scope="module")
def letter() -> BuildResult:
    return build_file(LETTER)


def _roles(result: BuildResult) -> list[str]:
    return [b.role for b in result.document.blocks]


def test_the_frame_surrounds_the_sections_in_letter_order(letter: BuildResult) -> None:
    roles = _roles(letter)
    order = ["title", "date", "address", "subject", "salutation", "paragraph", "lead_in", "request",
             "closing", "closing_line", "signatory_note", "signatory_group", "signatory", "cc"]  # fmt: skip
    firsts = [roles.index(r) for r in order]
    assert firsts == sorted(firsts), roles
    texts = [b.text for b in letter.document.blocks]
    assert "May 24, 2022" in texts
    assert "Adam Selipsky\nChief Executive Officer\nAmazon Web Services" in texts
    assert texts[-1] == "cc: Board of Directors, Amazon.com, Inc."


def test_signatories_are_grouped_in_order_and_sorted(letter: BuildResult) -> None:
    blocks = letter.document.blocks
    start = next(i for i, b in enumerate(blocks) if b.role == "signatory_group")
    listed = [
        (b.role, b.text) for b in blocks[start:] if b.role in ("signatory_group", "signatory")
    ]
    assert listed[:5] == [("signatory_group", "Organizations"), ("signatory_group", "National"),
                          ("signatory", "Access Now"), ("signatory", "Electronic Privacy Information Center"),
                          ("signatory", "Mijente")]  # fmt: skip
    groups = [t for r, t in listed if r == "signatory_group"]
    assert groups == ["Organizations", "National", "State", "Local", "Individuals"]
    local = [
        t for r, t in listed[listed.index(("signatory_group", "Local")) + 1 :] if r == "signatory"
    ][:3]
    assert [t.split(" (sample)")[0] for t in local] == [
        "Éclair Neighbors & Friends", "Fundación Muestra por los Derechos", "Sample Tenants Union"]  # fmt: skip
    assert "Signed by 8 organizations and 1 individual." in [b.text for b in blocks]


def test_the_checks_report_duplicates_consent_and_length_not_drop(letter: BuildResult) -> None:
    codes = [i.code for i in letter.issues]
    assert "signatories.duplicate" in codes and "signatories.consent" in codes
    assert "letter.pages" in codes and "letter.date" not in codes
    signatories = [b for b in letter.document.blocks if b.role == "signatory"]
    assert len(signatories) == 9  # the suspected duplicate is still listed


def test_only_consented_leaves_out_signers_without_a_record() -> None:
    result = build(load_draft(LETTER), open_library(), only_consented=True)
    texts = [b.text for b in result.document.blocks]
    assert not any(t.startswith("Sample Tenants Union") for t in texts)
    assert "Signed by 7 organizations and 1 individual." in texts
    assert "signatories.consent" not in [i.code for i in result.issues]


def test_requests_as_bullets_and_a_fourth_ask_warns() -> None:
    draft = load_draft(LETTER)
    draft = replace(draft, extra={**draft.extra, "letter": {**draft.extra["letter"], "requests": "bullets"}},
                    sections={**draft.sections, "requests": draft.sections["requests"] * 2})  # fmt: skip
    result = build(draft, open_library())
    assert _roles(result).count("bullet") == 6 and "request" not in _roles(result)
    assert any(i.code == "letter.asks" for i in result.issues)


@pytest.mark.parametrize(
    ("style", "text"), [("us", "May 4, 2022"), ("international", "4 May 2022")]
)
def test_dates_in_us_or_international_form(style: str, text: str) -> None:
    assert format_date(date(2022, 5, 4), style) == text


def test_open_letter_and_stacked_addressees() -> None:
    draft = load_draft(LETTER)
    two = [{"name": "Adam Selipsky", "title": "Chief Executive Officer", "organization": "AWS"},
           {"name": "A. Secretary", "organization": "Department of Homeland Security"}]  # fmt: skip
    for layout, expected in (("open", 1), ("stacked", 2), ("block", 1)):
        extra = {
            **draft.extra,
            "to": two,
            "letter": {**draft.extra["letter"], "addressees": layout},
        }
        result = build(replace(draft, extra=extra), open_library())
        addresses = [b.text for b in result.document.blocks if b.role == "address"]
        assert len(addresses) == expected
        if layout == "open":
            assert addresses[0].startswith(
                "Open letter to:\nAdam Selipsky, Chief Executive Officer, AWS"
            )
        titles = [i for i in result.issues if i.code == "letter.addressee-title"]
        assert len(titles) == (0 if layout == "open" else 1)


def test_a_bad_letter_option_is_an_input_error_at_its_line(tmp_path: Path) -> None:
    text = LETTER.read_text(encoding="utf-8").replace(
        'requests = "questions"', 'requests = "riddles"'
    )
    path = tmp_path / "letter.toml"
    path.write_text(text, encoding="utf-8")
    (tmp_path / "aws-hart-signatories.csv").write_text(
        "organization\nAccess Now\n", encoding="utf-8"
    )
    with pytest.raises(DraftError) as caught:
        build_file(path)
    assert "unknown requests 'riddles'" in caught.value.message and caught.value.line is not None


def test_a_bad_signatory_row_stops_the_build_with_its_file_and_line(
    run_cli, tmp_path: Path
) -> None:
    path = tmp_path / "letter.toml"
    path.write_text(LETTER.read_text(encoding="utf-8"), encoding="utf-8")
    csv_path = tmp_path / "aws-hart-signatories.csv"
    csv_path.write_text(
        "organization,consent_date\nAccess Now,2022-05-24\nMijente,24 May\n", encoding="utf-8"
    )
    out = tmp_path / "letter.docx"
    result = run_cli("build", path, "-o", out)
    assert result.code == 2
    assert result.err.strip() == (
        f"{csv_path}:3: consent date '24 May' is not YYYY-MM-DD — e.g. 2022-05-20"
    )
    assert not out.exists()


def test_signatories_written_inline_in_the_draft() -> None:
    draft = load_draft(LETTER)
    signers = {"list": [{"organization": "The Zebra Fund"}, {"organization": "Access Now"},
                        {"name": "Ada Lovelace", "organization": "EPIC", "title": "Fellow"}]}  # fmt: skip
    result = build(replace(draft, extra={**draft.extra, "signatories": signers}), open_library())
    listed = [b.text for b in result.document.blocks if b.role == "signatory"]
    assert listed == ["Access Now", "The Zebra Fund", "Ada Lovelace, Fellow, EPIC"]
