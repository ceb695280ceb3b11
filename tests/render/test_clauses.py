"""Rendering clause bodies: sandboxed strict Jinja2, inline markup, citation markers."""

from __future__ import annotations

import re

import pytest
from support import example_drafts

from drafter.errors import TemplateError
from drafter.model import Cite, CiteItem, Location, Span
from drafter.render.clauses import parse_markup, render_text, variables_used

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


def test_an_escaped_dash_keeps_a_line_from_being_a_bullet() -> None:
    [para] = parse_markup(r"\- not a point")
    assert (para.bullet, para.inlines) == (False, (Span("- not a point"),))


def test_an_address_ends_at_a_backslash_so_an_escape_after_it_stays_one() -> None:
    [para] = parse_markup(r"\[see https://example.org/a_b*c\]")
    assert para.inlines == (
        Span("[see "),
        Span("https://example.org/a_b*c", url="https://example.org/a_b*c"),
        Span("]"),
    )


def test_the_built_in_library_uses_neither_new_escape_nor_a_backslash_in_an_address() -> None:
    from drafter.library.roots import builtin_root

    for clause in (builtin_root() / "clauses").rglob("*.md"):
        text = clause.read_text(encoding="utf-8")
        assert "\\-" not in text and not re.search(r"https?://\S*\\", text), clause


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (r"5\'10\" tall", "5'10\" tall"),
        (r"\'\'\' \"\"\"", "''' \"\"\""),
        (r'\"straight\" and "curly"', '"straight" and “curly”'),
        (r"\"'opened after a straight quote'\"", '"‘opened after a straight quote’"'),
        (r"*\'x\'* it's", "'x' it’s"),
        (r"\\'not escaped' \\\"escaped\\\"", '\\’not escaped’ \\"escaped\\"'),
    ],
)
def test_an_escaped_quote_stays_straight_and_the_others_become_typographic(
    body: str, expected: str
) -> None:
    inlines = [i for p in parse_markup(body) for i in p.inlines]
    assert "".join(i.text for i in inlines if isinstance(i, Span)) == expected


def test_an_escaped_quote_stays_straight_on_a_bullet_and_its_continuation_line() -> None:
    [bullet] = parse_markup("- \\\"one\\\"\n  \\'two\\'")
    assert bullet.bullet
    assert "".join(i.text for i in bullet.inlines if isinstance(i, Span)) == "\"one\" 'two'"


def test_control_characters_in_a_body_are_dropped_never_taken_for_escaped_quotes() -> None:
    [para] = parse_markup("a\x01b\x02c \\'d")
    assert para.inlines == (Span("abc 'd"),)


def test_the_built_in_library_and_examples_escape_no_quote() -> None:
    import tomllib

    from drafter.library.roots import builtin_root

    def strings(value: object) -> list[str]:
        if isinstance(value, dict):
            return [s for v in value.values() for s in strings(v)]
        if isinstance(value, list):
            return [s for v in value for s in strings(v)]
        return [value] if isinstance(value, str) else []

    root = builtin_root()
    texts = [p.read_text(encoding="utf-8") for p in root.glob("[ct]*/**/*.md")]
    tomls = [*root.glob("templates/**/*.toml"), *example_drafts()]
    texts += [s for p in tomls for s in strings(tomllib.loads(p.read_text(encoding="utf-8")))]
    assert len(texts) > 50
    assert [t for t in texts if "\\'" in t or '\\"' in t] == []


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


def test_brackets_with_an_at_sign_inside_a_word_stay_text_and_markup_inside_them_works() -> None:
    [para] = parse_markup("A [x@y *z*] and [@] and [a;@j] but [see\t@k] here.")
    cites = [i for i in para.inlines if isinstance(i, Cite)]
    assert [c.items for c in cites] == [(CiteItem("k", prefix="see"),)]
    assert Span("z", italic=True) in para.inlines
    assert para.inlines[0] == Span("A [x@y ")


