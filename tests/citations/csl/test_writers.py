"""A Rich tree is written as the CSL test suite's HTML, character for character, and as Spans with
the same reading of flip-flops, quotes and punctuation. A test naming a fixture of the suite
(../shared/csl-test-suite/humans) proves on text of its own what that fixture proves; the last
tests write trees from the fixtures' own titles and compare them with their RESULT."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from drafter.citations.csl.markup import parse_markup
from drafter.citations.csl.rich import Rich
from drafter.citations.csl.writers import QuoteMarks, to_html, to_spans
from drafter.model import Span

from .suite_fixtures import items, result

MARKS = QuoteMarks("“", "”", "‘", "’", punctuation_in_quote=False)
INSIDE = QuoteMarks("“", "”", "‘", "’", punctuation_in_quote=True)
FRENCH = QuoteMarks("«\u00a0", "\u00a0»", "“", "”", punctuation_in_quote=False)


def node(
    *children: Rich | str, quotes: bool = False, display: str | None = None, **style: str
) -> Rich:
    """A node; formatting by keyword, `font_style="italic"` for font-style."""
    formatting = {k.replace("_", "-"): v for k, v in style.items()}
    return Rich(list(children), formatting, quotes=quotes, display=display)


def test_italic_markup_inside_an_italic_title_is_upright() -> None:
    """As decorations_SimpleFlipFlop."""
    title = node(parse_markup("A <i>Quiet</i> Harbour"), font_style="italic")
    assert to_html(title, MARKS) == '<i>A <span style="font-style:normal;">Quiet</span> Harbour</i>'


def test_bold_markup_inside_bold_layout_is_normal_weight() -> None:
    """As flipflop_BoldfaceNodeLevelMarkup."""
    layout = node("Turn left, ", parse_markup("<b>then</b>"), ", and stop.", font_weight="bold")
    expected = '<b>Turn left, <span style="font-weight:normal;">then</span>, and stop.</b>'
    assert to_html(layout, MARKS) == expected


def test_small_caps_markup_flips_inside_small_caps_and_not_outside() -> None:
    """As flipflop_SmallCaps."""
    title = parse_markup('Our <span style="font-variant:small-caps;">Quiet</span> Harbour')
    container = parse_markup('The <span style="font-variant:small-caps;">Gazette</span>')
    cite = node(node(title, font_variant="small-caps"), ", ", container)
    assert to_html(cite, MARKS) == (
        '<span style="font-variant:small-caps;">Our <span style="font-variant:normal;">'
        'Quiet</span> Harbour</span>, The <span style="font-variant:small-caps;">Gazette</span>'
    )


def test_nodecor_markup_inside_italic_is_upright() -> None:
    """As flipflop_ItalicsWithOk."""
    title = parse_markup('Rowe <span class="nodecor">v.</span> Grant')
    entry = node(node(title, font_style="italic"), ". 1988.")
    expected = '<i>Rowe <span style="font-style:normal;">v.</span> Grant</i>. 1988.'
    assert to_html(entry, MARKS) == expected


def test_italic_in_italic_in_italic_is_italic_again() -> None:
    tree = node(
        "a", node("b", node("c", font_style="italic"), font_style="italic"), font_style="italic"
    )
    assert to_html(tree, MARKS) == '<i>a<span style="font-style:normal;">b<i>c</i></span></i>'


def test_explicit_normal_shows_only_inside_what_it_undoes() -> None:
    """As decorations_NoNormalWithoutDecoration."""
    title = "A Quiet Harbour"
    layout = node(
        node(title, font_style="normal"),
        "\n",
        node(title, font_style="italic"),
        "\n",
        node(node(title, font_style="normal"), font_style="italic"),
        font_weight="normal",
    )
    assert to_html(layout, MARKS) == (
        'A Quiet Harbour\n<i>A Quiet Harbour</i>\n<i><span style="font-style:normal;">'
        "A Quiet Harbour</span></i>"
    )


def test_one_nodes_formatting_nests_bold_outside_italic() -> None:
    """As bugreports_MatchedAuthorAndDate."""
    tree = node("Gray. ", node("Field Notes", font_style="italic", font_weight="bold"), ".")
    assert to_html(tree, MARKS) == "Gray. <b><i>Field Notes</i></b>."


def test_one_nodes_formatting_nests_in_citeproc_js_order_with_quotes_outside() -> None:
    every = {
        "vertical_align": "sup",
        "text_decoration": "underline",
        "font_weight": "bold",
        "font_variant": "small-caps",
        "font_style": "italic",
    }
    assert to_html(node("x", quotes=True, **every), MARKS) == (
        '“<sup><span style="text-decoration:underline;"><b>'
        '<span style="font-variant:small-caps;"><i>x</i></span></b></span></sup>”'
    )


def test_quotation_marks_sit_outside_italic_markup_inside_them() -> None:
    """As flipflop_SingleQuotesOnItalics."""
    title = parse_markup('The ruling ("<i>Rowe</i>") stands')
    assert to_html(title, MARKS) == "The ruling (“<i>Rowe</i>”) stands"


def test_quotes_alternate_outer_and_inner_with_depth() -> None:
    """As decorations_NestedQuotesInnerReverse."""
    title = node(parse_markup("A “‘Fair’ <b>and</b> Square” Deal"), quotes=True)
    assert to_html(title, MARKS) == "“A ‘“Fair” <b>and</b> Square’ Deal”"


def test_a_leading_quotation_becomes_inner_inside_quotes() -> None:
    """As flipflop_LeadingSingleQuote."""
    raw = "‘Ulysses’ 3–7 and the reader's patience"
    expected = "“‘Ulysses’ 3–7 and the reader’s patience”"
    assert to_html(node(parse_markup(raw), quotes=True), MARKS) == expected


def test_the_locales_marks_are_used_at_each_depth() -> None:
    """As bugreports_FrenchApostrophe."""
    title = node(parse_markup("Anne's 'Small' Victories"), quotes=True)
    assert to_html(title, FRENCH) == "«\u00a0Anne’s “Small” Victories\u00a0»"


def test_a_comma_after_a_quotation_moves_inside_it() -> None:
    """As quotes_Punctuation."""
    assert to_html(node(node("A Field Guide", quotes=True), ","), INSIDE) == "“A Field Guide,”"


def test_a_period_moves_inside_nested_quotations_to_the_innermost() -> None:
    """As quotes_PunctuationWithInnerQuote."""
    title = node(node(parse_markup("Call it 'The End'"), quotes=True), ".")
    assert to_html(title, INSIDE) == "“Call it ‘The End.’”"


def test_a_period_moves_across_node_boundaries_into_quotes() -> None:
    """As bugreports_NoCaseEscape."""
    first = node(parse_markup("'\"ZEN-Panel (ZEN-P) 2020\"'"), ".")
    second = node(parse_markup('<span class="nocase">"ZEN (ZEN-Px) 2020"</span>'), ".")
    assert to_html(first, INSIDE) == "“‘ZEN-Panel (ZEN-P) 2020.’”"
    assert to_html(second, INSIDE) == "“ZEN (ZEN-Px) 2020.”"


def test_punctuation_moves_past_formatting_closed_inside_the_quotes() -> None:
    quoted = node(node(node("x", font_style="italic"), quotes=True), node(".", "y"))
    assert to_html(quoted, INSIDE) == "“<i>x</i>.”y"


@pytest.mark.parametrize(
    ("after", "expected"),
    [(";", "“x”;"), (":", "“x”:"), ("!", "“x”!"), ("...", "“x”..."), (" .", "“x” .")],
)
def test_only_a_period_or_comma_right_after_the_quote_moves(after: str, expected: str) -> None:
    assert to_html(node(node("x", quotes=True), after), INSIDE) == expected


def test_punctuation_stays_outside_quotes_without_punctuation_in_quote() -> None:
    """As punctuation_FullMontyQuotesOut."""
    assert to_html(node(node("word", quotes=True), "."), MARKS) == "“word”."


@pytest.mark.parametrize(
    ("inside", "after"), [("Why?", "."), ("Wow!", "."), ("End.", "."), ("a,", ",")]
)
def test_moved_punctuation_does_not_double_what_ends_the_quotation(inside: str, after: str) -> None:
    assert to_html(node(node(inside, quotes=True), after), INSIDE) == f"“{inside}”"


def test_text_escapes_ampersand_and_angle_brackets_as_numeric_entities() -> None:
    """As display_SecondFieldAlignMigratePunctuation, whose journal's name holds an `&`."""
    assert to_html(node("Mod. L. & Soc’y Rev."), MARKS) == "Mod. L. &#38; Soc’y Rev."
    hostile = parse_markup("<script>alert(1)</script> a<b & c")
    assert to_html(hostile, MARKS) == "&#60;script&#62;alert(1)&#60;/script&#62; a&#60;b &#38; c"


