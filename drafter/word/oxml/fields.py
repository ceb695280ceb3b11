"""Defusing fields: a field whose instruction is not known to be harmless keeps only the text it
displays; its instruction and field characters go, so nothing updates it again."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

_INSTRUCTION = (qn("w:instrText"), qn("w:delInstrText"))


@dataclass
class _Field:
    """A complex field: `begin`, instruction, optional `separate`, result, `end`."""

    instruction: list[str] = field(default_factory=list)
    # run content from `begin` to `separate` (or `end` without one), field characters included
    code: list[BaseOxmlElement] = field(default_factory=list)
    in_result: bool = False


def defuse_fields(root: BaseOxmlElement, harmless: Collection[str]) -> None:
    """Turn every field in `root` whose name (first word of its instruction, any case) is not in
    `harmless` into its displayed text: `w:fldSimple` is unwrapped; a complex field loses its
    field characters and instruction runs, nested fields in the instruction included, and keeps
    its result runs (nested fields there are judged on their own)."""
    names = {name.upper() for name in harmless}
    for simple in list(root.iter(qn("w:fldSimple"))):
        if _name(simple.get(qn("w:instr"), "")) not in names:
            _unwrap(simple)
    touched: list[BaseOxmlElement] = []
    for complex_field, ends in _complex_fields(root):
        if _name("".join(complex_field.instruction)) not in names:
            for element in (*complex_field.code, *ends):
                run = element.getparent()
                if run is not None:
                    run.remove(element)
                    touched.append(run)
    for run in touched:
        if run.getparent() is not None and all(c.tag == qn("w:rPr") for c in run):
            run.getparent().remove(run)


def _name(instruction: str) -> str:
    words = instruction.split()
    return words[0].upper() if words else ""


def _unwrap(element: BaseOxmlElement) -> None:
    """Put an element's children (but its field data) in its place."""
    parent = element.getparent()
    if parent is None:
        return
    index = parent.index(element)
    for child in list(element):
        if child.tag != qn("w:fldData"):
            parent.insert(index, child)
            index += 1
    parent.remove(element)


def _complex_fields(
    root: BaseOxmlElement,
) -> list[tuple[_Field, list[BaseOxmlElement]]]:
    """Each complex field in `root` with its `end` (none for an unterminated one); a stray `end`
    or `separate` is its own field with no instruction, so it goes."""
    found: list[tuple[_Field, list[BaseOxmlElement]]] = []
    open_fields: list[_Field] = []
    for run in root.iter(qn("w:r")):
        for child in run:
            if child.tag == qn("w:rPr"):
                continue
            kind = child.get(qn("w:fldCharType")) if child.tag == qn("w:fldChar") else None
            for outer in open_fields:
                if not outer.in_result:
                    outer.code.append(child)
            if kind == "begin":
                open_fields.append(_Field(code=[child]))
            elif kind == "separate" and open_fields and not open_fields[-1].in_result:
                open_fields[-1].in_result = True  # the loop above put it in the field's code
            elif kind == "end" and open_fields:
                found.append((open_fields.pop(), [child]))
            elif kind in ("separate", "end"):
                found.append((_Field(), [child]))
            elif child.tag in _INSTRUCTION and open_fields and not open_fields[-1].in_result:
                open_fields[-1].instruction.append(child.text or "")
    found.extend((unterminated, []) for unterminated in open_fields)
    return found
