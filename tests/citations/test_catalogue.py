"""Style names resolve against the catalogue and libraries, with suggestions for typos."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.citations import catalogue_styles, resolve_style, style_info
from drafter.errors import CitationError

REPO = Path(__file__).resolve().parents[2]


def test_the_catalogue_holds_the_common_styles() -> None:
    names = set(catalogue_styles())
    assert {"apa", "chicago-notes-bibliography", "oscola", "modern-language-association"} <= names
    assert len(names) > 2000


def test_the_renamed_chicago_full_note_style_names_its_successors() -> None:
    with pytest.raises(CitationError) as caught:
        resolve_style("chicago-fullnote-bibliography")
    assert "renamed" in caught.value.message
    assert "'chicago-notes-bibliography'" in (caught.value.fix or "")


def test_an_unknown_style_suggests_close_names() -> None:
    with pytest.raises(CitationError) as caught:
        resolve_style("chicago-notes-bibliografy")
    assert "unknown citation style" in caught.value.message
    assert "chicago-notes-bibliography" in (caught.value.fix or "")


def test_a_library_style_wins_over_the_catalogue(tmp_path: Path) -> None:
    own = tmp_path / "apa.csl"
    own.write_text((REPO / "styles" / "proposal-urls.csl").read_text())
    assert resolve_style("apa", extra={"apa": own}) == own


def test_a_relative_csl_path_resolves_against_the_draft_folder(tmp_path: Path) -> None:
    (tmp_path / "house.csl").write_text((REPO / "styles" / "proposal-urls.csl").read_text())
    assert resolve_style("house.csl", base_dir=tmp_path) == tmp_path / "house.csl"
    with pytest.raises(CitationError):
        resolve_style("missing.csl", base_dir=tmp_path)


def test_dependent_styles_resolve_to_their_parent() -> None:
    dependent = next(n for n in ("nature-digest", "the-lancet-oncology") if n in catalogue_styles())
    path = resolve_style(dependent)
    assert path.parent.name == "styles"


def test_style_info_reads_title_and_class() -> None:
    info = style_info(REPO / "styles" / "proposal-urls.csl")
    assert info.is_note and info.name == "proposal-urls" and "proposal" in info.title.lower()
    assert not style_info(resolve_style("apa")).is_note


def test_a_broken_style_file_is_an_error_with_its_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.csl"
    broken.write_text('<?xml version="1.0"?>\n<style>\n<info>\n</style>\n')
    with pytest.raises(CitationError) as caught:
        style_info(broken)
    assert caught.value.line == 4
