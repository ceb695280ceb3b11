"""The README's promises: two Quickstart commands, CI runs its test command, a section per verb."""

from __future__ import annotations

import argparse
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


# --- the README's commands against the parser, both ways ---------------------------------

GLOBAL = {"-h", "--help"}  # argparse's own, on every parser


def verb_sections() -> dict[str, str]:
    """Each `### drafter VERB` section's text, by verb."""
    parts = re.split(r"^### `drafter (\w[\w-]*)`\n", README, flags=re.M)
    return {
        verb: body.split("\n## ", 1)[0] for verb, body in zip(parts[1::2], parts[2::2], strict=True)
    }


def commands() -> list[list[str]]:
    """Every drafter command the README writes out: lines of its sh blocks (a line starting
    with spaces continues the one above) and inline code spans starting `drafter `."""
    found: list[list[str]] = []
    for block in re.findall(r"```sh\n(.*?)```", README, re.S):
        for line in block.splitlines():
            if line.startswith(" ") and found:
                found[-1] += line.split()
            elif line.startswith("drafter"):
                found.append(line.split())
    found += [span.split() for span in re.findall(r"`(drafter [^`]+)`", README)]
    return [c for c in found if c[0] == "drafter"]


def innermost(words: list[str]) -> argparse.ArgumentParser:
    """The parser of the verb (and chore) a command names."""
    parser: argparse.ArgumentParser = build_parser()
    for word in words[1:]:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if subs and word in subs[0].choices:
            parser = subs[0].choices[word]
    return parser


def options_of(parser: argparse.ArgumentParser) -> set[str]:
    return {o for a in parser._actions for o in a.option_strings} - GLOBAL


def written_options(words: list[str]) -> set[str]:
    """The options a command writes: `[-o OUT]`, `--format docx|md|txt`, `--groups=a,b`."""
    out = set()
    for word in words:
        word = word.strip("[](),.;:").split("=", 1)[0]
        if re.fullmatch(r"--?[a-zA-Z][\w-]*", word):
            out.add(word)
    return out


def verb_parsers() -> dict[str, list[argparse.ArgumentParser]]:
    """Each verb's parser and, for a verb with chores, each chore's."""
    top = build_parser()
    verbs = next(a for a in top._actions if isinstance(a, argparse._SubParsersAction))
    found = {}
    for name, parser in verbs.choices.items():
        chores = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        found[name] = [parser, *(chores[0].choices.values() if chores else ())]
    return found


def test_every_command_the_readme_writes_uses_only_options_its_verb_has() -> None:
    written = commands()
    assert len(written) > 20
    for words in written:
        unknown = written_options(words) - options_of(innermost(words)) - GLOBAL
        assert not unknown, f"README: `{' '.join(words)}` uses {sorted(unknown)}, unknown there"


def test_every_option_of_every_verb_is_in_its_readme_section() -> None:
    sections = verb_sections()
    top = build_parser()
    common = README.split("## Commands\n", 1)[1].split("\n### ", 1)[0]
    for option in options_of(top):
        assert re.search(rf"`[^`]*{re.escape(option)}\b", common), f"Commands misses {option}"
    missing = [
        f"drafter {verb}: {option}"
        for verb, parsers in verb_parsers().items()
        for parser in parsers
        for option in sorted(options_of(parser) - options_of(top))
        if not re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", sections[verb])
    ]
    assert not missing, f"README's verb sections do not name {missing}"


def test_each_verbs_synopsis_names_every_long_option_and_choice() -> None:
    """The sh block at the top of a verb's section is its whole synopsis."""
    top = build_parser()
    for verb, parsers in verb_parsers().items():
        synopsis = re.findall(r"```sh\n(.*?)```", verb_sections()[verb], re.S)[0]
        for parser in parsers:
            for action in parser._actions:
                longs = [o for o in action.option_strings if o.startswith("--")]
                if not longs or set(longs) & (options_of(top) | GLOBAL):
                    continue
                spelled = [rf"(?<![\w-]){re.escape(o)}(?![\w-])" for o in action.option_strings]
                assert any(re.search(o, synopsis) for o in spelled), (
                    f"drafter {verb}'s synopsis misses {longs[0]}"
                )
                if action.choices and not isinstance(action.choices, dict):
                    assert "|".join(action.choices) in synopsis, (verb, action.choices)


def test_the_built_in_templates_are_named_where_a_template_is_chosen() -> None:
    from drafter.kinds.names import STARTERS

    sections = verb_sections()
    assert len(STARTERS) >= 3
    for verb in ("new", "edit"):
        for name in STARTERS:
            assert name in sections[verb], f"README's drafter {verb} does not name {name}"


def test_the_readme_promises_nothing_as_coming() -> None:
    for stale in ("on the way", "coming soon", "not yet", "planned"):
        assert stale not in README.lower(), stale
