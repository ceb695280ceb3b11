"""The built-in proposal style: web addresses alone, a compact fallback, and Ibid."""

from __future__ import annotations

import warnings
from pathlib import Path

from citeproc import CitationStylesStyle  # type: ignore[import-untyped]
from citing import Render, cite

STYLE = str(Path(__file__).resolve().parents[2] / "styles" / "proposal-urls.csl")


def test_the_style_is_valid_csl() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        CitationStylesStyle(STYLE, validate=True)
    assert [str(w.message) for w in caught] == []


def test_a_source_with_an_address_is_cited_by_its_address_alone(render: Render) -> None:
    assert render(STYLE, cite("doe")) == ["https://example.org/a"]


def test_a_source_without_an_address_gets_author_title_and_date(render: Render) -> None:
    assert render(STYLE, cite("roe"), cite("hrw")) == [
        "Richard Roe, Big Book, 2019",
        "Human Rights Watch, Watching & Waiting <Draft>, November 24, 2021",
    ]


def test_a_repeat_is_ibid_and_a_new_page_is_ibid_with_the_page(render: Render) -> None:
    assert render(STYLE, cite("doe", "3"), cite("doe", "3"), cite("doe", "12")) == [
        "https://example.org/a, p. 3",
        "Ibid.",
        "Ibid., 12",
    ]


def test_a_cluster_of_sources_is_separated_by_semicolons(render: Render) -> None:
    assert render(STYLE, [*cite("doe"), *cite("roe")]) == [
        "https://example.org/a; Richard Roe, Big Book, 2019"
    ]
