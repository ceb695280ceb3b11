"""Where a text assigns its keys, found in one pass, agrees with looking line by line."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from support import sized

from drafter.files.reading import (
    array_headers,
    assigned_line,
    index_lines,
    key_line,
    line_in_table,
)

# --- the line-by-line answers: what drafter did before it kept an index -----------------


def scanned_table_key(text: str, key: str, start: int) -> int | None:
    """The first line after `start`, before a line that starts a table, assigning `key`."""
    for number, line in enumerate(text.split("\n")[start:], start + 1):
        if line.lstrip().startswith("["):
            break
        if key_line(line, key):
            return number
    return None


def scanned_headers(text: str, name: str) -> list[int]:
    pattern = re.compile(rf"^\s*\[\[\s*{re.escape(name)}\s*\]\]")
    return [n for n, line in enumerate(text.split("\n"), 1) if pattern.match(line)]


def agree(text: str, keys: list[str], names: list[str]) -> None:
    index = index_lines(text)
    count = text.count("\n") + 1
    for key in keys:
        for start in range(0, count + 2):
            assert line_in_table(index, key, start) == scanned_table_key(text, key, start), (
                key,
                start,
            )
            assert assigned_line(index, key, start) == key_line(text, key, start), (key, start)
    for name in names:
        assert array_headers(index, name) == scanned_headers(text, name), name


# --- texts made of the pieces that make the two answers differ if anything does ---------

SPACE = st.sampled_from(["", " ", "  ", "\t", "\u3000", "\x0b", "\x1c", "\x85", "\xa0"])
PIECE = st.sampled_from(["a", "b", "to", " ", "\u3000", '"', "'", "=", "[", "]", "."])
WORD = st.lists(PIECE, max_size=4).map("".join)
QUOTE = st.sampled_from(["", '"', "'"])
KEYS = ["to", "file", "a", "a b", "a.b", "[x", " a", "a ", "a=b", "a'b", 'a"b', "é", "\u3000a"]
NAMES = ["to", "file", "a", "a b", " to", "to ]]", "é"]


@st.composite
def lines(draw: st.DrawFn) -> str:
    """A line: a key assignment, a table or array header, or other text, with odd spacing."""
    kind = draw(st.sampled_from(["key", "key", "table", "array", "text"]))
    lead, inner, trail = draw(SPACE), draw(SPACE), draw(SPACE)
    word = draw(WORD)
    if kind == "key":
        quote = draw(QUOTE)
        rest = draw(st.sampled_from(["", " 1", "= 2", ' "x = y"', " = 3"]))
        return f"{lead}{quote}{word}{quote}{inner}={rest}"
    if kind == "table":
        return f"{lead}[{inner}{word}{trail}]"
    if kind == "array":
        return f"{lead}[[{inner}{word}{trail}]]{draw(st.sampled_from(['', ' # x', ']']))}"
    return draw(st.text(st.sampled_from("ab =\"'[] \t\x0b"), max_size=12))


@settings(max_examples=sized(dev=100, ci=800), deadline=None)
@given(st.lists(lines(), max_size=10), st.data())
def test_index_answers_as_the_line_scan(texts: list[str], data: st.DataObject) -> None:
    text = "\n".join(texts)
    pieces = [
        line[i:j] for line in texts for i in range(len(line)) for j in range(i + 1, len(line) + 1)
    ]
    drawn = data.draw(st.lists(st.sampled_from(pieces), max_size=6)) if pieces else []
    agree(text, sorted({*KEYS, *drawn}), NAMES + drawn[:2])


def test_index_answers_for_plain_and_odd_keys() -> None:
    text = "\n".join(
        [
            'title = "x"',
            "[letter]",
            '  "response_deadline" = 2022-06-01',
            "note = '''",
            "file = inside a string",
            "'''",
            " [[to]] # first",
            "name = 'A'",
            "[[ to ]]",
            "'a b' = 1",
            '"a=b" = 2',
            "[vars]",
            "file=3",
            '"a"b" = 4',
            "   a = 5",
        ]
    )
    keys = ["title", "response_deadline", "file", "name", "a b", "a=b", "note", 'a"b', " a", "a"]
    agree(text, keys, ["to", " to"])
    index = index_lines(text)
    assert line_in_table(index, "response_deadline", 2) == 3
    assert line_in_table(index, "file", 2) == 5  # the scan finds it in a multi-line string too
    assert line_in_table(index, "file", 12) == 13
    assert array_headers(index, "to") == [7, 9]
    assert line_in_table(index, "a=b", 9) == 11
    assert line_in_table(index, " a", 12) == 15  # `\s*` gives back a space to the key
    assert line_in_table(index, 'a"b', 12) == 14
