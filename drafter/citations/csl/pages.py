"""Page ranges in CSL 1.0.2 (`page-range-format`, Appendix V), as citeproc-js writes them.

Each range of two numbers in a value ("1-5, 7-9", "S12–S15", "xii-xv") is written with the
locale's page-range delimiter; with a format, the second number of an ascending range is
expanded first ("321-28" is 321 to 328) and then written in full ("expanded"), shortened
("minimal", "minimal-two") or shortened by the Chicago Manual of Style's rules ("chicago-15",
alias "chicago"; "chicago-16"). A repeated prefix is dropped when the second number is shortened
("S12–15"). Two numbers with different prefixes ("n11564-1568") keep their hyphen; text that
is no range ("a-b", "1-5-7", "12a-c") is left as it is; "\\-" is a hyphen that is no range.
"""

from __future__ import annotations

import re

FORMATS = ("expanded", "minimal", "minimal-two", "chicago", "chicago-15", "chicago-16")

# The same words and numbers as `drafter.citations.csl.numbers` reads (which imports this module).
WORD = re.compile(r"[^\W_]+")
NUMBER = re.compile(r"(?P<prefix>[0-9]*[A-Za-z]+)?(?P<digits>[0-9]+)(?P<suffix>[A-Za-z]*)")
ROMAN_WORD = re.compile(r"[ivxlcdm]+|[IVXLCDM]+")
_HYPHEN = re.compile(r"\s*[-\u2013]+\s*")


def page_range(value: str, fmt: str | None, delimiter: str) -> str:
    """`value` with each page range in `fmt` (None: as written) and joined by `delimiter`."""
    text = str(value)
    words = [(m.start(), m.end()) for m in WORD.finditer(text)]
    hyphens = [
        _HYPHEN.fullmatch(text, words[i][1], words[i + 1][0]) is not None
        for i in range(len(words) - 1)
    ]
    out: list[str] = []
    done = 0  # how much of `text` is in `out`
    for i, is_range in enumerate(hyphens):
        if not is_range or (i and hyphens[i - 1]) or (i + 1 < len(hyphens) and hyphens[i + 1]):
            continue  # not a range, or one of three numbers or more joined by hyphens
        first = text[words[i][0] : words[i][1]]
        second = text[words[i + 1][0] : words[i + 1][1]]
        written = _range(first, second, fmt, delimiter)
        if written is None:
            continue
        out.append(text[done : words[i][0]].replace("\\-", "-"))
        out.append(written)
        done = words[i + 1][1]
    out.append(text[done:].replace("\\-", "-"))
    return "".join(out)


def _range(first: str, second: str, fmt: str | None, delimiter: str) -> str | None:
    """One range written out, or None when the two words are not page numbers."""
    start, end = NUMBER.fullmatch(first), NUMBER.fullmatch(second)
    if start is None or end is None:
        both_roman = ROMAN_WORD.fullmatch(first + second) is not None
        return first + delimiter + second if both_roman else None
    prefix = start["prefix"] or ""
    if prefix != (end["prefix"] or ""):
        return first + "-" + second
    low, high = start["digits"], end["digits"]
    plain = not start["suffix"] and not end["suffix"] and low[0] != "0"
    if fmt not in FORMATS or not plain or (high[0] == "0" and len(high) >= len(low)):
        return first + delimiter + second
    if len(high) < len(low):
        high = low[: len(low) - len(high)] + high
    if (len(high), high) <= (len(low), low):
        return first + delimiter + second  # not ascending: "22-22", "50-40"
    if fmt == "expanded":
        return prefix + low + delimiter + prefix + high
    return prefix + low + delimiter + shorten(low, high, fmt)


def shorten(low: str, high: str, fmt: str) -> str:
    """The second number of the ascending range `low`–`high` (digits, no leading zeros) in `fmt`."""
    if len(low) != len(high):
        return high  # the second number has more digits: all of them are needed
    common = 0
    while common < len(low) and low[common] == high[common]:
        common += 1
    size = len(high)
    if fmt in ("minimal", "minimal-two"):
        keep = min(size, 2 if fmt == "minimal-two" else 1)
        return high[min(common, size - keep) :]
    if len(low) < 3 or low.endswith("00"):
        return high  # under 101, or a multiple of 100: all digits
    if fmt == "chicago-16":
        return _last_digits(high, max(2, size - common))
    if common >= size - 2:
        return _last_digits(high, 2)  # the same hundred: the changed part, without zeros
    if size >= 5:
        return _last_digits(high, max(3, size - common))
    return high


def _last_digits(number: str, count: int) -> str:
    """The number's last `count` digits, as a number (without leading zeros)."""
    if count >= len(number):
        return number
    return number[-count:].lstrip("0") or "0"
