"""Checks: word limits, missing values, empty sections, binding verbs, uncited facts."""

from __future__ import annotations

from datetime import date

import pytest

from drafter.drafts.file import loads_draft
from drafter.library.load import load_library
from drafter.library.roots import builtin_root
from drafter.pipeline import build

SOURCES = '[{"id": "src", "type": "webpage", "title": "A Source", "URL": "https://example.org/s"}]'


@pytest.fixture
def library(scratch):
    scratch.citations("refs.json", SOURCES)
    scratch.clause("resolved/report", "Shareholders request that the Board issue a report.")
    return load_library([builtin_root(), scratch.root])


def run(library, whereas: str, resolved: str = '"resolved/report"', extra: str = ""):
    text = (
        'template = "proposal"\ntitle = "Report"\nstyle = "proposal-urls"\n'
        f"{extra}\n[sections]\nwhereas = [{whereas}]\nresolved = [{resolved}]\n"
    )
    return build(loads_draft(text), library, today=date(2026, 11, 22))


def codes(result) -> list[str]:
    return [i.code for i in result.issues]


def words(n: int) -> str:
    return " ".join(["word"] * n)


def test_over_500_words_is_an_error_naming_the_count(library) -> None:
    result = run(library, f'{{ text = "{words(510)} [@src]." }}')
    [issue] = [i for i in result.issues if i.code == "words.limit"]
    assert issue.severity == "error"
    assert str(result.counts.conservative) in issue.message
    assert (
        result.counts.conservative == 1 + 1 + 510 + 1 + 8 + 1
    )  # title, lead, text, lead, resolved, note


def test_from_475_words_is_a_warning(library) -> None:
    result = run(library, f'{{ text = "{words(470)} [@src]." }}')
    assert "words.near" in codes(result) and not result.errors


def test_binding_verb_in_resolved_is_flagged(library) -> None:
    result = run(
        library, '{ text = "A claim [@src]." }', '{ text = "The Board shall publish a report." }'
    )
    [issue] = [i for i in result.issues if i.code == "14a-8.binding"]
    assert "'shall'" in issue.message and "(i)(1)" in issue.message


def test_request_language_is_not_flagged(library) -> None:
    result = run(library, '{ text = "A claim [@src]." }')
    assert "14a-8.binding" not in codes(result)


def test_number_without_citation_is_an_i3_risk_but_cited_one_is_not(library) -> None:
    result = run(
        library,
        '{ text = "The database holds 270 million records. It grew [@src]. Since 2016 it has cost $4 billion [@src]." }',
    )
    flagged = [i.message for i in result.issues if i.code == "facts.uncited"]
    assert len(flagged) == 1 and "270 million" in flagged[0] and "(i)(3)" in flagged[0]


def test_rule_numbers_are_not_taken_for_facts(library) -> None:
    result = run(library, '{ text = "Proposals under Rule 14a-8 and (i)(7) are common." }')
    assert "facts.uncited" not in codes(result)


def test_empty_resolved_section_is_an_error(library) -> None:
    result = run(library, '{ text = "A claim [@src]." }', resolved="")
    assert "section.empty" in codes(result) and result.errors


def test_variable_without_value_is_an_error(library, scratch) -> None:
    scratch.clause(
        "whereas/needs",
        "{{ company }} did it [@src].",
        front="""
    [variables.company]
    description = "Company"
    """,
    )
    library = load_library([builtin_root(), scratch.root])
    result = run(library, '"whereas/needs"')
    [issue] = [i for i in result.issues if i.code == "vars.missing"]
    assert "company" in issue.message
    assert "[company?]" in result.document.blocks[1].text


def test_unused_draft_variable_is_a_warning(library) -> None:
    result = run(library, '{ text = "A claim [@src]." }', extra='[vars]\nticker = "AMZN"\n')
    assert "vars.unused" in codes(result)


def test_unused_source_of_the_draft_is_reported(library, tmp_path) -> None:
    (tmp_path / "own.json").write_text('[{"id": "own-unused", "type": "book", "title": "T"}]')
    draft_path = tmp_path / "d.toml"
    draft_path.write_text(
        'template = "proposal"\ntitle = "R"\nstyle = "proposal-urls"\nsources = ["own.json"]\n'
        '[sections]\nwhereas = [{ text = "A claim [@src]." }]\nresolved = ["resolved/report"]\n'
    )
    from drafter.drafts.file import load_draft

    result = build(load_draft(draft_path), library)
    assert any(i.code == "cite.unused" and "own-unused" in i.message for i in result.issues)


def test_kind_mismatch_is_a_warning(library) -> None:
    result = run(library, '"resolved/report"')
    assert "section.kind" in codes(result)
