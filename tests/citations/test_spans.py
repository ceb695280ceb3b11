"""Citeproc output becomes Spans with formatting and links, never by parsing HTML."""

from __future__ import annotations

from citing import cite

from drafter.citations import CitationRenderer, resolve_style
from drafter.citations.spans import Char, capitalize_first, group
from drafter.model import Source


def test_titles_with_ampersands_and_angle_brackets_survive_intact(
    sources: dict[str, Source],
) -> None:
    renderer = CitationRenderer(resolve_style("chicago-notes-bibliography"), sources)
    (note,) = renderer.render([cite("hrw")])
    titles = [s for s in note if s.italic]
    assert [s.text for s in titles] == ["Watching & Waiting <Draft>"]


def test_italic_titles_are_italic_spans_and_the_rest_is_not(sources: dict[str, Source]) -> None:
    renderer = CitationRenderer(resolve_style("chicago-notes-bibliography"), sources)
    (note,) = renderer.render([cite("doe")])
    assert [s.text for s in note if s.italic] == ["The Paper"]
    assert not any(s.italic for s in note if "Story" in s.text)


def test_web_addresses_become_link_spans_without_trailing_punctuation(
    sources: dict[str, Source],
) -> None:
    renderer = CitationRenderer(resolve_style("chicago-notes-bibliography"), sources)
    (note,) = renderer.render([cite("doe")])
    links = [s for s in note if s.url]
    assert [(s.text, s.url) for s in links] == [("https://example.org/a",) * 2]
    assert note[-1].text == "."


def _chars(text: str) -> list[Char]:
    return [Char(c, (False,) * 5) for c in text]


def test_a_note_opening_with_a_web_address_keeps_its_case() -> None:
    assert "".join(c.char for c in capitalize_first(_chars("https://x.org/a"))) == "https://x.org/a"
    assert "".join(c.char for c in capitalize_first(_chars("“ibid.”"))) == "“Ibid.”"


def test_dois_link_to_the_doi_resolver() -> None:
    (before, link, after) = group(_chars("at doi:10.1000/xyz123."))
    assert (before.text, link.url, after.text) == ("at ", "https://doi.org/10.1000/xyz123", ".")
