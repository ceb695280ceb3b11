"""CSL text case and strip-periods over Rich trees, checked alone against the CSL test suite."""

from __future__ import annotations

import html
import json
import os
import re
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import REPO

from drafter.citations.csl.rich import Rich
from drafter.citations.csl.textcase import CASES, apply_case, strip_periods

SUITE = REPO.parent / "shared" / "csl-test-suite" / "humans"
CSL = "{http://purl.org/net/xbiblio/csl}"
SECTION = re.compile(r">>=+ ([A-Z-]+) =+>>\n(.*?)\n?<<=+ \1 =+<<", re.S)
NOCASE = re.compile(r'(<span class="nocase">|</span>)')
PLAIN_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def title(text: str, lang: str | None = None) -> str:
    return apply_case(Rich([text]), "title", lang).text()


def case(text: str, name: str, lang: str | None = None) -> str:
    return apply_case(Rich([text]), name, lang).text()


def nocase(text: str) -> Rich:
    return Rich([text], nocase=True)


def test_lowercase_and_uppercase_change_every_letter_but_nocase() -> None:
    tree = Rich(["The ", nocase("iPhone"), " Story"])
    assert apply_case(tree, "lowercase", None).text() == "the iPhone story"
    assert apply_case(tree, "uppercase", None).text() == "THE iPhone STORY"


def test_uppercase_and_lowercase_in_turkish_keep_dotted_and_dotless_i_apart() -> None:
    assert case("ic ıd", "uppercase", "tr") == "İC ID"
    assert case("ic ıd", "uppercase", "en") == "IC ID"
    assert case("İI", "lowercase", "tr-TR") == "iı"


def test_capitalize_first_capitalises_only_the_first_word_when_it_is_lower_case() -> None:
    assert case("the end of it", "capitalize-first") == "The end of it"
    assert case("iPad and more", "capitalize-first") == "iPad and more"


def test_capitalize_first_counts_a_leading_nocase_word_as_the_first() -> None:
    tree = Rich([nocase("von"), " neumann"])
    assert apply_case(tree, "capitalize-first", None).text() == "von neumann"


def test_capitalize_all_capitalises_lower_case_words_and_leaves_the_others() -> None:
    assert case("this IS a pen-knife iPad", "capitalize-all") == "This IS A Pen-Knife iPad"


def test_sentence_case_capitalises_the_first_word_and_lowercases_the_rest() -> None:
    tree = Rich(["a Kettle made in a ", nocase("Jones"), " Foundry"])
    assert apply_case(tree, "sentence", None).text() == "A kettle made in a Jones foundry"


def test_sentence_case_of_an_all_uppercase_string_keeps_only_its_first_letter_capital() -> None:
    assert case("THE END OF IT", "sentence") == "The end of it"
    assert case("NASA and the MOON", "sentence") == "NASA and the moon"
    assert case("iPad and the MOON", "sentence") == "iPad and the moon"


def test_title_case_leaves_stop_words_lower_case_between_other_words() -> None:
    assert title("the war of the worlds and a dog") == "The War of the Worlds and a Dog"


def test_title_case_capitalises_a_stop_word_that_is_first_last_or_after_a_colon() -> None:
    assert title("of mice: a story to think of") == "Of Mice: A Story to Think Of"
    assert title("where? on the moon! an end") == "Where? On the Moon! An End"


def test_title_case_leaves_words_with_capitals_alone() -> None:
    assert title("iPad IS a thing of NASA") == "iPad IS a Thing of NASA"


def test_title_case_treats_each_part_of_a_hyphenated_word_as_a_word() -> None:
    assert title("out-of-fashion self-esteem") == "Out-of-Fashion Self-Esteem"
    assert title("staff pro-social conduct") == "Staff Pro-Social Conduct"


def test_title_case_keeps_the_case_after_an_apostrophe() -> None:
    assert title("we've said don't") == "We've Said Don't"
    assert title("the “new career” and us") == "The “New Career” and Us"


