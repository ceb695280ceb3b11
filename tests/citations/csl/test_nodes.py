"""Rendering elements through the processor: group suppression by groups, macros and text."""

from __future__ import annotations

from csl.rendering import cite, item


def test_a_year_suffix_not_needed_does_not_empty_its_group() -> None:
    layout = (
        '<group delimiter=" "><text value="Doe"/><group><text term="no date" form="short"/>'
        '<text variable="year-suffix" prefix="-"/></group></group>'
    )
    assert cite(layout, item()) == "Doe n.d."


def test_a_nested_macro_that_prints_keeps_its_parent_macro_whose_variables_are_empty() -> None:
    body = (
        '<group delimiter=", "><text macro="outer"/><text variable="issued"/></group>',
        '<macro name="inner"><text value="Anonymous"/></macro>'
        '<macro name="outer"><text variable="author"/><text macro="inner"/></macro>',
    )
    assert cite(body[0], item(), macros=body[1]) == "Anonymous"


def test_a_macro_of_a_term_and_an_empty_variable_is_suppressed_as_a_group() -> None:
    body = (
        '<group delimiter=", "><text variable="title"/><text macro="in"/></group>',
        '<macro name="in"><text term="in"/><text variable="container-title"/></macro>',
    )
    assert cite(body[0], item(title="Life"), macros=body[1]) == "Life"


def test_a_group_of_a_value_and_a_nested_empty_group_is_suppressed() -> None:
    layout = (
        '<text variable="title"/><group prefix=", "><text value="Online: "/>'
        '<group><text variable="URL"/></group></group>'
    )
    assert cite(layout, item(title="Life")) == "Life"
