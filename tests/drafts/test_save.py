"""Saving edits the user's draft file in place: one edit, one line (or the item's lines) of
difference; comments, blank lines, key order, quoting and layout stay as the user wrote them."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from drafter.drafts import editing
from drafter.drafts.editing import History, Position
from drafter.drafts.file import load_draft
from drafter.drafts.save import save_draft
from drafter.model import Draft, Item
from drafter.pipeline import open_library
from drafter.tui.session import Session

DRAFTS = Path(__file__).parent
LETTER = DRAFTS / "commented-letter.toml"


def changes(before: str, after: str) -> tuple[list[str], list[str]]:
    """The lines a save removed and the lines it added, in file order."""
    old, new = before.splitlines(), after.splitlines()
    removed: list[str] = []
    added: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new).get_opcodes():
        if tag != "equal":
            removed += old[i1:i2]
            added += new[j1:j2]
    return removed, added


def saved_after(edit: Callable[[Draft], Draft], tmp_path: Path) -> tuple[str, str, Draft]:
    """Copy the commented letter, apply `edit`, save: (text before, text after, the draft)."""
    path = tmp_path / "letter.toml"
    original = LETTER.read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    draft = edit(load_draft(path))
    save_draft(draft, path)
    return original, path.read_text(encoding="utf-8"), draft


def line_of(text: str, needle: str) -> str:
    (line,) = [line for line in text.splitlines() if needle in line]
    return line


EDITS: list[tuple[str, Callable[[Draft], Draft], list[str], list[str]]] = [
    (
        "new text for a clause with a comment on its line",
        lambda d: editing.set_item_text(d, Position("body", 0), "New words."),
        ['  "paragraph/hart-scale-and-retention",  # figures from the 2021 GAO report'],
        [
            '  { text = "New words.", from = "paragraph/hart-scale-and-retention" },'
            "  # figures from the 2021 GAO report"
        ],
    ),
    (
        "an item's own variable",
        lambda d: editing.set_item_var(d, Position("opening", 0), "cloud_unit", "AWS"),
        [
            '  { clause = "opening/hart-coalition", vars = { cloud_unit = "Amazon Web Services (AWS)" } },'
        ],
        ['  { clause = "opening/hart-coalition", vars = { cloud_unit = "AWS" } },'],
    ),
    (
        "a removed item",
        lambda d: editing.remove_item(d, Position("requests", 1)),
        ['  "request/hart-mitigation-steps",  # asked twice already'],
        [],
    ),
    (
        "an added item, quoted like the item it goes before",
        lambda d: editing.add_item(d, "body", Item(clause="paragraph/new"), 1),
        [],
        ["  'paragraph/new',"],
    ),
    (
        "an item added at the end of a one-line array",
        lambda d: editing.add_item(d, "closing", Item(clause="closing/thanks")),
        ['closing = ["closing/response-requested"]  # one line is enough'],
        ['closing = ["closing/response-requested", "closing/thanks"]  # one line is enough'],
    ),
    (
        "a duplicated item",
        lambda d: editing.duplicate_item(d, Position("requests", 0)),
        [],
        ['  "request/hart-due-diligence-conducted",'],
    ),
    (
        "a changed variable, literal quotes kept",
        lambda d: editing.set_var(d, "company", "Amazon.com, Inc."),
        ["company = 'Amazon'"],
        ["company = 'Amazon.com, Inc.'"],
    ),
    (
        "a new variable",
        lambda d: editing.set_var(d, "deadline", "two weeks"),
        [],
        ['deadline = "two weeks"'],
    ),
    (
        "a removed variable",
        lambda d: editing.set_var(d, "cloud_unit", None),
        ['cloud_unit = "AWS"   # short form after the first mention'],
        [],
    ),
    (
        "a new title, with its comment and literal quotes",
        lambda d: editing.set_fields(d, title="Letter on HART"),
        [
            "title = 'Letter to Amazon Web Services on the DHS HART Database'  # the subject line repeats it"
        ],
        ["title = 'Letter on HART'  # the subject line repeats it"],
    ),
    (
        "a new top-level setting",
        lambda d: editing.set_fields(d, notes="endnotes"),
        [],
        ['notes = "endnotes"'],
    ),
    (
        "a date in the [letter] table",
        lambda d: replace(
            d,
            extra={
                **d.extra,
                "letter": {**d.extra["letter"], "response_deadline": date(2022, 6, 14)},
            },
        ),
        ["response_deadline = 2022-06-07  # two weeks"],
        ["response_deadline = 2022-06-14  # two weeks"],
    ),
    (
        "a name in the second [[to]] table",
        lambda d: replace(
            d, extra={**d.extra, "to": [d.extra["to"][0], {**d.extra["to"][1], "name": "A. Jassy"}]}
        ),
        ['name = "Andy Jassy"'],
        ['name = "A. Jassy"'],
    ),
]


@pytest.mark.parametrize(
    ("edit", "removed", "added"), [e[1:] for e in EDITS], ids=[e[0] for e in EDITS]
)
def test_one_edit_changes_only_its_own_lines(edit, removed, added, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    before, after, draft = saved_after(edit, tmp_path)
    assert changes(before, after) == (removed, added)
    assert load_draft(tmp_path / "letter.toml") == draft


def test_a_moved_item_trades_places_with_its_neighbour_as_one_moved_line(tmp_path: Path) -> None:
    before, after, _ = saved_after(
        lambda d: editing.move_item(d, Position("requests", 1), 1)[0], tmp_path
    )
    removed, added = changes(before, after)
    assert removed == added and len(added) == 1  # one line moved; either of the two may move
    order = [line.strip() for line in after.splitlines() if "request/hart-" in line]
    assert order == [
        '"request/hart-due-diligence-conducted",',
        '"request/hart-contract-human-rights-terms",',
        '"request/hart-mitigation-steps",  # asked twice already',
    ]


def test_an_added_item_lands_at_its_place_among_its_neighbours(tmp_path: Path) -> None:
    _, after, _ = saved_after(
        lambda d: editing.add_item(d, "body", Item(clause="paragraph/new"), 1), tmp_path
    )
    lines = after.splitlines()
    at = lines.index("  'paragraph/new',")
    assert "# Why it matters." in lines[at - 1]
    assert "hart-accuracy-and-consent" in lines[at + 1]


def test_a_new_setting_goes_after_the_other_top_level_settings(tmp_path: Path) -> None:
    _, after, _ = saved_after(lambda d: editing.set_fields(d, notes="endnotes"), tmp_path)
    lines = after.splitlines()
    at = lines.index('notes = "endnotes"')
    assert lines[at - 1] == "]" and lines[at - 4].startswith("cc = [")  # after the cc array
    assert lines.index("[[to]]") > at


def test_saving_an_unchanged_draft_writes_the_same_bytes(tmp_path: Path) -> None:
    path = tmp_path / "letter.toml"
    path.write_bytes(LETTER.read_bytes())
    save_draft(load_draft(path), path)
    assert path.read_bytes() == LETTER.read_bytes()


def test_the_editor_session_saves_one_edit_as_one_line(tmp_path: Path) -> None:
    path = tmp_path / "letter.toml"
    path.write_bytes(LETTER.read_bytes())
    session = Session(path, open_library(()), History(load_draft(path)))
    session.history.apply(editing.set_var(session.draft, "company", "Amazon.com"))
    assert session.save() is None
    removed, added = changes(LETTER.read_text(encoding="utf-8"), path.read_text(encoding="utf-8"))
    assert (removed, added) == (["company = 'Amazon'"], ["company = 'Amazon.com'"])
    assert not session.history.dirty


def test_crlf_line_endings_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "letter.toml"
    original = LETTER.read_text(encoding="utf-8").replace("\n", "\r\n")
    path.write_bytes(original.encode("utf-8"))
    save_draft(editing.set_var(load_draft(path), "company", "AMZN"), path)
    data = path.read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n") == original.count("\r\n")
    removed, added = changes(original, data.decode("utf-8"))
    assert (removed, added) == (["company = 'Amazon'"], ["company = 'AMZN'"])


@pytest.mark.parametrize(
    ("codec", "bom"),
    [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("utf-8", b"\xef\xbb\xbf")],
)
def test_a_file_with_a_byte_order_mark_is_written_back_in_its_encoding(
    codec: str, bom: bytes, tmp_path: Path
) -> None:
    path = tmp_path / "letter.toml"
    original = LETTER.read_text(encoding="utf-8")
    path.write_bytes(bom + original.encode(codec))
    save_draft(editing.set_var(load_draft(path), "company", "AMZN"), path)
    data = path.read_bytes()
    assert data.startswith(bom)
    assert changes(original, data[len(bom) :].decode(codec)) == (
        ["company = 'Amazon'"],
        ["company = 'AMZN'"],
    )


OLD_LETTER = """\
# An old letter.
schema = 1  # the first format
template = "letter"
title = "Letter"
closing = "Yours faithfully,"  # how we sign

