"""The example proposal, end to end through the command line, as a filer would run it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from support import EXAMPLE, need_tool


def drafter(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run `python -m drafter` in a separate process from `cwd`."""
    return subprocess.run(
        [sys.executable, "-m", "drafter", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(EXAMPLE.parents[1])},
    )


def note_numbers(markdown: str) -> tuple[list[int], list[int]]:
    """Note references in reading order, and note definitions in order."""
    body, _, defs = markdown.partition("\n[^1]:")
    refs = [int(n) for n in re.findall(r"\[\^(\d+)\](?!:)", body)]
    definitions = [int(n) for n in re.findall(r"^\[\^(\d+)\]:", "[^1]:" + defs, re.M)]
    return refs, definitions


def notes_of(markdown: str) -> dict[int, str]:
    return {int(n): t for n, t in re.findall(r"^\[\^(\d+)\]: (.*)$", markdown, re.M)}


def test_example_builds_from_another_folder_with_notes_in_reading_order(tmp_path: Path) -> None:
    result = drafter("build", EXAMPLE, "--format", "md", "-o", "x.md", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    markdown = (tmp_path / "x.md").read_text(encoding="utf-8")
    refs, definitions = note_numbers(markdown)
    assert len(refs) >= 10
    assert refs == list(range(1, len(refs) + 1))
    assert definitions == refs


def test_a_repeated_source_is_ibid_in_the_proposal_style(tmp_path: Path) -> None:
    drafter("build", EXAMPLE, "--format", "md", "-o", "x.md", cwd=tmp_path)
    notes = notes_of((tmp_path / "x.md").read_text(encoding="utf-8"))
    ibids = [n for n, text in notes.items() if text == "Ibid."]
    assert ibids, notes
    for n in ibids:
        assert notes[n - 1].startswith("<http")  # the note before holds the full address


def test_a_repeated_source_is_in_short_form_in_chicago(tmp_path: Path) -> None:
    result = drafter(
        "build", EXAMPLE, "--style", "chicago-notes-bibliography", "-o", "c.md", cwd=tmp_path
    )
    assert result.returncode == 1  # full Chicago notes take the proposal over 500 words
    assert "over the 500-word limit" in result.stderr
    notes = notes_of((tmp_path / "c.md").read_text(encoding="utf-8"))
    firsts: dict[str, int] = {}
    shorts = 0
    for number, text in sorted(notes.items()):
        title = re.search(r"“([^”]+?)[,.]?”", text) or re.search(r"\*([^*]+)\*", text)
        assert title, text
        key = title.group(1)
        if key in firsts:
            assert len(text) < len(notes[firsts[key]]) and "http" not in text
            shorts += 1
        else:
            firsts[key] = number
    assert shorts >= 1


def test_check_on_the_example_prints_counts_by_part_and_passes(tmp_path: Path) -> None:
    result = drafter("check", EXAMPLE, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    for part in ("Title", "Recitals", "Resolved", "Notes", "total"):
        assert part in result.stdout
    data = json.loads(drafter("check", EXAMPLE, "--json", cwd=tmp_path).stdout)
    assert data["words"]["conservative"] < 500
    assert sum(data["words"]["parts"].values()) == data["words"]["conservative"]


def test_a_520_word_draft_fails_check_and_names_its_count(tmp_path: Path) -> None:
    def draft(words: int) -> Path:
        path = tmp_path / "long.toml"
        filler = " ".join(["word"] * words)
        path.write_text(
            EXAMPLE.read_text(encoding="utf-8").replace(
                "supporting = []", f'supporting = [{{ text = "{filler}" }}]'
            ),
            encoding="utf-8",
        )
        return path

    base = json.loads(drafter("check", draft(1), "--json", cwd=tmp_path).stdout)
    padding = 520 - base["words"]["conservative"] + 1
    result = drafter("check", draft(padding), cwd=tmp_path)
    assert result.returncode == 1
    assert "520" in result.stdout + result.stderr
    assert re.search(r"520 words.*500", result.stdout + result.stderr)


def test_pandoc_reads_the_markdown_notes_as_real_footnotes(tmp_path: Path) -> None:
    pandoc = need_tool("pandoc")
    drafter("build", EXAMPLE, "-o", "x.md", cwd=tmp_path)
    markdown = (tmp_path / "x.md").read_text(encoding="utf-8")
    ast = json.loads(
        subprocess.run(
            [pandoc, "-f", "markdown", "-t", "json", str(tmp_path / "x.md")],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    found = {"Note": 0, "Link": 0}

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if node.get("t") in found:
                found[node["t"]] += 1
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(ast["blocks"])
    refs, _ = note_numbers(markdown)
    assert found["Note"] == len(refs)
    assert found["Link"] >= len(refs) - 1
    assert ast["meta"] == {} or "title" not in ast["meta"]
