"""Bad source files (CSL-JSON and BibTeX, in a library's citations/ or named by a draft's
`sources`) are refused with one line naming the file and line; nothing is written."""

from __future__ import annotations

import codecs
import json

import pytest
from badinput import PROPOSAL, SOURCES, Workspace, assert_refused, cases, huge

from drafter.files.reading import MAX_TEXT_BYTES

DEEP = 10_000
ITEM = json.loads(SOURCES)[0]
OWN = PROPOSAL.replace("[vars]", 'sources = ["own.json"]\n\n[vars]')
OWN_BIB = PROPOSAL.replace("[vars]", 'sources = ["own.bib"]\n\n[vars]')


def items(*records: object) -> str:
    """A CSL-JSON file: one item per line after the opening bracket (item n is on line n + 1)."""
    return "[\n" + ",\n".join(json.dumps(r) for r in records) + "\n]\n"


def item(**changes: object) -> str:
    """The working item with fields changed (None removes one), alone in a file; it is line 2."""
    record = {k: v for k, v in (ITEM | changes).items() if v is not None}
    return items(record)


def sources(old: str, new: str) -> str:
    assert old in SOURCES, old
    return SOURCES.replace(old, new, 1)


OTHER = ITEM | {"id": "other-2020"}

# (case id, file text, line, words the message must contain)
JSON_CASES = [
    # malformed syntax
    ("missing-comma", sources('"webpage",', '"webpage"'), 2, "malformed JSON"),
    ("trailing-comma", sources('mass-surveillance"}', 'mass-surveillance"},'), 5, "malformed"),
    ("single-quotes", "[\n{'id': 'hrw-2021'}\n]\n", 2, "malformed JSON"),
    ("unclosed-array", SOURCES.rstrip().rstrip("]"), 5, "malformed JSON"),
    ("comment", "// Zotero export\n" + SOURCES, 1, "malformed JSON"),
    ("bibtex-in-a-json-file", "@online{hrw-2021, title = {x}}\n", 1, "malformed JSON"),
    # wrong types
    ("top-level-string", '"hrw-2021"\n', 1, "not an array"),
    ("top-level-number", "\n\n42\n", 3, "not an array"),
    ("item-string", '[\n"hrw-2021"\n]\n', 2, "not an object"),
    ("item-null", "[\nnull\n]\n", 2, "not an object"),
    ("id-number", item(id=2021), 2, "id"),
    ("id-empty", item(id=""), 2, "id"),
    ("id-with-space", item(id="hrw 2021"), 2, "white space"),
    ("type-number", item(type=5), 2, "type"),
    ("title-number-list", item(title=["Mass", "Surveillance"]), 2, "title"),
    ("title-object", item(title={"en": "Mass Surveillance"}), 2, "title"),
    ("title-null", items(ITEM | {"title": None}), 2, "title"),
    ("url-list", item(URL=["https://example.org"]), 2, "URL"),
    ("language-number-object", item(language={"code": "en"}), 2, "language"),
    ("issued-text", item(issued="2021-11-24"), 2, "issued"),
    ("issued-month-13", item(issued={"date-parts": [[2021, 13, 1]]}), 2, "month"),
    ("issued-parts-text", item(issued={"date-parts": [["2021", "Nov"]]}), 2, "issued"),
    ("issued-literal-number", item(issued={"literal": 2021}), 2, "issued"),
    ("author-text", item(author="Human Rights Watch"), 2, "author"),
    ("author-list-of-text", item(author=["Human Rights Watch"]), 2, "author"),
    ("author-given-list", item(author=[{"family": "Doe", "given": ["J"]}]), 2, "author"),
    # missing keys
    ("id-missing", item(id=None), 2, "no id"),
    ("type-missing", item(type=None), 2, "no type"),
    # duplicate ids
    ("duplicate-id", items(ITEM, OTHER, ITEM), 4, "duplicate id"),
    ("duplicate-id-other-case", items(ITEM, ITEM | {"id": "HRW-2021"}), 3, "duplicate id"),
    # empty
    ("empty-file", "", 1, "empty"),
    ("blank-lines", "\n\n  \n", 1, "empty"),
    # deep nesting
    ("deep-arrays", "[" * DEEP + "]" * DEEP + "\n", 1, "nested"),
    (
        "deep-arrays-on-line-3",
        '[\n{"id": "a", "type": "book"},\n' + "[" * DEEP + "]" * DEEP + "]",
        3,
        "nested",
    ),
    ("deep-object-in-item", item(custom=json.loads("[" * 200 + "]" * 200)), 2, "nested"),
]


