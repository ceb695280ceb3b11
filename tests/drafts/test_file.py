"""Draft TOML: validation with line numbers, and a lossless load → save → load round trip."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from drafter.drafts.file import check_known_keys, dumps_draft, load_draft, loads_draft
from drafter.drafts.save import save_draft
from drafter.errors import DraftError
from drafter.model import Item

DRAFT = textwrap.dedent(
    """\
    schema = 1
    template = "proposal"
    title = "Report on Customer Due Diligence"
    style = "chicago-notes-bibliography"
    order = "resolved-first"
    notes = "reuse"
    sources = ["refs.json"]

    [vars]
    company = "Amazon.com, Inc."
    shares = 2000

    [sections]
    whereas = [
      "whereas/ungp",
      { clause = "whereas/hart", vars = { people = "270 million" } },
      { text = "Inline text [@key]." },
    ]
    resolved = ["resolved/report"]
    supporting = []
    """
)


def test_items_of_every_form_are_read_with_their_lines() -> None:
    draft = loads_draft(DRAFT, Path("d.toml"))
    assert draft.sections["whereas"] == (
        Item(clause="whereas/ungp"),
        Item(clause="whereas/hart", vars={"people": "270 million"}),
        Item(text="Inline text [@key]."),
    )
    assert [i.line for i in draft.sections["whereas"]] == [15, 16, 17]
    assert draft.order == "resolved-first" and draft.notes == "reuse"
    assert draft.key_lines["style"] == 4


def test_load_save_load_is_identical(tmp_path: Path) -> None:
    first = loads_draft(DRAFT)
    path = tmp_path / "saved.toml"
    save_draft(first, path)
    second = load_draft(path)
    assert second == first
    assert dumps_draft(second) == path.read_text(encoding="utf-8")


def test_malformed_toml_reports_its_line() -> None:
    with pytest.raises(DraftError) as error:
        loads_draft('title = "x"\nstyle = = "apa"\n', Path("bad.toml"))
    assert error.value.line == 2
    assert error.value.one_line().startswith("bad.toml:2: malformed TOML")


def test_unknown_key_suggests_the_known_one() -> None:
    draft = loads_draft('schema = 2\ntitel = "x"\n', Path("d.toml"))
    with pytest.raises(DraftError) as error:
        check_known_keys(draft, ("filing",))
    assert error.value.line == 2 and "title" in (error.value.fix or "")


def test_keys_a_kind_reads_are_kept_and_known_to_it() -> None:
    """The reader keeps non-core keys in Draft.extra; they are known once a kind declares them."""
    draft = loads_draft('[result]\nitem = 8\n\n[filing]\nproponent = "A"\n', Path("d.toml"))
    assert list(draft.extra) == [
        "filing",
        "result",
    ]  # the order earlier versions wrote, then the file's
    check_known_keys(draft, ("filing", "result"))
    with pytest.raises(DraftError, match="unknown key 'result'"):
        check_known_keys(draft, ("filing",))


def test_a_renamed_key_is_refused_when_read() -> None:
    with pytest.raises(DraftError) as error:
        loads_draft('schema = 2\nclosing = "Yours,"\n', Path("d.toml"))
    assert error.value.line == 2 and "sign_off" in (error.value.fix or "")


def test_item_with_both_clause_and_text_is_refused_at_its_line() -> None:
    text = '[sections]\nwhereas = [\n  "a/b",\n  { clause = "a/c", text = "x" },\n]\n'
    with pytest.raises(DraftError) as error:
        loads_draft(text, Path("d.toml"))
    assert error.value.line == 4


def test_newer_schema_asks_for_an_upgrade() -> None:
    with pytest.raises(DraftError, match="newer"):
        loads_draft("schema = 9\n")


def test_unknown_notes_mode_is_refused() -> None:
    with pytest.raises(DraftError, match="notes mode"):
        loads_draft('notes = "sidenotes"\n')


def test_an_inline_item_starting_with_an_escape_gets_its_own_line() -> None:
    text = (
        'schema = 1\n[sections]\nwhereas = [\n  { text = "Plain words." },\n'
        '  { text = "\\u00e9tude \\"quoted\\" text" },\n  { text = "\\tTabbed" },\n]\n'
    )
    items = loads_draft(text).sections["whereas"]
    assert [item.line for item in items] == [4, 5, 6]


OLD_LETTER = """\
schema = 1
template = "letter"
title = "Letter"
closing = "Yours faithfully,"

[sections]
opening = [{ text = "We write." }]
closing = ["closing/response-requested"]
"""


def test_a_schema_1_draft_migrates_and_saving_keeps_the_original(tmp_path: Path) -> None:
    path = tmp_path / "letter.toml"
    path.write_text(OLD_LETTER, encoding="utf-8")
    draft = load_draft(path)
    assert (draft.schema, draft.migrated_from) == (2, 1)
    assert draft.extra["sign_off"] == "Yours faithfully," and "closing" not in draft.extra
    assert draft.key_lines["sign_off"] == 4
    save_draft(draft, path)
    kept = tmp_path / "letter.schema-1.toml"
    assert kept.read_text(encoding="utf-8") == OLD_LETTER
    saved = path.read_text(encoding="utf-8")
    assert "schema = 2" in saved and 'sign_off = "Yours faithfully,"' in saved
    assert load_draft(path) == draft and load_draft(path).migrated_from is None
    save_draft(load_draft(path), path)  # a second save leaves the kept original alone
    assert kept.read_text(encoding="utf-8") == OLD_LETTER


def test_a_migrated_draft_says_so_when_checked(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "letter.toml"
    path.write_text(OLD_LETTER, encoding="utf-8")
    result = run_cli("check", str(path))
    assert "written in schema 1; read as schema 2" in result.err + result.out
    assert "letter.schema-1.toml" in result.err + result.out
    assert not (tmp_path / "letter.schema-1.toml").exists()  # checking writes nothing


def test_a_utf16_schema_1_draft_is_kept_too(tmp_path: Path) -> None:
    path = tmp_path / "letter.toml"
    path.write_bytes(OLD_LETTER.encode("utf-16"))
    save_draft(load_draft(path), path)
    assert (tmp_path / "letter.schema-1.toml").read_bytes() == OLD_LETTER.encode("utf-16")
