"""Bad library files (clause files: front matter and Jinja body; templates' template.toml and
starter.toml) are refused with one line naming the file and line; nothing is written."""

from __future__ import annotations

import codecs

import pytest
from badinput import CLAUSE_A, PROPOSAL, Workspace, assert_refused, cases, huge

from drafter.files.reading import MAX_TEXT_BYTES

DEEP = 10_000
CLAUSE = "lib/clauses/whereas/a.md"
BODY = "{{ company }} hosts a database [@hrw-2021]."  # line 8 of CLAUSE_A
VARIABLE = '[variables.company]\ndescription = "The company"\n'  # lines 5-6 of CLAUSE_A


def clause(old: str, new: str) -> str:
    """The working clause with `old` replaced once by `new`."""
    assert old in CLAUSE_A, old
    return CLAUSE_A.replace(old, new, 1)


TITLE = 'title = "A recital"\n'  # line 3; an insert after it is line 4

# (case id, clause text, line, words the message must contain)
CLAUSE_CASES = [
    # malformed syntax
    ("no-front-matter", BODY + "\n", 1, "no front matter"),
    ("front-matter-never-closed", clause("+++\n" + BODY, BODY), 1, "never closed"),
    ("front-matter-unclosed-string", clause('"A recital"', '"A recital'), 3, "malformed TOML"),
    ("front-matter-duplicate-key", clause(TITLE, TITLE + 'title = "Again"\n'), 4, "TOML"),
    ("front-matter-duplicate-table", clause(VARIABLE, VARIABLE + VARIABLE), 7, "TOML"),
    ("front-matter-missing-equals", clause('kind = "whereas"', 'kind "whereas"'), 2, "TOML"),
    # wrong types
    ("kind-number", clause('kind = "whereas"', "kind = 5"), 2, "kind"),
    ("kind-list", clause('kind = "whereas"', 'kind = ["whereas"]'), 2, "kind"),
    ("title-number", clause('title = "A recital"', "title = 5"), 3, "title"),
    ("title-blank", clause('title = "A recital"', 'title = "  "'), 3, "title"),
    ("tags-text", clause(TITLE, TITLE + 'tags = "hart"\n'), 4, "tags"),
    ("tags-numbers", clause(TITLE, TITLE + "tags = [1, 2]\n"), 4, "tags"),
    ("notes-number", clause(TITLE, TITLE + "notes = 5\n"), 4, "notes"),
    ("reviewed-in-quotes", clause(TITLE, TITLE + 'reviewed = "2024-01-01"\n'), 4, "reviewed"),
    ("variables-number", clause(VARIABLE, "variables = 5\n"), 5, "variables"),
    ("variable-number", clause(VARIABLE, "[variables]\ncompany = 5\n"), 6, "company"),
    ("variable-bad-name", clause("[variables.company]", '[variables."my company"]'), 5, "name"),
    ("variable-default-list", clause(VARIABLE, VARIABLE + 'default = ["A"]\n'), 5, "default"),
    ("variable-default-table", clause(VARIABLE, VARIABLE + "default = { a = 1 }\n"), 5, "default"),
    # missing keys
    ("kind-missing", clause('kind = "whereas"\n', ""), 2, "no kind"),
    ("title-missing", clause(TITLE, ""), 1, "no title"),
    ("body-missing", clause(BODY, ""), 7, "no body"),
    ("body-blank-lines", clause(BODY, "\n\n   \n"), 7, "no body"),
    ("body-spaces-only", clause(BODY, "  \t  ").encode(), 7, "no body"),
    # extra keys
    ("unknown-front-matter-key", clause(TITLE, TITLE + 'tag = ["hart"]\n'), 4, "'tag'"),
    ("unknown-variable-key", clause(VARIABLE, VARIABLE + 'descripton = "x"\n'), 5, "descripton"),
    # unknown kinds
    ("unknown-kind", clause('kind = "whereas"', 'kind = "recital"'), 2, "unknown clause kind"),
    # empty
    ("empty-file", "", 1, "empty"),
    ("only-front-matter-markers", "+++\n+++\n", 2, "no kind"),
    # deep nesting
    ("deep-array", clause(TITLE, TITLE + "deep = " + "[" * DEEP + "]" * DEEP + "\n"), 4, "nested"),
    (
        "deep-variable-table",
        clause("[variables.company]", "[variables.company" + ".a" * DEEP + "]"),
        5,
        "nested",
    ),
    # the Jinja body
    ("jinja-unclosed-placeholder", clause(BODY, "{{ company hosts a database."), 8, "syntax"),
    ("jinja-unclosed-block", clause(BODY, "{% if company %}\nyes\n"), 8, ""),
    pytest.param(
        clause(BODY, "{{ company | shout }}."),
        8,
        "shout",
        id="jinja-unknown-filter",
    ),
    (
        "jinja-undeclared-variable",
        clause(BODY, "Line one.\n\n{{ compny }} hosts it."),
        10,
        "compny",
    ),
    ("jinja-unsafe-attribute", clause(BODY, "{{ company.__class__.__mro__ }}"), 8, ""),
    (
        "jinja-huge-output",
        clause(BODY, "{% for i in range(99999) %}{{ company }}{% endfor %}"),
        8,
        "",
    ),
    ("unknown-citation-in-body", clause("[@hrw-2021]", "[@hrw-2022]"), 8, "hrw-2022"),
]