def test_markup_and_text_together_as_a_zotero_title() -> None:
    """As testers_SecondAutoGeneratedZoteroPluginTest."""
    title = parse_markup('<b>Drafter</b> … "First Steps" & <sc>Notes</sc> 中文')
    entry = node(parse_markup("<sup>on</sup> <sub>in</sub>"), ". ", node(title, quotes=True), ".")
    assert to_html(entry, INSIDE) == (
        '<sup>on</sup> <sub>in</sub>. “<b>Drafter</b> … ‘First Steps’ &#38; <span style="font-variant'
        ':small-caps;">Notes</span> 中文.”'
    )


def test_superscript_characters_are_written_as_sup_around_their_letter() -> None:
    """magic_SuperscriptChars."""
    assert to_html(node("ª²ʰᴬ™ⁿ"), MARKS) == "".join(
        f"<sup>{c}</sup>" for c in ["a", "2", "h", "A", "TM", "n"]
    )


def test_display_divisions_carry_the_suites_line_breaks() -> None:
    """As display_AuthorAsHeading."""
    entry = node(
        node("Ann Gray", display="block"),
        node("2001", display="left-margin"),
        node("Field Notes", display="right-inline"),
    )
    assert to_html(entry, MARKS) == (
        '\n\n    <div class="csl-block">Ann Gray</div>\n'
        '\n    <div class="csl-left-margin">2001</div>'
        '<div class="csl-right-inline">Field Notes</div>\n  '
    )


