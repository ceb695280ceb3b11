"""The frame of a coalition letter around its sections: date, addressees, subject, salutation,
the requests' lead-in, closing, signatories and cc; and the checks sign-on practice suggests.

Draft keys (all optional): `date`, `subject`, `salutation`, `closing`, `cc`, `[[to]]`
(name, title, organization, address), `[letter]` (date_style, addressees, requests,
requests_lead, response_deadline) and `[signatories]` (file, list, groups, only_consented,
identification_note, count).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from drafter.dates import format_date
from drafter.drafts.lines import array_table_lines, table_key_line
from drafter.drafts.paths import draft_path
from drafter.errors import DraftError, quoted
from drafter.files.reading import did_you_mean
from drafter.kinds.fields import choice_of, day_of, flag_of, lines_of, listed, table_of, text_of
from drafter.kinds.kind import LETTER_DETAILS, SIGNATORIES, PlainFrame, ReadContext, Signers
from drafter.kinds.signatories import Arrangement, Signatory, arrange, duplicates
from drafter.kinds.signatory_files import from_toml, read_csv
from drafter.model import Block, Document, Draft, Issue, Span

DATE_STYLES = ("us", "international")
ADDRESSEE_LAYOUTS = ("block", "stacked", "open")
REQUEST_STYLES = ("numbers", "bullets", "questions")
MAX_ASKS = 3
WORDS_PER_PAGE = 450
SIGNERS_PER_PAGE = 40
FRAME = "frame"  # word-count part of the letter's frame


@dataclass(frozen=True)
class Addressee:
    name: str
    title: str = ""
    organization: str = ""
    address: tuple[str, ...] = ()


@dataclass(frozen=True)
class LetterSpec:
    """What a letter draft says about its frame, read and checked."""

    when: date | None = None
    date_style: str = "us"
    addressees: tuple[Addressee, ...] = ()
    layout: str = "block"
    subject: str = ""
    salutation: str = ""
    requests: str = "numbers"
    requests_lead: str = ""
    deadline: date | None = None
    closing: str = "Sincerely,"
    cc: tuple[str, ...] = ()
    signers: tuple[Signatory, ...] = ()
    groups: tuple[str, ...] = ()
    only_consented: bool = False
    identification_note: bool = True
    show_count: bool = True

    def arrangement(self) -> Arrangement:
        return arrange(self.signers, self.groups, self.only_consented)


# The draft's top-level keys a letter reads.
LETTER_DRAFT_KEYS = (
    "date",
    "subject",
    "salutation",
    "sign_off",
    "cc",
    "to",
    "signatories",
    "letter",
)
LETTER_KEYS = ("date_style", "addressees", "requests", "requests_lead", "response_deadline")
SIGNATORY_KEYS = ("file", "list", "groups", "only_consented", "identification_note", "count")
ADDRESSEE_KEYS = ("name", "title", "organization", "address")


def read_spec(
    draft: Draft, only_consented: bool | None = None, readable: Sequence[Path] = ()
) -> LetterSpec:
    """The letter's frame from the draft's letter keys; errors name the draft's line. The
    signatory file must be beside the draft or under one of `readable`."""
    extra = draft.extra

    def fail(key: str, message: str, fix: str, inner: str = "") -> DraftError:
        line = table_key_line(draft, key, inner) if inner else draft.key_lines.get(key)
        return DraftError(message, draft.path, line, fix)

    options = table_of(extra.get("letter", {}), fail, "letter", LETTER_KEYS)
    date_style = choice_of(options, "date_style", DATE_STYLES, "us", fail)
    layout = choice_of(options, "addressees", ADDRESSEE_LAYOUTS, "block", fail)
    requests = choice_of(options, "requests", REQUEST_STYLES, "numbers", fail)
    signer_options = table_of(extra.get("signatories", {}), fail, "signatories", SIGNATORY_KEYS)
    consented_only = flag_of(signer_options, "only_consented", False, fail)
    return LetterSpec(
        when=day_of(extra.get("date"), fail, "date"),
        date_style=date_style,
        addressees=tuple(_addressees(draft, extra.get("to", []), fail)),
        layout=layout,
        subject=text_of(extra, "subject", "", fail),
        salutation=text_of(extra, "salutation", "", fail),
        requests=requests,
        requests_lead=text_of(options, "requests_lead", "", fail, "letter"),
        deadline=day_of(options.get("response_deadline"), fail, "letter", "response_deadline"),
        closing=text_of(extra, "sign_off", "Sincerely,", fail),
        cc=lines_of(extra.get("cc", []), fail, "cc"),
        signers=tuple(_signers(draft, signer_options, fail, readable)),
        groups=lines_of(signer_options.get("groups", []), fail, "signatories", "groups"),
        only_consented=consented_only if only_consented is None else only_consented,
        identification_note=flag_of(signer_options, "identification_note", True, fail),
        show_count=flag_of(signer_options, "count", True, fail),
    )


def _signers(
    draft: Draft, options: dict[str, Any], fail: Any, readable: Sequence[Path]
) -> list[Signatory]:
    """The signers the [signatories] table names: its CSV file, then its inline list."""
    signers: list[Signatory] = []
    if "file" in options:
        name = options["file"]
        if not isinstance(name, str) or not name.strip():
            raise fail(
                "signatories", "file must name a CSV file", 'write file = "signers.csv"', "file"
            )
        path = draft_path(
            name,
            draft.path,
            readable,
            what="[signatories] file",
            line=lambda: table_key_line(draft, "signatories", "file"),
        )
        if not path.is_file():
            raise fail(
                "signatories",
                f"signatory file {quoted(name)} not found",
                "check the path; it is read relative to the draft",
                "file",
            )
        signers += read_csv(path)
    if "list" in options:
        line = table_key_line(draft, "signatories", "list")
        signers += from_toml(options["list"], draft.path, line)
    return signers


def _addressees(draft: Draft, value: Any, fail: Any) -> list[Addressee]:
    entries = listed(value) if value else []
    headers = array_table_lines(draft, "to")
    fix = 'write [[to]] with name = "...", and title, organization or address'
    out = []
    for index, entry in enumerate(entries):
        line = headers[index] if index < len(headers) else draft.key_lines.get("to")
        if isinstance(entry, str):
            out.append(Addressee(entry))
            continue
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise DraftError("each addressee needs a name (text)", draft.path, line, fix)
        unknown = [k for k in entry if k not in ADDRESSEE_KEYS]
        if unknown:
            raise DraftError(
                f"unknown addressee key {quoted(unknown[0])}",
                draft.path,
                line,
                did_you_mean(unknown[0], ADDRESSEE_KEYS, fix),
            )
        texts = [entry.get(k, "") for k in ("title", "organization")]
        address = listed(entry.get("address", []))
        if not all(isinstance(t, str) for t in [*texts, *address]):
            raise DraftError(
                "an addressee's title, organization and address are text", draft.path, line, fix
            )
        out.append(Addressee(entry["name"], texts[0], texts[1], tuple(address)))
    return out


# --- the frame ---------------------------------------------------------------


def counts(spec: LetterSpec) -> dict[str, str]:
    """Variables the letter's text may use: the count sentence and the numbers."""
    arranged = spec.arrangement()
    values = {
        "signatory_sentence": arranged.sentence(),
        "organization_count": str(arranged.organization_count),
        "individual_count": str(arranged.individual_count),
    }
    if spec.deadline:  # as a phrase: "by June 7, 2022"
        values["response_deadline"] = "by " + format_date(spec.deadline, spec.date_style)
    return values


