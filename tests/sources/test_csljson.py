"""CSL-JSON citation files: the repo's real files parse, each item knows its line, and bad
items fail with a CitationError at the item's line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drafter.errors import CitationError
from drafter.sources.csljson import item_lines, parse_csl_json

REPO = Path(__file__).resolve().parents[2]
CITATION_FILES = sorted((REPO / "citations").glob("*.json"))


def fails(text: str) -> CitationError:
    """The CitationError parsing `text` raises."""
    with pytest.raises(CitationError) as info:
        parse_csl_json(text, "refs.json")
    return info.value


def test_the_repo_has_citation_files_to_check() -> None:
    assert len(CITATION_FILES) >= 4


@pytest.mark.parametrize("path", CITATION_FILES, ids=lambda p: p.name)
def test_real_citation_file_parses_with_every_item(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    sources = parse_csl_json(text, path)
    assert [s.id for s in sources] == [item["id"] for item in json.loads(text)]
    assert all(s.location.path == path for s in sources)


@pytest.mark.parametrize("path", CITATION_FILES, ids=lambda p: p.name)
def test_real_citation_file_lines_point_at_each_items_opening_brace(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    for source in parse_csl_json(text, path):
        at = source.location.line
        assert at is not None, source.id
        line = lines[at - 1]
        assert line.strip().startswith("{"), (source.id, at)
        following = "\n".join(lines[at - 1 : at + 3])
        assert f'"id": "{source.id}"' in following


def test_ids_are_unique_across_the_repos_citation_files() -> None:
    ids = [
        s.id.lower()
        for path in CITATION_FILES
        for s in parse_csl_json(path.read_text(encoding="utf-8"), path)
    ]
    assert len(ids) == len(set(ids))


def test_csl_mapping_is_a_copy_that_keeps_every_field() -> None:
    item = {"id": "a", "type": "report", "note": "a note", "custom": {"x": [1]}}
    (source,) = parse_csl_json(json.dumps([item]), "refs.json")
    assert source.csl == item
    source.csl["custom"]["x"].append(2)
    assert source.csl is not item


def test_item_lines_ignore_braces_and_quotes_inside_strings() -> None:
    text = '[\n  {"id": "a", "title": "a { \\" [ } title"},\n\n  {"id": "b",\n "x": [{"y": 1}]},\n'
    text += '  {"id": "c"}\n]'
    assert item_lines(text) == [2, 4, 6]


def test_lines_of_items_sharing_a_line() -> None:
    text = '[{"id": "a", "type": "book"}, {"id": "b", "type": "book"},\n'
    text += ' {"id": "c", "type": "book"}]'
    assert [s.location.line for s in parse_csl_json(text, "refs.json")] == [1, 1, 2]


def test_single_top_level_object_is_one_item_at_its_line() -> None:
    (source,) = parse_csl_json('\n\n{"id": "solo", "type": "book"}\n', "refs.json")
    assert (source.id, source.location.line) == ("solo", 3)


def test_empty_array_has_no_sources() -> None:
    assert parse_csl_json("[]\n", "refs.json") == []


def test_malformed_json_names_the_line_of_the_error() -> None:
    text = '[\n  {"id": "a", "type": "book"},\n  {"id": "b" "type": "book"}\n]\n'
    error = fails(text)
    assert error.line == 3
    assert error.message.startswith("malformed JSON")
    assert error.fix


def test_top_level_that_is_not_an_array_fails() -> None:
    error = fails('\n"just a string"')
    assert (error.line, "not an array" in error.message) == (2, True)


def test_item_that_is_not_an_object_fails_at_its_line() -> None:
    assert fails('[\n  {"id": "a", "type": "book"},\n  42\n]').line == 3


def test_missing_id_fails_at_the_items_line() -> None:
    error = fails('[\n  {"id": "a", "type": "book"},\n  {\n    "type": "book"\n  }\n]')
    assert error.line == 3
    assert "no id" in error.message


@pytest.mark.parametrize("bad_id", ['""', "12", "null", '"two words"'])
def test_id_that_is_not_a_usable_string_fails(bad_id: str) -> None:
    error = fails(f'[\n\n  {{"id": {bad_id}, "type": "book"}}]')
    assert error.line == 3


def test_missing_type_fails_at_the_items_line() -> None:
    error = fails('[\n  {"id": "a", "type": "book"},\n  {"id": "b", "title": "x"}\n]')
    assert (error.line, "no type" in error.message) == (3, True)


def test_duplicate_id_fails_at_the_second_item_naming_the_first() -> None:
    text = '[\n  {"id": "hrw-2021", "type": "book"},\n  {"id": "x", "type": "book"},\n'
    text += '  {"id": "HRW-2021", "type": "book"}\n]'
    error = fails(text)
    assert error.line == 4
    assert "line 2" in error.message


@pytest.mark.parametrize(
    "issued",
    [
        '"2021-11-24"',
        '{"date-parts": [2021, 11]}',
        '{"date-parts": []}',
        '{"date-parts": [["twenty", 1]]}',
        '{"date-parts": [[2021, 13]]}',
        '{"year": 2021}',
    ],
)
def test_bad_date_shape_fails_with_a_fix_showing_date_parts(issued: str) -> None:
    error = fails(f'[\n  {{"id": "a", "type": "book",\n   "issued": {issued}}}\n]')
    assert error.line == 2
    assert "issued" in error.message
    assert '"date-parts": [[' in (error.fix or "")


@pytest.mark.parametrize(
    "issued",
    [
        '{"date-parts": [[2021, 11, 24]]}',
        '{"date-parts": [["2021", "5"]]}',
        '{"date-parts": [[2020], [2021]]}',
        '{"raw": "2021-11-24"}',
        '{"literal": "forthcoming"}',
    ],
)
def test_good_date_shapes_are_accepted(issued: str) -> None:
    (source,) = parse_csl_json(f'[{{"id": "a", "type": "book", "accessed": {issued}}}]', "r")
    assert source.csl["accessed"] == json.loads(issued)


@pytest.mark.parametrize(
    "author", ['"Human Rights Watch"', '["Smith"]', '[{"first": "Jo"}]', '[{"family": ""}]']
)
def test_bad_names_fail_at_the_items_line(author: str) -> None:
    error = fails(f'[\n  {{"id": "a", "type": "book", "author": {author}}}\n]')
    assert error.line == 2
    assert "literal" in (error.fix or "")


def test_editor_names_are_checked_too() -> None:
    assert fails('[\n\n {"id": "a", "type": "book", "editor": [{}]}]').line == 3


def test_literal_and_family_given_names_are_accepted() -> None:
    text = '[{"id": "a", "type": "book", "author": [{"literal": "HRW"}, {"family": "Boyd"}]}]'
    assert parse_csl_json(text, "refs.json")[0].csl["author"][0] == {"literal": "HRW"}


def test_error_prints_as_one_line_with_file_and_line() -> None:
    error = fails('[\n  {"type": "book"}\n]')
    assert str(error).startswith("refs.json:2: item has no id — ")
