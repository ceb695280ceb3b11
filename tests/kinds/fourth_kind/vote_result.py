"""A vote-result notice: what a coalition publishes after the annual meeting. Its `[result]`
table gives the item, the votes for and against and the meeting's date; the frame puts a heading
and the result line above the sections, and its checks catch votes that do not add up."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from drafter.errors import DraftError
from drafter.kinds.kind import PlainFrame, ReadContext
from drafter.model import Block, Document, Draft, Issue, Location, Span

KEYS = ("item", "for", "against", "meeting_date")


@dataclass(frozen=True)
class Result:
    item: int
    share_for: float
    share_against: float
    meeting_date: date | None


@dataclass(frozen=True)
class ResultFrame(PlainFrame):
    result: Result | None = None
    company: str = ""
    where: Location | None = None
    label: str = "Result line"

    def wrap(self, blocks: list[Block]) -> list[Block]:
        assert self.result is not None
        when = self.result.meeting_date.isoformat() if self.result.meeting_date else "[date]"
        line = (
            f"At the {self.company} annual meeting on {when}, Item {self.result.item} won "
            f"{self.result.share_for:.1f}% of the votes cast."
        )
        head = [Block("notice_heading", (Span("Vote result"),), "frame")]
        return [*head, Block("subject", (Span(line, bold=True),), "frame"), *blocks]

    def issues(self, blocks: Sequence[Block], words: int, today: date) -> list[Issue]:
        assert self.result is not None
        found = []
        if self.result.share_for + self.result.share_against > 100:
            message = "votes for and against add up to more than 100%"
            found.append(Issue("result.total", "error", message, self.where))
        if self.result.meeting_date is None:
            message = "add meeting_date to [result]"
            found.append(Issue("result.date", "warning", message, self.where))
        return found


@dataclass(frozen=True)
class VoteResultKind:
    name: str = "vote-result"
    rule: str = ""
    description: str = "the result of a shareholder vote, published after the meeting"
    keys: tuple[str, ...] = ("result",)
    editor: frozenset[str] = frozenset()

    def read(self, draft: Draft, context: ReadContext) -> ResultFrame:
        raw = draft.extra.get("result", {})
        where = draft.location("result")
        unknown = [k for k in raw if k not in KEYS] if isinstance(raw, dict) else []
        if not isinstance(raw, dict) or unknown or not isinstance(raw.get("item"), int):
            raise DraftError("[result] needs item = N", draft.path, where.line, "write item = 8")
        result = Result(
            raw["item"],
            float(raw.get("for", 0)),
            float(raw.get("against", 0)),
            raw.get("meeting_date"),
        )
        company = str(draft.vars.get("company", "[company]"))
        return ResultFrame(result=result, company=company, where=where)

    def papers(self, draft: Draft, document: Document) -> list[tuple[str, Document]]:
        return []


KIND = VoteResultKind()
