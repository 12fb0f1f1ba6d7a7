"""Reports for clients: what an export covers and the data its workbook shows.

The services here read (scope, summary figures, streamed response rows, all inside one snapshot);
:mod:`surveyor.export` only writes what they hand it, and :mod:`surveyor.deck` likewise for the
deck assembled by :mod:`surveyor.services.reports.deck_assembly`.
"""
