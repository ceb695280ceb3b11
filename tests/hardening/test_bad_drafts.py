"""Bad draft files (proposal, letter, exempt solicitation, and their [filing], [history] and
[solicitation] tables) are refused with one line naming the draft's line; nothing is written."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from badinput import LETTER, PROPOSAL, SOLICITATION, Workspace, assert_refused, cases, huge

from drafter.files.reading import MAX_TEXT_BYTES

DEEP = 10_000


def edit(base: str, old: str, new: str) -> str:
    """`base` with `old` replaced once by `new` (which must be there)."""
    assert old in base, old
    return base.replace(old, new, 1)


def proposal(old: str, new: str) -> str:
    return edit(PROPOSAL, old, new)


def letter(old: str, new: str) -> str:
    return edit(LETTER, old, new)


def notice(old: str, new: str) -> str:
    return edit(SOLICITATION, old, new)


STYLE = 'style = "chicago-notes-bibliography"\n'  # line 4 of PROPOSAL; an insert after is line 5
WHEREAS = 'whereas = ["whereas/a"]'  # line 10 of PROPOSAL
FILING = PROPOSAL + "\n[filing]\n"  # the [filing] header is line 13, its first key line 14
HISTORY = PROPOSAL + "\n[history]\n"
TO = '[[to]]\nname = "Adam Selipsky"\ntitle = "Chief Executive Officer"\n'  # lines 8-10 of LETTER
NOTICE_TABLE = SOLICITATION[SOLICITATION.index("[solicitation]") : SOLICITATION.index("[history]")]

# (case id, draft text, line, words the message must contain)
PROPOSAL_CASES = [
    # malformed syntax
    ("unclosed-string", proposal('"Report on Due Diligence"', '"Report on'), 3, "malformed TOML"),
    ("missing-equals", proposal("title = ", "title "), 3, "malformed TOML"),
    ("unclosed-array", PROPOSAL.rstrip("]\n"), 11, "malformed TOML"),
    ("duplicate-key", proposal(STYLE, STYLE + 'title = "Again"\n'), 5, "malformed TOML"),
    ("duplicate-table", PROPOSAL + '[vars]\nother = "x"\n', 12, "malformed TOML"),
    ("unclosed-table-header", proposal("[sections]", "[sections"), 9, "malformed TOML"),
    ("invalid-date", proposal(STYLE, STYLE + "when = 2022-13-45\n"), 5, "malformed TOML"),
    # wrong types
    ("schema-text", proposal("schema = 1", 'schema = "1"'), 1, "schema"),
    ("schema-future", proposal("schema = 1", "schema = 9"), 1, "schema 9"),
    ("schema-bool", proposal("schema = 1", "schema = true"), 1, "schema"),
    ("title-number", proposal('title = "Report on Due Diligence"', "title = 5"), 3, "title"),
    ("style-list", proposal(STYLE, 'style = ["apa"]\n'), 4, "style must be"),
    ("notes-number", proposal(STYLE, STYLE + "notes = 3\n"), 5, "notes must be"),
    ("sources-number", proposal(STYLE, STYLE + "sources = 5\n"), 5, "sources"),
    ("sources-list-of-numbers", proposal(STYLE, STYLE + "sources = [1]\n"), 5, "sources"),
    ("vars-number", proposal('[vars]\ncompany = "Amazon"\n', "vars = 5\n"), 6, "vars"),
    ("var-table", proposal('company = "Amazon"', "company = { a = 1 }"), 7, "company"),
    ("var-list", proposal('company = "Amazon"', 'company = ["A"]'), 7, "company"),
    (
        "sections-text",
        proposal(STYLE, STYLE + 'sections = "whereas"\n').split("[sections]")[0],
        5,
        "sections",
    ),
    ("section-text", proposal(WHEREAS, 'whereas = "whereas/a"'), 10, "must be a list"),
    ("section-table", proposal(WHEREAS, "whereas = { clause = 1 }"), 10, "must be a list"),
    ("item-number", proposal(WHEREAS, "whereas = [5]"), 10, "clause id or a table"),
    ("item-empty-id", proposal(WHEREAS, 'whereas = [""]'), 10, "empty clause id"),
    ("item-clause-number", proposal(WHEREAS, "whereas = [{ clause = 5 }]"), 10, "clause must"),
    ("item-text-number", proposal(WHEREAS, "whereas = [{ text = 5 }]"), 10, "text must"),
    (
        "item-vars-number",
        proposal(WHEREAS, 'whereas = [{ clause = "whereas/a", vars = 5 }]'),
        10,
        "vars",
    ),
    ("item-from-number", proposal(WHEREAS, 'whereas = [{ text = "x", from = 5 }]'), 10, "from"),
    # missing keys, and names that lead nowhere
    (
        "item-neither-clause-nor-text",
        proposal(WHEREAS, "whereas = [{ vars = { a = 1 } }]"),
        10,
        "exactly one",
    ),
    (
        "item-both-clause-and-text",
        proposal(WHEREAS, 'whereas = [{ clause = "whereas/a", text = "x" }]'),
        10,
        "exactly one",
    ),
    (
        "item-from-without-text",
        proposal(WHEREAS, 'whereas = [{ clause = "whereas/a", from = "whereas/a" }]'),
        10,
        "from",
    ),
    (
        "inline-text-with-vars",
        proposal(WHEREAS, 'whereas = [{ text = "x", vars = { a = 1 } }]'),
        10,
        "inline text",
    ),
    ("unknown-clause", proposal(WHEREAS, 'whereas = ["whereas/zzz"]'), 10, "unknown clause"),
    (
        "unknown-clause-variable",
        proposal(WHEREAS, 'whereas = [{ clause = "whereas/a", vars = { compny = "x" } }]'),
        10,
        "no variable",
    ),
    (
        "misspelled-draft-variable",
        proposal('company = "Amazon"', 'compny = "Amazon"'),
        7,
        "compny",
    ),
    ("missing-sources-file", proposal(STYLE, STYLE + 'sources = ["gone.json"]\n'), 5, "not found"),
    (
        "unknown-citation-key",
        proposal(WHEREAS, 'whereas = [{ text = "A fact [@nope]." }]'),
        10,
        "unknown citation key",
    ),
    (
        "missing-resolved-clause",
        proposal('resolved = ["resolved/r"]', 'resolved = ["resolved/"]'),
        11,
        "unknown clause",
    ),
    # unknown keys
    ("unknown-top-level-key", proposal(STYLE, STYLE + 'titel = "x"\n'), 5, "unknown key 'titel'"),
    (
        "unknown-item-key",
        proposal(WHEREAS, 'whereas = [{ clauses = "whereas/a" }]'),
        10,
        "unknown item key",
    ),
    # unknown kinds
    ("unknown-template", proposal('"proposal"', '"memo"'), 2, "unknown template"),
    ("unknown-order", proposal(STYLE, STYLE + 'order = "sideways"\n'), 5, "unknown order"),
    ("unknown-notes-mode", proposal(STYLE, STYLE + 'notes = "sidenotes"\n'), 5, "notes mode"),
    ("unknown-section", PROPOSAL + 'preamble = ["whereas/a"]\n', 12, "no section 'preamble'"),
    ("unknown-style", proposal(STYLE, 'style = "no-such-style-anywhere"\n'), 4, "style"),
    ("missing-style-file", proposal(STYLE, 'style = "styles/gone.csl"\n'), 4, "not found"),
    # empty
    ("empty-file", "", 1, "empty"),
    ("only-comments", "# a draft, some day\n\n", 1, "empty"),
    # deep nesting
    ("deep-array", PROPOSAL + "deep = " + "[" * DEEP + "]" * DEEP + "\n", 12, "nested"),
    (
        "deep-inline-table",
        PROPOSAL + "deep = " + "{ a = " * DEEP + "1" + " }" * DEEP + "\n",
        12,
        "nested",
    ),
    ("deep-dotted-table", PROPOSAL + "[letter." + ".".join(["a"] * DEEP) + "]\n", 12, "nested"),
    ("deep-dotted-key", proposal(STYLE, STYLE + ".".join(["a"] * DEEP) + " = 1\n"), 5, "nested"),
]

LETTER_CASES = [
    ("date-text", letter("date = 2022-05-24", 'date = "May 24"'), 4, "not a date"),
    ("date-number", letter("date = 2022-05-24", "date = 5"), 4, "not a date"),
    ("subject-list", letter('subject = "The database"', 'subject = ["a"]'), 5, "subject"),
    (
        "salutation-table",
        letter('salutation = "Dear Mr. Selipsky,"', "salutation = { a = 1 }"),
        6,
        "salutation",
    ),
    ("sign-off-number", letter('subject = "The database"', "sign_off = 5"), 5, "sign_off"),
    (
        "closing-in-schema-2",
        letter("schema = 1", "schema = 2").replace(
            'subject = "The database"', 'closing = "Yours,"'
        ),
        5,
        "unknown key 'closing'",
    ),
    ("cc-tables", letter('subject = "The database"', "cc = [{ a = 1 }]"), 5, "cc"),
    ("addressee-without-name", letter('name = "Adam Selipsky"\n', ""), 8, "needs a name"),
    ("addressee-number", letter(TO, "to = 5\n"), 8, "addressee"),
    (
        "addressee-unknown-key",
        letter('name = "Adam Selipsky"\n', 'name = "A"\nemail = "x"\n'),
        8,
        "email",
    ),
    ("addressee-name-list", letter('name = "Adam Selipsky"', 'name = ["A"]'), 8, "name"),
    ("letter-not-a-table", letter('subject = "The database"', 'letter = "block"'), 5, "letter"),
    ("unknown-date-style", LETTER + '\n[letter]\ndate_style = "french"\n', 17, "date_style"),
    ("unknown-requests-style", LETTER + '\n[letter]\nrequests = "asks"\n', 17, "requests"),
    ("unknown-letter-key", LETTER + '\n[letter]\ndate_stlye = "us"\n', 17, "date_stlye"),
    ("deadline-text", LETTER + '\n[letter]\nresponse_deadline = "soon"\n', 17, "not a date"),
    ("requests-lead-number", LETTER + "\n[letter]\nrequests_lead = 5\n", 17, "requests_lead"),
    (
        "signatories-not-a-table",
        letter('subject = "The database"', "signatories = 5"),
        5,
        "signatories",
    ),
    (
        "signatories-file-missing",
        LETTER + '\n[signatories]\nfile = "gone.csv"\n',
        17,
        "not found",
    ),
    ("signatories-file-number", LETTER + "\n[signatories]\nfile = 5\n", 17, "file"),
    ("signatories-list-text", LETTER + '\n[signatories]\nlist = "Access Now"\n', 17, "list"),
    (
        "signatory-unknown-key",
        LETTER + '\n[signatories]\nlist = [{ organisation = "A" }]\n',
        17,
        "organisation",
    ),
    (
        "signatory-nameless",
        LETTER + '\n[signatories]\nlist = [{ group = "national" }]\n',
        17,
        "name or an organization",
    ),
    (
        "signatory-unknown-kind",
        LETTER + '\n[signatories]\nlist = [{ organization = "A", kind = "robot" }]\n',
        17,
        "kind",
    ),
    (
        "unknown-signatories-key",
        LETTER + "\n[signatories]\nonly_consent = true\n",
        17,
        "only_consent",
    ),
    (
        "only-consented-text",
        LETTER + '\n[signatories]\nonly_consented = "yes"\n',
        17,
        "only_consented",
    ),
    (
        "identification-note-text",
        LETTER + '\n[signatories]\nidentification_note = "no"\n',
        17,
        "identification_note",
    ),
    ("groups-tables", LETTER + "\n[signatories]\ngroups = [{ a = 1 }]\n", 17, "groups"),
    ("letter-unknown-section", LETTER + 'preamble = [{ text = "x" }]\n', 15, "preamble"),
]

FILING_CASES = [
    ("filing-date-in-quotes", FILING + 'submission_date = "2025-11-20"\n', 14, "submission_date"),
    ("filing-years-held-4", FILING + "years_held = 4\n", 14, "years_held"),
    ("filing-unknown-key", FILING + 'proponant = "Sample"\n', 14, "proponant"),
    ("filing-not-a-table", proposal(STYLE, STYLE + 'filing = "x"\n'), 5, "filing"),
    ("filing-proponent-number", FILING + "proponent = 5\n", 14, "proponent"),
    ("filing-address-number", FILING + "company_address = 5\n", 14, "company_address"),
    ("filing-shares-negative", FILING + "shares = -1\n", 14, "shares"),
    ("filing-high-price-text", FILING + 'high_price = "230"\n', 14, "high_price"),
    ("filing-meeting-year-text", FILING + 'meeting_year = "2026"\n', 14, "meeting_year"),
    ("filing-holdings-number", FILING + "holdings = 5\n", 14, "holdings"),
    ("filing-lot-without-date", FILING + "holdings = [{ shares = 10 }]\n", 14, "lot"),
    (
        "filing-availability-text",
        FILING + 'availability = [{ date = "soon" }]\n',
        14,
        "availability",
    ),
    (
        "filing-availability-time-number",
        FILING + "availability = [{ date = 2025-12-02, time = 10 }]\n",
        14,
        "availability",
    ),
    ("history-not-a-table", proposal(STYLE, STYLE + "history = 5\n"), 5, "history"),
    ("history-unknown-key", HISTORY + "vote = []\n", 14, "vote"),
    ("history-votes-number", HISTORY + "votes = 5\n", 14, "votes"),
    ("history-vote-text", HISTORY + 'votes = ["40%"]\n', 14, "vote"),
    (
        "history-vote-for-text",
        HISTORY + 'votes = [{ year = 2024, for = "4", against = 96 }]\n',
        14,
        "for and against",
    ),
    ("history-vote-without-year", HISTORY + "votes = [{ for = 4, against = 96 }]\n", 14, "year"),
    (
        "history-vote-unknown-key",
        HISTORY + "votes = [{ year = 2024, for = 4, against = 96, abstain = 1 }]\n",
        14,
        "abstain",
    ),
]

SOLICITATION_CASES = [
    ("item-bool", notice("item = 8", "item = true"), 10, "item"),
    ("item-float", notice("item = 8", "item = 8.5"), 10, "item"),
    ("voluntary-text", notice("voluntary = true", 'voluntary = "yes"'), 12, "voluntary"),
    (
        "meeting-date-text",
        notice("voluntary = true", 'meeting_date = "2026-05-20"'),
        12,
        "meeting_date",
    ),
    ("soliciting-numbers", notice('["Sample Proponent"]', "[1]"), 9, "soliciting"),
    (
        "proposal-number",
        notice('proposal = "Report on Due Diligence"', "proposal = 5"),
        11,
        "proposal",
    ),
    ("solicitation-unknown-key", notice("voluntary = true", 'contacts = "x"'), 12, "contacts"),
    (
        "solicitation-not-a-table",
        notice(NOTICE_TABLE, "").replace("[vars]", "solicitation = 5\n\n[vars]"),
        5,
        "solicitation",
    ),
    ("vote-without-source", notice(', source = "hrw-2021"', ""), 15, "source"),
    ("vote-source-unknown", notice('source = "hrw-2021"', 'source = "nope"'), 14, "nope"),
    ("vote-for-text", notice("for = 40.3", 'for = "40.3"'), 15, "for and against"),
    ("vote-year-text", notice("year = 2022", 'year = "2022"'), 15, "year"),
    ("history-unknown-key-notice", notice("votes = [", "vote = 1\nvotes = ["), 15, "vote"),
    (
        "history-votes-table",
        notice("votes = [{", "votes = {").replace("}]\n\n[sections]", "}\n\n[sections]"),
        15,
        "votes",
    ),
    ("unknown-reasons-section", SOLICITATION + 'reason = [{ text = "x" }]\n', 20, "reason"),
]

CASES = [*PROPOSAL_CASES, *LETTER_CASES, *FILING_CASES, *SOLICITATION_CASES]


@pytest.mark.parametrize(("text", "line", "says"), cases(CASES))
def test_a_bad_draft_is_refused_and_nothing_is_built(
    ws: Workspace, run_cli, text: str, line: int, says: str
) -> None:
    draft = ws.write("draft.toml", text)
    result = run_cli("build", draft, "-o", ws.out, "--library", ws.lib)
    assert_refused(result, draft, line, absent=(ws.out,), says=says)


CHECKED = [
    "duplicate-key",
    "item-number",
    "unknown-clause",
    "filing-years-held-4",
    "vote-without-source",
    "addressee-without-name",
    "empty-file",
    "deep-dotted-table",
]


@pytest.mark.parametrize(
    ("text", "line", "says"),
    cases(CASES, CHECKED),
)
def test_check_refuses_the_same_drafts(
    ws: Workspace, run_cli, text: str, line: int, says: str
) -> None:
    draft = ws.write("draft.toml", text)
    assert_refused(run_cli("check", draft, "--library", ws.lib), draft, line, says=says)
    assert_refused(run_cli("check", draft, "--json", "--library", ws.lib), draft, line)


@pytest.mark.parametrize(
    ("text", "line", "says"),
    cases(CASES, CHECKED),
)
def test_a_refused_build_leaves_the_old_output_as_it_was(
    ws: Workspace, run_cli, text: str, line: int, says: str
) -> None:
    draft = ws.write("draft.toml", text)
    for name in ("out.docx", "out.md", "draft.docx"):
        ws.old_output(name)
    result = run_cli("build", draft, "-o", ws.root / "out.docx", "--library", ws.lib)
    assert_refused(result, draft, line, unchanged=(ws.root / "out.docx",), says=says)
    result = run_cli("build", draft, "-o", ws.root / "out.md", "--library", ws.lib)
    assert_refused(result, draft, line, unchanged=(ws.root / "out.md",), says=says)
    result = run_cli("build", draft, "--library", ws.lib)  # beside the draft: draft.docx
    assert_refused(result, draft, line, unchanged=(ws.root / "draft.docx",), says=says)


def test_a_bad_draft_among_several_writes_nothing(ws: Workspace, run_cli) -> None:
    good = ws.write("good.toml", PROPOSAL)
    bad = ws.write("bad.toml", proposal(WHEREAS, "whereas = [5]"))
    result = run_cli("build", good, bad, "--format", "md", "--library", ws.lib)
    assert result.code == 2 and "Traceback" not in result.out + result.err
    assert result.err.splitlines()[-1].startswith(f"{bad}:10: ")
    assert not (ws.root / "bad.md").exists() and not (ws.root / "good.md").exists()


ENCODINGS = {
    "utf-8-bom": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "utf-16-le-bom": lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    "utf-16-be-bom": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    "utf-8-bom-crlf": lambda text: codecs.BOM_UTF8 + text.replace("\n", "\r\n").encode(),
    "utf-16-crlf": lambda text: text.replace("\n", "\r\n").encode("utf-16"),
}
DRAFTS = {
    "proposal": edit(PROPOSAL, '"Amazon"', '"Amazon Café — Zürich"'),
    "letter": edit(LETTER, "We write", "Nous écrivons — we write"),
    "solicitation": SOLICITATION,
}


@pytest.mark.parametrize("encoding", ENCODINGS.keys())
@pytest.mark.parametrize("kind", DRAFTS.keys())
def test_a_draft_with_a_byte_order_mark_builds(
    ws: Workspace, run_cli, encoding: str, kind: str
) -> None:
    draft = ws.write("draft.toml", ENCODINGS[encoding](DRAFTS[kind]))
    result = run_cli("build", draft, "-o", ws.out, "--library", ws.lib)
    assert result.code == 0, result.err
    assert ws.out.read_bytes()[:2] == b"PK"
    text = run_cli("build", draft, "-o", ws.root / "out.txt", "--library", ws.lib)
    assert text.code == 0, text.err
    if kind != "solicitation":
        assert (
            "Zürich" in (ws.root / "out.txt").read_text()
            or "écrivons" in (ws.root / "out.txt").read_text()
        )
    assert run_cli("check", draft, "--library", ws.lib).code == 0


BAD_BYTES = [
    (
        "latin-1-title",
        proposal('"Report on Due Diligence"', '"Caf\xe9 report"').encode("latin-1"),
        3,
        "not UTF-8",
    ),
    ("latin-1-variable", proposal('"Amazon"', '"Soci\xe9t\xe9"').encode("latin-1"), 7, "not UTF-8"),
    (
        "windows-1252-quote",
        proposal('"Amazon"', '"\x93Amazon\x94"').encode("latin-1"),
        7,
        "not UTF-8",
    ),
    ("nul-byte", proposal("[sections]", "[sec\x00tions]").encode(), 9, "NUL"),
    ("utf-16-without-bom", PROPOSAL.encode("utf-16-le"), 1, "NUL"),
    ("broken-utf-16", PROPOSAL.encode("utf-16") + b"\x00", 12, "UTF-16"),
    ("binary-junk", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 1, "UTF-8"),
]


@pytest.mark.parametrize(("data", "line", "says"), cases(BAD_BYTES))
def test_a_draft_in_the_wrong_encoding_is_refused_at_its_line(
    ws: Workspace, run_cli, data: bytes, line: int, says: str
) -> None:
    draft = ws.write("draft.toml", data)
    result = run_cli("build", draft, "-o", ws.out, "--library", ws.lib)
    assert_refused(result, draft, line, absent=(ws.out,), says=says)


def test_a_huge_draft_is_refused_before_it_is_read(ws: Workspace, run_cli) -> None:
    draft = huge(ws.root / "draft.toml", MAX_TEXT_BYTES)
    ws.old_output()
    result = run_cli("build", draft, "-o", ws.out, "--library", ws.lib)
    assert_refused(result, draft, 1, unchanged=(ws.out,), says="limit")


@pytest.mark.parametrize("target", ["missing.toml", "folder.toml"])
def test_a_draft_that_is_not_a_file_is_refused(ws: Workspace, run_cli, target: str) -> None:
    (ws.root / "folder.toml").mkdir()
    draft = ws.root / target
    result = run_cli("build", draft, "-o", ws.out, "--library", ws.lib)
    assert_refused(result, draft, 1, absent=(ws.out,))


def test_an_unreadable_draft_is_refused(ws: Workspace, run_cli) -> None:
    draft = ws.write("draft.toml", PROPOSAL)
    draft.chmod(0)
    try:
        if draft.is_file() and _readable(draft):
            pytest.skip("running as a user who reads any file")
        result = run_cli("build", draft, "-o", ws.out, "--library", ws.lib)
        assert_refused(result, draft, 1, absent=(ws.out,), says="cannot read")
    finally:
        draft.chmod(0o644)


def _readable(path: Path) -> bool:
    try:
        path.read_bytes()
    except OSError:
        return False
    return True
