"""Pure rules over a built document: word limits, variables, sections, citations, uncited facts,
stale clauses.

Each rule returns Issues; none prints or raises. Severity "error" fails `drafter check`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date

from drafter.assembly.assemble import Assembly
from drafter.errors import quoted
from drafter.filing.wordcount import WordCount
from drafter.model import UNWRITABLE, Block, Cite, Issue, Location, Origin, Span
from drafter.render.clauses import variables_used

WARN_FROM = 475  # the 14a-8 word meter turns to warning here
_NUMBER = re.compile(
    r"(?<![\w(])(?:[$€£]\s?)?\d[\d,.]*(?:\s?(?:%|percent|per cent|million|billion|trillion))?(?![\w)])"
)
_RULE_REF = re.compile(r"\b\d+[a-z]-\d+\b|\(\w{1,4}\)\(\d+\)", re.I)
_QUOTE = re.compile(r"[“\"][^”\"]{20,}[”\"]")
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][”\"’)]))\s+(?=[A-Z“\"(\u2063])")
_ABBREVIATIONS = (
    "U.S.",
    "Inc.",
    "Co.",
    "Corp.",
    "Ltd.",
    "No.",
    "Mr.",
    "Ms.",
    "Dr.",
    "St.",
    "e.g.",
    "i.e.",
    "vs.",
    "U.N.",
)
_CITE_MARK = "\u2063"  # stands for a citation while sentences are split
STALE_AFTER_DAYS = 2 * 365


def run_checks(
    assembly: Assembly,
    blocks: Sequence[Block],
    counts: WordCount | None,
    cited_keys: Iterable[str],
    own_sources: Iterable[str] = (),
    today: date | None = None,
    kind_checks: Callable[[Sequence[Block]], list[Issue]] | None = None,
    fact_risk: str = "",
) -> list[Issue]:
    """Every rule every document has, with the document kind's checks of the text
    (`kind_checks`) among them. `blocks` still hold their Cite markers, so citations are seen in
    place; `fact_risk` says what an uncited fact risks under the kind's rules."""
    issues = list(assembly.issues)
    if counts is not None:
        issues += word_limit(counts, assembly)
    issues += missing_values(assembly)
    issues += empty_sections(assembly, blocks)
    issues += unused_sources(set(cited_keys), own_sources, assembly)
    if kind_checks is not None:
        issues += kind_checks(blocks)
    issues += uncited_facts(blocks, fact_risk)
    issues += stale_clauses(assembly, today or date.today())
    issues += unwritable_characters(assembly)
    return issues


def word_limit(counts: WordCount, assembly: Assembly) -> list[Issue]:
    limit = counts.limit
    if limit is None:
        return []
    where = assembly.draft.location("title")
    total = counts.conservative
    if total > limit:
        return [
            Issue(
                "words.limit",
                "error",
                f"{total} words by the conservative count, over the {limit}-word limit by "
                f"{total - limit} (Rule 14a-8(d))",
                where,
            )
        ]
    issues = []
    if total >= min(WARN_FROM, limit):
        issues.append(
            Issue("words.near", "warning", f"{total} words, close to the {limit}-word limit", where)
        )
    if counts.alternative > limit:
        issues.append(
            Issue(
                "words.alternative",
                "warning",
                f"{counts.alternative} words if compounds are split and symbols counted, over "
                f"{limit}: a company counting that way could object",
                where,
            )
        )
    return issues


def missing_values(assembly: Assembly) -> list[Issue]:
    return [
        Issue(
            "vars.missing",
            "error",
            f"variable {quoted(name)} of clause {quoted(part.origin.clause_id)} has no value",
            part.origin.location,
            part.origin,
        )
        for part in assembly.parts
        for name in part.missing
    ]


def empty_sections(assembly: Assembly, blocks: Sequence[Block]) -> list[Issue]:
    issues = []
    draft = assembly.draft
    for spec in assembly.template.sections:
        if spec.required and not assembly.section_parts(spec.id):
            issues.append(
                Issue(
                    "section.empty",
                    "error",
                    f"the {spec.label or spec.id} section is empty",
                    draft.location(f"sections.{spec.id}")
                    if spec.id in draft.sections
                    else draft.location("sections"),
                )
            )
    rendered = {b.origin for b in blocks if b.origin is not None and b.text.strip()}
    for part in assembly.parts:
        if part.origin not in rendered:
            issues.append(
                Issue(
                    "item.empty",
                    "warning",
                    "this item renders no text",
                    part.origin.location,
                    part.origin,
                )
            )
    if not assembly.draft.title.strip():
        issues.append(
            Issue("title.empty", "warning", "the draft has no title", draft.location("title"))
        )
    return issues


