<<<<<<< HEAD
"""Tests of drafter.citations.csl (a package, so its test modules may share names with others)."""
=======
"""Tests of the CSL processor (a package, so its test modules may share names with others)."""
>>>>>>> h-names