@pytest.mark.parametrize(("text", "line", "says"), cases(CLAUSE_CASES))
def test_a_bad_clause_file_is_refused_at_its_line(
    ws: Workspace, run_cli, text: str, line: int, says: str
) -> None:
    path = ws.write(CLAUSE, text)
    draft = ws.write("draft.toml", PROPOSAL)
    ws.old_output("old.docx")
    result = run_cli("build", draft, "-o", ws.out, "--library", ws.lib)
    assert_refused(result, path, line, absent=(ws.out,), says=says)
    result = run_cli("build", draft, "-o", ws.root / "old.docx", "--library", ws.lib)
    assert_refused(result, path, line, unchanged=(ws.root / "old.docx",), says=says)


def test_a_bad_clause_the_draft_does_not_use_still_stops_the_build(ws: Workspace, run_cli) -> None:
    """A library is read whole: a broken file anywhere in it is named, never skipped."""
    path = ws.write("lib/clauses/paragraph/unused.md", '+++\nkind = "paragraph"\n')
    result = run_cli("build", ws.write("draft.toml", PROPOSAL), "-o", ws.out, "--library", ws.lib)
    assert_refused(result, path, 1, absent=(ws.out,), says="never closed")
    assert_refused(run_cli("list", "clauses", "--library", ws.lib), path, 1)


CLAUSE_BYTES = [
    ("latin-1-body", clause(BODY, "Soci\xe9t\xe9 {{ company }}.").encode("latin-1"), 8, "UTF-8"),
    ("latin-1-title", clause("A recital", "R\xe9cital").encode("latin-1"), 3, "UTF-8"),
    ("nul-byte", clause(BODY, "A\x00B").encode(), 8, "NUL"),
    ("utf-16-without-bom", CLAUSE_A.encode("utf-16-le"), 1, "NUL"),
]


@pytest.mark.parametrize(("data", "line", "says"), cases(CLAUSE_BYTES))
def test_a_clause_in_the_wrong_encoding_is_refused(
    ws: Workspace, run_cli, data: bytes, line: int, says: str
) -> None:
    path = ws.write(CLAUSE, data)
    result = run_cli("build", ws.write("draft.toml", PROPOSAL), "-o", ws.out, "--library", ws.lib)
    assert_refused(result, path, line, absent=(ws.out,), says=says)


def test_a_huge_clause_is_refused(ws: Workspace, run_cli) -> None:
    path = huge(ws.root / CLAUSE, MAX_TEXT_BYTES)
    result = run_cli("build", ws.write("draft.toml", PROPOSAL), "-o", ws.out, "--library", ws.lib)
    assert_refused(result, path, 1, absent=(ws.out,), says="limit")


ENCODED = {
    "utf-8-bom": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "utf-16-le-bom": lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    "utf-16-be-bom": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    "utf-16-crlf": lambda text: text.replace("\n", "\r\n").encode("utf-16"),
}


