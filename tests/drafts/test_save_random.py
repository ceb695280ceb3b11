"""Random edit sequences through drafter.drafts.editing, saved over a commented draft: the file reads
back as the draft in memory, and every comment survives unless the thing it sat on is gone."""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import sized

from drafter.drafts import editing
from drafter.drafts.editing import Position
from drafter.drafts.file import load_draft, loads_draft
from drafter.drafts.save import save_draft
from drafter.model import Draft, Item

DRAFTS = Path(__file__).parent
FIXTURES = [DRAFTS / "commented-letter.toml", DRAFTS / "commented-proposal.toml"]
TRAILING = re.compile(r"#[^\"']*$")  # the fixtures' strings hold no '#'


@dataclass
class Model:
    """The draft and, beside each item, the comment on its line in the original (if any)."""

    draft: Draft
    tags: dict[str, list[str | None]]
    gone_vars: set[str] = field(default_factory=set)
    counter: int = 0


def start(path: Path) -> Model:
    text = path.read_text(encoding="utf-8")
    draft = loads_draft(text, path)
    lines = text.split("\n")
    tags: dict[str, list[str | None]] = {}
    for name, items in draft.sections.items():
        header = draft.key_lines.get(f"sections.{name}")
        tags[name] = []
        for item in items:
            comment = TRAILING.search(lines[item.line - 1]) if item.line != header else None
            tags[name].append(comment[0] if comment else None)
    return Model(draft, tags)


def step(model: Model, op: tuple[str, int, int]) -> None:
    kind, pick, value = op
    draft, tags = model.draft, model.tags
    section = sorted(draft.sections)[pick % len(draft.sections)]
    items = draft.sections[section]
    at = Position(section, value % len(items)) if items else None
    model.counter += 1
    if kind == "add":
        index = value % (len(items) + 1)
        draft = editing.add_item(draft, section, Item(clause=f"x/added-{model.counter}"), index)
        tags[section].insert(index, None)
    elif kind == "remove" and at:
        draft = editing.remove_item(draft, at)
        del tags[section][at.index]
    elif kind == "move" and at:
        draft, to = editing.move_item(draft, at, 1 if pick % 2 else -1)
        tags[section].insert(to.index, tags[section].pop(at.index))
    elif kind == "duplicate" and at:
        draft = editing.duplicate_item(draft, at)
        tags[section][at.index] = None  # two equal items: either may keep the comment
        tags[section].insert(at.index + 1, None)
    elif kind == "text" and at:
        old = items[at.index]
        text = f"{old.text} More." if old.text else f"Text that began as {old.clause}."
        draft = editing.set_item_text(draft, at, text)
    elif kind == "item var" and at and items[at.index].clause:
        draft = editing.set_item_var(draft, at, "cloud_unit", [None, "AWS", "Cloud"][value % 3])
    elif kind == "var":
        name = ["company", "cloud_unit", "new_name"][pick % 3]
        new = [None, "Amazon", f"Value {model.counter}"][value % 3]
        draft = editing.set_var(draft, name, new)
        if new is None:
            model.gone_vars.add(name)
    elif kind == "fields":
        change = [{"title": f"Title {model.counter}"}, {"notes": "endnotes"}, {"order": ""}]
        draft = editing.set_fields(draft, **change[value % 3])
    model.draft = draft


OPS = st.lists(
    st.tuples(
        st.sampled_from(
            ["add", "remove", "move", "duplicate", "text", "item var", "var", "fields"]
        ),
        st.integers(0, 50),
        st.integers(0, 50),
    ),
    min_size=1,
    max_size=12,
)


def comment_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("#")]


def is_subsequence(small: list[str], big: list[str]) -> bool:
    rest = iter(big)
    return all(any(line == other for other in rest) for line in small)


@settings(
    max_examples=sized(dev=30, ci=240),
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(fixture=st.sampled_from(FIXTURES), ops=OPS)
def test_random_edits_save_to_exactly_the_draft_and_keep_the_comments(
    fixture: Path, ops: list[tuple[str, int, int]]
) -> None:
    original = fixture.read_text(encoding="utf-8")
    model = start(fixture)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / fixture.name
        path.write_text(original, encoding="utf-8")
        for op in ops:
            step(model, op)
        save_draft(replace(model.draft, path=path), path)
        saved = path.read_text(encoding="utf-8")
        assert load_draft(path) == model.draft
    # every line that is only a comment stays, in its order
    assert is_subsequence(comment_lines(original), comment_lines(saved))
    # every comment at the end of an item's line stays while that item is there
    kept = {c for section in model.tags.values() for c in section if c}
    for comment in kept:
        assert comment in saved, comment
    # and every other comment at a line's end, unless the variable it sat on was removed
    item_comments = {c for section in start(fixture).tags.values() for c in section if c}
    for line in original.splitlines():
        match = TRAILING.search(line)
        if not match or line.strip().startswith("#") or match[0] in item_comments:
            continue
        key = line.split("=")[0].strip()
        if key in model.gone_vars:
            continue
        assert match[0] in saved, line
