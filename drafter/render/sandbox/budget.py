"""What one rendering may use and has used: loop turns and calls, wall time, text written, and
the weight (characters and items) of every value a body makes or turns into text.

Every value a body makes is weighed (characters and items, shared parts counted each time), and
every turning of a value into text first checks that the value is plain data the weighing walked
(`printable`): an object whose text is not its weight (a macro, a loop, a generator) is refused
before `str()` runs. A body over the budget is one input error.
"""

from __future__ import annotations

import time
from collections.abc import Collection
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from datetime import time as clock_time
from typing import Any

from drafter.render.limits import MAX_OUTPUT_CHARS, MAX_VALUE_SIZE, Exhausted, too_big

MAX_EMITTED_CHARS = 5 * MAX_OUTPUT_CHARS  # text written anywhere in one rendering (macros too)
MAX_STEPS = 100_000  # loop turns and calls in one rendering
MAX_SECONDS = 2.0  # wall time of one rendering
# Containers `measure` walks: their text is made of their items' texts.
_CONTAINERS: tuple[type[Collection[Any]], ...] = (
    dict,
    list,
    tuple,
    set,
    frozenset,
    type({}.keys()),
    type({}.values()),
    type({}.items()),
)
_NUMBER_OR_CONTAINER: tuple[type[int | Collection[Any]], ...] = (int, *_CONTAINERS)
# Values whose text is no longer than a few dozen characters, or their own length.
_LEAVES = (str, bytes, int, float, type(None), date, clock_time, range)


@dataclass
class Budget:
    """What one rendering has used so far."""

    deadline: float
    steps: int = 0
    emitted: int = 0


BUDGET: ContextVar[Budget | None] = ContextVar("drafter_render_budget", default=None)


def step() -> None:
    """Count one loop turn or call; refuse past the step or time budget."""
    budget = BUDGET.get()
    if budget is None:
        return
    budget.steps += 1
    if budget.steps > MAX_STEPS:
        raise Exhausted(f"more than {MAX_STEPS:,} loop turns and calls")
    if time.monotonic() > budget.deadline:
        raise Exhausted(f"rendering took more than {MAX_SECONDS:g} seconds")


def emit(text: str) -> str:
    """Count `text` as written by the body; refuse past MAX_EMITTED_CHARS."""
    budget = BUDGET.get()
    if budget is not None:
        budget.emitted += len(text)
        if budget.emitted > MAX_EMITTED_CHARS:
            raise Exhausted(f"writes more than {MAX_EMITTED_CHARS:,} characters")
    return text


def bounded(value: Any) -> Any:
    """`value`, after checking that it is no larger than MAX_VALUE_SIZE characters and items."""
    measure(value)
    return value


def printable(value: Any) -> Any:
    """`value`, after checking that its text is bounded by its weight: to call before `str()`."""
    measure(value, printing=True)
    return value


def printed(value: Any) -> int:
    """About the length of the text `value` prints as (a text its length; others weighed)."""
    return len(value) if isinstance(value, str) else 6 * measure(value, printing=True) + 24


def measure(value: Any, printing: bool = False) -> int:
    """Characters and items in `value` (a shared part counted each time); refused past the limit.

    Other objects weigh 1; `printing` refuses any whose text could be longer (`_LEAVES` cannot)."""
    total, stack, budget = 0, [value], BUDGET.get()
    while stack:
        item = stack.pop()
        if isinstance(item, str | bytes):
            total += len(item)
        elif isinstance(item, bool) or not isinstance(item, _NUMBER_OR_CONTAINER):
            total += 1
            if printing and not isinstance(item, _LEAVES):
                _refuse_printing(item)
        elif isinstance(item, int):
            total += item.bit_length() * 3 // 10 + 1  # about its digits
        else:
            total += 1 + len(item)
            if total <= MAX_VALUE_SIZE:
                stack.extend(item.items() if isinstance(item, dict) else item)
        if total > MAX_VALUE_SIZE:
            raise too_big()
        if budget is not None and len(stack) % 4096 == 0 and time.monotonic() > budget.deadline:
            raise Exhausted(f"rendering took more than {MAX_SECONDS:g} seconds")
    return total


def _refuse_printing(item: Any) -> None:
    """Refuse turning `item` into text: it is not plain data the weighing walked."""
    from jinja2 import Undefined
    from jinja2.exceptions import SecurityError

    if not isinstance(item, Undefined):  # its own error says what is undefined
        name = type(item).__name__
        raise SecurityError(f"a {name} object cannot be turned into text in a clause body")
