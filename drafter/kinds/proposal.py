"""A Rule 14a-8 shareholder proposal: no frame around its sections; its checks are the filing's
(`[filing]` and `[history]`: deadline, eligibility, engagement, resubmission, one proposal per
meeting) and the rule's risks in the text (a binding Resolved clause, uncited facts). Its papers
are the filing packet."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

from drafter.errors import quoted
from drafter.filing.spec import filing_issues, read_filing, same_meeting_drafts
from drafter.kinds.kind import PlainFrame, ReadContext
from drafter.model import Block, Document, Draft, Issue, Severity

BINDING_VERBS = re.compile(
    r"\b(direct|directs|directed|shall|require|requires|required|must)\b", re.I
)
FACT_RISK = " (a Rule 14a-8(i)(3) risk)"


@dataclass(frozen=True)
class ProposalFrame(PlainFrame):
    fact_risk: str = FACT_RISK

    def content_checks(self, blocks: Sequence[Block]) -> list[Issue]:
        return binding_verbs(blocks)


@dataclass(frozen=True)
class ProposalKind:
    name: str = "proposal"
    rule: str = "14a-8"
    description: str = "a Rule 14a-8 shareholder proposal and its filing papers"
    keys: tuple[str, ...] = ("filing", "history")
    editor: frozenset[str] = frozenset()

    def read(self, draft: Draft, context: ReadContext) -> ProposalFrame:
        return ProposalFrame(early=tuple(_filing_issues(draft)))

    def papers(self, draft: Draft, document: Document) -> list[tuple[str, Document]]:
        from drafter.kinds.packet import packet  # the filing papers load for `drafter packet`

        return [(self.name, document), *packet(draft)]


KIND = ProposalKind()


def binding_verbs(blocks: Sequence[Block]) -> list[Issue]:
    """A Resolved clause that mandates rather than requests."""
    issues = []
    for block in blocks:
        if block.role != "resolved":
            continue
        for match in BINDING_VERBS.finditer(block.text):
            message = (
                f"binding verb {quoted(match.group())} in the Resolved clause: a mandate rather "
                "than a request risks exclusion under Rule 14a-8(i)(1); use 'request' or 'recommend'"
            )
            where = block.origin.location if block.origin else None
            issues.append(Issue("14a-8.binding", "warning", message, where, block.origin))
    return issues


def _filing_issues(draft: Draft) -> list[Issue]:
    """Checks of the [filing] and [history] tables, and of sibling drafts (one per meeting)."""
    filing = read_filing(draft)
    issues = []
    for code, severity, message in filing_issues(filing):
        where = draft.location("history" if code == "filing.resubmission" else "filing")
        issues.append(Issue(code, cast(Severity, severity), message, where))
    for other in same_meeting_drafts(draft, filing):
        message = (
            f"{other.name} is also a proposal by the same proponent to the same company for the "
            "same meeting; Rule 14a-8(c) allows one"
        )
        issues.append(Issue("filing.one-per-meeting", "warning", message, draft.location("filing")))
    return issues
