"""A Notice of Exempt Solicitation: the cover a proponent files before the vote (Rule 14a-103),
the vote-FOR line with the vote history in its note, the reasons, and the no-proxy legend.

Read from the draft's `[solicitation]` table and its `[history]` votes; each vote names the
library source that reports it, because the notice is held to Rule 14a-9."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from drafter.dates import format_date
from drafter.drafts.lines import table_key_line
from drafter.errors import DraftError, quoted
from drafter.files.reading import did_you_mean
from drafter.filing.rules import rule_pack
from drafter.filing.spec import Vote, history_fail, read_history
from drafter.kinds.kind import PlainFrame, ReadContext
from drafter.model import Block, Cite, CiteItem, Document, Draft, Issue, Location, Severity, Span

COVER = "frame"  # word-count part (and the checks' "states no facts" part) of the notice's frame
KEYS = (
    "soliciting",
    "address",
    "item",
    "proposal",
    "meeting_date",
    "voluntary",
    "share_class",
    "contact",
)
VOTE_KEYS = ("year", "for", "against", "source")
MAX_ITEM = 999  # proxy cards number their items from 1; a few dozen is already a long card


@dataclass(frozen=True)
class Notice:
    registrant: str
    soliciting: tuple[str, ...]
    address: tuple[str, ...]
    item: str
    proposal: str
    meeting_date: date | None
    voluntary: bool
    share_class: str
    contact: str
    votes: tuple[Vote, ...]

    @property
    def who(self) -> str:
        return " and ".join(self.soliciting) if self.soliciting else "[the soliciting shareholder]"


def read_notice(draft: Draft) -> Notice:
    """The notice's details from the draft; errors name the draft's line."""
    raw = draft.extra.get("solicitation", {})

    def fail(key: str, message: str, fix: str, table: str = "solicitation") -> DraftError:
        line = table_key_line(draft, table, key) or 1
        return DraftError(f"[{table}] {message}", draft.path, line, fix)

    if not isinstance(raw, dict):
        raise fail("", "solicitation must be a table", "write [solicitation] on its own line")
    for key in raw:
        if key not in KEYS:
            raise fail(
                key,
                f"unknown key {quoted(key)}",
                did_you_mean(key, KEYS, "keys: " + ", ".join(KEYS)),
            )
    names = raw.get("soliciting", [])
    names = [names] if isinstance(names, str) else names
    address = raw.get("address", [])
    address = [address] if isinstance(address, str) else address
    for key, value in (("soliciting", names), ("address", address)):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail(key, f"{key} must be a list of text lines", f'write {key} = ["..."]')
    for key in ("proposal", "share_class", "contact"):
        if not isinstance(raw.get(key, ""), str):
            raise fail(key, f"{key} must be text", f'write {key} = "..."')
    item = raw.get("item", "")
    if not _item_number(item):
        what = f"item must be the proxy card's item number, 1 to {MAX_ITEM}, not {quoted(item, 40)}"
        raise fail("item", what, "write item = 8")
    meeting = raw.get("meeting_date")
    if meeting is not None and (not isinstance(meeting, date) or hasattr(meeting, "hour")):
        raise fail(
            "meeting_date",
            "meeting_date must be a date",
            "write meeting_date = 2026-05-20 (no quotes)",
        )
    voluntary = raw.get("voluntary", True)
    if not isinstance(voluntary, bool):
        raise fail("voluntary", "voluntary must be true or false", "write voluntary = true")
    return Notice(
        registrant=str(draft.vars.get("company", "")),
        soliciting=tuple(n for n in names if n.strip()),
        address=tuple(address),
        item=str(item).strip(),
        proposal=str(raw.get("proposal", "")),
        meeting_date=meeting,
        voluntary=voluntary,
        share_class=str(raw.get("share_class", "")) or "common stock",
        contact=str(raw.get("contact", "")),
        votes=_sourced_votes(draft),
    )


def _item_number(item: object) -> bool:
    """Whether `item` is an item number 1..MAX_ITEM (a whole number, or one written as text),
    empty (not given yet) or a placeholder in brackets such as "[number]"."""
    if isinstance(item, str):
        text = item.strip()
        if not text or (text.startswith("[") and text.endswith("]")):
            return True
        item = int(text) if text.isascii() and text.isdigit() and len(text) <= 3 else 0
    return isinstance(item, int) and not isinstance(item, bool) and 1 <= item <= MAX_ITEM


def _sourced_votes(draft: Draft) -> tuple[Vote, ...]:
    """The [history] votes; each must name its source, since a notice is held to Rule 14a-9."""
    votes = read_history(draft)
    for vote in votes:
        if not vote.source:
            raise history_fail(
                draft,
                f"the {vote.year} vote has no source; a notice is held to "
                "Rule 14a-9, so name the library source that reports the result",
                'write { year = 2022, for = 40.3, against = 59.7, source = "library-key" }',
            )
    return votes


def frame_notice(blocks: Sequence[Block], notice: Notice, location: Location) -> list[Block]:
    """The cover, then the title and the vote line, the sections' blocks, and the legend."""
    body = list(blocks)
    title = [body.pop(0)] if body and body[0].role == "title" else []
    pack = rule_pack().section("exempt_solicitation")
    registrant = notice.registrant or "[company]"
    cover = [
        _line("notice_heading", "Notice of Exempt Solicitation"),
        _field("Name of the registrant", registrant),
        _field("Name of person relying on exemption", notice.who),
        _field("Address of person relying on exemption", ", ".join(notice.address) or "[address]"),
    ]
    millions = int(pack["required_above_dollars"]) // 1_000_000
    if notice.voluntary:
        cover.append(
            _line(
                "cover_field",
                f"{notice.who} does not beneficially own more than "
                f"${millions} million of {registrant} {notice.share_class} and submits this "
                "notice voluntarily, so that the material below is public.",
            )
        )
    else:
        cover.append(
            _line(
                "cover_field",
                "The written material below is submitted under Rule "
                "14a-6(g)(1) of the Securities Exchange Act of 1934.",
            )
        )
    return [
        *cover,
        *title,
        _vote_line(notice, registrant, location),
        *body,
        *_legend(notice, registrant),
    ]


