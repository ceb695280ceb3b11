"""The README's promises: two Quickstart commands, CI runs its test command, a section per verb."""

from __future__ import annotations

import re

from support import REPO

from drafter.cli.program import build_parser

README = (REPO / "README.md").read_text(encoding="utf-8")
PAGE_ONE_IMAGES = (  # each example, and the name of its page-one image
    ("amazon-customer-due-diligence.toml", "example"),
    ("aws-hart-coalition-letter.toml", "letter"),
)


def quickstart_commands() -> list[str]:
    section = README.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", section, re.S)]


def test_the_quickstart_has_exactly_two_one_line_commands() -> None:
    commands = quickstart_commands()
    assert len(commands) == 2
    assert all("\n" not in c for c in commands)
    assert commands[0].startswith("pip install . ") and "drafter build examples/" in commands[0]
    assert commands[1].startswith('pip install -e ".[test]"') and "pytest" in commands[1]


def test_ci_runs_both_quickstart_commands() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    for command in quickstart_commands():
        assert command in ci


def test_every_cli_verb_has_a_readme_section() -> None:
    parser = build_parser()
    verbs = next(a for a in parser._actions if a.dest == "verb").choices
    assert verbs
    for verb in verbs:
        assert f"### `drafter {verb}`" in README, f"README has no section for `drafter {verb}`"


def test_the_readme_shows_page_one_of_each_example_as_a_real_png() -> None:
    images = re.findall(r"!\[[^\]]+\]\(([^)]+\.png)\)", README)
    script = (REPO / "docs" / "render-example.sh").read_text(encoding="utf-8")
    assert "drafter build" in script and "pdftoppm" in script
    for draft, name in PAGE_ONE_IMAGES:
        assert f"docs/images/{name}-page-1.png" in images
        data = (REPO / "docs" / "images" / f"{name}-page-1.png").read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000  # a rendered page
        assert f"render examples/{draft} {name}" in script
