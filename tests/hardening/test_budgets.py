"""Bounded work for every input: each hostile file below stops within its budget (a real
process, under a 1.5 GB address-space limit so that a blow-up fails the test, not the machine),
with one line naming the file and line, exit 2 and nothing written; the large but legitimate
ones finish in seconds. DOCX files and the review's outputs: test_budgets_documents.py."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from badinput import PROPOSAL, Workspace
from budgetrun import SECONDS, Ran, build, refused

from drafter.assembly.budget import MAX_CITATIONS, MAX_DOCUMENT_CHARS, MAX_ITEMS
from drafter.sources.bibtex import MAX_FIELD_CHARS, MAX_FILE_CHARS

# --- BibTeX macros ---------------------------------------------------------


def _doubling(count: int, start: str = "xxxxxxxx") -> list[str]:
    """@string lines s0 ... s<count>, each the one before joined to itself."""
    return [f'@string{{s0 = "{start}"}}'] + [
        f"@string{{s{i} = s{i - 1} # s{i - 1}}}" for i in range(1, count + 1)
    ]


def _bib(ws: Workspace, text: str) -> Path:
    (ws.lib / "citations" / "refs.json").unlink()
    return ws.write("lib/citations/refs.bib", text)


def test_doubling_string_macros_stop_at_the_string_that_passes_the_field_limit(
    ws: Workspace,
) -> None:
    lines = [*_doubling(20), "@misc{hrw-2021, title = s20, url = {https://example.org}}"]
    bib = _bib(ws, "\n".join(lines) + "\n")
    assert bib.stat().st_size < 600
    first_over = next(i for i in range(21) if 8 * 2**i > MAX_FIELD_CHARS)
    ran, out = build(ws)
    refused(ran, bib, first_over + 1, unchanged=(out,), says=f"@string 's{first_over}' expands")


def test_a_field_joining_distinct_macros_is_refused_at_its_line(ws: Workspace) -> None:
    lines = _doubling(13) + [f"@string{{t{i} = s13}}" for i in range(4)]
    lines += ["@misc{hrw-2021,", "  url = {https://example.org},", "  title = t0 # t1 # t2 # t3,"]
    lines += ["}"]
    assert 8 * 2**13 * 3 <= MAX_FIELD_CHARS < 8 * 2**13 * 4  # three fit, the fourth does not
    bib = _bib(ws, "\n".join(lines) + "\n")
    ran, out = build(ws)
    refused(ran, bib, len(lines) - 1, unchanged=(out,), says="field 'title' expands")


def test_many_fields_each_under_the_limit_stop_at_the_file_budget(ws: Workspace) -> None:
    size = 8 * 2**14
    fields = MAX_FILE_CHARS // size + 5
    lines = _doubling(14) + ["@misc{hrw-2021,"] + [f"  f{i} = s14," for i in range(fields)]
    bib = _bib(ws, "\n".join([*lines, "}"]) + "\n")
    ran, out = build(ws)
    macros = 8 * (2**15 - 1)  # s0 ... s14 count too
    over = (MAX_FILE_CHARS - macros) // size + 1  # the field that passes the budget
    refused(ran, bib, 16 + over, unchanged=(out,), says="the file's fields expand")


def test_a_long_line_of_at_signs_is_read_in_linear_time(ws: Workspace) -> None:
    bib = _bib(
        ws, "@misc{hrw-2021, title = {A}, url = {https://example.org}}\n" + "@b " * 1_000_000
    )
    ran, _ = build(ws)
    assert ran.code == 0 and bib.stat().st_size > 2_000_000, ran.err
    assert ran.seconds < SECONDS, f"took {ran.seconds:.1f} s"


# --- clause bodies ---------------------------------------------------------

BODY_LINE = 8  # the line a clause body starts on, below its front matter (`_clause`)


def _clause(ws: Workspace, body: str) -> Path:
    front = '+++\nkind = "whereas"\ntitle = "A"\n\n[variables.company]\ndescription = "c"\n+++\n'
    assert front.count("\n") == BODY_LINE - 1
    return ws.write("lib/clauses/whereas/a.md", front + body + "\n")


def test_a_body_of_placeholders_is_sized_before_it_is_built(ws: Workspace) -> None:
    clause = _clause(ws, "{{ company }}\n" * 10 + "{{ company }}" * 550_000)
    draft = ws.write("draft.toml", PROPOSAL.replace('"Amazon"', '"' + "A" * 2000 + '"'))
    ran, out = build(ws, draft)
    refused(ran, clause, BODY_LINE + 10, unchanged=(out,), says="more than 200,000 characters")


FORMATS = [
    ("widths-summed", "{{ ('{0:199999}' * 16000).format(1) }}"),
    ("one-long-value-printed-often", "{{ ('{0}' * 50000).format('x' * 100000) }}"),
    ("precisions", "{{ '{:.150000f}{:.150000f}'.format(1.5, 2.5) }}"),
    ("format-map", "{{ ('{a}' * 50000).format_map({'a': 'x' * 100000}) }}"),
    ("printf-key-repeated", "{{ ('%(a)s' * 30000) % {'a': 'x' * 100000} }}"),
    ("printf-widths-summed", "{{ ('%199999d' * 10000) % ((1,) * 10000) }}"),
    ("format-filter", "{{ ('%(a)s' * 30000)|format(a='x' * 100000) }}"),
]


@pytest.mark.parametrize("body", [pytest.param(b, id=i) for i, b in FORMATS])
def test_format_strings_are_sized_over_all_their_fields(ws: Workspace, body: str) -> None:
    clause = _clause(ws, body)
    ran, out = build(ws)
    refused(ran, clause, BODY_LINE, unchanged=(out,), says="formatted text")


def test_short_format_strings_still_format(ws: Workspace) -> None:
    _clause(ws, "{{ '{} and {:>5}'.format('a', 'b') }} {{ '%-4s:%d%%' % ('x', 5) }} [@hrw-2021].")
    ran, out = build(ws)
    assert ran.code == 0, ran.err
    assert "a and     b x   :5%" in out.read_text(encoding="utf-8")


# --- one document ----------------------------------------------------------


def _in_the_list(ran: Ran, count: int) -> bool:
    """Whether the error's line is one of the `count` items' lines of the whereas list."""
    first = PROPOSAL.splitlines().index('whereas = ["whereas/a"]') + 1
    line = int(ran.err.split(":")[1])
    return first <= line <= first + count


def test_a_draft_with_too_many_items_is_refused_at_its_list(ws: Workspace) -> None:
    items = ",\n".join(['  "whereas/a"'] * (MAX_ITEMS + 1))
    draft = ws.write("draft.toml", PROPOSAL.replace('["whereas/a"]', f"[\n{items},\n]"))
    ran, out = build(ws, draft)
    refused(ran, draft, unchanged=(out,), says="items")
    assert _in_the_list(ran, MAX_ITEMS + 1)


def test_a_long_clause_repeated_stops_at_the_document_budget(ws: Workspace) -> None:
    _clause(ws, ("A recital of some length. " * 7000).strip())  # 182,000 characters
    count = MAX_DOCUMENT_CHARS // 182_000 + 1
    items = ",\n".join(['  "whereas/a"'] * count)
    draft = ws.write("draft.toml", PROPOSAL.replace('["whereas/a"]', f"[\n{items},\n]"))
    ran, out = build(ws, draft)
    refused(ran, draft, unchanged=(out,), says="2,000,000 characters")
    assert _in_the_list(ran, count)


def test_too_many_citations_are_refused_before_notes_are_formatted(ws: Workspace) -> None:
    _clause(ws, "{{ company }} hosts it [@hrw-2021]. " * 100)
    count = MAX_CITATIONS // 100 + 1
    items = ",\n".join(['  "whereas/a"'] * count)
    draft = ws.write("draft.toml", PROPOSAL.replace('["whereas/a"]', f"[\n{items},\n]"))
    ran, out = build(ws, draft)
    refused(ran, draft, unchanged=(out,), says="1,000 citations")
    assert _in_the_list(ran, count)


# --- CSL styles ------------------------------------------------------------

STYLE = """<?xml version="1.0" encoding="utf-8"?>
{doctype}<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0">
  <info><title>&x;</title><id>x</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>{extra}
