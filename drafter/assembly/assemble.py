"""Resolve a draft against a library: template, order, clauses and the values of their variables."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from drafter.drafts.lines import var_line
from drafter.errors import DraftError, quoted
from drafter.files.reading import did_you_mean
from drafter.library.load import Library
from drafter.model import (
    Clause,
    Draft,
    Issue,
    Item,
    Layout,
    Location,
    Origin,
    SectionSpec,
    Template,
)
from drafter.render.clauses import variables_used


@dataclass(frozen=True)
class Part:
    """One draft item resolved: the text to render, where it came from, the values it gets."""

    origin: Origin
    section: SectionSpec
    body: str
    body_location: Location  # file and line of the body's first line
    values: Mapping[str, Any]
    missing: tuple[str, ...]  # variables the body uses that have no value
    clause: Clause | None = None


@dataclass(frozen=True)
class Assembly:
    """A draft resolved against its library and template, ready to render."""

    draft: Draft
    template: Template
    layout: Layout
    parts: tuple[Part, ...]
    issues: tuple[Issue, ...]

    def section_parts(self, section_id: str) -> list[Part]:
        return [p for p in self.parts if p.origin.section == section_id]


def placeholder(name: str) -> str:
    """What a variable without a value renders as, so the gap shows in the output."""
    return f"[{name}?]"


def assemble(draft: Draft, library: Library, provided: Mapping[str, str] | None = None) -> Assembly:
    """Resolve every item of `draft`; unknown names are input errors, doubtful ones issues.

    `provided` are values the build computes (a letter's signatory count): they beat clause
    defaults and lose to the draft's own values."""
    template = _template(draft, library)
    layout = _layout(draft, template)
    issues: list[Issue] = []
    parts: list[Part] = []
    used: set[str] = set()
    for section_id, items in draft.sections.items():
        spec = template.section(section_id)
        if spec is None:
            raise DraftError(
                f"template {quoted(template.name)} has no section {quoted(section_id)}",
                draft.path,
                draft.key_lines.get(f"sections.{section_id}"),
                did_you_mean(
                    section_id,
                    [s.id for s in template.sections],
                    "sections: " + ", ".join(s.id for s in template.sections),
                ),
            )
        for index, item in enumerate(items):
            part = _part(draft, library, spec, index, item, issues, provided or {})
            used.update(variables_used(part.body))
            if part.clause:
                used.update(v.name for v in part.clause.variables)
            parts.append(part)
    used.update(variables_used(draft.title))
    used.update(template.frame_vars)
    _check_draft_vars(draft, used, parts, issues)
    return Assembly(draft, template, layout, tuple(parts), tuple(issues))


def _template(draft: Draft, library: Library) -> Template:
    template = library.templates.get(draft.template)
    if template is None:
        raise DraftError(
            f"unknown template {quoted(draft.template)}",
            draft.path,
            draft.key_lines.get("template"),
            did_you_mean(
                draft.template, library.templates, "templates: " + ", ".join(library.templates)
            ),
        )
    return template


def _layout(draft: Draft, template: Template) -> Layout:
    if not draft.order:
        return next(iter(template.layouts.values()))
    layout = template.layouts.get(draft.order)
    if layout is None:
        raise DraftError(
            f"unknown order {quoted(draft.order)} for template {quoted(template.name)}",
            draft.path,
            draft.key_lines.get("order"),
            did_you_mean(draft.order, template.layouts, "orders: " + ", ".join(template.layouts)),
        )
    return layout


def _part(
    draft: Draft,
    library: Library,
    spec: SectionSpec,
    index: int,
    item: Item,
    issues: list[Issue],
    provided: Mapping[str, str],
) -> Part:
    item_location = draft.location(item.line)
    if item.is_inline:
        origin = Origin(spec.id, index, item.edited_from, item_location)
        values: dict[str, Any] = {}
        source = library.clause(item.edited_from) if item.edited_from else None
        if source is not None:  # an edited clause keeps its variables' defaults
            values = {v.name: v.default for v in source.variables if v.default is not None}
        values.update(provided)
        values.update(draft.vars)
        values.update(item.vars)
        return Part(origin, spec, item.text or "", item_location, values, ())
    clause = library.clause(item.clause or "")
    if clause is None:
        raise DraftError(
            f"unknown clause {quoted(item.clause)}",
            draft.path,
            item.line,
            did_you_mean(
                item.clause or "", library.clauses, "run `drafter list clauses` to see the ids"
            ),
        )
    declared = {v.name for v in clause.variables}
    for name in item.vars:
        if name not in declared:
            raise DraftError(
                f"clause {quoted(clause.id)} has no variable {quoted(name)}",
                draft.path,
                item.line,
                did_you_mean(
                    name, declared, "its variables: " + (", ".join(sorted(declared)) or "none")
                ),
            )
    if clause.kind != spec.kind:
        issues.append(
            Issue(
                "section.kind",
                "warning",
                f"a {clause.kind} clause ({quoted(clause.id)}) is in the {spec.id} section",
                item_location,
            )
        )
    values = {v.name: v.default for v in clause.variables if v.default is not None}
    values.update(provided)
    values.update(draft.vars)
    values.update(item.vars)
    missing = tuple(
        name for name in variables_used(clause.body) if name in declared and name not in values
    )
    for name in missing:
        values[name] = placeholder(name)
    origin = Origin(spec.id, index, clause.id, item_location)
    return Part(
        origin, spec, clause.body, Location(clause.path, clause.body_line), values, missing, clause
    )


def _check_draft_vars(draft: Draft, used: set[str], parts: list[Part], issues: list[Issue]) -> None:
    """A draft variable nothing uses is a warning; one that looks like a misspelling is an error."""
    needed = {name for part in parts for name in part.missing} | used
    for name in draft.vars:
        if name in used:
            continue
        import difflib

        close = difflib.get_close_matches(name, needed, n=1, cutoff=0.75)
        line = var_line(draft, name)
        if close:
            raise DraftError(
                f"variable {quoted(name)} is not used by any clause",
                draft.path,
                line,
                f"did you mean {quoted(close[0])}?",
            )
        issues.append(
            Issue(
                "vars.unused",
                "warning",
                f"variable {quoted(name)} is not used by any clause",
                draft.location(line),
            )
        )
