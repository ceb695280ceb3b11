"""BibTeX files: entries become CSL-JSON items with the line of their `@`, LaTeX becomes plain
text, and syntax problems fail with a CitationError at a useful line."""

from __future__ import annotations

from typing import Any

import pytest

from drafter.errors import CitationError
from drafter.sources.bibtex import parse_bibtex


def one(text: str) -> dict[str, Any]:
    """The CSL item of the only entry in `text`."""
    (source,) = parse_bibtex(text, "refs.bib")
    return dict(source.csl)


def fails(text: str) -> CitationError:
    """The CitationError parsing `text` raises."""
    with pytest.raises(CitationError) as info:
        parse_bibtex(text, "refs.bib")
    return info.value


ARTICLE = """\
@article{boyd2020,
  author  = {Boyd, Aaron},
  title   = {Homeland Security's Biometrics Database},
  journal = {Nextgov},
  year    = 2020,
  month   = may,
  volume  = {12},
  number  = {3},
  pages   = {10--24},
  doi     = {https://doi.org/10.1000/xyz},
  note    = {Reports the PIA},
}
"""


def test_article_maps_to_article_journal_with_its_fields() -> None:
    item = one(ARTICLE)
    assert item["id"] == "boyd2020"
    assert item["type"] == "article-journal"
    assert item["author"] == [{"family": "Boyd", "given": "Aaron"}]
    assert item["container-title"] == "Nextgov"
    assert item["issued"] == {"date-parts": [[2020, 5]]}
    assert (item["volume"], item["issue"], item["page"]) == ("12", "3", "10\u201324")
    assert item["DOI"] == "10.1000/xyz"
    assert item["note"] == "Reports the PIA"


def test_book_maps_to_book_with_publisher_place_and_edition() -> None:
    item = one(
        "@book{b, editor = {Jane Doe}, title = {Rights}, publisher = {Verso},\n"
        "  address = {London}, edition = {2}, isbn = {978-1}, year = {2019},\n"
        "  abstract = {Ignored}}"
    )
    assert item["type"] == "book"
    assert item["editor"] == [{"family": "Doe", "given": "Jane"}]
    assert (item["publisher"], item["publisher-place"]) == ("Verso", "London")
    assert (item["edition"], item["ISBN"]) == ("2", "978-1")
    assert "abstract" not in item


def test_online_maps_to_webpage_with_url_and_accessed_date() -> None:
    item = one(
        "@online{hrw, author = {{Human Rights Watch}}, title = {Mass Surveillance},\n"
        "  url = {https://www.hrw.org/a\\_b}, date = {2021-11-24}, urldate = {2026-11-23}}"
    )
    assert item["type"] == "webpage"
    assert item["URL"] == "https://www.hrw.org/a_b"
    assert item["issued"] == {"date-parts": [[2021, 11, 24]]}
    assert item["accessed"] == {"date-parts": [[2026, 11, 23]]}


@pytest.mark.parametrize(
    ("entry_type", "extra", "csl_type"),
    [
        ("inproceedings", "", "paper-conference"),
        ("incollection", "", "chapter"),
        ("inbook", "", "chapter"),
        ("techreport", "", "report"),
        ("phdthesis", "", "thesis"),
        ("unpublished", "", "manuscript"),
        ("misc", "", "document"),
        ("misc", ", url = {https://x.org}", "webpage"),
        ("article", ", entrysubtype = {newspaper}", "article-newspaper"),
    ],
)
def test_entry_types_map_to_csl_types(entry_type: str, extra: str, csl_type: str) -> None:
    assert one(f"@{entry_type}{{k, title = {{T}}{extra}}}")["type"] == csl_type


def test_report_number_and_institution() -> None:
    item = one("@techreport{r, title = {T}, institution = {NIST}, number = {8280}}")
    assert (item["publisher"], item["number"]) == ("NIST", "8280")
    assert "issue" not in item


def test_booktitle_becomes_container_title() -> None:
    item = one("@inproceedings{p, title = {Gender Shades}, booktitle = {Proc. FAT*}}")
    assert item["container-title"] == "Proc. FAT*"


def test_names_split_on_and_in_both_orders() -> None:
    item = one(
        "@book{b, author = {Buolamwini, Joy and Timnit Gebru and {Human Rights Watch}"
        " and Ludwig van Beethoven and others}}"
    )
    assert item["author"] == [
        {"family": "Buolamwini", "given": "Joy"},
        {"family": "Gebru", "given": "Timnit"},
        {"literal": "Human Rights Watch"},
        {"family": "Beethoven", "given": "Ludwig", "non-dropping-particle": "van"},
    ]


def test_braced_organisation_keeps_and_inside_its_name() -> None:
    item = one("@book{b, author = {{Barnes and Noble} and Smith, J.}}")
    assert item["author"] == [{"literal": "Barnes and Noble"}, {"family": "Smith", "given": "J."}]


def test_string_macros_and_concatenation() -> None:
    text = (
        '@string{hrw = "Human Rights Watch"}\n'
        "@STRING(place = {New York})\n"
        '@report{r, title = "Report of " # hrw, publisher = hrw, location = place}\n'
    )
    item = one(text)
    assert item["title"] == "Report of Human Rights Watch"
    assert (item["publisher"], item["publisher-place"]) == ("Human Rights Watch", "New York")


