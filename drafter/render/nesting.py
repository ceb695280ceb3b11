"""How deeply a clause body nests, measured on its tokens before Jinja's parser (which recurses) runs.

Jinja parses, walks and compiles by recursion: a body nested a hundred brackets or blocks deep,
or a single tag chaining hundreds of filters, operators, calls or subscripts (`x[0][0]...`,
`f()()...`, which the parser reads in a loop but every later walk of the tree recurses into),
exhausts Python's stack (RecursionError) or its compiler's limits (20 nested loops, 100
indentation levels). Real clauses nest a few levels, so a body past MAX_NESTING or MAX_CHAIN is
refused at the line where it goes too far, from the lexer's token stream alone; a RecursionError
that still happens (a deep caller's stack) is reported the same way by the sandbox.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")

MAX_NESTING = 16  # brackets and blocks open at once
MAX_CHAIN = 100  # operators, filters, tests and postfix links in one {{ }} or {% %}
BLOCKS = frozenset({"if", "for", "with", "filter", "macro", "call", "block", "autoescape"})
_BRACKETS = {"(": 1, "[": 1, "{": 1, ")": -1, "]": -1, "}": -1}
_NOT_CHAIN = frozenset({",", ":", "=", "(", "[", "{", ")", "]", "}"})
_WORDS = frozenset({"and", "or", "not", "if", "else", "is", "in"})
# After one of these, `(` is a call and `[` a subscript: a postfix link of the chain before it
# (`x[0](1)`), which Jinja parses in a loop but walks and compiles by recursion.
_OPERANDS = frozenset({"name", "string", "integer", "float"})
_CLOSERS = frozenset({")", "]", "}"})
_POSTFIX = frozenset({"(", "["})


class TooDeep(Exception):
    """A body nested or chained past the limits; `line` is the 1-based body line."""

    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.message, self.line = message, line


def check_nesting(tokens: Iterable[tuple[int, str, str]]) -> None:
    """Raise TooDeep where Jinja lexer tokens `(line, type, value)` nest or chain too far."""
    blocks = brackets = chain = 0
    tag: str | None = None  # the current {% %} tag's name, once read
    in_tag = assigns = False
    after_operand = False  # the previous token in the tag ends an operand (`x`, `)`, `'a'` ...)
    for line, kind, value in tokens:
        if kind == "whitespace":
            continue
        postfix, after_operand = after_operand, False
        if kind in ("block_begin", "variable_begin"):
            in_tag, tag, chain, assigns = True, None if kind == "block_begin" else "", 0, False
        elif kind in ("block_end", "variable_end"):
            if tag == "set" and not assigns:  # {% set x %}...{% endset %} is a block
                blocks += 1
            in_tag = False
        elif not in_tag:
            continue
        elif tag is None and kind == "name":
            tag = value
            if value in BLOCKS:
                blocks += 1
            elif value.startswith("end"):
                blocks = max(0, blocks - 1)
        elif kind == "operator":
            brackets = max(0, brackets + _BRACKETS.get(value, 0))
            assigns = assigns or value == "="
            chain += value not in _NOT_CHAIN or (postfix and value in _POSTFIX)
            after_operand = value in _CLOSERS
        elif kind == "name" and value in _WORDS:
            chain += 1
        else:
            after_operand = kind in _OPERANDS
        if blocks + brackets > MAX_NESTING:
            raise TooDeep(
                f"the template nests more than {MAX_NESTING} brackets and blocks deep", line
            )
        if chain > MAX_CHAIN:
            raise TooDeep(f"one tag chains more than {MAX_CHAIN} operators and filters", line)


def within_limits(
    body: str,
    lex: Callable[[str], Iterable[tuple[int, str, str]]],
    make: Callable[[str], T],
    error: Callable[[str, int], Exception],
) -> T:
    """`make(body)` (a parse or a compile) once `lex(body)` shows it nests within the limits; a
    body too deep, or a RecursionError or compiler limit on the way, raises `error(message, line)`."""
    try:
        check_nesting(lex(body))
        return make(body)
    except TooDeep as exc:
        raise error(exc.message, exc.line) from None
    except RecursionError:
        raise error("the template is nested too deeply to read", 1) from None
    except SyntaxError as exc:  # Python's own limits: nested blocks, indentation, parentheses
        if not str(exc.msg).startswith("too many"):
            raise
        raise error(f"the template is nested too deeply to compile ({exc.msg})", 1) from None
