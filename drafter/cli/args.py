"""The command line's argument parser: usage errors as one `what — fix` line, global options
before or after the verb, and argument types that refuse nonsense values."""

from __future__ import annotations

import argparse
import difflib
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TypeVar

from drafter.errors import excerpt, visible

if TYPE_CHECKING:
    from datetime import date

    from drafter.filing.rules import Lot

MAX_MOVED_DAYS = 3650  # ten years: a meeting moved further is a typing slip, not a schedule
LEVELS = 3  # where global options may stand: before the verb, after it, after a chore
_CHOICE = re.compile(
    r"argument (?P<arg>[^:]+): invalid choice: (?P<value>'.*?'|\S+) \(choose from (?P<choices>.*)\)$"
)
_ARGUMENT = re.compile(r"argument (?P<arg>[^:]+): (?P<rest>.*)$")
_INVALID = re.compile(r"invalid (?P<kind>\w+) value: (?P<value>.*)$")
T = TypeVar("T")


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose usage errors are one line, `drafter VERB: what — fix`, exit 2."""

    def parse_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> argparse.Namespace:
        """The parsed arguments; arguments no parser took are reported by the verb's parser."""
        found, extra = self.parse_known_args(args, namespace)
        if extra:
            _innermost(self, found).error("unrecognized arguments: " + " ".join(extra))
        return found

    def error(self, message: str) -> NoReturn:
        what, fix = self.explain(" ".join(message.split()))
        self.exit(2, visible(f"{self.prog}: {excerpt(what, 300)} — {fix}") + "\n")

    def explain(self, message: str) -> tuple[str, str]:
        """What is wrong and the fix, from one of argparse's messages."""
        help_fix = f"see {self.prog} --help"
        if choice := _CHOICE.match(message):
            arg, value = self._name(choice["arg"]), choice["value"].strip("'")
            choices = [c.strip().strip("'") for c in choice["choices"].split(",")]
            close = difflib.get_close_matches(value, choices, n=1)
            return (
                f"{arg}: '{value}' is not one of {', '.join(choices)}",
                f"did you mean '{close[0]}'?" if close else "use one of them",
            )
        if message.startswith("the following arguments are required: "):
            names = [n.strip() for n in message.split(": ", 1)[1].split(",")]
            verb = "is" if len(names) == 1 else "are"
            return (
                f"{', '.join(names)} {verb} required",
                f"write {self.prog} {self._example(names)}",
            )
        if message.startswith("unrecognized arguments: "):
            extra = message.split(": ", 1)[1]
            first = extra.split()[0] if extra.split() else extra
            options = [o for action in self._actions for o in action.option_strings]
            close = difflib.get_close_matches(first.split("=")[0], options, n=1)
            fix = f"did you mean {close[0]}?" if close and first.startswith("-") else help_fix
            return f"unknown argument {extra}", fix
        if message.startswith("ambiguous option: "):
            return message.removeprefix("ambiguous option: "), "write the whole option name"
        if argument := _ARGUMENT.match(message):
            return self._argument(self._name(argument["arg"]), argument["rest"], help_fix)
        return message, help_fix

    def _argument(self, arg: str, rest: str, help_fix: str) -> tuple[str, str]:
        """A problem with one argument's value."""
        if invalid := _INVALID.match(rest):
            kind = {"int": "a whole number", "float": "a number"}.get(invalid["kind"], "valid")
            return f"{arg}: {invalid['value']} is not {kind}", f"write {self._example([arg])}"
        if rest.startswith("expected"):
            return f"{arg} needs a value", f"write {self._example([arg])}"
        if rest.startswith("ignored explicit argument"):
            return f"{arg} takes no value", f"write {arg} alone"
        if " — " in rest:  # from an argument type of ours: what — fix
            what, fix = rest.split(" — ", 1)
            return f"{arg}: {what}", fix
        return f"{arg}: {rest}", help_fix

    def _name(self, text: str) -> str:
        """`--output` for argparse's `-o/--output`: the longest spelling."""
        return max(text.split("/"), key=len)

    def _example(self, names: list[str]) -> str:
        """Each argument with its metavar, as the usage line writes it."""
        parts = []
        for name in names:
            action = next(
                (
                    a
                    for a in self._actions
                    if name in a.option_strings or name in (a.metavar, a.dest)
                ),
                None,
            )
            if action is None:
                parts.append(name)
            elif not action.option_strings:
                parts.append(str(action.metavar or action.dest))
            elif action.nargs == 0:
                parts.append(name)
            else:
                parts.append(f"{name} {action.metavar or action.dest.upper()}")
        return " ".join(parts)


