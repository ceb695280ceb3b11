"""Rich text in CSL-JSON values is read as Zotero and citeproc-js write it, and any text at all is
read without raising: what is not markup stays text."""

from __future__ import annotations

import random
import re

import pytest

from drafter.citations.csl.markup import MAX_DEPTH, parse_markup
from drafter.citations.csl.rich import Rich


def shape(rich: Rich) -> list[object]:
    """The tree as nested lists: strings, and for each node a tag of what it adds, then its
    children."""
    out: list[object] = []
    for child in rich.children:
        if isinstance(child, str):
            out.append(child)
            continue
        tags = ["q"] * child.quotes + ["nocase"] * child.nocase
        tags += [f"{k}:{v}" for k, v in child.formatting.items()]
        out.append([" ".join(tags), *shape(child)])
    return out


def depth(rich: Rich) -> int:
    deepest, stack = 0, [(rich, 0)]
    while stack:
        node, level = stack.pop()
        deepest = max(deepest, level)
        stack += [(c, level + 1) for c in node.children if isinstance(c, Rich)]
    return deepest


def test_text_without_markup_characters_is_one_plain_string() -> None:
    rich = parse_markup("A Plain Title, 2nd edition (1999)")
    assert rich.children == ["A Plain Title, 2nd edition (1999)"]
    assert rich.is_plain()


def test_empty_text_has_no_children() -> None:
    assert parse_markup("").children == []


@pytest.mark.parametrize(
    ("tag", "attribute", "value"),
    [
        ("i", "font-style", "italic"),
        ("b", "font-weight", "bold"),
        ("sc", "font-variant", "small-caps"),
        ("sup", "vertical-align", "sup"),
        ("sub", "vertical-align", "sub"),
    ],
)
def test_each_tag_becomes_a_node_with_its_formatting(tag: str, attribute: str, value: str) -> None:
    assert shape(parse_markup(f"a <{tag}>b</{tag}> c")) == [
        "a ",
        [f"{attribute}:{value}", "b"],
        " c",
    ]


def test_simple_flip_flop_title_reads_an_italic_node() -> None:
    """As decorations_SimpleFlipFlop's title."""
    assert shape(parse_markup("A <i>Quiet</i> Harbour")) == [
        "A ",
        ["font-style:italic", "Quiet"],
        " Harbour",
    ]


@pytest.mark.parametrize(
    ("markup", "tags"),
    [
        ('<span class="nocase">DNA</span>', "nocase"),
        ('<span style="font-variant:small-caps;">x</span>', "font-variant:small-caps"),
        (
            '<span style="font-variant: small-caps;">x</span>',
            "font-variant:small-caps",
        ),  # bugreports_SmallCapsEscape
        ('<span style="font-style:italic">x</span>', "font-style:italic"),
        ('<span style="font-weight:bold;">x</span>', "font-weight:bold"),
        (
            "<span style='font-style:italic; font-weight:bold'>x</span>",
            "font-style:italic font-weight:bold",
        ),
        (
            '<span class="nodecor">x</span>',  # flipflop_ItalicsWithOk
            "font-style:normal font-variant:normal font-weight:normal",
        ),
    ],
)
def test_spans_zotero_writes_become_nodes(markup: str, tags: str) -> None:
    (node,) = shape(parse_markup(markup))
    assert node == [tags, "DNA" if "nocase" in tags else "x"]


def test_nocase_span_inside_a_title_keeps_its_words_apart() -> None:
    """As textcase_TitleCapitalization's title."""
    assert shape(parse_markup('a <span class="nocase">jones</span> kettle')) == [
        "a ",
        ["nocase", "jones"],
        " kettle",
    ]


@pytest.mark.parametrize(
    "markup",
    [
        "<script>alert(1)</script>",
        "<p>An abstract.</p>",
        "<span>bare</span>",
        '<span lang="fr">x</span>',
        "<i class='x'>y</i>",
        "<a href='#'>link</a>",
        "a < b > c",
    ],
)
def test_unknown_tags_stay_literal_text(markup: str) -> None:
    assert parse_markup(markup).children == [markup]


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("<i>never closed", ["<i>never closed"]),
        ("closed never</i>", ["closed never</i>"]),
        ("<i>a<b>b</i>c</b>", [["font-style:italic", "a<b>b"], "c</b>"]),
        ("<i>a</b>c</i>", [["font-style:italic", "a</b>c"]]),
        ("<b>x</span>", ["<b>x</span>"]),
    ],
)
def test_unbalanced_tags_stay_literal_text(markup: str, expected: list[object]) -> None:
    assert shape(parse_markup(markup)) == expected


def test_an_unknown_span_does_not_take_the_closing_tag_of_a_known_one() -> None:
    rich = parse_markup('<span class="nocase">a <span lang="x">b</span> c</span>')
    assert shape(rich) == [["nocase", 'a <span lang="x">b</span> c']]


def test_an_empty_tag_pair_is_dropped() -> None:
    assert shape(parse_markup("<i></i>x")) == ["x"]


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ('"A" title', [["q", "A"], " title"]),
        ("“A” title", [["q", "A"], " title"]),
        ("an 'x' here", ["an ", ["q", "x"], " here"]),
        ("an ‘x’ here", ["an ", ["q", "x"], " here"]),
        ("(“x”)", ["(", ["q", "x"], ")"]),
        (
            'The ruling ("<i>Rowe</i>") stands',
            ["The ruling (", ["q", ["font-style:italic", "Rowe"]], ") stands"],
        ),
        ('<i>"x"</i>', [["font-style:italic", ["q", "x"]]]),
    ],
)
def test_quotation_marks_become_quoted_nodes(markup: str, expected: list[object]) -> None:
    """The sixth is shaped as flipflop_SingleQuotesOnItalics' title."""
    assert shape(parse_markup(markup)) == expected


