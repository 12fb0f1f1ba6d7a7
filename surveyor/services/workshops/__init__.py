"""Workshops (the engagement's second stage, `docs/method.md`, "Workshop"): setting one up, the
live board, the convergent steps, votes, measures and the report that traces them. One module
per job; views, API, workbook and demo call these."""
