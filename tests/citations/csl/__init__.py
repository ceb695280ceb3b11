"""Tests of the CSL processor (a package, so its test modules may share names with others)."""
