"""Shared by the clean-line tests: big numbers, a clause with a given body, the usage-line check."""

from __future__ import annotations

import re

from badinput import PROPOSAL

USAGE = re.compile(r"^drafter(?P<verb>(?: [a-z]+)*): (?P<what>.+?) — (?P<fix>.+)$")
HEX = "0x" + "f" * 4000  # a TOML number of 4,816 decimal digits: parsed, but never printable
DIGITS = "9" * 5000  # past Python's 4,300-digit limit for reading a decimal number


def clause(body: str) -> str:
    """A Whereas clause file whose body (line 5 on) is `body`."""
    return f'+++\nkind = "whereas"\ntitle = "A recital"\n+++\n{body}\n'


def usage_refused(result: object, verb: str, says: str = "") -> re.Match[str]:
    """Exit 2 and one `drafter VERB: what — fix` line: no usage text, no traceback."""
    code, out, err = result.code, result.out, result.err  # type: ignore[attr-defined]
    assert code == 2, (code, out, err)
    assert "Traceback" not in out + err and "usage:" not in err, err
    lines = err.splitlines()
    assert len(lines) == 1, err
    match = USAGE.match(lines[0])
    assert match, lines[0]
    assert match["verb"].strip() == verb, lines[0]
    assert says.lower() in match["what"].lower(), lines[0]
    return match


FILING = PROPOSAL + "\n[filing]\n"  # its first key is on line 14
ELIGIBILITY = ["eligibility", "--submission", "2025-11-20"]
LOT = "[{ shares = 40, acquired = 2021-05-03 }]"
