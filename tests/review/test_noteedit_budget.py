"""Note edits are tried on few rebuilds: all of one reviewer's on one rebuild of the draft, and
only those that do not print so each on a rebuild of its own, at most MAX_NOTE_TRIES of them in
one review (the rest are refused untried, with the reason). A returned file with hundreds of
note additions is reviewed in a few seconds, not one build per note."""

from __future__ import annotations

import re
import time
from dataclasses import replace
from pathlib import Path

import pytest
from review_files import rewrite, tracked_note_addition
from support import EXAMPLE

import drafter.review.harvest
from drafter.model import Span
from drafter.pipeline import build_file
from drafter.review.harvest import apply_to_new_version, harvest
from drafter.review.noteedits import MAX_NOTE_TRIES
from drafter.word import to_docx

ODD = " (odd)"  # an addition the stand-in style of `odd_style` prints otherwise


def cited_draft(tmp_path: Path, items: int, style: str = "proposal-urls") -> tuple[Path, Path]:
    """The example draft with `items` inline recitals each citing a source (one note each), and
    its DOCX."""
    text = EXAMPLE.read_text(encoding="utf-8").replace('"proposal-urls"', f'"{style}"')
    recitals = "".join(
        f'  {{ text = "Recital {k} cites [@dcd-hart-letter]." }},\n' for k in range(items)
    )
    text, found = re.subn(
        r"whereas = \[\n.*?\n\]\n", f"whereas = [\n{recitals}]\n", text, flags=re.S
    )
    assert found == 1
    draft = tmp_path / "many-notes.toml"
    draft.write_text(text, encoding="utf-8")
    built = tmp_path / "many-notes.docx"
    built.write_bytes(to_docx(build_file(draft).document))
    return draft, built


def with_additions(built: Path, out: Path, additions: dict[int, str], author: str) -> Path:
    """The built DOCX returned with tracked insertions at the end of the numbered footnotes."""

    def edit(xml: str) -> str:
        for number, words in additions.items():
            xml = tracked_note_addition(xml, number, words, author)
        return xml

    return rewrite(built, out, edit, part="word/footnotes.xml")


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the builds a harvest makes (its own first build, then every rebuild)."""
    made: list[int] = []
    real = drafter.review.harvest.build

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        made.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(drafter.review.harvest, "build", counted)
    return made


def odd_style(monkeypatch: pytest.MonkeyPatch) -> None:
    """Builds through a stand-in style that prints a citation suffix `(odd)` as `(even)`."""
    real = drafter.review.harvest.build

    def odd(*args, **kwargs):  # type: ignore[no-untyped-def]
        built = real(*args, **kwargs)
        notes = tuple(
            replace(n, spans=(Span(n.text.replace("(odd)", "(even)")),))
            for n in built.document.notes
        )
        return replace(built, document=replace(built.document, notes=notes))

    monkeypatch.setattr(drafter.review.harvest, "build", odd)


def test_two_hundred_note_additions_are_reviewed_in_a_few_seconds(tmp_path: Path) -> None:
    draft, built = cited_draft(tmp_path, 200)
    before = [n.text for n in build_file(draft).document.notes]
    assert len(before) == 200
    additions = {number: f" (archived {number})" for number in range(1, 201)}
    file = with_additions(built, tmp_path / "ana.docx", additions, "Ana Editor")
    started = time.monotonic()
    result = harvest(draft, [file])
    seconds = time.monotonic() - started
    assert seconds < 5.0, f"the review took {seconds:.1f} s"
    assert result.review.refusals() == []
    notes = [note for item in result.review.items for note in item.notes]
    assert len(notes) == 200 and all("Ana Editor" in note.citations for note in notes)
    out, changed = apply_to_new_version(result, [], tmp_path / "v2.toml")
    assert len(changed) == 200
    after = [n.text for n in build_file(out).document.notes]
    assert after == [f"{text} (archived {k})" for k, text in enumerate(before, 1)]


def test_each_reviewers_note_edits_share_one_rebuild(tmp_path: Path, builds: list[int]) -> None:
    draft, built = cited_draft(tmp_path, 60)
    ana = with_additions(built, tmp_path / "ana.docx", dict.fromkeys(range(1, 41), " (a)"), "Ana")
    ben = with_additions(built, tmp_path / "ben.docx", dict.fromkeys(range(21, 61), " (b)"), "Ben")
    result = harvest(draft, [ana, ben])
    assert len(builds) == 1 + 2  # the draft's own build, then one rebuild per reviewer
    assert result.review.refusals() == []
    by_number = {note.number: note for item in result.review.items for note in item.notes}
    assert sorted(by_number) == list(range(1, 61))
    assert {who for note in by_number.values() for who in note.citations} == {"Ana", "Ben"}
    assert [n for n, note in by_number.items() if note.conflict] == list(range(21, 41))


def test_only_the_edits_that_do_not_print_together_are_tried_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, builds: list[int]
) -> None:
    draft, built = cited_draft(tmp_path, 50)
    odd_style(monkeypatch)
    odd = {7, 19, 33}
    additions = {n: ODD if n in odd else " (archived)" for n in range(1, 51)}
    file = with_additions(built, tmp_path / "ana.docx", additions, "Ana Editor")
    result = harvest(draft, [file])
    # the first build; all 50 together; the 47 that printed, together; each odd one alone
    assert len(builds) == 1 + 2 + len(odd)
    refused = {n.number: n.refused for item in result.review.items for n in item.notes if n.refused}
    assert sorted(refused) == sorted(odd)
    assert all(why["Ana Editor"].startswith("the style prints it as") for why in refused.values())
    assert all("(even)" in why["Ana Editor"] for why in refused.values())
    out, changed = apply_to_new_version(result, [], tmp_path / "v2.toml")
    assert len(changed) == 50 - len(odd)
    notes = build_file(out).document.notes
    assert [n.number for n in notes if n.text.endswith("(archived)")] == sorted(
        set(additions) - odd
    )


def test_past_the_cap_note_edits_are_refused_untried_with_the_reason(
    tmp_path: Path, builds: list[int]
) -> None:
    """Chicago prints a suffix after its own final period, so none of these prints as written:
    the first MAX_NOTE_TRIES are each tried alone and refused for what the style prints, and
    the others are refused without a rebuild, saying why."""
    extra = 6
    count = MAX_NOTE_TRIES + extra
    draft, built = cited_draft(tmp_path, count, "chicago-notes-bibliography")
    before = [n.text for n in build_file(draft).document.notes]
    additions = dict.fromkeys(range(1, count + 1), " (archived copy)")
    file = with_additions(built, tmp_path / "ana.docx", additions, "Ana Editor")
    result = harvest(draft, [file])
    assert len(builds) == 1 + 1 + MAX_NOTE_TRIES
    lines = result.review.refusals()
    assert len(lines) == count
    assert all(line.startswith(f"note {k} (whereas {k}: ") for k, line in enumerate(lines, 1))
    tried, untried = lines[:MAX_NOTE_TRIES], lines[MAX_NOTE_TRIES:]
    assert all("is not applied: the style prints it as" in line for line in tried)
    assert all(
        f"not tried: more than {MAX_NOTE_TRIES} note edits" in line and "smaller rounds" in line
        for line in untried
    )
    out, changed = apply_to_new_version(result, [], tmp_path / "v2.toml")
    assert changed == [] and [n.text for n in build_file(out).document.notes] == before
