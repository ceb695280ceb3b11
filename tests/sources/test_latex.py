"""LaTeX in BibTeX values becomes plain Unicode text."""

from __future__ import annotations

import pytest

from drafter.sources.latex import clean_latex


@pytest.mark.parametrize(
    ("tex", "plain"),
    [
        ("Stra\\ss e", "Straße"),
        ("50\\% of \\$5", "50% of $5"),
        ("a---b", "a\u2014b"),
        ("``quoted''", "\u201cquoted\u201d"),
        ("{\\em Emphasis} text", "Emphasis text"),
        ("\\v{s}\\u{a}", "šă"),
        ("line\n   broken", "line broken"),
    ],
)
def test_clean_latex(tex: str, plain: str) -> None:
    assert clean_latex(tex) == plain
