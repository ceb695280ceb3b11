"""`python -m drafter` runs the command line."""

from drafter.cli.verbs import run

run()