@pytest.mark.parametrize("encoding", ENCODED.keys())
def test_a_clause_with_a_byte_order_mark_builds(ws: Workspace, run_cli, encoding: str) -> None:
    ws.write(CLAUSE, ENCODED[encoding](clause("hosts", "héberge — hosts")))
    out = ws.root / "out.txt"
    result = run_cli("build", ws.write("draft.toml", PROPOSAL), "-o", out, "--library", ws.lib)
    assert result.code == 0, result.err
    assert "Amazon héberge — hosts a database" in out.read_text(encoding="utf-8")


# --- templates ---------------------------------------------------------------------------

TEMPLATE_PATH = "lib/templates/memo/template.toml"
TEMPLATE = """\
description = "A memo to the board"
word_limit = 500
rules = []

[[sections]]
id = "whereas"
kind = "whereas"

[[sections]]
id = "resolved"
kind = "resolved"
required = true

[orders.standard]
layout = ["whereas", "resolved"]
"""
MEMO = PROPOSAL.replace('template = "proposal"', 'template = "memo"')
SECOND = '[[sections]]\nid = "resolved"\nkind = "resolved"\nrequired = true\n'  # lines 9-12
ORDER = '[orders.standard]\nlayout = ["whereas", "resolved"]\n'  # lines 14-15


def template(old: str, new: str) -> str:
    """The working template with `old` replaced once by `new`."""
    assert old in TEMPLATE, old
    return TEMPLATE.replace(old, new, 1)


TEMPLATE_CASES = [
    # malformed syntax
    ("unclosed-string", template('"A memo to the board"', '"A memo'), 1, "malformed TOML"),
    ("unclosed-array", template('"resolved"]\n', '"resolved"\n'), 15, "malformed TOML"),
    (
        "duplicate-key",
        template("word_limit = 500\n", "word_limit = 500\nword_limit = 5\n"),
        3,
        "TOML",
    ),
    # wrong types
    ("word-limit-text", template("word_limit = 500", 'word_limit = "500"'), 2, "word_limit"),
    ("word-limit-negative", template("word_limit = 500", "word_limit = -1"), 2, "word_limit"),
    ("rules-text", template("rules = []", 'rules = "letter"'), 3, "rules"),
    ("frame-vars-number", template("rules = []", "frame_vars = 5"), 3, "frame_vars"),
    ("description-list", template('"A memo to the board"', '["A memo"]'), 1, "description"),
    (
        "sections-text",
        template("rules = []", 'sections = "whereas"').split("\n\n[[")[0],
        3,
        "sections",
    ),
    ("section-id-number", template('id = "resolved"', "id = 5"), 9, "id"),
    ("section-label-number", template(SECOND, SECOND + "label = 5\n"), 9, "label"),
    ("section-required-text", template("required = true", 'required = "no"'), 9, "required"),
    (
        "orders-number",
        template(ORDER, "").replace("rules = []", "rules = []\norders = 5"),
        4,
        "orders",
    ),
    (
        "layout-text",
        template('layout = ["whereas", "resolved"]', 'layout = "whereas"'),
        14,
        "layout",
    ),
    ("no-lead-number", template(ORDER, ORDER + "no_lead = 5\n"), 14, "no_lead"),
    # missing keys
    ("section-without-id", template('id = "resolved"\n', ""), 9, "id"),
    ("no-sections", TEMPLATE.split("[[sections]]")[0], 1, "[[sections]]"),
    # extra keys
    ("unknown-template-key", template("rules = []", "rulez = []"), 3, "rulez"),
    ("unknown-section-key", template(SECOND, SECOND + 'lable = "R"\n'), 9, "lable"),
    ("unknown-order-key", template(ORDER, ORDER + 'heading = "x"\n'), 14, "heading"),
    # duplicate ids
    ("duplicate-section-id", template('id = "resolved"', 'id = "whereas"'), 9, "two sections"),
    # unknown kinds and names
    ("unknown-section-kind", template('kind = "resolved"', 'kind = "decision"'), 9, "decision"),
    ("unknown-rule", template("rules = []", 'rules = ["14a8"]'), 3, "14a8"),
    (
        "order-names-unknown-section",
        template('"whereas", "resolved"]', '"whereas", "resolve"]'),
        14,
        "resolve",
    ),
    (
        "no-lead-names-unknown-section",
        template(ORDER, ORDER + 'no_lead = ["recitals"]\n'),
        14,
        "recitals",
    ),
    # empty
    ("empty-file", "", 1, "empty"),
    ("only-comments", "# to do\n", 1, "empty"),
    # deep nesting
    ("deep-array", template("rules = []", "rules = " + "[" * DEEP + "]" * DEEP), 3, "nested"),
    ("deep-order-table", TEMPLATE + "[orders.x" + ".a" * DEEP + "]\n", 16, "nested"),
]