def test_an_indented_division_follows_its_entry() -> None:
    """As display_DisplayBlock."""
    entry = node("Ann Gray, Field Notes (2001)", node("A guide to walks.", display="indent"))
    expected = 'Ann Gray, Field Notes (2001)<div class="csl-indent">A guide to walks.</div>\n  '
    assert to_html(entry, MARKS) == expected


def test_a_suffix_after_the_last_division_is_written_inside_it() -> None:
    """bugreports_SmallCapsEscape."""
    entry = node(node("N.d.", display="left-margin"), node("Here", display="right-inline"), ".")
    assert to_html(entry, MARKS) == (
        '\n    <div class="csl-left-margin">N.d.</div><div class="csl-right-inline">Here.</div>\n  '
    )


def test_white_space_at_either_end_of_an_entry_is_written_outside_its_divisions() -> None:
    """variables_ContainerTitleShort, bugreports_NoCaseEscape."""
    entry = node(node(" N.d.", display="left-margin"), node("Title. ", display="right-inline"))
    assert to_html(entry, MARKS) == (
        ' \n    <div class="csl-left-margin">N.d.</div>'
        '<div class="csl-right-inline">Title.</div>\n   '
    )
    assert to_spans(entry, MARKS)[0].text == " N.d. Title. "


def test_a_node_without_text_writes_no_tags_or_marks() -> None:
    tree = node("a", node(quotes=True), node("", font_style="italic"), node(display="block"), "b")
    assert to_html(tree, INSIDE) == "ab"
    assert to_html(node(node(quotes=True), "."), INSIDE) == "."


def test_unknown_formatting_values_write_nothing() -> None:
    tree = node("x", font_weight="light", font_style="wobbly", colour="red")
    assert to_html(tree, MARKS) == "x"


def deep(levels: int) -> Rich:
    root = current = Rich()
    for level in range(levels):
        child = node(str(level % 10), font_style="italic")
        current.children.append(child)
        current = child
    return root


