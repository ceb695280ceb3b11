"""Clause search as the user types: field weights, id subsequences, kind first on ties, and
keystroke-by-keystroke results identical to a fresh search."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from support import sized

from drafter.library.load import load_library
from drafter.library.roots import library_roots
from drafter.library.search import ClauseIndex
from drafter.model import Clause


def _clause(
    cid: str, kind: str = "whereas", title: str = "", tags: tuple[str, ...] = (), body: str = ""
) -> Clause:
    return Clause(id=cid, kind=kind, title=title, body=body, tags=tags)


INDEX = ClauseIndex(
    [
        _clause("whereas/ring-audit", title="Audit of Ring", body="police partnerships"),
        _clause("whereas/cloud", title="Cloud customers", tags=("ring",)),
        _clause("resolved/report", kind="resolved", body="a ring of risk"),
        _clause("whereas/other", title="Nothing", body="unrelated"),
    ]
)


def test_a_word_in_the_id_outranks_title_tags_and_text() -> None:
    assert [c.id for c in INDEX.search("ring")] == [
        "whereas/ring-audit",  # id (6)
        "whereas/cloud",  # tag (3)
        "resolved/report",  # text (1)
    ]


def test_every_word_must_match() -> None:
    assert [c.id for c in INDEX.search("ring police")] == ["whereas/ring-audit"]
    assert INDEX.search("ring nowhere") == []


def test_letters_of_the_id_in_order_match() -> None:
    assert [c.id for c in INDEX.search("wrga")] == ["whereas/ring-audit"]


def test_the_current_kind_comes_first_on_equal_scores() -> None:
    index = ClauseIndex(
        [_clause("a/x", kind="whereas", body="risk"), _clause("b/y", kind="resolved", body="risk")]
    )
    assert [c.id for c in index.search("risk", kind="resolved")] == ["b/y", "a/x"]
    assert [c.id for c in index.search("", kind="resolved")] == ["b/y", "a/x"]


LIBRARY = load_library(library_roots())


@settings(max_examples=sized(dev=60, ci=300), deadline=None)
@given(st.lists(st.sampled_from([*"aeioudrstnl ", "due", "ring ", "hart"]), max_size=12))
def test_typing_key_by_key_gives_what_a_fresh_search_gives(keys: list[str]) -> None:
    typed = ClauseIndex(LIBRARY.clauses.values())
    query = ""
    for key in keys:
        query = query + key if key != "l" or not query else query[:-1]  # "l" doubles as backspace
        fresh = ClauseIndex(LIBRARY.clauses.values()).search(query, kind="whereas")
        assert typed.search(query, kind="whereas") == fresh