def _vote_line(notice: Notice, registrant: str, location: Location) -> Block:
    when = format_date(notice.meeting_date, "us") if notice.meeting_date else "[meeting date]"
    proposal = f", “{notice.proposal}”" if notice.proposal else ""
    inlines: list[Any] = [
        Span(
            f"{registrant} annual meeting, {when}: vote FOR Item "
            f"{notice.item or '[number]'}{proposal}.",
            bold=True,
        )
    ]
    if notice.votes:
        history = "; ".join(f"{v.year}, {v.share:.1%}" for v in notice.votes)
        first, *rest = dict.fromkeys(v.source for v in notice.votes)
        lead = f"Earlier votes on this subject (share of votes cast for and against): {history}. Sources: "
        items = [CiteItem(first, prefix=lead), *(CiteItem(key) for key in rest)]
        inlines.append(Cite(tuple(items), location))
    return Block("subject", tuple(inlines), COVER)


def _legend(notice: Notice, registrant: str) -> list[Block]:
    text = (
        f"{notice.who} is not asking for authority to vote your shares and will not accept "
        "proxy cards: please do not send one. To vote, follow the instructions on the proxy card "
        f"or voting form you receive from {registrant} or your broker."
    )
    out = [_line("legend", text)]
    if notice.contact:
        out.append(_line("legend", f"Questions: {notice.contact}."))
    return out


def _line(role: str, text: str) -> Block:
    return Block(role, (Span(text),), COVER)


def _field(label: str, value: str) -> Block:
    return Block("cover_field", (Span(f"{label}: ", bold=True), Span(value)), COVER)


def notice_issues(notice: Notice, today: date) -> list[tuple[str, str, str]]:
    """(code, severity, message) for the notice's details."""
    pack = rule_pack().section("exempt_solicitation")
    out: list[tuple[str, str, str]] = []
    if not notice.soliciting:
        out.append(("solicitation.who", "error", 'name who is soliciting: soliciting = ["..."]'))
    if not notice.item:
        out.append(
            (
                "solicitation.item",
                "error",
                "give the proposal's item number on the proxy card: item = 8",
            )
        )
    elif notice.item.startswith("["):
        out.append(
            (
                "solicitation.item",
                "warning",
                f"item is still the placeholder {notice.item}: "
                "give the number from the proxy statement",
            )
        )
    if notice.meeting_date is None:
        out.append(
            ("solicitation.meeting", "warning", "add meeting_date, printed on the vote line")
        )
    elif notice.meeting_date < today:
        out.append(
            (
                "solicitation.meeting",
                "warning",
                f"the meeting ({notice.meeting_date.isoformat()}) has passed",
            )
        )
    if not notice.voluntary:
        out.append(
            (
                "solicitation.filing",
                "info",
                f"file the notice with the SEC within "
                f"{pack['file_within_days']} days after the material is first sent to holders; "
                + pack["sent_first"],
            )
        )
    return out


# --- the kind ----------------------------------------------------------------


@dataclass(frozen=True)
class NoticeFrame(PlainFrame):
    """A notice's reading of its draft: its details, and the draft its checks point into."""

    notice: Notice | None = None
    draft: Draft | None = None
    label: str = "Notice cover"

    def wrap(self, blocks: list[Block]) -> list[Block]:
        if self.notice is None or self.draft is None:
            return blocks
        return frame_notice(blocks, self.notice, self.draft.location("history"))

    def issues(self, blocks: Sequence[Block], words: int, today: date) -> list[Issue]:
        if self.notice is None or self.draft is None:
            return []
        where = self.draft.location("solicitation")
        found = notice_issues(self.notice, today)
        return [Issue(code, cast(Severity, level), text, where) for code, level, text in found]


@dataclass(frozen=True)
class NoticeKind:
    name: str = "exempt-solicitation"
    rule: str = "exempt-solicitation"
    description: str = "a notice of exempt solicitation (Rule 14a-6(g)) filed before the vote"
    keys: tuple[str, ...] = ("solicitation", "history")
    editor: frozenset[str] = frozenset()

    def read(self, draft: Draft, context: ReadContext) -> NoticeFrame:
        return NoticeFrame(notice=read_notice(draft), draft=draft)

    def papers(self, draft: Draft, document: Document) -> list[tuple[str, Document]]:
        return []


KIND = NoticeKind()
