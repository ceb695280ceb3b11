"""Placeholder until the names module lands."""
