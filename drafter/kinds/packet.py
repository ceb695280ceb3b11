"""The papers that go with a proposal: a cover letter to the corporate secretary (intent to hold,
availability), a request to the broker for the proof-of-ownership letter, a representative
authorization when someone files for the proponent, and a checklist with the dates that follow.
Built from the draft's `[filing]` table as document IR; missing details show as [brackets]."""

from __future__ import annotations

from datetime import date, timedelta

from drafter.dates import format_date
from drafter.filing.rules import add_years, eligibility, engagement_window, rule_pack
from drafter.filing.spec import Filing, read_filing
from drafter.model import Block, Document, Draft, Span


def _line(role: str, text: str, part: str = "packet") -> Block:
    return Block(role, (Span(text),), part)


def _get(value: object, placeholder: str) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value) if value not in (None, "") else f"[{placeholder}]"


def packet(draft: Draft) -> list[tuple[str, Document]]:
    """(file stem, document) for each paper of the filing."""
    filing = read_filing(draft)
    company = str(draft.vars.get("company", "[company]"))
    proponent = _get(filing.proponent, "proponent's name")
    meeting = _get(filing.meeting_year, "meeting year")
    submitted = filing.submission_date
    when = format_date(submitted, "us") if submitted else "[submission date]"
    secretary = _get(filing.secretary, "Corporate Secretary")
    address = list(filing.company_address) or ["[address of the principal executive offices]"]
    email = _get(filing.email, "e-mail")
    papers = [
        (
            "cover-letter",
            _cover(draft, filing, company, proponent, meeting, when, secretary, address, email),
        ),
        ("broker-request", _broker(filing, company, proponent, when)),
        ("checklist", _checklist(company, proponent, submitted)),
    ]
    if filing.representative:
        papers.insert(
            2,
            (
                "representative-authorization",
                _authorization(draft, filing, company, proponent, meeting),
            ),
        )
    return papers


def _cover(
    draft: Draft,
    filing: Filing,
    company: str,
    proponent: str,
    meeting: str,
    when: str,
    secretary: str,
    address: list[str],
    email: str,
) -> Document:
    windows = _availability(filing)
    blocks = [
        _line("date", when),
        _line("address", "\n".join([secretary, company, *address])),
        Block(
            "subject",
            (Span(f"Re: Shareholder proposal for the {meeting} annual meeting", bold=True),),
            "packet",
        ),
        _line("salutation", f"Dear {secretary},"),
        _line(
            "paragraph",
            f"{proponent} submits the enclosed proposal, “{draft.title}”, for inclusion in "
            f"{company}’s proxy statement for the {meeting} annual meeting of shareholders, "
            "under Rule 14a-8 of the Securities Exchange Act of 1934.",
        ),
        _line(
            "paragraph",
            f"{proponent} has held {company} shares continuously for the period Rule 14a-8(b) "
            "requires and intends to continue to hold them through the date of the "
            f"{meeting} annual meeting. A letter from the record holder confirming the "
            "holding will be sent separately if it is not enclosed.",
        ),
        _line(
            "paragraph",
            f"{proponent} is available to meet with the company about the proposal on "
            f"{windows}. Please write to {email} to arrange a time.",
        ),
    ]
    if filing.representative:
        blocks.append(
            _line(
                "paragraph",
                f"{filing.representative} files this proposal on behalf of "
                f"{proponent}; the signed authorization is enclosed.",
            )
        )
    blocks += [
        _line(
            "paragraph",
            f"Please confirm receipt of this letter and the proposal by e-mail to {email}.",
        ),
        _line("closing_line", "Sincerely,"),
        _line("signatory", proponent),
    ]
    return Document("Cover letter", tuple(blocks))


def _availability(filing: Filing) -> str:
    times = filing.availability
    if not times:
        submitted = filing.submission_date
        if submitted is not None:
            first, last = engagement_window(submitted)
            return f"[two or more business days between {format_date(first, 'us')} and {format_date(last, 'us')}, with times]"
        return "[business days and times 10 to 30 days after submission]"
    return "; ".join(format_date(w.day, "us") + (f", {w.time}" if w.time else "") for w in times)


