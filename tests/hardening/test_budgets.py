"""Bounded work for every input: each hostile file below stops within its budget (a real
process, under a 1.5 GB address-space limit so that a blow-up fails the test, not the machine),
with one line naming the file and line, exit 2 and nothing written; the large but legitimate
ones finish in seconds."""

from __future__ import annotations

import io
import json
import os
import resource
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from badinput import PROPOSAL, Workspace, assert_refused

from drafter.bibmacros import MAX_FIELD_CHARS, MAX_FILE_CHARS
from drafter.docbudget import MAX_CITATIONS, MAX_DOCUMENT_CHARS, MAX_ITEMS
from drafter.harvest import MAX_MERGED_COMMENTS
from drafter.word.safety import MAX_ELEMENTS, MAX_PARAGRAPHS

MEMORY = 1536 * 1024 * 1024  # address space of each drafter process these tests run
SECONDS = 10.0  # generous: every case here takes well under 2 s on a shared two-core machine
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@dataclass
class Ran:
    code: int
    out: str
    err: str
    seconds: float


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def drafter(*args: str | Path, cwd: Path) -> Ran:
    """`python -m drafter ARGS` with a memory limit, timed."""
    env = {k: v for k, v in os.environ.items() if k != "DRAFTER_LIBRARY"}
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "drafter", *map(str, args)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_limit_memory,
    )
    return Ran(done.returncode, done.stdout, done.stderr, time.monotonic() - started)


def refused(ran: Ran, path: Path, line: int | None = None, **kwargs: object) -> None:
    """Refused within the time budget, as every bad input is (see badinput.assert_refused)."""
    assert ran.seconds < SECONDS, f"took {ran.seconds:.1f} s"
    assert "MemoryError" not in ran.err, ran.err
    assert_refused(ran, path, line, **kwargs)  # type: ignore[arg-type]


def build(ws: Workspace, draft: Path | None = None) -> tuple[Ran, Path]:
    out = ws.old_output("out.md")
    draft = draft or ws.write("draft.toml", PROPOSAL)
    return drafter("build", draft, "-o", out, "--library", ws.lib, cwd=ws.root), out


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


# --- DOCX: returned and reference ------------------------------------------


def _built(ws: Workspace) -> tuple[Path, Path]:
    draft = ws.write("draft.toml", PROPOSAL)
    built = ws.root / "built.docx"
    ran = drafter("build", draft, "-o", built, "--library", ws.lib, cwd=ws.root)
    assert ran.code == 0, ran.err
    return draft, built


