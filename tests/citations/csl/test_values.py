"""What the rendering elements read off a cite: locator labels and variable conditions."""

from __future__ import annotations

from csl.rendering import cited, item


def test_the_label_article_is_read_as_the_article_locator_not_the_type_term() -> None:
    layout = (
        '<group delimiter=" "><label variable="locator" form="short"/>'
        '<text variable="locator"/></group>'
        '<choose><if locator="article-locator"><text value=" (article)"/></if></choose>'
    )
    assert cited(layout, item(), locator="3", label="article") == "art. 3 (article)"


def test_a_locator_range_of_any_label_takes_an_en_dash() -> None:
    layout = '<text variable="locator"/>'
    assert cited(layout, item(), locator="10-12", label="line") == "10\u201312"
    assert cited(layout, item(), locator="12(b)(6)", label="rule") == "12(b)(6)"


def test_an_issue_range_takes_an_en_dash_but_a_report_number_keeps_its_hyphen() -> None:
    layout = '<group delimiter=" "><text variable="issue"/><text variable="number"/></group>'
    assert cited(layout, item(issue="3-4", number="117-402")) == "3\u20134 117-402"


def test_a_locator_is_read_without_the_white_space_around_it() -> None:
    layout = '<group delimiter=":"><text value="Title"/><text variable="locator"/></group>'
    assert cited(layout, item(), locator=" 666 ") == "Title:666"


def test_a_citation_label_takes_the_family_names_without_their_particles() -> None:
    names = [{"family": "von Dipheria", "given": "A"}] + [
        {"family": f, "given": "B"} for f in ("Eczema", "Flatulence", "Goiter")
    ]
    record = item(author=names, issued={"date-parts": [[1926]]})
    assert cited('<text variable="citation-label"/>', record) == "DEFG26"
