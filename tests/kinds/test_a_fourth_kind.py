"""A fourth kind of document, added from one folder (`fourth_kind/`): installed as a package
declaring a `drafter.kinds` entry point, with its template in a library folder. It builds, checks
and lists, and nothing outside that folder names it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import REPO

from drafter.kinds import registry

FOLDER = Path(__file__).parent / "fourth_kind"
LIBRARY = FOLDER / "library"


@pytest.fixture
def installed(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The kind's package on the import path, as `pip install` would put it."""
    monkeypatch.syspath_prepend(str(FOLDER))
    registry.all_kinds.cache_clear()
    yield
    registry.all_kinds.cache_clear()


def test_the_kind_is_unknown_until_its_package_is_installed() -> None:
    registry.all_kinds.cache_clear()
    assert registry.kind_named("vote-result") is None
    assert set(registry.all_kinds()) == set(registry.BUILT_IN)


def test_nothing_outside_the_folder_names_the_kind() -> None:
    for path in [*(REPO / "drafter").rglob("*"), *(REPO / "templates").rglob("*")]:
        if path.is_file() and path.suffix in (".py", ".toml", ".md", ".tcss"):
            assert "vote-result" not in path.read_text(encoding="utf-8"), path


def test_it_is_listed_among_the_templates(installed: None, run_cli) -> None:
    result = run_cli("list", "templates", "--library", LIBRARY, "--json")
    assert result.code == 0, result.err
    names = [t["name"] for t in json.loads(result.out)]
    assert "vote-result" in names and "proposal" in names


def test_it_builds_with_its_frame(installed: None, run_cli, tmp_path: Path) -> None:
    out = tmp_path / "result.txt"
    result = run_cli("build", FOLDER / "vote-result.toml", "--library", LIBRARY, "-o", out)
    assert result.code == 0, result.err
    text = out.read_text(encoding="utf-8")
    assert "Vote result" in text
    assert "At the Amazon annual meeting on [date], Item 8 won 40.3% of the votes cast." in text
    assert text.index("Vote result") < text.index("A vote of this size from independent holders")
    assert "audit committee" in text


def test_its_own_checks_run(installed: None, run_cli, tmp_path: Path) -> None:
    draft = tmp_path / "vote-result.toml"
    source = (FOLDER / "vote-result.toml").read_text(encoding="utf-8")
    draft.write_text(source.replace("for = 40.3", "for = 60.3"), encoding="utf-8")
    result = run_cli("check", draft, "--library", LIBRARY, "--json")
    codes = {i["code"]: i for i in json.loads(result.out)["issues"]}
    assert codes["result.total"]["severity"] == "error"
    assert codes["result.date"]["line"] == source.split("\n").index("[result]") + 1
    assert result.code == 1


def test_its_keys_are_known_to_the_draft_reader(installed: None, run_cli, tmp_path: Path) -> None:
    """`[result]` is read because the kind declares it; a typo beside it is still refused."""
    draft = tmp_path / "vote-result.toml"
    source = (FOLDER / "vote-result.toml").read_text(encoding="utf-8")
    draft.write_text(source.replace("[result]", "[resutl]"), encoding="utf-8")
    result = run_cli("check", draft, "--library", LIBRARY)
    assert result.code == 2
    assert "unknown key 'resutl'" in result.err and "result" in result.err


def test_a_template_of_the_kind_is_refused_without_it(run_cli) -> None:
    registry.all_kinds.cache_clear()
    result = run_cli("list", "templates", "--library", LIBRARY)
    assert result.code == 2
    assert "unknown kind 'vote-result'" in result.err


@pytest.mark.parametrize(
    ("example", "kind"),
    [("aws-hart-coalition-letter.toml", "letter"), ("amazon-exempt-solicitation.toml", None)],
)
def test_packet_asks_the_kind_for_papers(
    run_cli, tmp_path: Path, example: str, kind: str | None
) -> None:
    """Only a kind with filing papers gets a packet; others are one line, exit 2, nothing written."""
    out = tmp_path / "papers"
    result = run_cli("packet", REPO / "examples" / example, "--out-dir", out)
    assert result.code == 2 and not out.exists()
    assert "has no filing papers" in result.err and result.err.count("\n") == 1
    if kind:
        assert f"kind '{kind}'" in result.err


def test_a_fourth_kind_has_no_papers_either(installed: None, run_cli, tmp_path: Path) -> None:
    out = tmp_path / "papers"
    result = run_cli("packet", FOLDER / "vote-result.toml", "--library", LIBRARY, "--out-dir", out)
    assert result.code == 2 and "kind 'vote-result'" in result.err and not out.exists()
