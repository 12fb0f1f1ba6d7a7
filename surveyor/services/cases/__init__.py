"""Closing the loop (issue 21): alert rules, follow-up cases, their reminders and metrics.

``rules`` authors and validates rules; ``opening`` opens cases in the transaction of what
matched (a survey submission, a shop approval) or from the scheduler for wave-level findings;
``work`` is what owners and consultants do with a case; ``overdue`` reminds once; ``metrics``
counts how well the loop is closed.
"""
