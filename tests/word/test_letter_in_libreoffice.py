"""The example coalition letter, as LibreOffice prints it: frame, notes, and the signatories in
their groups and order."""

from __future__ import annotations

import re
from pathlib import Path

from clients import pdf_pages, soffice_convert
from support import REPO

from drafter.pipeline import build_file
from drafter.word import read_docx, to_docx

LETTER = REPO / "examples" / "aws-hart-coalition-letter.toml"


def test_the_letter_prints_with_its_signatories_grouped_and_sorted(tmp_path: Path) -> None:
    result = build_file(LETTER)
    source = tmp_path / "letter.docx"
    source.write_bytes(to_docx(result.document))
    contents = read_docx(source)
    assert len(contents.notes) == len(result.document.notes) == 6
    styles = {p.style_id for p in contents.paragraphs}
    assert {
        "Date",
        "InsideAddress",
        "Subject",
        "Salutation",
        "Signatory",
        "SignatoryGroup",
    } <= styles
    pages = pdf_pages(soffice_convert(source, tmp_path / "pdf", "pdf", tmp_path / "profile"))
    text = re.sub(r"[ \t]+", " ", "\n".join(pages))
    for expected in (
        "May 24, 2022",
        "Adam Selipsky",
        "Re: Amazon Web Services",
        "Dear Mr. Selipsky,",
        "Sincerely,",
        "Signed by 8 organizations and 1 individual.",
    ):
        assert expected in text, expected
    order = [
        "Organizations",
        "National",
        "Access Now",
        "Electronic Privacy Information Center",
        "Mijente",
        "State",
        "Local",
        "Éclair Neighbors",
        "Fundación Muestra",
        "Sample Tenants Union",
        "Individuals",
        "Sample Person (sample), Professor of Law",
        "identification only",
        "cc: Board of Directors",
    ]
    positions = [text.find(name, text.find("Sincerely,")) for name in order]
    assert -1 not in positions, dict(zip(order, positions, strict=True))
    assert positions == sorted(positions)
