"""Placeholder until the dates module lands."""
