"""The one interface every document kind implements, and the frame a kind reads from a draft.

The pipeline, the CLI and the editor hold a `Kind` and ask it; none of them names a kind. A kind
says which top-level draft keys it reads, reads them once into a `Frame` (typed values, errors at
their lines), and the frame wraps the laid-out sections, adds its checks and tells the word count
and the editor what it contributes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from drafter.model import Block, Document, Draft, Issue

if TYPE_CHECKING:
    from drafter.kinds.signatories import Signatory

# Parts of the editor a kind may ask for, beyond the outline, variables and citations every
# document has.
SIGNATORIES = "signatories"  # the signers panel and importing a signatory list
LETTER_DETAILS = "letter-details"  # the form for date, addressees, subject and sign-off


@dataclass(frozen=True)
class ReadContext:
    """What reading a draft's frame may depend on besides the draft."""

    readable: tuple[Path, ...] = ()  # roots a draft may name files under (its signatory list)
    only_consented: bool | None = None  # print only signers with consent (None: as the draft says)


@dataclass(frozen=True)
class Signers:
    """The signatories a frame lists, for the editor's panel."""

    people: tuple[Signatory, ...] = ()
    groups: tuple[str, ...] = ()


class Frame(Protocol):
    """A kind's reading of one draft: what it adds around and beside the sections."""

    @property
    def label(self) -> str:
        """The frame's part in the word count ("Letter frame")."""
        ...

    @property
    def variables(self) -> Mapping[str, str] | None:
        """Values the frame gives clause text (a letter's signatory count), or None."""
        ...

    @property
    def fact_risk(self) -> str:
        """What an uncited fact risks under this kind's rules, appended to the warning."""
        ...

    def wrap(self, blocks: list[Block]) -> list[Block]:
        """The laid-out sections inside the kind's frame (cover, addressees, legend...)."""
        ...

    @property
    def early(self) -> tuple[Issue, ...]:
        """What reading the draft found (a proposal's filing checks), reported first."""
        ...

    def content_checks(self, blocks: Sequence[Block]) -> list[Issue]:
        """Checks of the sections' text, run among the checks every document has."""
        ...

    def issues(self, blocks: Sequence[Block], words: int, today: date) -> list[Issue]:
        """The kind's own checks, after the common ones."""
        ...

    def signers(self) -> Signers:
        """The signatories this document lists (none for most kinds)."""
        ...


class Kind(Protocol):
    """A kind of document: a proposal, a coalition letter, a notice of exempt solicitation."""

    @property
    def name(self) -> str:
        """How a template names it: `kind = "letter"`."""
        ...

    @property
    def rule(self) -> str:
        """The older `rules = [...]` entry that stands for this kind ("" when none)."""
        ...

    @property
    def description(self) -> str: ...

    @property
    def keys(self) -> tuple[str, ...]:
        """The draft's top-level keys and tables this kind reads."""
        ...

    @property
    def editor(self) -> frozenset[str]:
        """The parts of the editor that apply (`SIGNATORIES`, `LETTER_DETAILS`)."""
        ...

    def read(self, draft: Draft, context: ReadContext) -> Frame:
        """Read the kind's keys from `draft` once; bad values fail at their line."""
        ...

    def papers(self, draft: Draft, document: Document) -> list[tuple[str, Document]]:
        """(file stem, document) for the papers `drafter packet` writes, the document first."""
        ...


@dataclass(frozen=True)
class PlainFrame:
    """A frame that adds nothing: the sections are the whole document. Kinds subclass it and
    override what they add."""

    label: str = "Frame"
    variables: Mapping[str, str] | None = None
    fact_risk: str = ""
    early: tuple[Issue, ...] = field(default=())  # found while reading the draft

    def wrap(self, blocks: list[Block]) -> list[Block]:
        return blocks

    def content_checks(self, blocks: Sequence[Block]) -> list[Issue]:
        return []

    def issues(self, blocks: Sequence[Block], words: int, today: date) -> list[Issue]:
        return []

    def signers(self) -> Signers:
        return Signers()