@pytest.mark.parametrize(("text", "line", "says"), cases(TEMPLATE_CASES))
def test_a_bad_template_is_refused_at_its_line(
    ws: Workspace, run_cli, text: str, line: int, says: str
) -> None:
    path = ws.write(TEMPLATE_PATH, text)
    draft = ws.write("draft.toml", MEMO)
    result = run_cli("build", draft, "-o", ws.out, "--library", ws.lib)
    assert_refused(result, path, line, absent=(ws.out,), says=says)
    new = ws.root / "new.toml"
    assert_refused(run_cli("new", "memo", new, "--library", ws.lib), path, line, absent=(new,))


TEMPLATE_BYTES = [
    ("latin-1", template("A memo", "Un m\xe9mo").encode("latin-1"), 1, "UTF-8"),
    ("nul-byte", template("rules = []", "rules = [\x00]").encode(), 3, "NUL"),
]


@pytest.mark.parametrize(("data", "line", "says"), cases(TEMPLATE_BYTES))
def test_a_template_in_the_wrong_encoding_is_refused(
    ws: Workspace, run_cli, data: bytes, line: int, says: str
) -> None:
    path = ws.write(TEMPLATE_PATH, data)
    result = run_cli("build", ws.write("draft.toml", MEMO), "-o", ws.out, "--library", ws.lib)
    assert_refused(result, path, line, absent=(ws.out,), says=says)


def test_a_huge_template_is_refused(ws: Workspace, run_cli) -> None:
    path = huge(ws.root / TEMPLATE_PATH, MAX_TEXT_BYTES)
    result = run_cli("build", ws.write("draft.toml", MEMO), "-o", ws.out, "--library", ws.lib)
    assert_refused(result, path, 1, absent=(ws.out,), says="limit")


@pytest.mark.parametrize("encoding", ENCODED.keys())
def test_a_template_with_a_byte_order_mark_builds(ws: Workspace, run_cli, encoding: str) -> None:
    ws.write(TEMPLATE_PATH, ENCODED[encoding](template("A memo", "Un mémo")))
    result = run_cli("build", ws.write("draft.toml", MEMO), "-o", ws.out, "--library", ws.lib)
    assert result.code == 0, result.err
    assert ws.out.read_bytes()[:2] == b"PK"
    listed = run_cli("list", "templates", "--json", "--library", ws.lib)
    assert "Un mémo" in listed.out


STARTER_CASES = [
    ("starter-malformed", 'schema = 1\ntemplate = "memo\n', 2, "malformed TOML"),
    ("starter-unknown-key", 'schema = 1\ntemplate = "memo"\ntitel = "x"\n', 3, "titel"),
    ("starter-latin-1", b'schema = 1\ntitle = "M\xe9mo"\n', 2, "UTF-8"),
]


@pytest.mark.parametrize(("text", "line", "says"), cases(STARTER_CASES))
def test_a_bad_starter_draft_is_refused_and_no_draft_is_created(
    ws: Workspace, run_cli, text: str | bytes, line: int, says: str
) -> None:
    ws.write(TEMPLATE_PATH, TEMPLATE)
    path = ws.write("lib/templates/memo/starter.toml", text)
    new = ws.root / "new.toml"
    result = run_cli("new", "memo", new, "--library", ws.lib)
    assert_refused(result, path, line, absent=(new,), says=says)