def test_a_locator_over_a_line_break_is_kept_whole() -> None:
    [para] = parse_markup("See [@a, p.\v12] and [@b, ch 3\vmore].")
    cites = [i for i in para.inlines if isinstance(i, Cite)]
    assert [c.items[0].locator for c in cites] == ["12", "ch 3\nmore"]
    assert [c.items[0].label for c in cites] == ["page", "page"]


# Rendered text is parsed outside the sandbox's budget, so no input may take super-linear time.
HOSTILE_MARKUP = {
    "bracket-then-keys": "[" + "@a " * 66_666,
    "brackets-then-keys": ("[" + "@a " * 999) * 66,
    "open-key-cluster": "[@a; " + "@b " * 66_000,
    "long-locator-over-lines": "[@a, " + "a" * 199_000 + " x\vy]",
    "asterisks": "*" * 200_000,
    "bold-runs": "**a" * 66_666,
    "empty-bold-runs": "a****" * 40_000,
    "url-of-dots": "http://" + "a." * 99_990,
    "url-of-asterisks": ("http://" + "*" * 993 + " ") * 200,
    "escapes": "\\\\*" * 66_666,
}


@pytest.mark.parametrize("text", HOSTILE_MARKUP.values(), ids=HOSTILE_MARKUP.keys())
def test_hostile_markup_parses_in_linear_time(text: str) -> None:
    import contextlib
    import time

    assert len(text) >= 190_000
    started = time.monotonic()
    with contextlib.suppress(TemplateError):  # refused is fine too, as long as it is quick
        render_text("{{ body }}", {"body": text}, HERE)
    assert time.monotonic() - started < 2


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


PLACEHOLDER_BODIES = [
    "{{ company }} hosts {{company}}.\n",
    "Line one {{ a }}\n\nLine two {{ b }}",
    "No markup at all, trailing newlines\n\n",
    "Braces } and { alone, and }} too: {{ a }}",
]


@pytest.mark.parametrize("body", PLACEHOLDER_BODIES)
def test_placeholder_bodies_render_exactly_as_jinja_would(body: str) -> None:
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from drafter.render.clauses import _fill
    from drafter.render.sandbox import placeholders_only

    values = {"company": "Amazon", "a": "x & <y>", "b": "2"}
    jinja = ImmutableSandboxedEnvironment(undefined=StrictUndefined, keep_trailing_newline=False)
    assert placeholders_only(body)
    assert _fill(body, values) == jinja.from_string(body).render(values)


def test_every_builtin_clause_renders_as_jinja_would() -> None:
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from drafter.library.load import load_library
    from drafter.library.roots import library_roots
    from drafter.render.clauses import _fill
    from drafter.render.sandbox import placeholders_only

    jinja = ImmutableSandboxedEnvironment(undefined=StrictUndefined, keep_trailing_newline=False)
    clauses = load_library(library_roots(())).clauses.values()
    assert len(clauses) > 25
    for clause in clauses:
        values = {v.name: f"<{v.name}>" for v in clause.variables}
        if placeholders_only(clause.body):
            assert _fill(clause.body, values) == jinja.from_string(clause.body).render(values)


@pytest.mark.parametrize(
    "body",
    [
        "{% if a %}x{% endif %}",
        "{{ a|upper }}",
        "{# note #}{{ a }}",
        "{{ a.b }}",
        "{{- a }}",
        "{{ range }}",
    ],
)
def test_other_template_markup_goes_through_the_sandbox(body: str) -> None:
    from drafter.render.sandbox import placeholders_only

    assert not placeholders_only(body)


def test_a_build_of_placeholder_clauses_never_loads_jinja() -> None:
    import subprocess
    import sys

    from support import EXAMPLE

    code = (
        "import sys; from pathlib import Path; from drafter.pipeline import build_file; "
        f"build_file(Path({str(EXAMPLE)!r})); print('jinja2' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_an_unknown_filter_is_reported_at_its_own_line() -> None:
    body = "Line one.\n\nLine three {{ company | shout }}."
    with pytest.raises(TemplateError) as caught:
        render_text(body, {"company": "A"}, Location("c.md", 5))
    assert caught.value.line == 7 and "No filter named 'shout'" in caught.value.message
