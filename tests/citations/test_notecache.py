"""The notes cache: a later run with the same citations takes its notes from the XDG cache
folder without citeproc, anything that shapes the notes renders afresh, and a bad or
unwritable cache is only a miss."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import pytest
from citing import cite
from support import build_example_in_a_process

from drafter.citations import CitationRenderer, engine, notecache, renderer, resolve_style
from drafter.model import Source

CHICAGO = "chicago-notes-bibliography"
CLUSTERS = [cite("doe"), cite("roe", "4"), cite("doe")]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The notes cache turned on, in a folder of this test's own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("DRAFTER_NOTES_CACHE")
    forget()
    return tmp_path / "xdg" / "drafter" / "notes"


def forget() -> None:
    """What a new process knows: nothing rendered, no style parsed."""
    renderer._rendered.clear()
    renderer._facts.clear()
    renderer._styles.clear()
    engine._parsed.clear()


def no_citeproc(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object) -> None:
        raise AssertionError("citeproc was asked")

    monkeypatch.setattr(engine, "render", refuse)
    monkeypatch.setattr(engine, "parsed", refuse)


def test_a_later_run_takes_the_same_notes_from_the_cache_without_citeproc(
    cache: Path, sources: dict[str, Source], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = CitationRenderer(resolve_style(CHICAGO), sources)
    notes = first.render(CLUSTERS)
    assert first.is_note and len(list(cache.iterdir())) == 2  # the notes and the style's facts
    forget()
    no_citeproc(monkeypatch)
    again = CitationRenderer(resolve_style(CHICAGO), sources)
    assert again.is_note and again.render(CLUSTERS) == notes


def test_whatever_shapes_the_notes_renders_afresh(cache: Path, sources: dict[str, Source]) -> None:
    style = resolve_style(CHICAGO)
    before = CitationRenderer(style, sources).render(CLUSTERS)
    changed = dict(sources)
    changed["doe"] = replace(sources["doe"], csl={**sources["doe"].csl, "title": "Another Title"})
    forget()
    after = CitationRenderer(style, changed).render(CLUSTERS)
    assert before != after and "Another Title" in "".join(s.text for s in after[0])
    forget()
    located = CitationRenderer(style, sources).render([cite("doe", "9"), *CLUSTERS[1:]])
    assert located[0] != before[0] and "9" in "".join(s.text for s in located[0])
    forget()
    other = CitationRenderer(resolve_style("apa"), sources).render(CLUSTERS)
    assert other != before


@pytest.mark.parametrize(
    "content",
    [
        b"not json",
        b"[]",
        json.dumps({"format": 1, "facts": {}, "notes": []}).encode(),
        json.dumps({"format": 99, "facts": {}, "notes": []}).encode(),
        b'{"format": 1, "notes": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        b" " * (notecache.MAX_ENTRY_BYTES + 1),
    ],
    ids=["garbage", "a list", "no facts", "another layout", "deep", "too large"],
)
def test_a_bad_entry_is_a_miss_and_is_rendered_afresh(
    cache: Path, sources: dict[str, Source], content: bytes
) -> None:
    style = resolve_style(CHICAGO)
    notes = CitationRenderer(style, sources).render(CLUSTERS)
    for entry in cache.iterdir():
        entry.write_bytes(content)
    forget()
    assert CitationRenderer(style, sources).render(CLUSTERS) == notes


def test_an_entry_holding_other_notes_than_asked_is_a_miss(
    cache: Path, sources: dict[str, Source]
) -> None:
    style = resolve_style(CHICAGO)
    notes = CitationRenderer(style, sources).render(CLUSTERS)
    for entry in cache.iterdir():
        value = json.loads(entry.read_bytes())
        value["notes"] = value["notes"][:1] or [[{"text": "x", "bold": "yes"}]]
        entry.write_text(json.dumps(value), encoding="utf-8")
    forget()
    assert CitationRenderer(style, sources).render(CLUSTERS) == notes


def test_an_unwritable_cache_folder_only_means_no_cache(
    tmp_path: Path, sources: dict[str, Source], monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    monkeypatch.delenv("DRAFTER_NOTES_CACHE")
    forget()
    notes = CitationRenderer(resolve_style(CHICAGO), sources).render(CLUSTERS)
    assert len(notes) == 3 and blocker.read_text(encoding="utf-8") == ""


def test_turned_off_it_writes_nothing(
    cache: Path, sources: dict[str, Source], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DRAFTER_NOTES_CACHE", "off")
    CitationRenderer(resolve_style(CHICAGO), sources).render(CLUSTERS)
    assert not cache.exists()


def test_a_rebuild_of_the_example_loads_no_citeproc_and_writes_the_same_file(
    tmp_path: Path,
) -> None:
    cache = tmp_path / "xdg"
    runs = [
        build_example_in_a_process(
            tmp_path / name, cache, "code, 'citeproc' in sys.modules", "--style", CHICAGO
        ).split()
        for name in ("first.md", "again.md")
    ]
    assert runs[0][1] == "True" and runs[1][1] == "False", runs
    first = (tmp_path / "first.md").read_text(encoding="utf-8")
    assert first == (tmp_path / "again.md").read_text(encoding="utf-8") and "[^11]:" in first


def test_an_entry_that_is_a_pipe_is_a_miss_and_never_waited_on(
    cache: Path, sources: dict[str, Source]
) -> None:
    import threading

    style = resolve_style(CHICAGO)
    notes = CitationRenderer(style, sources).render(CLUSTERS)
    for entry in list(cache.iterdir()):
        entry.unlink()
        os.mkfifo(entry)
    forget()
    found: list[object] = []
    worker = threading.Thread(
        target=lambda: found.append(CitationRenderer(style, sources).render(CLUSTERS)),
        daemon=True,
    )
    worker.start()
    worker.join(timeout=20)
    assert found == [notes]  # rendered afresh: the pipe was neither read nor written


def test_entries_are_private_and_a_hit_counts_as_a_use(
    cache: Path, sources: dict[str, Source]
) -> None:
    style = resolve_style(CHICAGO)
    CitationRenderer(style, sources).render(CLUSTERS)
    assert cache.stat().st_mode & 0o777 == 0o700
    entries = list(cache.iterdir())
    assert entries and all(e.stat().st_mode & 0o777 == 0o600 for e in entries)
    for entry in entries:
        os.utime(entry, (1_000_000, 1_000_000))
    forget()
    again = CitationRenderer(style, sources)
    assert again.is_note and again.render(CLUSTERS)  # as a build asks: the kind of style, notes
    assert all(e.stat().st_mtime > 1_000_000 for e in entries)  # pruning keeps what is used


def test_the_processors_own_modules_are_part_of_the_cache_key() -> None:
    """An edit to the CSL processor (citations/csl/) must not serve notes rendered before it."""
    names = [entry[0] for entry in notecache._code_stamp()]
    assert "csl/processor.py" in names and "csl/names.py" in names
    assert "citations/engine.py" in names
