"""Clause libraries: front matter, layering, indexes, and errors that name file and line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from drafter.errors import LibraryError
from drafter.library.load import load_library
from drafter.library.roots import builtin_root, library_roots


def test_clause_front_matter_is_read(scratch) -> None:
    scratch.clause(
        "whereas/hart",
        "{{ company_short }} hosts HART.",
        front="""
        tags = ["HART", "dhs"]
        reviewed = 2026-11-01
        notes = "Check the figure yearly."
        [variables.company_short]
        description = "Short name"
        default = "Amazon"
        """,
    )
    library = load_library([scratch.root])
    clause = library.clause("whereas/hart")
    assert clause is not None
    assert clause.kind == "whereas" and clause.tags == ("hart", "dhs")
    assert clause.reviewed == date(2026, 11, 1)
    assert clause.variables[0].default == "Amazon"
    assert clause.body_line == 12  # +++, kind, title, blank, 6 front-matter lines, +++
    assert library.by_tag("HART") == [clause] and library.by_kind("whereas") == [clause]


def test_later_root_wins_on_equal_ids(scratch, tmp_path: Path) -> None:
    scratch.clause("whereas/a", "Base text.")
    other = tmp_path / "other"
    (other / "clauses" / "whereas").mkdir(parents=True)
    (other / "clauses" / "whereas" / "a.md").write_text(
        '+++\nkind = "whereas"\ntitle = "Override"\n+++\nOverride text.\n', encoding="utf-8"
    )
    library = load_library([scratch.root, other])
    assert library.clause("whereas/a").body == "Override text."
    assert library.shadowed and library.shadowed[0][0] == "whereas/a"


def test_roots_come_from_builtin_env_and_flags_in_order(tmp_path: Path) -> None:
    env_dir, flag_dir = tmp_path / "env", tmp_path / "flag"
    env_dir.mkdir()
    flag_dir.mkdir()
    roots = library_roots([flag_dir], {"DRAFTER_LIBRARY": str(env_dir)})
    assert roots == [builtin_root(), env_dir, flag_dir]


def test_missing_library_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(LibraryError, match="not found"):
        library_roots([tmp_path / "nope"], {})


def test_broken_front_matter_names_file_and_line(scratch) -> None:
    path = scratch.root / "clauses" / "whereas" / "bad.md"
    path.parent.mkdir(parents=True)
    path.write_text('+++\nkind = "whereas"\ntitle = "x\n+++\nBody.\n', encoding="utf-8")
    with pytest.raises(LibraryError) as error:
        load_library([scratch.root])
    assert error.value.path == path and error.value.line == 3


def test_unclosed_front_matter_is_reported(scratch) -> None:
    path = scratch.root / "clauses" / "x.md"
    path.write_text('+++\nkind = "whereas"\ntitle = "x"\nBody.\n', encoding="utf-8")
    with pytest.raises(LibraryError, match="never closed"):
        load_library([scratch.root])


def test_unknown_kind_suggests_a_known_one(scratch) -> None:
    scratch.clause("whereas/x", "Body.", kind="wheras")
    with pytest.raises(LibraryError) as error:
        load_library([scratch.root])
    assert error.value.line == 2 and "whereas" in (error.value.fix or "")


def test_non_utf8_clause_names_the_line(scratch) -> None:
    path = scratch.root / "clauses" / "x.md"
    path.write_bytes(b'+++\nkind = "whereas"\ntitle = "x"\n+++\nCaf\xe9\n')
    with pytest.raises(LibraryError) as error:
        load_library([scratch.root])
    assert error.value.line == 5 and "UTF-8" in error.value.message


def test_builtin_library_loads_with_templates_and_styles() -> None:
    library = load_library([builtin_root()])
    assert {"proposal", "letter"} <= set(library.templates)
    assert "proposal-urls" in library.styles
    assert len(library.clauses) >= 25
    assert len(library.sources) >= 20
