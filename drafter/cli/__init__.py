"""The command line: the argument parser and the verbs, each a thin wrapper over one core call.

`program` holds `main` and the tree of verbs; the `*_verbs` modules run the verbs and
`printing` draws what they print. Names with a leading underscore are the package's own,
shared between its modules and used by nothing outside it.
"""

from drafter.cli.exit_codes import BUG
from drafter.cli.program import BUG_MARK, main, run

__all__ = ["BUG", "BUG_MARK", "main", "run"]
