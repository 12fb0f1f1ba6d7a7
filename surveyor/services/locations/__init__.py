"""Locations: the directory of regions and branches, survey links per location, and results
grouped by location and region (issue 20)."""