def unused_sources(cited: set[str], own: Iterable[str], assembly: Assembly) -> list[Issue]:
    return [
        Issue(
            "cite.unused",
            "warning",
            f"source {quoted(key)} from the draft's sources is never cited",
            assembly.draft.location("sources"),
        )
        for key in own
        if key.lower() not in cited
    ]


def uncited_facts(blocks: Sequence[Block], risk: str = "") -> list[Issue]:
    """Sentences stating a number or quoting someone with no citation in the same sentence."""
    issues = []
    for block in blocks:
        # headings, the asks and a letter's frame (date, count of signers) state no facts
        if block.role in ("title", "heading", "resolved", "closing") or block.part == "frame":
            continue
        for sentence in sentences(block):
            if _CITE_MARK in sentence:
                continue
            text = _RULE_REF.sub("", sentence)
            claim = _NUMBER.search(text) or _QUOTE.search(text)
            if claim:
                issues.append(
                    Issue(
                        "facts.uncited",
                        "warning",
                        f"'{_excerpt(sentence, claim.group())}' states a fact with no citation{risk}",
                        _origin_location(block),
                        block.origin,
                    )
                )
    return issues


def sentences(block: Block) -> list[str]:
    """The block's sentences, with citations shown as an invisible mark."""
    text = "".join(
        i.text if isinstance(i, Span) else _CITE_MARK if isinstance(i, Cite) else ""
        for i in block.inlines
    )
    protected = text
    for abbreviation in _ABBREVIATIONS:
        protected = protected.replace(abbreviation, abbreviation.replace(".", "\x00"))
    parts = [p.replace("\x00", ".").strip() for p in _SENTENCE_END.split(protected)]
    return [p for p in parts if p]


def stale_clauses(assembly: Assembly, today: date) -> list[Issue]:
    issues = []
    for part in assembly.parts:
        clause = part.clause
        if clause and clause.reviewed and (today - clause.reviewed).days > STALE_AFTER_DAYS:
            issues.append(
                Issue(
                    "clause.stale",
                    "info",
                    f"clause {quoted(clause.id)} was last reviewed on {clause.reviewed.isoformat()}: "
                    "check its facts are still current",
                    part.origin.location,
                    part.origin,
                )
            )
    return issues


def unwritable_characters(assembly: Assembly) -> list[Issue]:
    """Control characters, lone surrogates and U+FFFE/U+FFFF (pasted from a PDF or a web page)
    that the build drops because no document can hold them: one warning per place."""
    draft = assembly.draft
    issues = _unwritable(draft.title, draft.location("title"), None)
    seen: set[str] = set()
    for name in variables_used(draft.title):
        issues += _unwritable_value(name, draft.vars.get(name), draft.location("title"), None, seen)
    for part in assembly.parts:
        issues += _unwritable(part.body, part.body_location, part.origin)
        for name in variables_used(part.body):
            value = part.values.get(name)
            issues += _unwritable_value(name, value, part.origin.location, part.origin, seen)
    return issues


def _unwritable(text: str, start: Location, origin: Origin | None, what: str = "") -> list[Issue]:
    found = list(UNWRITABLE.finditer(text))
    if not found:
        return []
    line = start.line if what else (start.line or 1) + text.count("\n", 0, found[0].start())
    codes = ", ".join(sorted({f"U+{ord(m.group()):04X}" for m in found}))
    count = f"{len(found)} character{'s' if len(found) > 1 else ''}"
    return [
        Issue(
            "text.unwritable",
            "warning",
            f"{count} no document can hold ({codes}){what} dropped: control characters pasted "
            "from a PDF or web page; delete them or retype the text",
            Location(start.path, line),
            origin,
        )
    ]


def _unwritable_value(
    name: str, value: object, where: Location, origin: Origin | None, seen: set[str]
) -> list[Issue]:
    """A variable's value, reported once however many items print it."""
    if not isinstance(value, str) or name in seen:
        return []
    issues = _unwritable(value, where, origin, f" in variable {quoted(name)}")
    if issues:
        seen.add(name)
    return issues


def _origin_location(block: Block) -> Location | None:
    return block.origin.location if block.origin else None


def _excerpt(sentence: str, claim: str, width: int = 60) -> str:
    sentence = sentence.replace(_CITE_MARK, "")
    start = max(0, sentence.find(claim) - width // 2)
    text = sentence[start : start + width].strip()
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + width < len(sentence) else ""
    return f"{prefix}{text}{suffix}"
