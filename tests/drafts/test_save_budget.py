"""Saving a long draft in place is quick, whatever was edited, and kept versions are never
overwritten, not even by two saves keeping one at the same moment."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest

from drafter.drafts import save as draftsave
from drafter.drafts.alignment import align
from drafter.drafts.file import loads_draft
from drafter.drafts.save import draft_bytes, keep_version, numbered_versions
from drafter.drafts.tomltext import toml_text, value_key
from drafter.model import Draft

SECONDS = {400: 5.0, 5000: 15.0}  # with room for two busy shared cores (before: 400 items, 209 s)


def long_draft(tmp_path: Path, count: int) -> tuple[Path, Draft]:
    """A draft of `count` inline items, one a line, each with a comment; its file and draft."""
    lines = ["schema = 2", 'template = "proposal"', 'title = "Long"', "", "[sections]", "body = ["]
    for n in range(count):
        text = f"Paragraph {n}: the company shall report on matter {n} by {2000 + n}. " * 3
        lines.append(f"  {toml_text({'text': text})},  # note {n}")
    path = tmp_path / "long.toml"
    path.write_text("\n".join([*lines, "]", ""]), encoding="utf-8")
    return path, loads_draft(path.read_text(encoding="utf-8"), path)


def every_item_edited_and_one_removed(draft: Draft) -> tuple[Draft, int]:
    items = [replace(item, text=f"{item.text}Amended.") for item in draft.sections["body"]]
    gone = len(items) // 2
    del items[gone]
    return replace(draft, sections={"body": tuple(items)}), gone


@pytest.mark.parametrize("count", [400, 5000])
def test_a_long_draft_with_every_item_edited_saves_in_seconds(tmp_path: Path, count: int) -> None:
    path, draft = long_draft(tmp_path, count)
    edited, gone = every_item_edited_and_one_removed(draft)
    started = time.perf_counter()
    text = draft_bytes(edited, path).decode("utf-8")
    took = time.perf_counter() - started
    assert loads_draft(text, path) == edited
    assert took < SECONDS[count], f"{count} items saved in {took:.1f} s"
    # each comment stays with its item: the removed one's goes, the others' do not move
    assert f"# note {gone}\n" not in text
    assert f'matter {gone + 1} by {2001 + gone}. Amended." }},  # note {gone + 1}\n' in text


def test_matching_five_thousand_edited_items_takes_under_two_seconds() -> None:
    old = [
        value_key({"text": f"Item {n} of the list, as it was written at first."})
        for n in range(5000)
    ]
    unrelated = [
        value_key({"text": f"{n * 7919 % 4999} something else entirely"}) for n in range(4999)
    ]
    for new in (
        unrelated,
        [
            value_key({"text": f"Item {n} of the list, as amended."})
            for n in range(5000)
            if n != 2500
        ],
    ):
        started = time.perf_counter()
        pairs = align(old, new)
        assert time.perf_counter() - started < 2.0
        assert pairs == sorted(pairs) and len({i for i, _ in pairs}) == len(pairs)


def test_an_unreadable_newest_version_counts_as_different(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "draft.toml"
    path.write_text('title = "now"\n', encoding="utf-8")
    newest = tmp_path / "draft.before-save.1.toml"
    newest.write_text('title = "now"\n', encoding="utf-8")
    read = Path.read_bytes

    def unreadable(self: Path) -> bytes:
        if self == newest:
            raise PermissionError(13, "Permission denied", str(self))
        return read(self)

    monkeypatch.setattr(Path, "read_bytes", unreadable)
    kept = keep_version(path, "before-save")
    monkeypatch.undo()
    assert kept == tmp_path / "draft.before-save.2.toml"
    assert kept.read_text(encoding="utf-8") == 'title = "now"\n'


def test_two_saves_keeping_versions_at_once_never_overwrite_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "draft.toml"
    path.write_text('title = "now"\n', encoding="utf-8")
    first = tmp_path / "draft.before-save.1.toml"
    first.write_text('title = "then"\n', encoding="utf-8")
    both_looked = threading.Barrier(2, timeout=10)
    looked = threading.local()
    listed = draftsave.numbered_versions

    def list_then_wait(file: Path, label: str) -> list[tuple[int, Path]]:
        found = listed(file, label)
        if not getattr(looked, "once", False):  # both saves see the same versions, then go on
            looked.once = True
            both_looked.wait()
        return found

    monkeypatch.setattr(draftsave, "numbered_versions", list_then_wait)
    kept: list[Path | None] = []
    saves = [
        threading.Thread(target=lambda: kept.append(keep_version(path, "before-save")))
        for _ in range(2)
    ]
    for save in saves:
        save.start()
    for save in saves:
        save.join(20)
    monkeypatch.undo()
    assert len(kept) == 2 and None not in kept
    assert len(set(kept)) == 2, f"both saves kept their copy as {kept[0]}"
    assert first.read_text(encoding="utf-8") == 'title = "then"\n'
    assert [n for n, _ in numbered_versions(path, "before-save")] == [1, 2, 3]
    assert all(p is not None and p.read_bytes() == path.read_bytes() for p in kept)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_many_saves_keeping_versions_at_once_lose_none(tmp_path: Path) -> None:
    """Eight threads keep eight different files under one run of numbered names at once."""
    draft = tmp_path / "draft.toml"
    contents = [f'title = "version {n}"\n'.encode() for n in range(8)]
    kept: list[Path] = []
    errors: list[BaseException] = []
    start = threading.Barrier(8, timeout=10)

    def save(n: int) -> None:
        source = tmp_path / f"source{n}.toml"
        source.write_bytes(contents[n])
        names = (draftsave.version_name(draft, "before-review", k) for k in range(1, 100))
        start.wait()
        try:
            kept.append(draftsave.write_new(source, contents[n], names))
        except BaseException as exc:  # reported below, with the others' results
            errors.append(exc)

    threads = [threading.Thread(target=save, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert not errors
    assert sorted(p.read_bytes() for p in kept) == sorted(contents)
    assert [n for n, _ in numbered_versions(draft, "before-review")] == list(range(1, 9))


def test_a_file_that_cannot_be_read_for_a_reason_without_a_name_says_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "draft.toml"
    path.write_text('title = "now"\n', encoding="utf-8")
    draft = loads_draft(path.read_text(encoding="utf-8"), path)

    def fails(self: Path) -> bytes:
        raise OSError("the disk went away")  # an OSError with no strerror

    monkeypatch.setattr(Path, "read_bytes", fails)
    with pytest.raises(draftsave.LayoutLost) as caught:
        draft_bytes(replace(draft, title="new"), path)
    assert "(the disk went away)" in caught.value.one_line()
    assert "None" not in caught.value.one_line()
