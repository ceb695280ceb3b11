"""Shared by the bad-input suite: a small working library and drafts, and the refusal check.

Every refused case must end with exit code 2, exactly one line on stderr naming the file (and
the line) with what is wrong and the fix, no traceback, and no output written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

OLD_BYTES = b"the previous output, which a refused build must leave alone\n"
ONE_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+): (?P<what>.+?) — (?P<fix>.+)$")

CLAUSE_A = """\
+++
kind = "whereas"
title = "A recital"

[variables.company]
description = "The company"
+++
{{ company }} hosts a database [@hrw-2021].
"""
CLAUSE_R = """\
+++
kind = "resolved"
title = "The request"
+++
Shareholders request that the Board issue a report.
"""
SOURCES = """\
[
  {"id": "hrw-2021", "type": "webpage", "title": "Mass Surveillance Fuels Oppression",
   "author": [{"literal": "Human Rights Watch"}], "issued": {"date-parts": [[2021, 11, 24]]},
   "URL": "https://www.hrw.org/news/2021/11/24/mass-surveillance"}
]
"""
PROPOSAL = """\
schema = 1
template = "proposal"
title = "Report on Due Diligence"
style = "chicago-notes-bibliography"

[vars]
company = "Amazon"

[sections]
whereas = ["whereas/a"]
resolved = ["resolved/r"]
"""
LETTER = """\
schema = 1
template = "letter"
title = "Letter on the Database"
date = 2022-05-24
subject = "The database"
salutation = "Dear Mr. Selipsky,"

[[to]]
name = "Adam Selipsky"
title = "Chief Executive Officer"

[sections]
opening = [{ text = "We write as a coalition." }]
requests = [{ text = "Publish the due diligence you did." }]
"""
SOLICITATION = """\
schema = 1
template = "exempt-solicitation"
title = "Vote FOR the Proposal"

[vars]
company = "Amazon.com, Inc."

[solicitation]
soliciting = ["Sample Proponent"]
item = 8
proposal = "Report on Due Diligence"
voluntary = true

[history]
votes = [{ year = 2022, for = 40.3, against = 59.7, source = "hrw-2021" }]

[sections]
summary = [{ text = "Vote for the report." }]
reasons = [{ text = "Due diligence is the standard [@hrw-2021]." }]
"""
SIGNERS = """\
name,organization,kind,group,consent_date
,Access Now,organization,national,2022-05-20
Jane Doe,Example University,individual,,2022-05-21
"""


class Workspace:
    """A library root (`lib/`) with two clauses and one source, and a folder for drafts."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.lib = root / "lib"
        self.write("lib/clauses/whereas/a.md", CLAUSE_A)
        self.write("lib/clauses/resolved/r.md", CLAUSE_R)
        self.write("lib/citations/refs.json", SOURCES)
        self.out = root / "out.docx"

    def write(self, name: str, content: str | bytes) -> Path:
        """Write a file under the workspace (text as UTF-8, bytes as they are)."""
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    def old_output(self, name: str = "out.docx") -> Path:
        """An output file that already exists, holding known bytes."""
        return self.write(name, OLD_BYTES)


def huge(path: Path, limit: int) -> Path:
    """A sparse file just over `limit` bytes (quick to make, no disk used)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        handle.write(b"# a comment\n")
        handle.truncate(limit + 1024)
    return path


def assert_refused(
    result: object,
    path: Path | str,
    line: int | None = None,
    *,
    absent: tuple[Path, ...] = (),
    unchanged: tuple[Path, ...] = (),
    says: str = "",
) -> re.Match[str]:
    """Exit 2, one `path:line: what — fix` line on stderr, no traceback, nothing written."""
    code, out, err = result.code, result.out, result.err  # type: ignore[attr-defined]
    assert "Traceback" not in out + err
    assert "internal error" not in err and "drafter: bug:" not in err, err
    assert code == 2, (code, out, err)
    lines = err.splitlines()
    assert len(lines) == 1, err
    match = ONE_LINE.match(lines[0])
    assert match, f"not `path:line: what — fix`: {lines[0]!r}"
    assert Path(match["path"]) == Path(path), lines[0]
    if line is not None:
        assert int(match["line"]) == line, lines[0]
    assert says.lower() in match["what"].lower(), lines[0]
    for output in absent:
        assert not output.exists(), f"{output} was written"
    for output in unchanged:
        assert output.read_bytes() == OLD_BYTES, f"{output} was changed"
    return match


def cases(table: Iterable[Any], only: Iterable[str] | None = None) -> list[Any]:
    """Table rows `(id, *values)` as pytest params with readable ids (params pass through)."""
    wanted = set(only) if only is not None else None
    out = []
    for row in table:
        param = row if hasattr(row, "values") else pytest.param(*row[1:], id=row[0])
        if wanted is None or param.id in wanted:
            out.append(param)
    return out
