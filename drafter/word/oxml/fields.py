"""Defusing fields: a field whose instruction is not known to be harmless keeps only the text it
displays; its instruction and field characters go, so nothing updates it again."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from drafter.word.oxml.settings import discard

_INSTRUCTION = (qn("w:instrText"), qn("w:delInstrText"))


@dataclass
class _Field:
    """A complex field: `begin`, instruction, optional `separate`, result, `end`.

    Its code, the run content from `begin` to `separate` (or `end` without one), field
    characters and nested fields included, is the slice `start:stop` of the run content in
    document order; `end` is the position of its `end`, if it has one.
    """

    start: int
    stop: int = 0
    instruction: list[str] = field(default_factory=list)
    in_result: bool = False
    end: int | None = None


def defuse_fields(root: BaseOxmlElement, harmless: Collection[str]) -> None:
    """Turn every field in `root` whose name (first word of its instruction, any case) is not in
    `harmless` into its displayed text: `w:fldSimple` is unwrapped; a complex field loses its
    field characters and instruction runs, nested fields in the instruction included, and keeps
    its result runs (nested fields there are judged on their own). Linear in `root`'s size."""
    names = {name.upper() for name in harmless}
    for simple in list(root.iter(qn("w:fldSimple"))):
        if _name(simple.get(qn("w:instr"), "")) not in names:
            _unwrap(simple)
    content, fields = _complex_fields(root)
    starts = [0] * (len(content) + 1)  # +1 where a defused field's code starts, -1 past its end
    ends = bytearray(len(content))
    for complex_field in fields:
        if _name("".join(complex_field.instruction)) not in names:
            starts[complex_field.start] += 1
            starts[complex_field.stop] -= 1
            if complex_field.end is not None:
                ends[complex_field.end] = 1
    touched: dict[BaseOxmlElement, None] = {}
    depth = 0
    for index, element in enumerate(content):
        depth += starts[index]
        if depth > 0 or ends[index]:
            run = element.getparent()
            if run is not None:
                discard(element)
                touched[run] = None
    for run in touched:
        if run.getparent() is not None and all(c.tag == qn("w:rPr") for c in run):
            discard(run)


def _name(instruction: str) -> str:
    words = instruction.split()
    return words[0].upper() if words else ""


def _unwrap(element: BaseOxmlElement) -> None:
    """Put an element's children (but its field data) in its place."""
    if element.getparent() is None:
        return
    for child in list(element):
        if child.tag != qn("w:fldData"):
            element.addprevious(child)
    discard(element)


def _complex_fields(root: BaseOxmlElement) -> tuple[list[BaseOxmlElement], list[_Field]]:
    """The run content of `root` (but run properties) in document order, and each complex field
    in it; a stray `end` or `separate` is its own field with no instruction, so it goes."""
    content: list[BaseOxmlElement] = []
    found: list[_Field] = []
    open_fields: list[_Field] = []
    for run in root.iter(qn("w:r")):
        for child in run:
            if child.tag == qn("w:rPr"):
                continue
            index = len(content)
            content.append(child)
            kind = child.get(qn("w:fldCharType")) if child.tag == qn("w:fldChar") else None
            top = open_fields[-1] if open_fields else None
            if kind == "begin":
                open_fields.append(_Field(start=index))
            elif kind == "separate" and top is not None and not top.in_result:
                top.in_result, top.stop = True, index + 1
            elif kind == "end" and top is not None:
                open_fields.pop()
                if not top.in_result:
                    top.stop = index + 1
                top.end = index
                found.append(top)
            elif kind in ("separate", "end"):
                found.append(_Field(start=index, stop=index, end=index))
            elif child.tag in _INSTRUCTION and top is not None and not top.in_result:
                top.instruction.append(child.text or "")
    for unterminated in open_fields:
        if not unterminated.in_result:
            unterminated.stop = len(content)
        found.append(unterminated)
    return content, found
