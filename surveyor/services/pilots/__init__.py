"""Pilot measures: which locations try a measure first, and what it did there (issue 20)."""