def test_title_case_applies_to_english_only() -> None:
    assert title("the war of the worlds", "de") == "the war of the worlds"
    assert title("the war of the worlds", "en-GB") == "The War of the Worlds"
    assert title("the war of the worlds", None) == "The War of the Worlds"


def test_a_word_split_across_strings_is_one_word() -> None:
    tree = Rich(["walk a", Rich(["bout"], {"font-style": "italic"}), " town"])
    result = apply_case(tree, "title", None)
    assert list(result.strings()) == ["Walk a", "bout", " Town"]
    assert apply_case(Rich(["pen", "cil"]), "capitalize-all", None).text() == "Pencil"


def test_the_first_word_is_the_first_of_the_whole_tree() -> None:
    tree = Rich([Rich([Rich(["the"])]), " end of it"])
    assert apply_case(tree, "capitalize-first", None).text() == "The end of it"
    assert apply_case(tree, "title", None).text() == "The End of It"


def test_nocase_text_is_never_changed_but_counts_as_a_word() -> None:
    tree = Rich(["the ", nocase("mirror"), ", the ", nocase("window")])
    assert apply_case(tree, "title", None).text() == "The mirror, the window"
    first = Rich([nocase("x"), " of the end"])
    assert apply_case(first, "title", None).text() == "x of the End"


def test_text_case_returns_a_new_tree_and_keeps_the_input_and_formatting() -> None:
    inner = Rich(["brave new"], {"font-style": "italic"}, quotes=True, display="block")
    tree = Rich([inner, " world"])
    result = apply_case(tree, "uppercase", None)
    assert tree.text() == "brave new world" and inner.children == ["brave new"]
    (copied, rest) = result.children
    assert isinstance(copied, Rich) and copied is not inner
    assert copied.formatting == {"font-style": "italic"} and copied.quotes
    assert copied.display == "block" and rest == " WORLD"


@pytest.mark.parametrize("name", CASES)
def test_an_empty_tree_stays_empty(name: str) -> None:
    empty = Rich([Rich([]), ""])
    result = apply_case(empty, name, None)
    assert result is not empty and result.is_empty()


def test_an_unknown_text_case_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown text-case 'shout'"):
        apply_case(Rich(["x"]), "shout", None)


def test_strip_periods_removes_every_period_outside_nocase() -> None:
    tree = Rich(["Ed. by J.R.R. ", Rich([nocase("Tolkien Inc."), " etc."])])
    result = strip_periods(tree)
    assert result.text() == "Ed by JRR Tolkien Inc. etc"
    assert tree.text() == "Ed. by J.R.R. Tolkien Inc. etc."


def timed(tree: Rich, name: str) -> tuple[Rich, float]:
    start = time.perf_counter()
    result = apply_case(tree, name, None)
    return result, time.perf_counter() - start


