"""The state one rendering of one cite carries through the style's elements."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from drafter.citations.csl.data import Cite, Item

if TYPE_CHECKING:
    from drafter.citations.csl.style import Style


@dataclass
class Disambiguation:
    """What disambiguation has asked of this cite's rendering (CSL §Disambiguation)."""

    add_names: int = 0  # names shown beyond et-al-use-first
    given: dict[tuple[str, int], int] = field(default_factory=dict)  # (variable, index) -> level
    given_level: int = 0  # a level for every name (rule "all-names"), 0 = as the style says
    condition: bool = False  # `<if disambiguate="true">` holds
    year_suffix: str | None = None


@dataclass
class Context:
    """One cite (or bibliography entry) being rendered: the item, the cite, the mode, and the
    book-keeping groups and substitution need."""

    style: Style
    cite: Cite
    mode: str  # "citation" or "bibliography"
    sorting: bool = False  # rendering a sort key (names in sort order, dates as numbers)
    disambiguation: Disambiguation = field(default_factory=Disambiguation)
    suppressed: set[str] = field(default_factory=set)  # variables a substitute has used
    called: int = 0  # variables tried (for group suppression)
    rendered: int = 0  # variables that printed something
    name_options: dict[str, str] = field(default_factory=dict)  # inherited name attributes
    sort_names: dict[str, Any] | None = None  # a sort key's names-min/-use-first/-use-last
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def item(self) -> Item:
        return self.cite.item

    def variable_text(self, name: str) -> str | None:
        """An ordinary variable's text, unless a substitute already printed it."""
        if name in self.suppressed:
            return None
        return self.item.text(name)