def _innermost(parser: argparse.ArgumentParser, found: argparse.Namespace) -> Parser:
    """The parser of the verb (and chore) that `found` names, else `parser` itself."""
    while True:
        verbs = next(
            (a for a in parser._actions if isinstance(a, argparse._SubParsersAction)), None
        )
        name = getattr(found, verbs.dest, None) if verbs is not None else None
        if verbs is None or not isinstance(name, str) or name not in verbs.choices:
            return parser  # type: ignore[return-value]
        parser = verbs.choices[name]


def add_global_options(parser: argparse.ArgumentParser, level: int) -> None:
    """`--library`, `--allow-path` and `--debug`, kept apart per level so that every position
    counts."""
    parser.add_argument(
        "--library",
        "-L",
        action="append",
        type=Path,
        dest=f"library_{level}",
        default=[] if level == 0 else argparse.SUPPRESS,
        metavar="DIR",
        help="a library folder layered over the built-in one (repeatable; later wins; "
        "before or after the verb)",
    )
    parser.add_argument(
        "--allow-path",
        action="append",
        type=Path,
        dest=f"allow_path_{level}",
        default=[] if level == 0 else argparse.SUPPRESS,
        metavar="DIR",
        help="let drafts name files under DIR, not only beside the draft (repeatable)",
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        dest=f"debug_{level}",
        default=False if level == 0 else argparse.SUPPRESS,
        help="show tracebacks",
    )


def add_global_options_everywhere(parser: argparse.ArgumentParser, level: int = 0) -> None:
    """The global options on `parser`, each verb's parser and each chore's, each at its level."""
    add_global_options(parser, level)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                add_global_options_everywhere(sub, level + 1)


def merge_global_options(args: argparse.Namespace) -> argparse.Namespace:
    """One `library` and one `allow_path` list (in the order given: before the verb, then after)
    and one `debug`."""
    found = vars(args)
    args.library = [path for level in range(LEVELS) for path in found.pop(f"library_{level}", [])]
    args.allow_path = [
        path for level in range(LEVELS) for path in found.pop(f"allow_path_{level}", [])
    ]
    args.debug = any([found.pop(f"debug_{level}", False) for level in range(LEVELS)])
    return args


def _typed(parse: Callable[[str], T]) -> Callable[[str], T]:
    """An argparse type from a reader that raises Invalid. The filing readers load when an
    argument is converted, so building the parser (and `--help`) does without them."""

    def convert(text: str) -> T:
        from drafter.filing.holdings import Invalid

        try:
            return parse(text)
        except Invalid as problem:
            raise argparse.ArgumentTypeError(f"{problem.what} — {problem.fix}") from None

    return convert


def day_argument(name: str) -> Callable[[str], date]:
    """A YYYY-MM-DD argument within the years a filing can fall in."""

    def day(text: str) -> date:
        from drafter.filing.holdings import day_from_text

        return day_from_text(text, name)

    return _typed(day)


def price_argument(text: str) -> float:
    """A share price: a finite number above zero."""
    from drafter.filing import holdings

    return _typed(
        lambda t: holdings.number_from_text(
            t, "the price", "--high-price 182.50", holdings.MAX_PRICE
        )
    )(text)


def lot_argument(text: str) -> Lot:
    """A `SHARES@YYYY-MM-DD` lot."""
    from drafter.filing.holdings import lot_from_text

    return _typed(lot_from_text)(text)


def count_argument(text: str) -> int:
    """A whole number of 1 or more (processes)."""
    if not re.fullmatch(r"\s*\d{1,4}\s*", text) or int(text) < 1:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a whole number of 1 or more — write a count such as 4"
        )
    return int(text)


def moved_days_argument(text: str) -> int:
    """A whole number of days, negative for earlier, within MAX_MOVED_DAYS either way."""
    fix = "write the days the meeting moved, such as 45 or -45"
    number = text.strip()
    if not re.fullmatch(r"[+-]?\d+", number):
        raise argparse.ArgumentTypeError(f"'{excerpt(text, 40)}' is not a whole number — {fix}")
    if len(number.lstrip("+-").lstrip("0")) > 5 or abs(int(number)) > MAX_MOVED_DAYS:
        raise argparse.ArgumentTypeError(
            f"{excerpt(number, 40)} days is more than {MAX_MOVED_DAYS:,} (ten years) either way"
            f" — {fix}"
        )
    return int(number)


def holder_argument(text: str) -> str:
    """A holder's name that is not blank, as a holdings file's `name = "..."` must be."""
    from drafter.filing.holdings import Invalid, holder_name

    try:
        return holder_name(text)
    except Invalid as problem:
        raise argparse.ArgumentTypeError(
            f'{problem.what} — write --holder "Jane Doe" or leave it out'
        ) from None


def names_argument(text: str) -> list[str]:
    """A comma-separated list of names, blanks left out: `national, state`."""
    return [name.strip() for name in text.split(",") if name.strip()]
