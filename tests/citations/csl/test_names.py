"""cs:names through the processor: name lists, et al., labels, substitution, and the hooks the
processor drives (group suppression, roles, suppress-author, disambiguation, sorting)."""

from __future__ import annotations

import pytest

from csl.rendering import (
    AUTHORS,
    DOE,
    MOE,
    NOAKES,
    NS,
    ROE,
    cite,
    entry,
    evaluate,
    item,
    people,
    style,
)
from drafter.citations.csl import names, sortkeys, suite
from drafter.citations.csl.context import Context, Disambiguation
from drafter.citations.csl.data import Cite, Item
from drafter.citations.csl.style import Style

from .suite_fixtures import passing


@pytest.mark.parametrize(
    ("attributes", "written"),
    [
        ('and="text"', "John Doe, Jane Roe, and Rick Noakes"),
        ('and="symbol"', "John Doe, Jane Roe, &#38; Rick Noakes"),
        ('and="text" delimiter-precedes-last="never"', "John Doe, Jane Roe and Rick Noakes"),
        ('delimiter="; "', "John Doe; Jane Roe; Rick Noakes"),
    ],
)
def test_names_are_joined_by_the_delimiter_and_and(attributes: str, written: str) -> None:
    assert cite(f'<names variable="author"><name {attributes}/></names>', AUTHORS) == written


def test_two_names_take_and_without_a_delimiter_unless_it_always_precedes_the_last() -> None:
    two = item(author=people(DOE, ROE))
    assert (
        cite('<names variable="author"><name and="text"/></names>', two) == "John Doe and Jane Roe"
    )
    always = '<names variable="author"><name and="text" delimiter-precedes-last="always"/></names>'
    assert cite(always, two) == "John Doe, and Jane Roe"


def test_after_inverted_name_puts_the_delimiter_only_after_an_inverted_name() -> None:
    layout = (
        '<names variable="author"><name and="text" name-as-sort-order="first"'
        ' delimiter-precedes-last="after-inverted-name"/></names>'
    )
    assert cite(layout, item(author=people(DOE, ROE))) == "Doe, John, and Jane Roe"
    assert cite(layout, AUTHORS) == "Doe, John, Jane Roe and Rick Noakes"


@pytest.mark.parametrize(
    ("attributes", "written"),
    [
        ('et-al-min="3" et-al-use-first="1"', "John Doe et al."),
        ('et-al-min="3" et-al-use-first="2"', "John Doe, Jane Roe, et al."),
        (
            'et-al-min="3" et-al-use-first="2" delimiter-precedes-et-al="never"',
            "John Doe, Jane Roe et al.",
        ),
        ('et-al-min="3" et-al-use-first="1" delimiter-precedes-et-al="always"', "John Doe, et al."),
        ('et-al-min="4" et-al-use-first="1"', "John Doe, Jane Roe, Rick Noakes"),
    ],
)
def test_et_al_shortens_a_list_of_at_least_et_al_min_names(attributes: str, written: str) -> None:
    assert cite(f'<names variable="author"><name {attributes}/></names>', AUTHORS) == written


def test_cs_et_al_sets_the_term_and_its_formatting() -> None:
    layout = (
        '<names variable="author"><name et-al-min="2" et-al-use-first="1"/>'
        '<et-al term="and others" font-style="italic"/></names>'
    )
    assert cite(layout, AUTHORS) == "John Doe <i>and others</i>"


def test_et_al_use_last_ends_the_list_with_an_ellipsis_and_the_last_name() -> None:
    layout = '<names variable="author"><name et-al-min="4" et-al-use-first="2" et-al-use-last="true"/></names>'
    record = item(author=people(DOE, ROE, NOAKES, MOE))
    assert cite(layout, record) == "John Doe, Jane Roe, … Mary Moe"