@pytest.mark.parametrize("name", CASES)
def test_a_megabyte_of_text_in_many_strings_keeps_its_length(name: str) -> None:
    """A megabyte in 140,000 strings goes through whole (quadratic work would not finish: the
    speed itself is measured by benchmarks, not here)."""
    phrase = "the war of the worlds, a dog-eat-dog TALE: don't stop "
    big = phrase * (1_000_000 // len(phrase))
    result, _ = timed(Rich([big[i : i + 7] for i in range(0, len(big), 7)]), name)
    assert len(result.text()) == len(big)


def test_a_megabyte_of_title_case_reads_as_one_text() -> None:
    phrase = "the war of the worlds "
    big = phrase * (1_000_000 // len(phrase))
    result = apply_case(Rich([big[i : i + 5] for i in range(0, len(big), 5)]), "title", None)
    assert result.text() == "The" + " War of the Worlds the" * (big.count("the war") - 1) + (
        " War of the Worlds "
    )


def leaves(tree: Rich) -> Iterator[str]:
    """The tree's strings without recursion (Rich.text recurses)."""
    stack: list[Rich | str] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            yield node
        else:
            stack.extend(reversed(node.children))


def test_a_deeply_nested_tree_does_not_exhaust_the_stack() -> None:
    tree = Rich(["deep"])
    for _ in range(20_000):
        tree = Rich([tree, " and"])
    result = apply_case(tree, "title", None)
    assert "".join(leaves(result)) == "Deep" + " and" * 19_999 + " And"
    assert "".join(leaves(strip_periods(tree))) == "deep" + " and" * 20_000


# The CSL test suite's textcase fixtures whose style is one <text variable text-case>.


def sections(path: Path) -> dict[str, str]:
    return {name: body for name, body in SECTION.findall(path.read_text(encoding="utf-8"))}


def single_text(fixture: dict[str, str]) -> ET.Element | None:
    """The style's one `<text variable text-case>` element, if that is all its citation is."""
    if fixture.get("MODE", "").strip() != "citation":
        return None
    layout = ET.fromstring(fixture["CSL"].encode()).find(f"{CSL}citation/{CSL}layout")
    if layout is None or len(layout) != 1 or layout[0].tag != f"{CSL}text":
        return None
    attributes = set(layout[0].attrib)
    if {"variable", "text-case"} <= attributes <= {"variable", "text-case", "quotes"}:
        return layout[0]
    return None


def marked_up(value: str) -> Rich:
    """A title's `<span class="nocase">` markup as nocase nodes."""
    stack = [Rich()]
    for piece in NOCASE.split(value):
        if piece == '<span class="nocase">':
            stack.append(Rich(nocase=True))
            stack[-2].children.append(stack[-1])
        elif piece == "</span>" and len(stack) > 1:
            stack.pop()
        elif piece:
            stack[-1].children.append(piece)
    return stack[0]


def suite_fixtures() -> list[Path]:
    if not SUITE.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"the CSL test suite is missing at {SUITE}")
        return []
    return [p for p in sorted(SUITE.glob("textcase_*.txt")) if single_text(sections(p)) is not None]


def rendered(fixture: dict[str, str]) -> list[str]:
    """Each cluster as one line: each item's variable in the fixture's text case, joined."""
    text = single_text(fixture)
    assert text is not None
    style = ET.fromstring(fixture["CSL"].encode())
    layout = style.find(f"{CSL}citation/{CSL}layout")
    delimiter = layout.get("delimiter", "") if layout is not None else ""
    items = json.loads(fixture["INPUT"])
    by_id = {item.get("id", f"ITEM-{n}"): item for n, item in enumerate(items, 1)}
    clusters = json.loads(fixture.get("CITATION-ITEMS", "null")) or [[{"id": i} for i in by_id]]
    lines = []
    for cluster in clusters:
        parts = []
        for cite in cluster:
            item = by_id[cite["id"]]
            lang = item.get("language") or style.get("default-locale")
            value = marked_up(item[text.get("variable", "")])
            out = apply_case(value, text.get("text-case", ""), lang).text()
            parts.append(f"“{out}”" if text.get("quotes") == "true" else out)
        lines.append(delimiter.join(parts))
    return lines


def test_the_suite_has_the_single_text_textcase_fixtures() -> None:
    found = suite_fixtures()
    if not found:
        pytest.skip(f"no CSL test suite at {SUITE}")
    assert len(found) == 19, [p.name for p in found]


@pytest.mark.parametrize("path", suite_fixtures(), ids=lambda p: p.stem)
def test_text_case_alone_gives_the_suite_fixture_result(path: Path) -> None:
    """Quotation marks are compared plain: making them curly is not text case's work."""
    fixture = sections(path)
    expected = html.unescape(fixture["RESULT"]).translate(PLAIN_QUOTES).splitlines()
    assert [line.translate(PLAIN_QUOTES) for line in rendered(fixture)] == expected