def _patched(built: Path, out: Path, parts: dict[str, object]) -> Path:
    """A copy of `built` with parts edited (a function of the old bytes) or added (bytes)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(built) as src, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            data = src.read(name)
            edit = parts.pop(name, None)
            dst.writestr(name, edit(data) if callable(edit) else data)
        for name, data in parts.items():
            dst.writestr(name, data)  # type: ignore[arg-type]
    out.write_bytes(buffer.getvalue())
    return out


def _in_body(xml: bytes) -> object:
    return lambda data: data.replace(b"<w:body>", b"<w:body>" + xml, 1)


HOSTILE_DOCUMENTS = [
    (
        "30-million-empty-paragraphs",
        {"word/document.xml": _in_body(b"<w:p/>" * 30_000_000)},
        "times its packed size",
    ),
    (
        "elements-under-the-ratio",
        {"word/document.xml": _in_body(b"<a/>" * (MAX_ELEMENTS + 1))},
        "XML elements",
    ),
    (
        "elements-spread-over-parts",
        {
            "word/document.xml": _in_body(b"<a/>" * (MAX_ELEMENTS // 2)),
            "word/styles.xml": lambda d: d.replace(
                b"</w:styles>", b"<a/>" * (MAX_ELEMENTS // 2 + 10) + b"</w:styles>"
            ),
        },
        "XML elements",
    ),
    ("paragraphs", {"word/document.xml": _in_body(b"<w:p/>" * (MAX_PARAGRAPHS + 1))}, "paragraphs"),
    (
        "many-runs",
        {"word/document.xml": _in_body(b"<w:p>" + b"<w:r/>" * (MAX_ELEMENTS + 1) + b"</w:p>")},
        "packed size",
    ),
    (
        "deep-content-controls",
        {
            "word/document.xml": _in_body(
                b"<w:sdt><w:sdtContent>" * 130 + b"<w:p/>" + b"</w:sdtContent></w:sdt>" * 130
            )
        },
        "nested",
    ),
    (
        "deep-tables",
        {
            "word/document.xml": _in_body(
                b"<w:tbl><w:tr><w:tc>" * 90 + b"<w:p/>" + b"</w:tc></w:tr></w:tbl>" * 90
            )
        },
        "nested",
    ),
]


@pytest.mark.parametrize(
    ("parts", "says"), [pytest.param(p, s, id=i) for i, p, s in HOSTILE_DOCUMENTS]
)
def test_a_returned_document_too_big_to_parse_is_refused_before_parsing(
    ws: Workspace, parts: dict[str, object], says: str
) -> None:
    draft, built = _built(ws)
    hostile = _patched(built, ws.root / "returned.docx", dict(parts))
    new = ws.root / "new.toml"
    ran = drafter("review", draft, hostile, "--apply", "-o", new, "--library", ws.lib, cwd=ws.root)
    refused(ran, hostile, 1, absent=(new,), says=says)


@pytest.mark.parametrize(
    ("parts", "says"), [pytest.param(p, s, id=i) for i, p, s in HOSTILE_DOCUMENTS[:2]]
)
def test_a_reference_document_too_big_to_parse_is_refused(
    ws: Workspace, parts: dict[str, object], says: str
) -> None:
    draft, built = _built(ws)
    reference = _patched(built, ws.root / "letterhead.docx", dict(parts))
    out = ws.old_output("out.docx")
    ran = drafter(
        "build", draft, "-o", out, "--reference-doc", reference, "--library", ws.lib, cwd=ws.root
    )
    refused(ran, reference, 1, unchanged=(out,), says=says)


def test_an_element_with_a_huge_number_of_attributes_is_read_quickly(ws: Workspace) -> None:
    draft, built = _built(ws)
    attributes = b" ".join(b'a%d="x"' % i for i in range(500_000))
    odd = _patched(
        built,
        ws.root / "returned.docx",
        {"word/document.xml": _in_body(b"<w:p " + attributes + b"/>")},
    )
    ran = drafter("review", draft, odd, "--format", "json", "--library", ws.lib, cwd=ws.root)
    assert ran.code == 0, ran.err
    assert ran.seconds < SECONDS, f"took {ran.seconds:.1f} s"


# --- review output ---------------------------------------------------------

COMMENTS = 20_000


def _commented(ws: Workspace, count: int) -> tuple[Path, Path]:
    draft, built = _built(ws)
    body = b"".join(
        b'<w:p><w:commentRangeStart w:id="%d"/><w:r><w:t>w%d</w:t></w:r>'
        b'<w:commentRangeEnd w:id="%d"/><w:r><w:commentReference w:id="%d"/></w:r></w:p>'
        % (i, i, i, i)
        for i in range(count)
    )
    comments = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments xmlns:w="{W}">'
        + "".join(
            f'<w:comment w:id="{i}" w:author="R{i % 7}"><w:p><w:r><w:t>c{i}</w:t></w:r>'
            "</w:p></w:comment>"
            for i in range(count)
        )
        + "</w:comments>"
    ).encode()
    rel = (
        b'<Relationship Id="rIdC" Target="comments.xml" Type="http://schemas.openxmlformats.org'
        b'/officeDocument/2006/relationships/comments"/></Relationships>'
    )
    override = (
        b'<Override PartName="/word/comments.xml" ContentType="application/vnd.'
        b'openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>'
    )
    returned = _patched(
        built,
        ws.root / "returned.docx",
        {
            "word/document.xml": _in_body(body),
            "word/_rels/document.xml.rels": lambda d: d.replace(b"</Relationships>", rel),
            "[Content_Types].xml": lambda d: d.replace(b"</Types>", override),
            "word/comments.xml": comments,
        },
    )
    return draft, returned


def test_twenty_thousand_comments_report_quickly_in_every_format(ws: Workspace) -> None:
    draft, returned = _commented(ws, COMMENTS)
    table = drafter("review", draft, returned, "--library", ws.lib, cwd=ws.root)
    assert table.code == 0 and table.seconds < SECONDS, (table.err, table.seconds)
    rows = [line.split("\t") for line in table.out.splitlines() if line.count("\t") == 4]
    assert len(rows) == COMMENTS + 1  # and the header
    assert {r[3] for r in rows[1:]} == {f"c{i}" for i in range(COMMENTS)}
    as_json = drafter(
        "review", draft, returned, "--format", "json", "--library", ws.lib, cwd=ws.root
    )
    assert as_json.code == 0 and as_json.seconds < SECONDS
    assert len(json.loads(as_json.out)["unplaced"]) == COMMENTS
    as_md = drafter("review", draft, returned, "--format", "md", "--library", ws.lib, cwd=ws.root)
    assert as_md.code == 0 and as_md.seconds < SECONDS
    assert sum(" comment: “c" in line for line in as_md.out.splitlines()) == COMMENTS


def test_merging_more_comments_than_the_limit_is_refused_and_writes_nothing(
    ws: Workspace,
) -> None:
    draft, returned = _commented(ws, MAX_MERGED_COMMENTS + 1)
    merged = ws.root / "merged.docx"
    ran = drafter(
        "review",
        draft,
        returned,
        "--merge-comments",
        merged,
        "--library",
        ws.lib,
        "--format",
        "json",
        cwd=ws.root,
    )
    refused(ran, returned, 1, absent=(merged,), says="comments")


def test_merging_the_most_comments_allowed_takes_seconds(ws: Workspace) -> None:
    draft, returned = _commented(ws, MAX_MERGED_COMMENTS)
    merged = ws.root / "merged.docx"
    ran = drafter(
        "review",
        draft,
        returned,
        "--merge-comments",
        merged,
        "--library",
        ws.lib,
        "--format",
        "json",
        cwd=ws.root,
    )
    assert ran.code == 0 and merged.is_file(), ran.err
    assert ran.seconds < SECONDS, f"took {ran.seconds:.1f} s"
    with zipfile.ZipFile(merged) as archive:
        assert archive.read("word/comments.xml").count(b"<w:comment ") == MAX_MERGED_COMMENTS


# --- campaign workers ------------------------------------------------------


def test_a_campaign_worker_runs_under_an_address_space_limit(tmp_path: Path) -> None:
    code = (
        "import os, resource\n"
        "from drafter.batch import WORKER_MEMORY, _watch_parent\n"
        "_watch_parent(os.getppid())\n"
        "soft, _ = resource.getrlimit(resource.RLIMIT_AS)\n"
        "print(soft == WORKER_MEMORY)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "True", done.stderr


def test_a_worker_out_of_memory_fails_its_target_alone(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from drafter import batch

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
