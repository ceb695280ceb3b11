"""Tests of drafter.citations.csl (a package, so its test modules may share names with others)."""
