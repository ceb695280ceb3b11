"""`drafter packet`: the example proposal's filing papers build and render in LibreOffice."""

from __future__ import annotations

from pathlib import Path

from clients import pdf_pages, soffice_convert
from support import EXAMPLE

from drafter.word import read_docx


def test_the_packet_of_the_example_builds_and_renders(run_cli, tmp_path: Path) -> None:
    result = run_cli("packet", EXAMPLE, "--out-dir", tmp_path)
    assert result.code == 0, result.err
    names = sorted(p.name for p in tmp_path.glob("*.docx"))
    assert names == ["broker-request.docx", "checklist.docx", "cover-letter.docx", "proposal.docx"]
    cover = read_docx(tmp_path / "cover-letter.docx").text
    assert "intends to continue to hold them through the date of the 2026 annual meeting" in cover
    assert "December 2, 2025, 10:00-12:00 Eastern" in cover and "Amazon.com, Inc." in cover
    broker = read_docx(tmp_path / "broker-request.docx").text
    assert (
        "has held continuously for at least 3 years, 40 shares of Amazon.com, Inc. common stock"
        in broker
    )
    text = " ".join(
        "\n".join(
            pdf_pages(
                soffice_convert(
                    tmp_path / "checklist.docx", tmp_path / "pdf", "pdf", tmp_path / "p"
                )
            )
        ).split()
    )
    assert "Meeting window: November 30, 2025 to December 20, 2025." in text
    assert "reply within 14 days" in text


def test_a_representative_adds_the_authorization(run_cli, tmp_path: Path) -> None:
    draft = tmp_path / "proposal.toml"
    proponent = 'proponent = "Sample Proponent (replace with the filer)"'
    represented = proponent + '\nrepresentative = "Sample Advocates LLC"'
    draft.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace(proponent, represented), encoding="utf-8"
    )
    assert run_cli("packet", draft, "--out-dir", tmp_path / "out").code == 0
    authorization = read_docx(tmp_path / "out" / "representative-authorization.docx").text
    assert "authorize Sample Advocates LLC to submit on my behalf" in authorization
