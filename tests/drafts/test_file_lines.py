"""The lines errors name inside a draft's tables come from the text the draft was read from:
the same lines as reading the file again would give, and the file is read once per build."""

from __future__ import annotations

import builtins
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import REPO, example_drafts, sized

from drafter.drafts.file import load_draft
from drafter.drafts.lines import array_table_lines, table_key_line, var_line
from drafter.errors import DraftError
from drafter.files.reading import key_line, read_text
from drafter.model import Draft

LETTER = REPO / "examples" / "aws-hart-coalition-letter.toml"
DRAFTS = sorted(
    [
        *example_drafts(),
        *(p for p in (REPO / "tests").rglob("*.toml") if "templates" not in p.parts),
        *(REPO / "templates").glob("*/starter.toml"),
    ]
)
ODD_KEYS = ["", "file", "list", "output", "company", "a b", " file", "file ", "a=b", 'a"b', "[x"]

# --- the answers as drafter gave them before, reading the draft's file each time -------------


def reread_table_key_line(draft: Draft, table: str, key: str = "") -> int | None:
    start = draft.key_lines.get(table)
    if not key or draft.path is None or start is None:
        return start
    try:
        text = read_text(draft.path, DraftError)
    except DraftError:
        return start
    for number, line in enumerate(text.split("\n")[start:], start + 1):
        if line.lstrip().startswith("["):
            break
        if key_line(line, key):
            return number
    return start


def reread_array_table_lines(draft: Draft, name: str) -> list[int]:
    if draft.path is None:
        return []
    try:
        text = read_text(draft.path, DraftError)
    except DraftError:
        return []
    pattern = re.compile(rf"^\s*\[\[\s*{re.escape(name)}\s*\]\]")
    return [n for n, line in enumerate(text.split("\n"), 1) if pattern.match(line)]


def reread_var_line(draft: Draft, name: str) -> int | None:
    if draft.path is None:
        return None
    try:
        text = read_text(draft.path, DraftError)
    except DraftError:
        return None
    start = draft.key_lines.get("vars", 1)
    return key_line(text, name, start) or start


def assert_same_lines(draft: Draft) -> None:
    """Every table, key and header the draft writes (and some it does not) get the same line."""
    text = draft.path.read_text(encoding="utf-8") if draft.path and draft.path.exists() else ""
    written = {line.partition("=")[0].strip().strip("\"'") for line in text.split("\n")}
    keys = {*ODD_KEYS, *written, *draft.vars}
    for value in draft.extra.values():
        for table in value if isinstance(value, list) else [value]:
            keys |= set(table) if isinstance(table, dict) else set()
    for table in [*draft.key_lines, "nowhere"]:
        for key in sorted(keys):
            assert table_key_line(draft, table, key) == reread_table_key_line(draft, table, key)
    for name in sorted(keys | {"to", "targets"}):
        assert array_table_lines(draft, name) == reread_array_table_lines(draft, name)
        assert var_line(draft, name) == reread_var_line(draft, name)


@pytest.mark.parametrize("path", DRAFTS, ids=lambda p: str(p.relative_to(REPO)))
def test_lines_are_those_of_the_file(path: Path) -> None:
    assert_same_lines(load_draft(path))


def test_a_draft_made_in_memory_still_finds_its_file(tmp_path: Path) -> None:
    """A draft not read from a file has no recorded lines: its file (when there is one) is read."""
    path = tmp_path / "letter.toml"
    path.write_text(LETTER.read_text(encoding="utf-8"), encoding="utf-8")
    loaded = load_draft(path)
    made = Draft(path=path, key_lines=loaded.key_lines, extra=loaded.extra, vars=loaded.vars)
    assert made.lines is None
    assert_same_lines(made)
    assert table_key_line(made, "letter", "response_deadline") == 26
    gone = Draft(path=tmp_path / "gone.toml", key_lines=loaded.key_lines)
    assert_same_lines(gone)
    assert_same_lines(replace(loaded, path=None))


# --- drafts hypothesis writes: tables of keys, arrays of tables, comments between ---

KEY = st.text(st.sampled_from("abf_- .=\"'é"), min_size=1, max_size=6)
VALUE = st.one_of(
    st.integers(0, 9),
    st.text(st.sampled_from("ab =\n[]\"'"), max_size=8),
    st.lists(st.integers(0, 3), max_size=2),
)
TABLES = ["letter", "signatories", "campaign", "filing", "history", "solicitation"]


@st.composite
def draft_texts(draw: st.DrawFn) -> str:
    data: dict[str, Any] = {"title": draw(st.text("ab", max_size=3))}
    data["vars"] = draw(st.dictionaries(KEY, st.text("ab", max_size=3), max_size=4))
    for table in draw(st.lists(st.sampled_from(TABLES), unique=True, max_size=3)):
        data[table] = draw(st.dictionaries(KEY, VALUE, max_size=4))
    for array in draw(st.lists(st.sampled_from(["to", "targets"]), unique=True, max_size=2)):
        data[array] = draw(
            st.lists(st.dictionaries(KEY, VALUE, min_size=1, max_size=2), max_size=3)
        )
    lines = tomli_w.dumps(data, multiline_strings=draw(st.booleans())).split("\n")
    for _ in range(draw(st.integers(0, 3))):  # comments and odd spacing, where a line may go
        at = draw(st.integers(0, len(lines)))
        lines.insert(at, draw(st.sampled_from(["# [letter]", "", "  # file = 1", "\t"])))
    return "\n".join(lines)


@settings(
    max_examples=sized(dev=40, ci=300),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(draft_texts())
def test_lines_are_those_of_the_file_for_any_draft(tmp_path: Path, text: str) -> None:
    path = tmp_path / "draft.toml"
    path.write_text(text, encoding="utf-8")
    try:
        draft = load_draft(path)
    except DraftError:
        return  # not a draft drafter reads (an unknown letter key is fine: these are only read)
    assert_same_lines(draft)


# --- a build reads the draft once -------------------------------------------------


def test_a_build_reads_the_draft_file_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from drafter.pipeline import build_file

    reads: list[str] = []
    depth = [0]  # Path.read_bytes opens the file itself: count the outermost call only
    target = LETTER.resolve()

    def counting(method: Any, name: str) -> Any:
        def read(file: Any, *args: Any, **kwargs: Any) -> Any:
            if depth[0] == 0 and isinstance(file, str | Path) and Path(file).resolve() == target:
                reads.append(name)
            depth[0] += 1
            try:
                return method(file, *args, **kwargs)
            finally:
                depth[0] -= 1

        return read

    for name in ("read_bytes", "read_text", "open"):
        monkeypatch.setattr(Path, name, counting(getattr(Path, name), name))
    monkeypatch.setattr(builtins, "open", counting(builtins.open, "open"))
    result = build_file(LETTER)
    assert result.document.blocks
    assert reads == ["read_bytes"]  # load_draft's one read; every line since comes from it
