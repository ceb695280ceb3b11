"""What the rendering elements read off a cite: variables, numbers, labels and conditions."""

from __future__ import annotations

from drafter.citations.csl import markup as markup_module
from drafter.citations.csl import nameparts, numbers, textcase
from drafter.citations.csl.context import Context
from drafter.citations.csl.rich import Rich

PLAIN_VARIABLES = frozenset({"URL", "DOI", "ISBN", "ISSN", "PMID", "PMCID", "id"})
PAGE_LIKE = frozenset({"page", "locator"})
# Number variables whose ranges take an en dash as a locator's do ("n. 3–4"), never shortened;
# "number" is left out, where "117-402" is one report's number.
RANGES = frozenset({"issue", "volume", "chapter-number", "part-number", "supplement-number"})
SHORT_FORMS = {"title": "title-short", "container-title": "container-title-short"}
# Locator labels as writers give them, and the CSL 1.0.2 locator each one is ("article" is no
# locator: its term is the item type, "preprint").
LOCATOR_ALIASES = {"sub verbo": "sub-verbo", "article": "article-locator"}
USED = "substitute_used"  # ctx.extra: the variables printed inside the current cs:substitute


def note_used(ctx: Context, name: str) -> None:
    """Inside a cs:substitute, a variable once printed is empty for the rest of the cite."""
    used = ctx.extra.get(USED)
    if used is not None and name not in ctx.suppressed:
        used.add(name)
        ctx.suppressed.add(name)


def markup(text: str) -> Rich:
    """A variable's text, with the rich text Zotero writes in it read as formatting."""
    return markup_module.parse_markup(text)


def text_case(content: Rich, case: str, ctx: Context) -> Rich:
    return textcase.apply_case(content, case, ctx.style.language_of(ctx.item))


def strip_periods(content: Rich) -> Rich:
    return textcase.strip_periods(content)


def raw(ctx: Context, name: str) -> str | None:
    """A variable's text as the cite has it, the generated variables included."""
    cite = ctx.cite
    if name == "locator":
        return (cite.locator or "").strip() or None
    if name == "citation-number":
        return None if cite.number is None else str(cite.number)
    if name == "first-reference-note-number":
        return None if cite.first_note is None else str(cite.first_note)
    if name == "year-suffix":
        return ctx.disambiguation.year_suffix
    if name == "citation-label":  # the item's own label also carries the year suffix
        given = ctx.variable_text(name)
        return given + (ctx.disambiguation.year_suffix or "") if given else _trigraph(ctx)
    return ctx.variable_text(name)


TRIGRAPH = {1: (4,), 2: (2, 2), 3: (2, 1, 1)}


def _trigraph(ctx: Context) -> str | None:
    """The label citeproc-js makes when an item has none: letters of the first authors' family
    names (Aaaa, AaAa, AaAA, AAAA) and the year's last two digits, then any year suffix."""
    names = [nameparts.parse(n) for n in ctx.item.names("author") or ctx.item.names("editor")]
    families = [n.family or n.literal or "" for n in names]  # without particles
    families = [f for f in families if f]
    if not families:
        return None
    widths = TRIGRAPH.get(len(families), (1, 1, 1, 1))
    label = "".join(f[:w] for f, w in zip(families, widths, strict=False))
    issued = ctx.item.date("issued")
    parts = issued.get("date-parts") if isinstance(issued, dict) else None
    if parts and parts[0] and str(parts[0][0]).lstrip("-").isdigit():
        label += str(parts[0][0])[-2:]
    return label + (ctx.disambiguation.year_suffix or "")


def variable(ctx: Context, name: str, form: str) -> Rich | None:
    """A cs:text variable, in its short form when asked and there is one."""
    text = None
    if form == "short":
        short = SHORT_FORMS.get(name, f"{name}-short")
        text = None if name in ctx.suppressed else ctx.variable_text(short)
    if text is None:
        text = raw(ctx, name)
    if text is None:
        return None
    note_used(ctx, name)
    if name in PAGE_LIKE and (name == "page" or ctx.cite.label == "page"):
        text = page_range(ctx, text)
    elif name == "locator" or (name in RANGES and numbers.is_numeric(text, _and(ctx))):
        text = numbers.page_range(text, None, numbers.EN_DASH)
    if name in ("citation-number", "year-suffix"):
        return Rich([text], role=name)
    if name in PLAIN_VARIABLES or name == "locator":
        return Rich([text])
    return markup(text)


def page_range(ctx: Context, text: str) -> str:
    delimiter = ctx.style.locale.term("page-range-delimiter") or "\u2013"
    return numbers.page_range(text, ctx.style.options.get("page-range-format"), delimiter)


def number(ctx: Context, name: str, form: str) -> Rich | None:
    """A cs:number: the number formatted when it is one, else the text as it is."""
    text = raw(ctx, name)
    if text is None:
        return None
    note_used(ctx, name)
    if not numbers.is_numeric(text, _and(ctx)):
        return markup(text)
    gender = ctx.style.locale.gender(_term_for(ctx, name))
    return Rich([numbers.format_number(text, form, ctx.style.locale, gender)])


def _and(ctx: Context) -> str | None:
    return ctx.style.locale.term("and")


def _term_for(ctx: Context, name: str) -> str:
    if name == "locator":
        return LOCATOR_ALIASES.get(ctx.cite.label, ctx.cite.label)
    return name


def label(ctx: Context, name: str, form: str, plural: str) -> str | None:
    """A cs:label's term, singular or plural as its variable's value asks."""
    text = raw(ctx, name)
    if text is None:
        return None
    term = _term_for(ctx, name)
    if plural == "always":
        many = True
    elif plural == "never":
        many = False
    else:
        many = numbers.is_plural(text, _and(ctx), name)
    return ctx.style.locale.term(term, form, many)


def test(ctx: Context, name: str, value: str) -> bool:
    """One test of a cs:if."""
    cite = ctx.cite
    if name == "type":
        return ctx.item.type == value
    if name == "variable":
        if value in ("locator", "citation-number", "first-reference-note-number", "year-suffix"):
            return raw(ctx, value) is not None
        return ctx.item.has(value)
    if name == "is-numeric":
        text = raw(ctx, value)
        return text is not None and numbers.is_numeric(text, _and(ctx))
    if name == "locator":
        return bool(cite.locator) and LOCATOR_ALIASES.get(cite.label, cite.label) == value
    if name == "position":
        return ctx.mode == "citation" and _position(ctx, value)
    if name == "disambiguate":
        return ctx.disambiguation.condition == (value == "true")
    if name == "is-uncertain-date":
        date = ctx.item.date(value)
        return isinstance(date, dict) and bool(date.get("circa"))
    return False


def _position(ctx: Context, value: str) -> bool:
    position = ctx.cite.position
    if value == "first":
        return position == "first"
    if value == "subsequent":
        return position != "first"
    if value == "ibid":
        return position in ("ibid", "ibid-with-locator")
    if value == "ibid-with-locator":
        return position == "ibid-with-locator"
    if value == "near-note":
        return position != "first" and ctx.cite.near_note
    return False
