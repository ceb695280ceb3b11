"""CSL text case (CSL 1.0.2 §Text-case) and strip-periods over a whole `Rich` tree.

The tree's strings are read as one text, so a word may run across strings and "first" and "last"
are of the whole tree; text inside a `nocase` node is never changed, but its words still count
for position. Words are split at white space and, as citeproc-js splits them, at quotes, hyphens
and dashes, slashes, brackets and `. , ; ? ! :`. Title, sentence and capitalize-first/-all case
follow citeproc-js (the reference of the CSL test suite):

- a word is capitalised only if it is all lower case ("iPad" and "IS" stay as they are);
- title case (English only) capitalises each word of two letters or more that is not a stop
  word, and a stop word or single letter that is first, follows `:`, `?` or `!`, starts a
  hyphenated compound ("Pro-Environmental", but "Out-of-Fashion"), or, for a stop word, is last;
- sentence case capitalises the first word and lower-cases every other one (for a string with
  no lower-case letter, the rest of the first word too: "THE END" reads "The end");
- the letter right after an apostrophe or a quotation mark that closes nothing, or that opens
  a quotation left unclosed, is not capitalised ("don't" reads "Don't", not "Don'T").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from drafter.citations.csl.rich import Rich

CASES = ("lowercase", "uppercase", "capitalize-first", "capitalize-all", "sentence", "title")

# Words title case leaves lower case unless first, last or after `:`, `?`, `!`: CSL 1.0.2's stop words (§Title case conversion), and the few more the CSL test suite keeps
# lower case (textcase_SkipNameParticlesInTitleCase, flipflop_OrphanQuote): name particles and
# two prepositions. citeproc-js keeps every English preposition lower case ("after",
# "without"); pandoc's citeproc and the specification capitalise them, and so does drafter.
_STOP_WORDS = """
    a an and as at but by down for from in into nor of on onto or over so the till to up via with
    yet about under de van von
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())

_BREAKS = "\u2018\u2019\u201c\u201d\"'-\u2013\u2014/.,;?!:[]()"
_TOKEN = re.compile(f"[{re.escape(_BREAKS)}]|[^\\s\u200b{re.escape(_BREAKS)}]+")
_SPACE = re.compile("[\\s\u200b]")
_AFTER_PUNCT = frozenset("?!:")
# Quotation marks: openers (a straight one after white space or at the start) with their closer
# and the opener a quotation nested in them uses, and closers.
_OPENERS = {"\u201c": "\u201d", "\u2018": "\u2019", ' "': '"', " '": "'"}
_NESTED = {"\u201c": "\u2018", "\u2018": "\u201c", ' "': " '", " '": ' "'}
_CLOSERS = frozenset("\u201d\u2019\"'")

KEEP, UPPER, LOWER = 0, 1, 2
_ACTION_RUNS = re.compile(b"\x00+|\x01+|\x02+")

Caser = Callable[[str], str]
# Where each string of a copied tree sits: the children list holding it and its index there.
Slot = tuple[list[Rich | str], int]


def apply_case(rich: Rich, case: str, lang: str | None) -> Rich:
    """A new tree with CSL `text-case` `case` applied; `lang` decides title case and dotted i."""
    if case not in CASES:
        raise ValueError(f"unknown text-case {case!r}: use one of {', '.join(CASES)}")
    copy, slots, strings, flags = _copy(rich)
    if case == "title" and not _english(lang):
        return copy
    upper, lower = _casers(lang)
    text = "".join(strings)
    runs = _runs(strings, flags)
    if case in ("lowercase", "uppercase"):
        actions = bytearray(len(text))
        code = LOWER if case == "lowercase" else UPPER
        for start, end, nocase in runs:
            if not nocase:
                actions[start:end] = bytes([code]) * (end - start)
    else:
        actions = _Marker(text, case, lower, upper).mark(runs)
    _write(slots, strings, text, actions, upper, lower)
    return copy


def strip_periods(rich: Rich) -> Rich:
    """A new tree without the periods outside `nocase` nodes (CSL `strip-periods`)."""
    copy, slots, strings, flags = _copy(rich)
    for (children, i), string, nocase in zip(slots, strings, flags, strict=True):
        if not nocase:
            children[i] = string.replace(".", "")
    return copy


def _english(lang: str | None) -> bool:
    low = (lang or "en").lower()
    return low == "en" or low.startswith("en-")


def _casers(lang: str | None) -> tuple[Caser, Caser]:
    """Upper and lower casing for `lang`: Turkish and Azeri keep dotted and dotless i apart."""
    if (lang or "").lower().split("-")[0] in ("tr", "az"):
        return (
            lambda s: s.replace("i", "\u0130").upper(),
            lambda s: s.replace("I", "\u0131").replace("\u0130", "i").lower(),
        )
    return str.upper, str.lower


def _copy(root: Rich) -> tuple[Rich, list[Slot], list[str], list[bool]]:
    """A copy of the tree; where each of its strings sits, the strings, and whether each is
    inside `nocase`.

    Walked with a stack, not recursion, so a deeply nested tree cannot exhaust Python's stack.
    """
    top = _shell(root)
    slots: list[Slot] = []
    strings: list[str] = []
    flags: list[bool] = []
    stack = [(iter(root.children), top, root.nocase)]
    while stack:
        children, target, nocase = stack[-1]
        for child in children:
            if isinstance(child, str):
                slots.append((target.children, len(target.children)))
                strings.append(child)
                flags.append(nocase)
                target.children.append(child)
            else:
                shell = _shell(child)
                target.children.append(shell)
                stack.append((iter(child.children), shell, nocase or child.nocase))
                break
        else:
            stack.pop()
    return top, slots, strings, flags


