"""Domain events for integrations: the one place a use case says "this happened".

:func:`record` is called inside the transaction of the change it reports (a case opened or
closed), so an integration that stores the event here stores it exactly when the change is
committed and never for a change that was rolled back. Webhook delivery (issue 21, item 4)
subscribes by implementing this function; until then it deliberately does nothing.
"""

from __future__ import annotations


def record(project_id: int, kind: str, payload: dict) -> None:
    """Report ``kind`` (e.g. ``"case.opened"``) of ``project_id`` in the caller's transaction."""
    del project_id, kind, payload