def test_nested_quotes_of_either_kind_become_nested_nodes() -> None:
    """As decorations_NestedQuotesInnerReverse's title."""
    assert shape(parse_markup("A “‘Fair’ <b>and</b> Square” Deal")) == [
        "A ",
        ["q", ["q", "Fair"], " ", ["font-weight:bold", "and"], " Square"],
        " Deal",
    ]


def test_quotes_at_once_inside_quotes_and_a_nocase_span_open() -> None:
    """As bugreports_NoCaseEscape's titles."""
    assert shape(parse_markup("'\"ZEN-P 2020\"'")) == [["q", ["q", "ZEN-P 2020"]]]
    assert shape(parse_markup('<span class="nocase">"ZEN"</span>')) == [["nocase", ["q", "ZEN"]]]


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("don't", "don’t"),
        ("l'amour", "l’amour"),
        ("the reader's patience", "the reader’s patience"),
        ("l’Équateur", "l’Équateur"),
        ("the students' books", "the students’ books"),
        ("Expo '67", "Expo ’67"),  # as flipflop_StartingApostrophe
        ("l ' arbre", "l ’ arbre"),  # as bugreports_SingleQuote
        ("don<i>'</i>t", "don’t"),
    ],
)
def test_apostrophes_are_no_quotes_and_read_as_typographic(markup: str, text: str) -> None:
    rich = parse_markup(markup)
    assert rich.text() == text
    assert not any(isinstance(c, Rich) and c.quotes for c in rich.children)


def test_a_title_opening_with_a_quote_keeps_its_apostrophes() -> None:
    """As flipflop_SingleBeforeColon's and flipflop_LeadingSingleQuote's titles."""
    assert shape(parse_markup("'Who Says You're Late': A Reply")) == [
        ["q", "Who Says You’re Late"],
        ": A Reply",
    ]
    assert shape(parse_markup("‘Ulysses’ 3 and the reader's patience")) == [
        ["q", "Ulysses"],
        " 3 and the reader’s patience",
    ]


@pytest.mark.parametrize(
    "markup",
    [
        'Duty of "Fair Dealing " in Trade',  # as flipflop_OrphanQuote
        'a "b',
        'a" b',
        "“never closed",
        '""',
    ],
)
def test_unpaired_double_quotes_stay_as_written(markup: str) -> None:
    assert parse_markup(markup).children == [markup]


def test_an_unpaired_straight_single_quote_reads_as_an_apostrophe() -> None:
    assert parse_markup("'tis the season").children == ["’tis the season"]


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("A &amp; B", "A & B"),
        ("&lt;i&gt;not a tag&lt;/i&gt;", "<i>not a tag</i>"),
        ("&quot;x&quot;", '"x"'),
        ("&#38;&#x26;", "&&"),
        ("a&#160;b&nbsp;c", "a\u00a0b\u00a0c"),
        ("AT&T", "AT&T"),
        ("a & b", "a & b"),
        ("&bogus; &#0; &#xD800; &#9999999;", "&bogus; &#0; &#xD800; &#9999999;"),
        ("a&", "a&"),
        ("?a=1&show=abstract", "?a=1&show=abstract"),
    ],
)
def test_entities_are_decoded_and_stray_ampersands_kept(markup: str, text: str) -> None:
    assert parse_markup(markup).text() == text


def test_an_escaped_tag_is_text_not_formatting() -> None:
    assert parse_markup("&lt;i&gt;x&lt;/i&gt;").children == ["<i>x</i>"]


def test_a_megabyte_of_unclosed_italic_tags_stays_text() -> None:
    markup = "<i>" * (1_000_000 // 3)
    assert parse_markup(markup).children == [markup]


def test_deeply_nested_tags_stop_nesting_at_the_depth_limit_and_lose_no_text() -> None:
    count = 100_000
    markup = "<i><b>x" * count + "</b></i>" * count
    rich = parse_markup(markup)
    assert depth(rich) == MAX_DEPTH
    assert rich.text().count("x") == count
    stripped = re.sub(r"</?[ib]>", "", rich.text())
    assert stripped == "x" * count


@pytest.mark.parametrize("mark", ['"', "'", "“", "”", "‘", "’", "&", "<", ">", "<sc>", "</span>"])
def test_a_megabyte_of_one_markup_character_parses(mark: str) -> None:
    markup = mark * (1_000_000 // len(mark))
    rich = parse_markup(markup)
    assert depth(rich) <= MAX_DEPTH
    assert len(rich.text()) >= len(markup) // 2


PIECES = [
    "<i>", "</i>", "<b>", "</b>", "<sc>", "</sc>", "<sup>", "</sub>", '<span class="nocase">',
    '<span style="font-variant:small-caps;">', "<span lang='x'>", "</span>", "<script>",
    '"', "'", "“", "”", "‘", "’", "a", "b", " ", "(", ".",
]  # fmt: skip


def without_marks(text: str) -> str:
    return re.sub(r"<[^<>]*>|[\"'“”‘’]", "", text)


def test_random_markup_never_raises_and_loses_no_letter() -> None:
    chooser = random.Random(20240613)
    for _ in range(3000):
        markup = "".join(chooser.choices(PIECES, k=chooser.randint(0, 40)))
        rich = parse_markup(markup)
        assert without_marks(rich.text()) == without_marks(markup), markup
        assert all(child for child in rich.children), markup


def test_the_space_inside_french_guillemets_is_a_narrow_no_break_space() -> None:
    """punctuation_FrenchOrthography."""
    assert parse_markup("His « Anonymous » Life").text() == "His «\u202fAnonymous\u202f» Life"
    assert parse_markup("«\u00a0mot\u00a0»").text() == "«\u202fmot\u202f»"
