"""Placeholder until the rich-text reader lands."""

from drafter.citations.csl.rich import Rich


def parse_markup(text: str) -> Rich:
    return Rich([text])
