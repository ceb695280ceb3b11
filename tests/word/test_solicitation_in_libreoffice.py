"""The example exempt solicitation prints in LibreOffice: cover, numbered reasons, and the vote
history in the vote line's footnote."""

from __future__ import annotations

from pathlib import Path

from clients import pdf_pages, soffice_convert
from support import REPO

NOTICE = REPO / "examples" / "amazon-exempt-solicitation.toml"


def test_the_notice_prints_with_numbered_reasons_and_the_vote_history_note(
    run_cli, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "notice.docx"
    assert run_cli("build", NOTICE, "-o", out).code == 0
    pages = pdf_pages(soffice_convert(out, tmp_path / "pdf", "pdf", tmp_path / "profile"))
    text = " ".join(" ".join(pages).split())
    assert "Notice of Exempt Solicitation Name of the registrant: Amazon.com, Inc." in text
    reasons = (
        "The standard is settled",
        "The risk is concrete",
        "The company’s own record",
        "The request is modest",
    )
    for number, words in enumerate(reasons, 1):
        assert f"{number}. {words}" in text
    first_page = " ".join(pages[0].split())
    assert (
        "1 Earlier votes on this subject (share of votes cast for and against): 2022, 40.3%."
        in (first_page)
    )
    assert "is not asking for authority to vote your shares" in text