[sections]
opening = [{ text = "We write." }]
closing = ["closing/response-requested"]
"""


def test_a_schema_1_draft_has_its_renamed_key_edited_in_place(tmp_path: Path) -> None:
    path = tmp_path / "letter.toml"
    path.write_text(OLD_LETTER, encoding="utf-8")
    save_draft(editing.set_fields(load_draft(path), title="Our letter"), path)
    assert (tmp_path / "letter.schema-1.toml").read_text(encoding="utf-8") == OLD_LETTER
    removed, added = changes(OLD_LETTER, path.read_text(encoding="utf-8"))
    assert removed == [
        "schema = 1  # the first format",
        'title = "Letter"',
        'closing = "Yours faithfully,"  # how we sign',
    ]
    assert added == [
        "schema = 2  # the first format",
        'title = "Our letter"',
        'sign_off = "Yours faithfully,"  # how we sign',
    ]
    assert load_draft(path).extra["sign_off"] == "Yours faithfully,"


def test_a_file_broken_behind_the_editor_is_kept_before_it_is_written_afresh(
    tmp_path: Path,
) -> None:
    path = tmp_path / "letter.toml"
    path.write_bytes(LETTER.read_bytes())
    session = Session(path, open_library(()), History(load_draft(path)))
    session.history.apply(editing.set_var(session.draft, "company", "AMZN"))
    path.write_text("title = [broken\n", encoding="utf-8")  # another program's half-save
    note = session.save()
    assert note is not None and "letter.before-save.1.toml" in note
    assert (tmp_path / "letter.before-save.1.toml").read_text(encoding="utf-8") == (
        "title = [broken\n"
    )
    assert load_draft(path) == session.draft


def test_a_new_addressee_table_is_set_off_by_a_blank_line_like_the_others(tmp_path: Path) -> None:
    def add_to(d: Draft) -> Draft:
        return replace(d, extra={**d.extra, "to": [*d.extra["to"], {"name": "Matt Garman"}]})

    before, after, _ = saved_after(add_to, tmp_path)
    removed, added = changes(before, after)
    assert removed == [] and sorted(added) == ["", "[[to]]", 'name = "Matt Garman"']
    assert 'name = "Andy Jassy"\n\n[[to]]\nname = "Matt Garman"\n\n[sections]' in after


def test_an_inline_table_that_gains_a_key_keeps_its_spacing(tmp_path: Path) -> None:
    path = tmp_path / "d.toml"
    path.write_text('title = "T"  # t\nvars = { company = "X" }  # inline\n', encoding="utf-8")
    save_draft(editing.set_var(load_draft(path), "year", "2026"), path)
    assert path.read_text(encoding="utf-8") == (
        'title = "T"  # t\nvars = { company = "X", year = "2026" }  # inline\n'
    )


def test_an_autosave_equal_to_a_utf16_draft_is_not_offered_as_a_recovery(tmp_path: Path) -> None:
    from drafter.drafts.recovery import pending_recovery, write_autosave

    path = tmp_path / "letter.toml"
    path.write_bytes(LETTER.read_text(encoding="utf-8").encode("utf-16"))
    write_autosave(load_draft(path), path)
    assert pending_recovery(path) is None
    write_autosave(editing.set_var(load_draft(path), "company", "AMZN"), path)
    assert pending_recovery(path) is not None
