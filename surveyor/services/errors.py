"""Domain errors: what a use case says went wrong, in words a user can act on.

Services raise these and never speak HTTP (no ``flask.abort``); each face maps them once:
the web to an error page (``surveyor.errors``), the API to its JSON error shape
(``surveyor.api.errors``). ``status`` is the HTTP status both faces answer with, kept here so
that the two faces cannot disagree about what a "not found" is.

A tenant's object that the user may not see is :class:`NotFound`, never :class:`Forbidden`,
so that ids of other tenants cannot even be confirmed.
"""

from __future__ import annotations


class DomainError(Exception):
    """Base of every error a use case reports to its caller."""

    status = 400
    code = "bad_request"

    def __init__(self, message: str = "", errors: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.errors = errors or {}


class NotFound(DomainError):
    """No such object, or one of another tenant."""

    status, code = 404, "not_found"


class Forbidden(DomainError):
    """The user sees the object but their role may not do this to it."""

    status, code = 403, "forbidden"


class LocationLimited(Forbidden):
    """A user limited to some locations asked for a document of every branch (the project
    workbook, the deck, a page comparing named branches). The web page points them to the
    report cards of their own locations (``project_id``), the API answers 403 with the message.
    """

    def __init__(self, message: str, project_id: int) -> None:
        super().__init__(message)
        self.project_id = project_id


class Conflict(DomainError):
    """The request contradicts data already saved (a duplicate, a closed wave, a used name)."""

    status, code = 409, "conflict"


class Invalid(DomainError):
    """The input breaks a rule of the domain; ``errors`` names the fields at fault."""

    status, code = 422, "validation_failed"


class Gone(DomainError):
    """The object existed but may no longer be used (a closed link, an expired code)."""

    status, code = 410, "gone"


class TooMany(DomainError):
    """A limit was reached (jobs in the queue, attempts per hour)."""

    status, code = 429, "too_many_requests"


def found(value, message: str = ""):
    """``value`` unless it is ``None``, in which case :class:`NotFound` is raised.

    The one-line guard after a lookup, so that services need neither ``abort`` nor an ``if``.
    """
    if value is None:
        raise NotFound(message)
    return value