</style>
"""


@pytest.mark.parametrize(
    ("doctype", "encoding"),
    [
        pytest.param('<!DOCTYPE style [<!ENTITY x "a">]>\n', "utf-8", id="internal-entity"),
        pytest.param(
            '<!DOCTYPE style [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n',
            "utf-8",
            id="external-entity",
        ),
        pytest.param(
            '<!DOCTYPE style [<!ENTITY a "aaaaaaaaaa"><!ENTITY x "&a;&a;&a;&a;&a;&a;">]>\n',
            "utf-8",
            id="laughs",
        ),
        pytest.param('<!DOCTYPE style [<!ENTITY x "a">]>\n', "utf-16", id="utf-16"),
    ],
)
def test_a_style_declaring_entities_is_refused_before_parsing(
    ws: Workspace, doctype: str, encoding: str
) -> None:
    text = STYLE.format(doctype=doctype, extra="")
    if encoding != "utf-8":
        text = text.replace('encoding="utf-8"', f'encoding="{encoding}"')
    style = ws.write("hostile.csl", text.encode(encoding))
    draft = ws.write("draft.toml", PROPOSAL.replace("chicago-notes-bibliography", "hostile.csl"))
    ran, out = build(ws, draft)
    refused(ran, style, 2, unchanged=(out,), says="DTD")


def test_a_style_of_too_many_elements_is_refused(ws: Workspace) -> None:
    text = STYLE.format(
        doctype="", extra="<macro name='m'>" + "<text value='a'/>" * 60_000 + "</macro>"
    )
    style = ws.write("huge.csl", text.replace("&x;", "T"))
    draft = ws.write("draft.toml", PROPOSAL.replace("chicago-notes-bibliography", "huge.csl"))
    ran, out = build(ws, draft)
    refused(ran, style, 1, unchanged=(out,), says="elements")


# --- campaign workers ------------------------------------------------------


def test_a_campaign_worker_runs_under_an_address_space_limit(tmp_path: Path) -> None:
    code = (
        "import os, resource\n"
        "from drafter.campaign.batch import WORKER_MEMORY, _watch_parent\n"
        "_watch_parent(os.getppid())\n"
        "soft, _ = resource.getrlimit(resource.RLIMIT_AS)\n"
        "print(soft == WORKER_MEMORY)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "True", done.stderr


def test_a_worker_out_of_memory_fails_its_target_alone(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from drafter.campaign import batch

    text = PROPOSAL + '\n[campaign]\noutput = "{company}"\n\n[[targets]]\nname = "a"\n'
    campaign = ws.write("campaign.toml", text)
    header = text.splitlines().index("[[targets]]") + 1

    def exhausted(*_args: object, **_kwargs: object) -> None:
        raise MemoryError

    monkeypatch.setattr(batch, "build", exhausted)
    out = ws.root / "a.md"
    row = batch._build_target(str(campaign), "a", str(out), "md", "", None, (str(ws.lib),))
    assert row["status"] == "failed" and not out.exists()
    message = next(v for v in row.values() if isinstance(v, str) and "GB" in v)
    assert message.startswith(f"{campaign}:{header}: target 'a' needs more than"), message
    assert "\n" not in message
