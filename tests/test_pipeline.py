"""The build façade: several drafts on one library, without one draft leaking into the next."""

from __future__ import annotations

import json

import pytest

from drafter.errors import CitationError
from drafter.pipeline import build_files

OWN = [{"id": "own-2024", "type": "webpage", "title": "Own", "URL": "https://example.org/own"}]


def write_draft(scratch, name: str, text: str, sources: str = "") -> None:
    scratch.draft(
        f'schema = 1\ntemplate = "proposal"\ntitle = "T"\nstyle = "apa"\n{sources}\n'
        f'[sections]\nwhereas = [{{ text = "{text}" }}]\n'
        'resolved = [{ text = "Shareholders request a report." }]\n',
        name,
    )


@pytest.fixture
def two_drafts(scratch):
    (scratch.root / "own.json").write_text(json.dumps(OWN), encoding="utf-8")
    write_draft(scratch, "a.toml", "Fact [@own-2024].", 'sources = ["own.json"]')
    write_draft(scratch, "b.toml", "Same fact [@own-2024].")
    return scratch.root


def test_a_drafts_own_sources_serve_that_draft(two_drafts) -> None:
    ((_, result),) = build_files([two_drafts / "a.toml"], [two_drafts])
    assert any("Own" in "".join(s.text for s in e) for e in result.document.bibliography)


def test_a_drafts_own_sources_do_not_leak_into_the_next_build(two_drafts) -> None:
    builds = build_files([two_drafts / "a.toml", two_drafts / "b.toml"], [two_drafts])
    path, first = next(builds)
    assert path.name == "a.toml" and first.document.bibliography
    with pytest.raises(CitationError) as caught:
        next(builds)
    assert "own-2024" in caught.value.message
    assert caught.value.path == two_drafts / "b.toml"
