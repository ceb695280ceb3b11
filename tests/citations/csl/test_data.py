"""A CSL-JSON item as the evaluator reads it: its type, and the variables its note sets."""

from __future__ import annotations

import pytest

from drafter.citations.csl.data import Item, csl_type, note_fields
from drafter.errors import CitationError


def test_an_unknown_type_is_an_input_error_naming_the_nearest_type() -> None:
    with pytest.raises(CitationError) as raised:
        Item({"id": "x", "type": "reprot"})
    line = raised.value.one_line()
    assert line == "unknown CSL type 'reprot' — did you mean report? (CSL 1.0.2 has 45 types)"


def test_a_type_like_none_lists_the_common_types() -> None:
    with pytest.raises(CitationError) as raised:
        csl_type("zzzzzzzz")
    assert "use one of CSL 1.0.2's 45 types: article, article-journal," in raised.value.one_line()


def test_an_item_without_a_type_is_an_article_and_a_csl_08_letter_a_personal_communication() -> (
    None
):
    assert Item({"id": "x"}).type == "article"
    assert csl_type("letter") == "personal_communication"
    assert csl_type("legal_case") == "legal_case"


def test_a_note_sets_variables_the_item_lacks_names_split_at_two_bars() -> None:
    item = Item(
        {
            "id": "x",
            "title": "Own",
            "note": "reviewed-author: Hall || W.C.\ngenre: Peer commentary\ntitle: Other\nsee p. 4",
        }
    )
    assert item.names("reviewed-author") == [{"family": "Hall", "given": "W.C."}]
    assert item.text("genre") == "Peer commentary"
    assert item.text("title") == "Own"


def test_a_note_line_that_names_no_csl_variable_is_ignored() -> None:
    assert note_fields("Summary: a report\n{:issued: 2019-05}\nurl: https://x.example") == {
        "issued": {"raw": "2019-05"},
        "URL": "https://x.example",
    }