def test_month_macro_with_year() -> None:
    assert one("@misc{m, year = {2018}, month = dec}")["issued"] == {"date-parts": [[2018, 12]]}


@pytest.mark.parametrize("month", ["{12}", '"December"', "{Dec.}"])
def test_month_as_number_or_name(month: str) -> None:
    assert one(f"@misc{{m, year = 2018, month = {month}}}")["issued"] == {
        "date-parts": [[2018, 12]]
    }


@pytest.mark.parametrize(
    ("date", "parts"),
    [
        ("2021", [[2021]]),
        ("2021-05", [[2021, 5]]),
        ("2021-05-17", [[2021, 5, 17]]),
        ("2020-01/2021-02", [[2020, 1], [2021, 2]]),
    ],
)
def test_biblatex_date(date: str, parts: list[list[int]]) -> None:
    assert one(f"@online{{o, date = {{{date}}}}}")["issued"] == {"date-parts": parts}


def test_bad_biblatex_date_fails_at_its_field_line() -> None:
    error = fails("@online{o,\n  title = {T},\n  date = {2021-13-01}}")
    assert error.line == 3
    assert "date" in (error.fix or "")


def test_bad_month_fails_at_its_field_line() -> None:
    assert fails("@misc{m,\n year = 2020,\n month = {Smarch}}").line == 3


def test_accents_and_escapes_become_unicode() -> None:
    item = one(
        "@book{b, title = {Caf\\'e {\\\"o} \\`a \\^o Se\\~nor Gar\\c{c}on {\\'e} \\'{\\i} \\& Co},"
        ' author = {M{\\"u}ller, J\\"org}}'
    )
    assert item["title"] == "Café ö à ô Señor Garçon é í & Co"
    assert item["author"] == [{"family": "Müller", "given": "Jörg"}]


def test_title_cleanup_braces_dashes_ties_and_markup() -> None:
    item = one(
        "@book{b, title = {The {NASA} Report -- \\emph{Part} \\textit{One}~A, see \\url{x.org}}}"
    )
    assert item["title"] == "The NASA Report \u2013 Part One\u00a0A, see x.org"


def test_pages_double_dash_becomes_en_dash() -> None:
    assert one("@article{a, pages = {112--130}}")["page"] == "112\u2013130"


def test_comments_preambles_and_text_outside_entries_are_skipped() -> None:
    text = (
        "This file is mine; mail me@example.org.\n"
        "@comment{not an entry @book{x, title={X}}}\n"
        '@preamble{"\\newcommand{\\noop}[1]{}"}\n'
        "% @book{commented, title = {C}}\n"
        "@book{real, title = {R}}\n"
    )
    assert [s.id for s in parse_bibtex(text, "refs.bib")] == ["real"]


def test_each_source_has_the_line_of_its_at_sign() -> None:
    text = "% refs\n@book{a, title = {A}}\n\n@article{b,\n  title = {B}\n}\n\n\n@misc{c}\n"
    sources = parse_bibtex(text, "refs.bib")
    assert [(s.id, s.location.line) for s in sources] == [("a", 2), ("b", 4), ("c", 9)]
    assert all(s.location.path == "refs.bib" for s in sources)


def test_parenthesised_entry() -> None:
    assert one("@book(b, title = {Paren})")["title"] == "Paren"


def test_unterminated_entry_fails_at_the_line_it_began() -> None:
    error = fails("@book{a, title = {A}}\n\n@article{b,\n  title = {B\n  year = 2020,\n")
    assert error.line == 3
    assert "never closed" in error.message


def test_entry_left_open_before_the_next_entry_fails_at_its_own_line() -> None:
    error = fails("@article{b,\n  title = {B},\n\n@book{c, title = {C}}\n")
    assert error.line == 1
    assert "line 4" in (error.fix or "")


def test_missing_key_fails_at_the_entry_line() -> None:
    error = fails("\n@book{a, title = {A}}\n@article{\n  title = {B}}\n")
    assert error.line == 3
    assert "no key" in error.message


def test_duplicate_key_fails_at_the_second_entry_naming_the_first() -> None:
    error = fails("@book{Same, title = {A}}\n\n@book{same, title = {B}}\n")
    assert error.line == 3
    assert "line 1" in error.message


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("@book{a,\n  title {A}}", 2),
        ("@book{a,\n  title = {A},\n  year = 2020 2021}", 3),
        ("@book{a,\n  title = {A}\n  year = 2020}", 2),
        ("@book{a,\n  title = undefinedmacro}", 2),
        ("@book{a,\n  = {A}}", 2),
        ("@book{a,\n  title = {A},\n  title = {B}}", 3),
    ],
)
def test_bad_field_syntax_fails_at_the_fields_line(text: str, line: int) -> None:
    assert fails(text).line == line


def test_unknown_entry_type_suggests_a_known_one() -> None:
    error = fails("\n@artcle{a, title = {A}}")
    assert error.line == 2
    assert "article" in (error.fix or "")