def frame(blocks: Sequence[Block], spec: LetterSpec) -> list[Block]:
    """The letter's blocks in reading order: the sections' blocks inside the frame."""
    out: list[Block] = []
    body = list(blocks)
    if body and body[0].role == "title":
        out.append(body.pop(0))
    if spec.when:
        out.append(_line("date", format_date(spec.when, spec.date_style)))
    out += _addressee_blocks(spec)
    if spec.subject:
        out.append(
            Block("subject", (Span("Re: ", bold=True), Span(spec.subject, bold=True)), FRAME)
        )
    if spec.salutation:
        out.append(_line("salutation", spec.salutation))
    led = False
    for block in body:
        if block.role == "request":
            if not led and spec.requests_lead:
                out.append(_line("lead_in", spec.requests_lead))
            led = True
            if spec.requests == "bullets":
                block = Block("bullet", block.inlines, block.part, block.origin, block.lead)
        out.append(block)
    out.append(_line("closing_line", spec.closing))
    out += _signatory_blocks(spec)
    if spec.cc:
        out.append(_line("cc", "cc: " + "; ".join(spec.cc)))
    return out


def _line(role: str, text: str) -> Block:
    return Block(role, (Span(text),), FRAME)


def _addressee_blocks(spec: LetterSpec) -> list[Block]:
    if not spec.addressees:
        return []
    if spec.layout == "open":
        lines = ["Open letter to:"] + [
            ", ".join(p for p in (a.name, a.title, a.organization) if p) for a in spec.addressees
        ]
        return [_line("address", "\n".join(lines))]
    blocks = []
    for addressee in spec.addressees:
        lines = [addressee.name, addressee.title, addressee.organization, *addressee.address]
        blocks.append(_line("address", "\n".join(line for line in lines if line)))
    if spec.layout == "block":
        return (
            [_line("address", "\n\n".join(b.text for b in blocks))] if len(blocks) > 1 else blocks
        )
    return blocks  # stacked: one block per addressee