@pytest.mark.parametrize(("text", "line", "says"), cases(JSON_CASES))
@pytest.mark.parametrize("where", ["library", "draft"])
def test_a_bad_csl_json_file_is_refused_at_its_line(
    ws: Workspace, run_cli, where: str, text: str, line: int, says: str
) -> None:
    if where == "library":
        path, draft = ws.write("lib/citations/refs.json", text), ws.write("draft.toml", PROPOSAL)
    else:
        path, draft = ws.write("own.json", text), ws.write("draft.toml", OWN)
    ws.old_output()
    result = run_cli("build", draft, "-o", ws.out, "--library", ws.lib)
    assert_refused(result, path, line, unchanged=(ws.out,), says=says)
    result = run_cli("build", draft, "-o", ws.root / "new.md", "--library", ws.lib)
    assert_refused(result, path, line, absent=(ws.root / "new.md",), says=says)


def test_an_empty_json_array_is_no_sources_and_builds(ws: Workspace, run_cli) -> None:
    ws.write("own.json", "[]\n")
    draft = ws.write("draft.toml", OWN)
    result = run_cli("build", draft, "-o", ws.out, "--library", ws.lib)
    assert result.code == 0, result.err


def test_fields_csl_does_not_define_are_kept_and_build(ws: Workspace, run_cli) -> None:
    """Zotero and other tools add fields of their own; those are not errors."""
    ws.write("lib/citations/refs.json", item(**{"system-id": 7, "zotero-key": "ABCD"}))
    result = run_cli("build", ws.write("draft.toml", PROPOSAL), "-o", ws.out, "--library", ws.lib)
    assert result.code == 0, result.err


# --- BibTeX --------------------------------------------------------------------------------

BIB = """\
@string{hrw = "Human Rights Watch"}

@online{hrw-2021,
  author = {{Human Rights Watch}},
  title = {Mass Surveillance Fuels Oppression},
  date = {2021-11-24},
  url = {https://www.hrw.org/news/2021/11/24/mass-surveillance},
}
"""


def bib(old: str, new: str) -> str:
    assert old in BIB, old
    return BIB.replace(old, new, 1)


ENTRY_2 = "\n@report{hrw-2022,\n  title = {Another},\n  year = 2022,\n}\n"  # lines 10-13

BIB_CASES = [
    # malformed syntax
    ("entry-never-closed", BIB.rstrip().rstrip("}"), 3, "never closed"),
    ("value-never-closed", bib("Fuels Oppression}", "Fuels Oppression"), 3, "never closed"),
    ("no-key", bib("hrw-2021,\n", "\n"), 3, "no key"),
    ("no-comma-after-key", bib("hrw-2021,", "hrw-2021"), 4, "','"),
    ("no-comma-between-fields", bib("Oppression},", "Oppression}"), 5, "','"),
    ("no-equals", bib("title = {", "title {"), 5, "'='"),
    ("no-value", bib("date = {2021-11-24}", "date = "), 6, "no value"),
    ("next-entry-inside", BIB[:-2] + ENTRY_2, 3, "never closed"),
    ("string-never-closed", bib('Watch"}', 'Watch"'), 1, "never closed"),
    ("json-in-a-bib-file", SOURCES, 1, "no BibTeX entries"),
    # wrong types and values
    ("date-not-a-date", bib("{2021-11-24}", "{yesterday}"), 6, "not a date"),
    ("date-month-13", bib("{2021-11-24}", "{2021-13-01}"), 6, "not a date"),
    ("month-unknown", bib("date = {2021-11-24}", "year = 2021,\n  month = {Smarch}"), 7, "month"),
    ("undefined-macro", bib("{{Human Rights Watch}}", "hrww"), 4, "hrww"),
    # duplicates
    ("field-twice", bib("  url", "  title = {Again},\n  url"), 7, "twice"),
    ("duplicate-key", BIB + BIB.split("\n\n", 1)[1], 9, "duplicate key"),
    (
        "duplicate-key-other-case",
        BIB + bib("hrw-2021", "HRW-2021").split("\n\n", 1)[1],
        9,
        "duplicate key",
    ),
    # unknown kinds
    ("unknown-entry-type", bib("@online", "@webpage"), 3, "@webpage"),
    ("string-without-brace", bib("@string{", "@string "), 1, "not followed"),
    # empty
    ("empty-file", "", 1, "empty"),
    ("blank-lines", "\n  \n\n", 1, "empty"),
    ("only-prose", "References for the proposal, exported by hand.\n", 1, "no BibTeX entries"),
]