def _broker(filing: Filing, company: str, proponent: str, when: str) -> Document:
    broker = _get(filing.broker, "broker or bank")
    held_years, held_shares = _holding(filing)
    shares = _get(held_shares, "number of")
    share_class = _get(filing.share_class, "common stock")
    years = _get(held_years, "1, 2 or 3")
    blocks = (
        _line("address", broker),
        Block(
            "subject",
            (Span("Re: Letter confirming ownership for a shareholder proposal", bold=True),),
            "packet",
        ),
        _line(
            "paragraph",
            f"Please send a letter, on your letterhead and signed, confirming {proponent}’s "
            f"ownership of {company} shares, for a shareholder proposal under Rule 14a-8. "
            "The letter must cover the whole holding period up to and including the "
            f"submission date, {when}, and should read:",
        ),
        _line(
            "paragraph",
            f"“As of {when}, {proponent} held, and has held continuously for at least {years} "
            f"years, {shares} shares of {company} {share_class}.”",
        ),
        _line(
            "paragraph",
            "If you are not a participant of the Depository Trust Company, please name the "
            "participant through which the shares are held, or ask it for a matching letter.",
        ),
        _line("closing_line", "Thank you,"),
        _line("signatory", proponent),
    )
    return Document("Request for proof of ownership", blocks)


def _holding(filing: Filing) -> tuple[int | None, float | None]:
    """The years and shares the ownership letter should confirm: as the draft states them, or
    from its lots, counting only shares held for those years by the submission date."""
    years = filing.years_held or _tier_years(filing)
    if filing.shares is not None or not filing.holdings:
        return years, filing.shares
    if years is None or filing.submission_date is None:
        return years, None
    held = sum(
        lot.shares
        for lot in filing.holdings
        if add_years(lot.acquired, years, leap_day_to_march=True)[0] <= filing.submission_date
    )
    return years, held or None


def _tier_years(filing: Filing) -> int | None:
    """The years of the tier the holdings meet, when the draft gives holdings and the 60-day high."""
    if not filing.holdings or filing.submission_date is None or filing.high_price is None:
        return None
    result = eligibility(
        filing.proponent, list(filing.holdings), filing.submission_date, filing.high_price
    )
    return next((t.tier.years for t in result.tiers if t.met), None)


def _authorization(
    draft: Draft, filing: Filing, company: str, proponent: str, meeting: str
) -> Document:
    representative = filing.representative
    blocks = (
        _line(
            "paragraph",
            f"I, {proponent}, authorize {representative} to submit on my behalf the "
            f"shareholder proposal “{draft.title}” to {company} for its {meeting} annual "
            "meeting of shareholders, to discuss it with the company, and to withdraw it.",
        ),
        _line(
            "paragraph",
            f"I support the proposal and have held {company} shares as Rule 14a-8(b) requires; "
            "I intend to hold them through the date of the meeting.",
        ),
        _line("paragraph", "Signature: ______________________    Date: ______________"),
        _line("signatory", proponent),
    )
    return Document("Authorization of a representative", blocks)


def _checklist(company: str, proponent: str, submitted: date | None) -> Document:
    cure = rule_pack().section("cure")
    items = [
        "The proposal, its cover letter and, if someone files for the proponent, the signed authorization.",
        "The deadline: run `drafter deadline --last-proxy-date …` with last year's proxy release date; "
        "the date printed in last year's proxy statement wins.",
        "Send to the principal executive offices by e-mail and by a courier that records delivery; "
        "ask for an e-mail acknowledgement (a screenshot does not prove receipt).",
        "Proof of ownership from the record holder covering the whole period up to and including "
        "the submission date (a frequent defect); run `drafter eligibility` to check the tier.",
        "The availability statement: specific business days and times 10 to 30 days after submission.",
    ]
    if submitted is not None:
        first, last = engagement_window(submitted)
        notice = submitted + timedelta(days=int(cure["company_notice_days"]))
        items += [
            f"Meeting window: {format_date(first, 'us')} to {format_date(last, 'us')}.",
            f"A deficiency notice from the company is due within {cure['company_notice_days']} days of "
            f"receipt (by about {format_date(notice, 'us')} if received on the submission date); reply "
            f"within {cure['proponent_reply_days']} days of receiving it.",
        ]
    blocks = [_line("heading", f"Filing checklist for {proponent}’s proposal to {company}")]
    blocks += [_line("request", item) for item in items]
    blocks.append(_line("signatory_note", f"Rule pack: {rule_pack().name}."))
    return Document("Filing checklist", tuple(blocks))