def test_subsequent_cites_use_the_subsequent_et_al_options() -> None:
    layout = '<names variable="author"><name/></names>'
    options = (
        'et-al-min="4" et-al-use-first="1" et-al-subsequent-min="2" et-al-subsequent-use-first="1"'
    )
    clusters = [suite.Cluster([{"id": "ITEM-1"}]), suite.Cluster([{"id": "ITEM-1"}])]
    out = suite.citations(style(layout, citation=options), [AUTHORS], clusters)
    assert out == ["John Doe, Jane Roe, Rick Noakes", "John Doe et al."]


def test_the_bibliography_ignores_the_subsequent_et_al_options() -> None:
    layout = '<names variable="author"><name/></names>'
    attrs = 'et-al-subsequent-min="2" et-al-subsequent-use-first="1"'
    assert entry(layout, AUTHORS, bibliography=attrs) == "John Doe, Jane Roe, Rick Noakes"


def test_form_short_writes_the_particle_and_family_name_and_count_the_number() -> None:
    record = item(author=[{"family": "Rivière", "given": "Anne", "non-dropping-particle": "la"}])
    assert cite('<names variable="author"><name form="short"/></names>', record) == "la Rivière"
    count = (
        '<names variable="author"><name form="count" et-al-min="3" et-al-use-first="2"/></names>'
    )
    assert cite(count, AUTHORS) == "2"


def test_a_label_follows_or_precedes_the_names_plural_by_their_number() -> None:
    after = '<names variable="editor"><name/><label form="short" prefix=" (" suffix=")"/></names>'
    assert cite(after, item(editor=people(DOE, ROE))) == "John Doe, Jane Roe (eds.)"
    before = '<names variable="editor"><label form="verb" suffix=" "/><name/></names>'
    assert cite(before, item(editor=people(DOE))) == "edited by John Doe"
    never = '<names variable="editor"><name/><label plural="never" prefix=" "/></names>'
    assert cite(never, item(editor=people(DOE, ROE))) == "John Doe, Jane Roe editor"


def test_the_same_editors_and_translators_print_once_with_the_editortranslator_term() -> None:
    layout = (
        '<names variable="editor translator" delimiter="; "><name/>'
        '<label form="short" prefix=" (" suffix=")"/></names>'
    )
    same = item(editor=people(DOE), translator=people(DOE))
    assert cite(layout, same) == "John Doe (ed. &#38; trans.)"
    different = item(editor=people(DOE), translator=people(ROE))
    assert cite(layout, different) == "John Doe (ed.); Jane Roe (trans.)"


def test_variables_are_joined_by_the_names_delimiter_inherited_when_not_set() -> None:
    layout = '<names variable="editor translator"><name/></names>'
    record = item(editor=people(DOE), translator=people(ROE))
    assert cite(layout, record, citation='names-delimiter=" / "') == "John Doe / Jane Roe"
    assert cite(layout, item(editor=people(DOE, ROE)), citation='name-delimiter="; "') == (
        "John Doe; Jane Roe"
    )


def test_a_substitute_prints_its_first_child_that_prints_and_a_bare_names_inherits() -> None:
    layout = (
        '<names variable="author"><name form="short"/><label prefix=" "/>'
        '<substitute><names variable="translator"/><names variable="editor"/>'
        '<text variable="title"/></substitute></names>'
    )
    assert cite(layout, item(editor=people(DOE))) == "Doe editor"
    assert cite(layout, item(title="Untitled")) == "Untitled"


def test_a_substituted_variable_is_not_printed_again_in_the_cite() -> None:
    layout = (
        '<group delimiter=", "><names variable="author"><substitute><text variable="title"/>'
        '</substitute></names><text variable="title"/></group>'
    )
    assert cite(layout, item(title="Untitled")) == "Untitled"


def test_both_variables_a_substitute_printed_under_one_term_are_suppressed() -> None:
    layout = (
        '<group delimiter="; "><names variable="author"><substitute>'
        '<names variable="editor translator"><name/><label form="short" prefix=" "/></names>'
        '</substitute></names><names variable="translator"/></group>'
    )
    assert cite(layout, item(editor=people(DOE), translator=people(DOE))) == (
        "John Doe ed. &#38; trans."
    )


