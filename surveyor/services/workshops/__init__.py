"""Workshops (the method's second stage): setting one up, the live board, the convergent steps,
votes, measures and the report that traces them. One module per job; views call these."""
