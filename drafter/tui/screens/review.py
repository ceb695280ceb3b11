"""Reviewers' edits per draft item, to accept (the reviewer's text becomes the item's) or
reject; every acceptance is an ordinary edit, so Ctrl+Z takes it back."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from drafter.drafts.editing import Position
from drafter.review.harvest import Harvest, plain
from drafter.tui.shown import shown


@dataclass(frozen=True)
class Proposal:
    """One reviewer's text for one item, with that reviewer's edits to it."""

    position: Position
    label: str
    reviewer: str
    accepted: str
    edits: tuple[str, ...]
    conflict: bool


def proposals(result: Harvest) -> list[Proposal]:
    out = []
    for item in result.review.items:
        for reviewer, text in item.accepted.items():
            edits = tuple(
                f"{e.kind}: “{plain(e.text)}”"
                for e in item.edits
                if e.reviewer == reviewer and e.kind not in ("comment", "reply") and not e.where
            )
            out.append(Proposal(item.position, item.label, reviewer, text, edits, item.conflict))
    return out


class ReviewScreen(Screen[None]):
    """The harvested changes; `a` accepts the highlighted one, `x` rejects it, Escape returns."""

    BINDINGS = [
        Binding("a", "accept", "Accept"),
        Binding("x", "reject", "Reject"),
        Binding("escape", "app.pop_screen", "Back to the draft"),
    ]

    @dataclass
    class ProposalAccepted(Message):
        """The user accepted a reviewer's text for an item."""

        proposal: Proposal

    def __init__(self, result: Harvest) -> None:
        super().__init__()
        self.result = result
        self.pending = proposals(result)

    def compose(self) -> ComposeResult:
        yield Header()
        files = "; ".join(
            shown(f"{name.rsplit('/', 1)[-1]}: {p.relation}")
            for name, p in self.result.review.provenance.items()
        )
        yield Static(files, id="review-files")
        yield OptionList(id="proposals")
        comments = [
            shown(f"{e.reviewer} on “{plain(e.anchored_text)}” ({item.label}): {e.text}")
            for item in self.result.review.items
            for e in item.edits
            if e.kind in ("comment", "reply")
        ]
        yield Static("[b]Comments[/]\n" + ("\n".join(comments) or "none"), id="review-comments")
        elsewhere = [
            shown(f"{e.reviewer}, {e.where} ({item.label}): {e.kind} “{plain(e.text)}”")
            for item in self.result.review.items
            for e in item.edits
            if e.where and e.kind not in ("comment", "reply")
        ]
        if elsewhere:  # not offered here: `drafter review --apply` takes them back, or says why not
            yield Static(
                "[b]In notes and new paragraphs[/] (drafter review --apply)\n"
                + "\n".join(elsewhere),
                id="review-elsewhere",
            )
        yield Footer()

    def on_mount(self) -> None:
        self._fill()
        self.query_one(OptionList).focus()

    def _fill(self) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        if not self.pending:
            options.add_option(Option("nothing left to decide", id="none", disabled=True))
            return
        for index, proposal in enumerate(self.pending):
            mark = "  [b $error]conflict[/]" if proposal.conflict else ""
            edits = shown("; ".join(proposal.edits))
            label, who, text = (
                shown(t) for t in (proposal.label, proposal.reviewer, plain(proposal.accepted))
            )
            options.add_option(
                Option(
                    f"[b]{label}[/] — {who}{mark}\n  {edits}\n  → {text}",
                    id=str(index),
                )
            )
        options.highlighted = 0

    def _current(self) -> Proposal | None:
        options = self.query_one(OptionList)
        if options.highlighted is None or not self.pending:
            return None
        return self.pending[options.highlighted]

    def action_accept(self) -> None:
        proposal = self._current()
        if proposal is None:
            return
        self.post_message(self.ProposalAccepted(proposal))
        # the other reviewers' texts for this item are settled too
        self.pending = [p for p in self.pending if p.position != proposal.position]
        self._fill()

    def action_reject(self) -> None:
        proposal = self._current()
        if proposal is None:
            return
        self.pending.remove(proposal)
        self._fill()
