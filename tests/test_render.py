"""Rendering clause bodies: sandboxed strict Jinja2, inline markup, citation markers."""

from __future__ import annotations

import pytest

from drafter.errors import TemplateError
from drafter.model import Cite, CiteItem, Location, Span
from drafter.render import parse_markup, render_text, variables_used

HERE = Location("clauses/whereas/x.md", 5)


def spans(paragraph) -> list[Span]:
    return [i for i in paragraph.inlines if isinstance(i, Span)]


def test_variables_are_substituted() -> None:
    [para] = render_text("{{ company }} hosts data.", {"company": "Amazon"}, HERE)
    assert para.inlines == (Span("Amazon hosts data."),)


def test_undefined_variable_names_clause_file_and_line() -> None:
    body = "First line.\n\nSecond {{ compnay }} line."
    with pytest.raises(TemplateError) as error:
        render_text(body, {"company": "Amazon"}, HERE)
    assert error.value.path == "clauses/whereas/x.md"
    assert error.value.line == 7  # body starts on line 5; the name is on its third line
    assert "compnay" in error.value.message
    assert "company" in (error.value.fix or "")


def test_sandbox_refuses_attribute_escapes() -> None:
    with pytest.raises(TemplateError, match="unsafe"):
        render_text("{{ ''.__class__.__mro__[1].__subclasses__() }}", {}, HERE)


def test_template_syntax_error_has_line() -> None:
    with pytest.raises(TemplateError) as error:
        render_text("ok\n{{ broken", {}, HERE)
    assert error.value.line == 6


def test_loop_variables_are_not_reported_as_undefined() -> None:
    assert variables_used("{% for x in items %}{{ x }}{{ loop.index }}{% endfor %}") == {"items": 1}


def test_italic_and_bold_become_spans() -> None:
    [para] = parse_markup("A *named* report and **bold** claim.")
    assert spans(para) == [
        Span("A "),
        Span("named", italic=True),
        Span(" report and "),
        Span("bold", bold=True),
        Span(" claim."),
    ]


def test_unpaired_asterisk_stays_literal() -> None:
    [para] = parse_markup("Footnote marker* here.")
    assert para.inlines == (Span("Footnote marker* here."),)


def test_escaped_asterisk_is_literal() -> None:
    [para] = parse_markup(r"Five \* six")
    assert para.inlines == (Span("Five * six"),)


def test_citation_markers_parse_keys_locators_and_clusters() -> None:
    [para] = parse_markup("Claim [@a]. More [@b, p. 12]. Both [see @c; @d, ch. 3].", HERE)
    cites = [i for i in para.inlines if isinstance(i, Cite)]
    assert [c.items for c in cites] == [
        (CiteItem("a"),),
        (CiteItem("b", locator="12", label="page"),),
        (CiteItem("c", prefix="see"), CiteItem("d", locator="3", label="chapter")),
    ]
    assert cites[0].location == Location("clauses/whereas/x.md", 5)


def test_brackets_without_citation_stay_text() -> None:
    [para] = parse_markup("He said [sic] and wrote to [info@example.org].")
    assert para.inlines == (Span("He said [sic] and wrote to [info@example.org]."),)


def test_bare_urls_become_links_without_trailing_punctuation() -> None:
    [para] = parse_markup("See https://example.org/a_b.pdf.")
    assert para.inlines == (
        Span("See "),
        Span("https://example.org/a_b.pdf", url="https://example.org/a_b.pdf"),
        Span("."),
    )


def test_blank_lines_split_paragraphs_and_dashes_make_bullets() -> None:
    paragraphs = parse_markup("Intro line\ncontinues.\n\n- first point\n- second point\n\nAfter.")
    assert [(p.bullet, "".join(s.text for s in spans(p))) for p in paragraphs] == [
        (False, "Intro line continues."),
        (True, "first point"),
        (True, "second point"),
        (False, "After."),
    ]


def test_marker_line_numbers_follow_paragraphs() -> None:
    paragraphs = parse_markup("One [@a].\n\nTwo\nthree [@b].", HERE)
    lines = [i.location.line for p in paragraphs for i in p.inlines if isinstance(i, Cite)]
    assert lines == [5, 7]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Amazon\'s "criminal investigations" rule', "Amazon’s “criminal investigations” rule"),
        ("('quoted')", "(‘quoted’)"),
        ("the employees' letter", "the employees’ letter"),
        ("*'emphasis'* then \"x\"", "‘emphasis’ then “x”"),
    ],
)
def test_quotes_and_apostrophes_become_typographic(text: str, expected: str) -> None:
    spans = render_text(text, {}, Location())[0].inlines
    assert "".join(s.text for s in spans if isinstance(s, Span)) == expected


def test_addresses_keep_their_straight_quotes() -> None:
    url = "https://example.org/it's"
    spans = render_text(f"See {url} today.", {}, Location())[0].inlines
    assert [s.text for s in spans if isinstance(s, Span) and s.url] == [url]