def test_a_very_deep_tree_is_written_without_recursion() -> None:
    tree = deep(20_000)
    html = to_html(tree, MARKS)
    assert html.count("<i>") + html.count('<span style="font-style:normal;">') == 20_000
    assert "".join(span.text for span in to_spans(tree, MARKS)) == "0123456789" * 2_000


def test_spans_flip_flop_as_the_html_does() -> None:
    tree = node("a ", node("b ", node("c", font_style="italic"), font_style="italic"))
    assert to_spans(tree, MARKS) == (Span("a "), Span("b ", italic=True), Span("c"))


def test_spans_merge_equally_formatted_neighbours() -> None:
    tree = node(node("a", font_weight="bold"), node("b", font_weight="bold"), "c", node("d"))
    assert to_spans(tree, MARKS) == (Span("ab", bold=True), Span("cd"))


def test_spans_carry_each_formatting() -> None:
    tree = parse_markup("<sc>x</sc><sup>2</sup><sub>3</sub><b><i>y</i></b>")
    assert to_spans(tree, MARKS) == (
        Span("x", small_caps=True),
        Span("2", superscript=True),
        Span("3", subscript=True),
        Span("y", italic=True, bold=True),
    )


def test_spans_write_quotes_as_characters_outside_the_quoted_formatting() -> None:
    tree = node(node(node("Title", font_style="italic"), quotes=True), ".")
    assert to_spans(tree, INSIDE) == (Span("“"), Span("Title", italic=True), Span(".”"))


def test_spans_set_a_display_division_off_by_a_space() -> None:
    tree = node(node("[1]", display="left-margin"), node("Doe, Book.", display="right-inline"))
    assert to_spans(tree, MARKS) == (Span("[1] Doe, Book."),)


# The suite's own titles, read from the fixtures at run time, through trees laid out as each
# fixture's style lays them out.
SUITE_TREES: dict[str, tuple[Callable[[dict[str, str]], Rich], QuoteMarks]] = {
    "decorations_SimpleFlipFlop": (
        lambda r: node(parse_markup(r["title"]), font_style="italic"),
        MARKS,
    ),
    "flipflop_SmallCaps": (
        lambda r: node(
            node(parse_markup(r["title"]), font_variant="small-caps"),
            ", ",
            parse_markup(r["container-title"]),
        ),
        MARKS,
    ),
    "decorations_NoNormalWithoutDecoration": (
        lambda r: node(
            node(parse_markup(r["title"]), font_style="normal"),
            "\n",
            node(parse_markup(r["title"]), font_style="italic"),
            "\n",
            node(node(parse_markup(r["title"]), font_style="normal"), font_style="italic"),
            font_weight="normal",
        ),
        MARKS,
    ),
    "flipflop_SingleQuotesOnItalics": (lambda r: parse_markup(r["title"]), MARKS),
    "decorations_NestedQuotesInnerReverse": (
        lambda r: node(parse_markup(r["title"]), quotes=True),
        MARKS,
    ),
    "flipflop_LeadingSingleQuote": (lambda r: node(parse_markup(r["title"]), quotes=True), MARKS),
    "bugreports_FrenchApostrophe": (lambda r: node(parse_markup(r["title"]), quotes=True), FRENCH),
}


@pytest.mark.parametrize("fixture", sorted(SUITE_TREES))
def test_a_fixtures_own_title_is_written_as_its_result(fixture: str) -> None:
    build, marks = SUITE_TREES[fixture]
    (record,) = items(fixture)
    assert to_html(build(record), marks) == result(fixture)


def test_a_quotation_in_a_values_text_keeps_out_a_comma_typed_after_it() -> None:
    """affix_CommaAfterQuote: the comma was written after the quotation on purpose."""
    assert to_html(parse_markup("'quote', Hello"), INSIDE) == "“quote”, Hello"


def test_punctuation_from_the_style_moves_inside_a_quotation_of_the_text() -> None:
    """bugreports_NoCaseEscape, quotes_PunctuationWithInnerQuote."""
    assert to_html(node(parse_markup('"A title"'), "."), INSIDE) == "“A title.”"
    inner = node(node(parse_markup("This is 'The One'"), quotes=True), ".")
    assert to_html(inner, INSIDE) == "“This is ‘The One.’”"