def _signatory_blocks(spec: LetterSpec) -> list[Block]:
    arranged = spec.arrangement()
    out: list[Block] = []
    if spec.show_count and arranged.sentence():
        out.append(_line("signatory_note", arranged.sentence()))
    for heading, groups in (
        ("Organizations", arranged.organizations),
        ("Individuals", arranged.individuals),
    ):
        if not groups:
            continue
        both = arranged.organizations and arranged.individuals
        if both:
            out.append(_line("signatory_group", heading))
        for group in groups:
            if group.name:
                out.append(_line("signatory_group", group.name[:1].upper() + group.name[1:]))
            for signer in group.members:
                text = signer.display + (f", {signer.affiliation}" if signer.affiliation else "")
                out.append(_line("signatory", text))
        if heading == "Individuals" and spec.identification_note:
            out.append(_line("signatory_note", "Affiliations are listed for identification only."))
    return out


# --- checks ------------------------------------------------------------------


def letter_issues(
    draft: Draft, spec: LetterSpec, blocks: Sequence[Block], words: int
) -> list[Issue]:
    """Sign-on practice: asks, addressees, date, length, duplicates and consent."""
    issues = []
    where = draft.location
    asks = len(draft.sections.get("requests", ()))
    if asks > MAX_ASKS:
        issues.append(
            Issue(
                "letter.asks",
                "warning",
                f"{asks} requests; sign-on letters keep to one to three asks",
                where("sections"),
            )
        )
    for addressee in spec.addressees:
        if not addressee.title and spec.layout != "open":
            issues.append(
                Issue(
                    "letter.addressee-title",
                    "warning",
                    f"addressee {quoted(addressee.name)} has no title; verify the decision-maker's title",
                    where("to"),
                )
            )
    if spec.when is None:
        issues.append(Issue("letter.date", "warning", "the letter has no date", where("title")))
    for duplicate in duplicates(spec.signers):
        issues.append(
            Issue("signatories.duplicate", "warning", duplicate.describe(), where("signatories"))
        )
    if not spec.only_consented:
        missing = [s for s in spec.signers if not s.consented]
        if missing:
            names = ", ".join(s.display for s in missing[:3]) + (" …" if len(missing) > 3 else "")
            issues.append(
                Issue(
                    "signatories.consent",
                    "warning",
                    f"{len(missing)} signatories have no consent record ({names}); "
                    "--only-consented leaves them out",
                    where("signatories"),
                )
            )
    signers = sum(1 for b in blocks if b.role == "signatory")
    pages = words / WORDS_PER_PAGE + signers / SIGNERS_PER_PAGE
    issues.append(
        Issue("letter.pages", "info", f"about {max(1, round(pages + 0.49))} pages", where("title"))
    )
    return issues


# --- the kind ----------------------------------------------------------------


@dataclass(frozen=True)
class LetterFrame(PlainFrame):
    """A letter's reading of its draft: the spec, and the draft its checks point into."""

    spec: LetterSpec | None = None
    draft: Draft | None = None
    label: str = "Letter frame"

    def wrap(self, blocks: list[Block]) -> list[Block]:
        return frame(blocks, self.spec) if self.spec is not None else blocks

    def issues(self, blocks: Sequence[Block], words: int, today: date) -> list[Issue]:
        if self.spec is None or self.draft is None:
            return []
        return letter_issues(self.draft, self.spec, blocks, words)

    def signers(self) -> Signers:
        if self.spec is None:
            return Signers()
        return Signers(self.spec.signers, self.spec.groups)


@dataclass(frozen=True)
class LetterKind:
    name: str = "letter"
    rule: str = "letter"
    description: str = "a coalition sign-on letter: addressees, requests and signatories"
    keys: tuple[str, ...] = LETTER_DRAFT_KEYS
    editor: frozenset[str] = frozenset({SIGNATORIES, LETTER_DETAILS})

    def read(self, draft: Draft, context: ReadContext) -> LetterFrame:
        spec = read_spec(draft, context.only_consented, context.readable)
        return LetterFrame(variables=counts(spec), spec=spec, draft=draft)

    def papers(self, draft: Draft, document: Document) -> list[tuple[str, Document]]:
        return []


KIND = LetterKind()