def test_a_substitute_ends_at_a_child_that_tries_no_variable_even_an_empty_one() -> None:
    layout = (
        '<group delimiter=" "><text value="Heading:"/><names variable="translator">'
        '<substitute><text term="no-such-term"/><text value="b"/></substitute></names></group>'
    )
    assert cite(layout, item()) == "Heading:"


def test_a_substitute_goes_on_past_a_choose_that_prints_nothing() -> None:
    layout = (
        '<names variable="author"><substitute><choose><if variable="URL"/></choose>'
        '<names variable="editor"/><text variable="title"/></substitute></names>'
    )
    assert cite(layout, item(URL="https://x.example", editor=people(DOE))) == "John Doe"
    assert cite(layout, item(URL="https://x.example", title="Untitled")) == "Untitled"


def test_a_bare_names_in_a_substitutes_choose_inherits_the_name_and_label() -> None:
    layout = (
        '<names variable="author"><name and="text"/><label form="short" prefix=", "/>'
        '<substitute><choose><if type="book"><names variable="editor"/></if></choose>'
        "</substitute></names>"
    )
    assert cite(layout, item(editor=people(DOE, ROE))) == "John Doe and Jane Roe, eds."


def test_a_variable_a_substitute_printed_is_empty_later_in_the_same_substitute() -> None:
    layout = (
        '<names variable="author"><substitute><group delimiter=", ">'
        '<text variable="container-title"/><text variable="container-title" prefix="in "/>'
        '<text variable="title"/></group></substitute></names>'
    )
    assert cite(layout, item(title="Entry", **{"container-title": "Lexicon"})) == "Lexicon, Entry"


def test_a_substituted_variable_still_counts_as_present_in_conditions() -> None:
    layout = (
        '<group delimiter=", "><names variable="author"><substitute>'
        '<text variable="container-title"/></substitute></names>'
        '<choose><if variable="container-title"><text variable="title" quotes="true"/></if>'
        '<else><text variable="title" font-style="italic"/></else></choose></group>'
    )
    assert cite(layout, item(title="Entry", **{"container-title": "Ledger"})) == (
        "Ledger, \u201cEntry\u201d"
    )


def test_a_date_a_substitute_printed_is_not_printed_again() -> None:
    layout = (
        '<group delimiter=" "><names variable="author"><substitute><group delimiter=" ">'
        '<text variable="title"/><date variable="issued"><date-part name="year"/></date>'
        '</group></substitute></names><date variable="issued" prefix="(" suffix=")">'
        '<date-part name="year"/></date></group>'
    )
    assert cite(layout, item(title="Entry", issued={"date-parts": [[2012]]})) == "Entry 2012"


def test_a_group_whose_only_names_are_empty_is_suppressed() -> None:
    layout = '<group><text value="By "/><names variable="translator"/></group>'
    assert cite(layout, item(translator=people(DOE))) == "By John Doe"
    assert cite(layout, item(author=people(DOE))) == ""


def test_names_count_as_tried_and_printed_for_group_suppression() -> None:
    layout = '<names variable="author"/>'
    _, printed = evaluate(layout, item(author=people(DOE)))
    _, empty = evaluate(layout, item())
    assert (printed.called, printed.rendered) == (1, 1)
    assert (empty.called, empty.rendered) == (1, 0)


def test_the_names_output_is_marked_with_the_variable_it_printed() -> None:
    layout = '<names variable="author"><substitute><names variable="editor"/></substitute></names>'
    own, _ = evaluate(layout, item(author=people(DOE)))
    substituted, _ = evaluate(layout, item(editor=people(DOE)))
    assert own is not None and own.role == "names:author"
    assert substituted is not None and substituted.role == "names:editor"


def test_suppress_author_drops_the_first_names_of_the_cite_only() -> None:
    layout = '<group delimiter=" "><names variable="author"/><names variable="editor"/></group>'
    record = item(author=people(DOE), editor=people(ROE))
    out, ctx = evaluate(layout, record, suppress_author=True)
    assert out is not None and out.text() == "Jane Roe"
    assert ctx.extra["author_suppressed"] is True
    bib, _ = evaluate(layout, record, mode="bibliography", suppress_author=True)
    assert bib is not None and bib.text() == "John Doe Jane Roe"


