"""The command line: the argument parser and the verbs, each a thin wrapper over one core call."""

from drafter.cli.verbs import BUG, BUG_MARK, main, run

__all__ = ["BUG", "BUG_MARK", "main", "run"]