@pytest.mark.parametrize(("text", "line", "says"), cases(BIB_CASES))
@pytest.mark.parametrize("where", ["library", "draft"])
def test_a_bad_bibtex_file_is_refused_at_its_line(
    ws: Workspace, run_cli, where: str, text: str, line: int, says: str
) -> None:
    (ws.lib / "citations" / "refs.json").unlink()
    if where == "library":
        path, draft = ws.write("lib/citations/refs.bib", text), ws.write("draft.toml", PROPOSAL)
    else:
        path, draft = ws.write("own.bib", text), ws.write("draft.toml", OWN_BIB)
    result = run_cli("build", draft, "-o", ws.out, "--library", ws.lib)
    assert_refused(result, path, line, absent=(ws.out,), says=says)


def test_deeply_braced_bibtex_builds(ws: Workspace, run_cli) -> None:
    """Braces protect case in BibTeX; ten thousand levels of them are odd, not fatal."""
    (ws.lib / "citations" / "refs.json").unlink()
    ws.write("lib/citations/refs.bib", bib("{Mass", "{" + "{" * DEEP + "Mass" + "}" * DEEP))
    out = ws.root / "out.txt"
    result = run_cli("build", ws.write("draft.toml", PROPOSAL), "-o", out, "--library", ws.lib)
    assert result.code == 0, result.err
    assert "Mass Surveillance" in out.read_text()


# --- encodings and sizes, both formats -------------------------------------------------------

FILES = {"json": ("lib/citations/refs.json", SOURCES), "bib": ("lib/citations/refs.bib", BIB)}
ENCODED = {
    "utf-8-bom": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "utf-16-le-bom": lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    "utf-16-be-bom": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    "utf-16-crlf": lambda text: text.replace("\n", "\r\n").encode("utf-16"),
}


def _only(ws: Workspace, kind: str, data: bytes | str) -> object:
    """The library's one source file, as `kind`, holding `data`."""
    (ws.lib / "citations" / "refs.json").unlink()
    return ws.write(FILES[kind][0], data)


@pytest.mark.parametrize("encoding", ENCODED.keys())
@pytest.mark.parametrize("kind", FILES.keys())
def test_a_source_file_with_a_byte_order_mark_builds(
    ws: Workspace, run_cli, kind: str, encoding: str
) -> None:
    _only(ws, kind, ENCODED[encoding](FILES[kind][1].replace("Fuels", "Fuels Zürich’s")))
    out = ws.root / "out.txt"
    result = run_cli("build", ws.write("draft.toml", PROPOSAL), "-o", out, "--library", ws.lib)
    assert result.code == 0, result.err
    assert "Zürich’s" in out.read_text(encoding="utf-8")


BAD_BYTES = [
    ("json-latin-1", "json", sources("Oppression", "Oppressi\xf3n").encode("latin-1"), 2, "UTF-8"),
    ("bib-latin-1", "bib", bib("Oppression", "Oppressi\xf3n").encode("latin-1"), 5, "UTF-8"),
    ("bib-windows-1252-dash", "bib", bib("Fuels", "Fuels \x96").encode("latin-1"), 5, "UTF-8"),
    ("json-nul", "json", sources("Oppression", "Opp\x00ression").encode(), 2, "NUL"),
    ("bib-utf-16-without-bom", "bib", BIB.encode("utf-16-le"), 1, "NUL"),
]


@pytest.mark.parametrize(("kind", "data", "line", "says"), cases(BAD_BYTES))
def test_a_source_file_in_the_wrong_encoding_is_refused(
    ws: Workspace, run_cli, kind: str, data: bytes, line: int, says: str
) -> None:
    path = _only(ws, kind, data)
    result = run_cli("build", ws.write("draft.toml", PROPOSAL), "-o", ws.out, "--library", ws.lib)
    assert_refused(result, path, line, absent=(ws.out,), says=says)


@pytest.mark.parametrize("kind", FILES.keys())
def test_a_huge_source_file_is_refused(ws: Workspace, run_cli, kind: str) -> None:
    path = _only(ws, kind, b"")
    huge(path, MAX_TEXT_BYTES)
    result = run_cli("build", ws.write("draft.toml", PROPOSAL), "-o", ws.out, "--library", ws.lib)
    assert_refused(result, path, 1, absent=(ws.out,), says="limit")