def test_disambiguation_can_add_names_before_et_al_in_citations_only() -> None:
    layout = '<names variable="author"><name et-al-min="3" et-al-use-first="1"/></names>'
    one_more = Disambiguation(add_names=1)
    out, _ = evaluate(layout, AUTHORS, disambiguation=one_more)
    assert out is not None and out.text() == "John Doe, Jane Roe, et al."
    every, _ = evaluate(layout, AUTHORS, disambiguation=Disambiguation(add_names=5))
    assert every is not None and every.text() == "John Doe, Jane Roe, Rick Noakes"
    bib, _ = evaluate(layout, AUTHORS, mode="bibliography", disambiguation=one_more)
    assert bib is not None and bib.text() == "John Doe et al."


def test_name_list_gives_a_variables_names_as_parsed() -> None:
    _, ctx = evaluate(
        "<text value='x'/>", item(author=[{"family": "van Gogh", "given": "Vincent"}])
    )
    assert names.name_list(ctx, "author") == [
        {"family": "Gogh", "given": "Vincent", "non-dropping-particle": "van"}
    ]
    assert names.name_list(ctx, "editor") == []


def test_a_name_variable_sort_key_is_every_name_family_first_with_particles_demoted() -> None:
    record = item(
        author=[{"family": "van Gogh", "given": "Vincent"}, {"family": "Roe", "given": "Jane"}]
    )
    _, ctx = evaluate("<text value='x'/>", record, mode="bibliography")
    assert names.sort_value(ctx, "author") == "Gogh Vincent van, Roe Jane"
    assert names.sort_value(ctx, "editor") is None
    assert names.sort_value in sortkeys.NAME_SORT


def test_a_sort_key_macro_writes_names_family_first_without_label_or_et_al_term() -> None:
    macro = (
        '<macro name="author"><names variable="author"><name et-al-min="3" et-al-use-first="1"/>'
        '<label prefix=" "/></names></macro>'
    )
    body = (
        f'<style {NS}>{macro}<citation><layout><text value="x"/></layout></citation>'
        '<bibliography><sort><key macro="author" names-min="2" names-use-first="2"/></sort>'
        '<layout><text macro="author"/></layout></bibliography></style>'
    ).encode()
    compiled = Style(body)
    key = compiled.bibliography.sort[0]  # type: ignore[union-attr]
    ctx = Context(compiled, Cite(Item(AUTHORS)), "bibliography", sorting=True, sort_names=key.names)
    assert key.macro is not None
    rendered = key.macro.evaluate(ctx)
    assert rendered is not None and rendered.text() == "Doe John, Roe Jane"


def test_the_bibliography_sorts_by_family_name_before_particles() -> None:
    layout = '<names variable="author"><name/></names>'
    records = [
        {"id": "A", "type": "book", "author": [{"family": "van Gogh", "given": "Vincent"}]},
        {"id": "B", "type": "book", "author": [{"family": "Monet", "given": "Claude"}]},
    ]
    body = (
        f'<style {NS}><citation><layout><text value="x"/></layout></citation><bibliography>'
        f'<sort><key variable="author"/></sort><layout>{layout}</layout></bibliography></style>'
    ).encode()
    clusters = [suite.Cluster([{"id": "A"}, {"id": "B"}])]
    assert suite.bibliography(body, records, clusters) == ["Vincent van Gogh", "Claude Monet"]


# The suite's name fixtures that pass now.
REACHED = {"name_": 75, "nameattr_": 68, "nameorder_": 5}


@pytest.mark.parametrize(("prefix", "reached"), sorted(REACHED.items()))
def test_the_suites_name_fixtures_pass_at_least_as_often_as_they_did(
    prefix: str, reached: int
) -> None:
    total, passed = passing(prefix)
    assert len(passed) >= reached, f"{len(passed)} of {total} {prefix} fixtures pass"
