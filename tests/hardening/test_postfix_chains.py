"""One clean line for postfix chains: thousands of subscripts, calls or attributes in one tag
(`x[0][0]...`, `x()()...`, `x.a.a...`), which Jinja's parser reads in a loop but every walk of the
tree afterwards recurses into. Refused by the chain limit at the body's line, in a draft title,
a clause body or an inline text item; with the limit lifted, the walk's RecursionError is the
same one line. Ordinary chains still build.
"""

from __future__ import annotations

import pytest
from badinput import PROPOSAL, Workspace, assert_refused, cases
from cleanlines import clause

from drafter.render import nesting as template_nesting

LONG_CHAINS = [
    ("subscripts-3000", "[0]" * 3000),
    ("calls-3000", "()" * 3000),
    ("attributes-3000", ".a" * 3000),
    ("mixed-3000", "[0]().a" * 1000),
    ("spaced-subscripts-3000", " [ 0 ] " * 3000),
    ("string-keys-3000", "['a']" * 3000),
]
TITLE = '"Report on Due Diligence"'


def tag(chain: str, start: str = "company") -> str:
    return "{{ " + start + chain + " }}"


@pytest.mark.parametrize("chain", cases(LONG_CHAINS))
def test_a_draft_title_with_a_long_postfix_chain_is_refused(
    ws: Workspace, run_cli, chain: str
) -> None:
    draft = ws.write("draft.toml", PROPOSAL.replace(TITLE, repr(tag(chain))))
    result = run_cli("build", draft, "-o", ws.out, "--library", ws.lib)
    assert_refused(result, draft, 3, absent=(ws.out,), says="chains more than")


@pytest.mark.parametrize("chain", cases(LONG_CHAINS))
def test_a_clause_body_with_a_long_postfix_chain_is_refused_at_its_line(
    ws: Workspace, run_cli, chain: str
) -> None:
    path = ws.write("lib/clauses/whereas/a.md", clause("A first line.\n" + tag(chain)))
    draft = ws.write("draft.toml", PROPOSAL)
    ws.old_output()
    result = run_cli("build", draft, "-o", ws.out, "--library", ws.lib)
    assert_refused(result, path, 6, unchanged=(ws.out,), says="chains more than")


@pytest.mark.parametrize("chain", cases(LONG_CHAINS))
def test_a_draft_variable_read_through_a_long_chain_is_refused(
    ws: Workspace, run_cli, chain: str
) -> None:
    """The variable comes from the draft's [vars], read in the draft's own inline text item."""
    text = repr("Shareholders note that " + tag(chain) + ".")
    draft = ws.write("draft.toml", PROPOSAL.replace('["whereas/a"]', f"[{{ text = {text} }}]"))
    result = run_cli("build", draft, "-o", ws.out, "--library", ws.lib)
    assert_refused(result, draft, 10, absent=(ws.out,), says="chains more than")


@pytest.mark.parametrize("chain", cases(LONG_CHAINS, only=["subscripts-3000", "calls-3000"]))
def test_a_chain_in_a_clause_that_does_not_declare_its_draft_variable_is_refused(
    ws: Workspace, run_cli, chain: str
) -> None:
    body = "+++\nkind = 'whereas'\ntitle = 'Plain'\n+++\nAt " + tag(chain) + ".\n"
    path = ws.write("lib/clauses/whereas/a.md", body)
    draft = ws.write("draft.toml", PROPOSAL)
    result = run_cli("build", draft, "-o", ws.out, "--library", ws.lib)
    assert_refused(result, path, 5, absent=(ws.out,), says="chains more than")


@pytest.mark.parametrize("chain", cases(LONG_CHAINS, only=["subscripts-3000", "mixed-3000"]))
def test_a_long_chain_is_refused_by_check_too(ws: Workspace, run_cli, chain: str) -> None:
    draft = ws.write("draft.toml", PROPOSAL.replace(TITLE, repr(tag(chain))))
    result = run_cli("check", draft, "--library", ws.lib)
    assert_refused(result, draft, 3, says="chains more than")


@pytest.mark.parametrize("chain", cases(LONG_CHAINS, only=["subscripts-3000", "calls-3000"]))
@pytest.mark.parametrize("where", ["title", "body"])
def test_past_the_chain_limit_a_walk_too_deep_is_one_line(
    ws: Workspace, run_cli, monkeypatch: pytest.MonkeyPatch, chain: str, where: str
) -> None:
    """With the limit lifted the tree parses, and the walks that find its variables and its
    statements exhaust the stack: still one line at the body's line, never a bug report."""
    monkeypatch.setattr(template_nesting, "MAX_CHAIN", 1_000_000)
    if where == "title":
        draft = ws.write("draft.toml", PROPOSAL.replace(TITLE, repr(tag(chain))))
        path, line = draft, 3
    else:
        path = ws.write("lib/clauses/whereas/a.md", clause("A first line.\n" + tag(chain)))
        draft, line = ws.write("draft.toml", PROPOSAL), 5
    result = run_cli("build", draft, "-o", ws.out, "--library", ws.lib)
    assert_refused(result, path, line, absent=(ws.out,), says="nested too deeply")


# --- chains within the limit ------------------------------------------------------------

BOARD = "{% set board = {'chair': ['Ann', 'Bo'], 'size': 9} %}"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param("{{ board.chair[0] }}", "Ann", id="attribute-then-subscript"),
        pytest.param("{{ board['chair'][1].upper() }}", "BO", id="subscript-call"),
        pytest.param("{{ company" + ".lower()" * 10 + " }}", "amazon", id="twenty-links"),
        pytest.param("{{ company" + "[0]" * 20 + " }}", "A", id="twenty-subscripts"),
        pytest.param("{{ (company)[1:3] }}", "ma", id="group-then-slice"),
        pytest.param("{{ {'k': [company]}['k'][0] }}", "Amazon", id="literal-then-subscripts"),
        pytest.param("{{ company|replace('A', 'E')|lower }}", "emazon", id="filter-arguments"),
        pytest.param(
            "{% for n in range(2) %}{{ [company][n % 1][0] }}{% endfor %}", "AA", id="in-a-loop"
        ),
    ],
)
def test_ordinary_chains_still_build(ws: Workspace, run_cli, body: str, expected: str) -> None:
    ws.write("lib/clauses/whereas/a.md", clause(f"{BOARD}Seen: {body}. [@hrw-2021]"))
    draft = ws.write("draft.toml", PROPOSAL)
    out = ws.root / "out.md"
    result = run_cli("build", draft, "-o", out, "--library", ws.lib)
    assert result.code in (0, 1), result.err
    assert f"Seen: {expected}." in out.read_text(encoding="utf-8")


def test_a_chain_at_the_limit_builds_and_one_past_it_is_refused(ws: Workspace, run_cli) -> None:
    limit = template_nesting.MAX_CHAIN
    at_limit = tag("[0]" * limit)
    draft = ws.write("draft.toml", PROPOSAL.replace(TITLE, repr(at_limit)))
    out = ws.root / "out.md"
    assert run_cli("build", draft, "-o", out, "--library", ws.lib).code in (0, 1)
    assert out.read_text(encoding="utf-8").startswith("# A")
    past = ws.write("past.toml", PROPOSAL.replace(TITLE, repr(tag("[0]" * (limit + 1)))))
    result = run_cli("build", past, "-o", ws.out, "--library", ws.lib)
    assert_refused(result, past, 3, absent=(ws.out,), says="chains more than")
