"""The names of drafter's own document kinds and the module holding each: a module of its own so
the command line can name them without loading any kind."""

PLAIN = "document"  # the kind of a template that names none: sections and nothing around them
# name → module holding KIND, imported only when asked for.
BUILT_IN = {
    PLAIN: "drafter.kinds.plain",
    "proposal": "drafter.kinds.proposal",
    "letter": "drafter.kinds.letter",
    "exempt-solicitation": "drafter.kinds.solicitation",
}
STARTERS = tuple(name for name in BUILT_IN if name != PLAIN)  # the built-in templates
