"""The engine on a document: one test per citeproc-py defect the project's notes list
(numbered as there), each now right in drafter's own processor."""

from __future__ import annotations

from pathlib import Path

import pytest
from citing import Render, cite

from drafter.citations import CitationRenderer, resolve_style
from drafter.errors import CitationError
from drafter.model import Location, Source

CHICAGO = "chicago-notes-bibliography"
CHICAGO_IBID = "chicago-notes-bibliography-subsequent-ibid-17th-edition"


def test_1_given_names_stay_whole_when_the_style_says_initialize_false(render: Render) -> None:
    (note,) = render(CHICAGO, cite("doe"))
    assert note.startswith("Jane Doe, ")


def test_1_styles_that_initialize_still_do(render: Render, sources: dict[str, Source]) -> None:
    (in_text,) = render("apa", cite("doe"))
    assert in_text == "(Doe, 2020)"
    (entry,) = CitationRenderer(resolve_style("apa"), sources).bibliography(["doe"])
    assert "".join(s.text for s in entry).startswith("Doe, J. (2020")


def test_2_no_label_is_printed_for_an_empty_variable(render: Render) -> None:
    first, later = render(CHICAGO, cite("doe"), cite("roe"))
    assert "dition" not in first and "dition" not in later


def test_3_commas_and_periods_go_inside_american_quotes(render: Render) -> None:
    first, short = render(CHICAGO, cite("doe"), cite("roe"), cite("doe"))[::2]
    assert "“A Story, Told,” " in first
    assert short.endswith("“A Story, Told.”")


def test_3_british_styles_keep_punctuation_outside_quotes(render: Render) -> None:
    (first,) = render("oscola", cite("doe", prefix="see"))
    assert "‘A Story, Told’ " in first and "Told,’" not in first


def test_4_a_note_that_is_ibid_starts_with_a_capital(render: Render) -> None:
    notes = render(CHICAGO_IBID, cite("roe"), cite("roe"), cite("roe", "4"))
    assert notes[1] == "Ibid."
    assert notes[2] == "Ibid., 4."


def test_4_a_style_asking_for_lower_case_ibid_keeps_it(render: Render) -> None:
    notes = render("oscola", cite("roe"), cite("roe", "4"))
    assert notes[1] == "ibid 4."


def test_5_a_chapter_locator_keeps_its_label(render: Render) -> None:
    (note,) = render(CHICAGO, cite("roe", "3", "chapter"))
    assert note.endswith("chap. 3.")
    (page,) = render(CHICAGO, cite("roe", "3"))
    assert page.endswith("2019), 3.")


def test_6_an_unknown_key_is_an_error_not_a_question_mark(render: Render) -> None:
    with pytest.raises(CitationError) as caught:
        render(CHICAGO, cite("doe"), cite("deo"))
    assert "'@deo'" in caught.value.message
    assert "doe" in (caught.value.fix or "")


def test_the_same_locator_twice_is_plain_ibid(render: Render) -> None:
    notes = render(CHICAGO_IBID, cite("roe", "4"), cite("roe", "4"), cite("roe", "5"))
    assert notes[1:] == ["Ibid.", "Ibid., 5."]


def test_a_note_without_citations_between_two_cited_notes_breaks_ibid(
    sources: dict[str, Source],
) -> None:
    renderer = CitationRenderer(resolve_style(CHICAGO_IBID), sources)
    together = renderer.render([cite("roe"), cite("roe")], [1, 2])
    apart = renderer.render([cite("roe"), cite("roe")], [1, 3])
    assert "".join(s.text for s in together[1]) == "Ibid."
    assert "".join(s.text for s in apart[1]).startswith("Roe, ")


def test_supra_gets_the_number_of_the_first_note(sources: dict[str, Source]) -> None:
    renderer = CitationRenderer(resolve_style("bluebook-law-review"), sources)
    notes = renderer.render([cite("roe"), cite("doe"), cite("roe")], [4, 5, 6])
    assert "note 4" in "".join(s.text for s in notes[2])


def test_rich_text_in_a_title_is_formatting_not_tags() -> None:
    record = {
        "id": "veil",
        "type": "book",
        "title": "Remedy and the <i>Corporate Veil</i>",
        "author": [{"family": "Okafor", "given": "Ada"}],
        "issued": {"date-parts": [[2018]]},
    }
    renderer = CitationRenderer(resolve_style(CHICAGO), {"veil": Source("veil", record)})
    (note,) = renderer.render([cite("veil")])
    assert "<i>" not in "".join(s.text for s in note)
    italic = "".join(s.text for s in note if s.italic)
    assert "Remedy and the" in italic  # a book's title is italic in Chicago
    inner = [s for s in note if "Corporate Veil" in s.text]
    assert inner and all(s.italic is False for s in inner)  # italic inside italic reads upright


def test_an_unknown_type_points_at_the_item_in_its_citations_file() -> None:
    record = {"id": "bad", "type": "reprot", "title": "Annual Review"}
    where = Location(Path("citations/sources.json"), 7)
    renderer = CitationRenderer(resolve_style(CHICAGO), {"bad": Source("bad", record, where)})
    with pytest.raises(CitationError) as caught:
        renderer.render([cite("bad")])
    assert caught.value.one_line() == (
        "citations/sources.json:7: unknown CSL type 'reprot' — did you mean report? "
        "(CSL 1.0.2 has 45 types)"
    )
