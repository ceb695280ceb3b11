"""Disambiguation (CSL §Disambiguation): placeholder."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from drafter.citations.csl.context import Disambiguation

if TYPE_CHECKING:
    from drafter.citations.csl.processor import Citation, Processor


def resolve(processor: Processor, citations: Sequence[Citation]) -> dict[str, Disambiguation]:
    return {}
