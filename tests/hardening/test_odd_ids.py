"""Ids in a returned DOCX that are digits to `str.isdigit` but not numbers `int` reads
(superscript digits, thousands of digits) are ignored, never a crash of the review."""

from __future__ import annotations

import re

import pytest
from badinput import PROPOSAL, Workspace
from review_files import rewrite, tracked_replace

from drafter.word.oxml.numbers import xml_int

ODD = ["\u00b2", "\u0663" * 3, "1" * 5000, "-" + "9" * 11, "", "-"]


@pytest.mark.parametrize("value", [*ODD, "12", "-1", "4294967295"])
def test_only_ascii_ids_of_ten_digits_at_most_are_numbers(value: str) -> None:
    expected = (
        int(value) if value.lstrip("-").isascii() and 0 < len(value.lstrip("-")) <= 10 else None
    )
    assert xml_int(value) == expected


@pytest.mark.parametrize(
    "odd", ODD, ids=["superscript", "arabic-indic", "5000-digits", "11-digits", "empty", "minus"]
)
def test_a_returned_file_with_odd_ids_is_reviewed_in_one_piece(
    ws: Workspace, run_cli, odd: str
) -> None:
    draft = ws.write("d.toml", PROPOSAL)
    built = ws.root / "d.docx"
    assert run_cli("build", draft, "-o", built, "--library", ws.lib).code == 0

    def edit(xml: str) -> str:
        xml = re.sub(r'(<w:bookmarkStart w:id=")\d+', lambda m: m[1] + odd, xml, count=1)
        xml = re.sub(r'(<w:footnoteReference w:id=")\d+', lambda m: m[1] + odd, xml, count=1)
        words = re.search(r"<w:t[^>]*>([A-Za-z]{6,})", xml)
        assert words is not None
        return tracked_replace(xml, words[1], words[1] + " indeed", "Ana Editor")

    returned = rewrite(built, ws.root / "ana.docx", edit)
    result = run_cli("review", draft, returned, "--library", ws.lib, "--format", "json")
    assert "bug" not in result.err and "Traceback" not in result.err + result.out
    assert result.code in (0, 2), result.err
    if result.code == 2:
        assert len(result.err.splitlines()) == 1, result.err


@pytest.mark.parametrize("odd", ["\u00b2", "\u0663", "1" * 5000])
def test_odd_digits_in_dates_months_and_format_fields_are_not_numbers(odd: str) -> None:
    from drafter.render.limits import check_format
    from drafter.sources.bibcsl import month_number
    from drafter.sources.csljson import _as_int

    assert _as_int(odd) is None  # 5,000 ASCII digits exceed the 20 a date part may have
    assert month_number(odd) is None
    check_format("{" + odd + "}")  # a field name, not a number: sized, never a crash