def _shell(node: Rich) -> Rich:
    return Rich([], dict(node.formatting), node.quotes, node.nocase, node.display, node.role)


def _runs(strings: list[str], flags: list[bool]) -> list[tuple[int, int, bool]]:
    """The text's stretches (start, end, nocase) where being inside `nocase` does not change."""
    runs: list[tuple[int, int, bool]] = []
    position = 0
    for string, nocase in zip(strings, flags, strict=True):
        if not string:
            continue
        end = position + len(string)
        if runs and runs[-1][2] == nocase:
            runs[-1] = (runs[-1][0], end, nocase)
        else:
            runs.append((position, end, nocase))
        position = end
    return runs


def _write(
    slots: list[Slot], strings: list[str], text: str, actions: bytearray, upper: Caser, lower: Caser
) -> None:
    """Put each string back with the case actions on its characters carried out."""
    position = 0
    for (children, i), string in zip(slots, strings, strict=True):
        end = position + len(string)
        if actions.find(UPPER, position, end) >= 0 or actions.find(LOWER, position, end) >= 0:
            pieces = []
            for run in _ACTION_RUNS.finditer(actions, position, end):
                piece = text[run.start() : run.end()]
                action = actions[run.start()]
                pieces.append(
                    upper(piece) if action == UPPER else lower(piece) if action else piece
                )
            children[i] = "".join(pieces)
        position = end


class _Marker:
    """citeproc-js's text-case state machine: marks which characters to upper- or lower-case."""

    def __init__(self, text: str, case: str, lower: Caser, upper: Caser) -> None:
        self.text, self.case, self.lower = text, case, lower
        self.actions = bytearray(len(text))
        self.first = True
        self.after_punct = False
        self.last: tuple[int, int] | None = None  # the last changeable word, for title case
        self.forget_last = False  # a quotation mark closed nothing: the words after it are not last
        self.quotes: list[tuple[str, str, int | None]] = []  # (nested opener, closer, position)
        self.kept: list[int] = []  # characters whose capitalisation is undone
        self.all_upper = False
        self.upper = upper

    def mark(self, runs: list[tuple[int, int, bool]]) -> bytearray:
        if self.case == "sentence":
            changeable = (self.text[s:e] for s, e, nocase in runs if not nocase)
            self.all_upper = all(self.upper(part) == part for part in changeable)
        for start, end, nocase in runs:
            self.end_segment()
            for token in _TOKEN.finditer(self.text, start, end):
                s, e = token.span()
                if e - s == 1 and token.group() in _BREAKS:
                    self.end_segment()
                    self.punctuation(token.group(), s)
                elif nocase:
                    self.first = self.after_punct = False
                    self.last = None
                else:
                    self.word(s, e)
                    self.first = self.after_punct = False
        self.end_segment()
        self.kept += [pos + 1 for _, _, pos in self.quotes if pos is not None]
        for position in self.kept:
            if position < len(self.actions) and self.actions[position] == UPPER:
                self.actions[position] = KEEP
        if self.case == "title" and self.last is not None:
            s, e = self.last
            word = self.text[s:e]
            if len(word) > 1 and word == self.lower(word) and word in STOP_WORDS:
                self.capitalise(s, e)
        return self.actions

    def end_segment(self) -> None:
        if self.forget_last:
            self.last = None
            self.forget_last = False

    def punctuation(self, char: str, position: int) -> None:
        if char in _AFTER_PUNCT:
            self.after_punct = True
        key = char
        if char in "\"'" and (position == 0 or _SPACE.match(self.text, position - 1)):
            key = " " + char
        if key in _OPENERS:
            kept = self.open_quote(key, position)
        elif key in _CLOSERS:
            kept = self.close_quote(key, position)
        else:
            return
        if kept is not None:
            self.kept.append(kept + 1)
            self.forget_last = True

    def open_quote(self, key: str, position: int) -> int | None:
        """Open a quotation; one that does not nest properly drops the open one, undone."""
        if not self.quotes or key == self.quotes[-1][0]:
            self.quotes.append((_NESTED[key], _OPENERS[key], position))
            return None
        dropped = self.quotes.pop()[2]
        self.quotes.append((_NESTED[key], _OPENERS[key], None))
        return dropped

    def close_quote(self, key: str, position: int) -> int | None:
        if self.quotes and key == self.quotes[-1][1]:
            self.quotes.pop()
            return None
        return position

    def word(self, s: int, e: int) -> None:
        word = self.text[s:e]
        lowercase = word == self.lower(word)
        if self.case == "title":
            self.last = (s, e)
            if lowercase and (
                (len(word) > 1 and word not in STOP_WORDS)
                or self.first
                or self.after_punct
                or (self.text[e : e + 1] == "-" and self.text[s - 1 : s] != "-")
            ):
                self.capitalise(s, e)
        elif self.case == "sentence":
            if self.first:
                if lowercase:
                    self.capitalise(s, e)
                if self.all_upper:
                    self.actions[s + 1 : e] = bytes([LOWER]) * (e - s - 1)
            else:
                self.actions[s:e] = bytes([LOWER]) * (e - s)
        elif lowercase and (self.case == "capitalize-all" or self.first):
            self.capitalise(s, e)

    def capitalise(self, s: int, e: int) -> None:
        """Upper-case the word's first letter, unless it is a lone Greek letter (a symbol)."""
        if not (e - s == 1 and "\u0370" <= self.text[s] <= "\u03ff"):
            self.actions[s] = UPPER
