"""A fake locale for the CSL tests: the `Terms` protocol over dictionaries, and the terms of
en-US, fr-FR, nl-NL and it-IT (the parts the number tests need) and of two test-suite styles."""

from __future__ import annotations

NB_HYPHEN = "\u2011"  # the fr-FR page-range delimiter


class FakeTerms:
    """A locale as the `Terms` protocol shows it: a term is found only in the gender asked for."""

    def __init__(
        self,
        terms: dict[str, str],
        gendered: dict[tuple[str, str], str] | None = None,
        forms: dict[tuple[str, str, bool], str] | None = None,
        matches: dict[tuple[str, str | None], str] | None = None,
        lang: str = "en-US",
    ) -> None:
        self.lang = lang
        self.terms = terms
        self.gendered = gendered or {}
        self.forms = forms or {}
        self.matches = matches or {}
        self.asked: list[tuple[str, str | None]] = []

    def term(
        self, name: str, form: str = "long", plural: bool = False, gender: str | None = None
    ) -> str | None:
        self.asked.append((name, gender))
        if (name, form, plural) in self.forms:
            return self.forms[name, form, plural]
        if form != "long" or plural:
            return None
        return self.gendered.get((name, gender)) if gender else self.terms.get(name)

    def gender(self, name: str) -> str | None:
        return None

    def option(self, name: str) -> str | None:
        return None

    def match(self, name: str, gender: str | None = None) -> str | None:
        return self.matches.get((name, gender))


LONG = ["first", "second", "third", "fourth", "fifth"]
LONG += ["sixth", "seventh", "eighth", "ninth", "tenth"]
EN = FakeTerms(
    {
        "ordinal": "th",
        "ordinal-01": "st",
        "ordinal-02": "nd",
        "ordinal-03": "rd",
        "ordinal-11": "th",
        "ordinal-12": "th",
        "ordinal-13": "th",
        "and": "and",
        "page-range-delimiter": "–",
        **{f"long-ordinal-{n:02d}": word for n, word in enumerate(LONG, 1)},
    },
    forms={("page", "short", False): "p.", ("page", "short", True): "pp."},
)
# fr-FR's ordinals, "and" and page-range delimiter.
FR = FakeTerms(
    {"ordinal": "ᵉ", "and": "et", "page-range-delimiter": NB_HYPHEN, "long-ordinal-01": "premier"},
    gendered={("ordinal-01", "feminine"): "ʳᵉ", ("ordinal-01", "masculine"): "ᵉʳ"},
    matches={
        ("ordinal-01", "feminine"): "whole-number",
        ("ordinal-01", "masculine"): "whole-number",
    },
    lang="fr-FR",
)
# number_SeparateOrdinalNamespaces: the style's ordinal terms, which replace all of fr-FR's.
SEPARATE = FakeTerms(
    {"ordinal": ".ª", "ordinal-01": ".ª"},
    gendered={
        ("ordinal-01", "masculine"): ".º",
        ("ordinal-01", "feminine"): ".ª",
        ("ordinal-02", "masculine"): ".ºº",
    },
)
# nl-NL's ordinals: "ste" by default, "de" for 2 to 7, 9, 10 to 19 (and 0 alone).
NL = FakeTerms(
    {
        "ordinal": "ste",
        **{f"ordinal-0{n}": "de" for n in (0, 2, 3, 4, 5, 6, 7, 9)},
        **{f"ordinal-{n}": "de" for n in range(10, 20)},
    },
    matches={
        ("ordinal-00", None): "whole-number",
        **{(f"ordinal-0{n}", None): "last-two-digits" for n in (2, 3, 4, 5, 6, 7, 9)},
    },
)
# A CSL 1.0 locale: no "ordinal" term, only ordinal-01 to ordinal-04.
LEGACY = FakeTerms({"ordinal-01": "st", "ordinal-02": "nd", "ordinal-03": "rd", "ordinal-04": "th"})
# it-IT's long ordinals: neuter and feminine "prima", masculine "primo"; only a neuter "decima".
IT = FakeTerms(
    {"ordinal": "º", "long-ordinal-01": "prima", "long-ordinal-10": "decima"},
    gendered={("long-ordinal-01", "masculine"): "primo", ("ordinal", "feminine"): "ª"},
)
NONE = FakeTerms({})
