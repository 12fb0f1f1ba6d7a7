"""Hidden fields of a survey link: which location, channel and case an answer comes from.

A link printed at a counter carries ``?loc=NORD`` (and optionally ``ch=store`` and ``ref=`` for
an employee or case reference). They are validated before anything is stored: an unknown code,
a code of another client's location, a region or a competitor is refused with a clear message,
because an answer that cannot be counted for the right location would distort the ranking.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from surveyor.models.journey import CHANNELS
from surveyor.services.errors import Invalid
from surveyor.services.locations.directory import ids_by_code

PARAMETERS = ("loc", "ch", "ref")
REFERENCE = re.compile(r"^[\w .:/#-]{1,80}$")


@dataclass(frozen=True)
class Origin:
    """Where an answer comes from; every field may be empty."""

    location_id: int | None = None
    location_code: str = ""
    channel: str | None = None
    reference: str | None = None

    @property
    def empty(self) -> bool:
        return self.location_id is None and self.channel is None and self.reference is None

    def parameters(self) -> dict[str, str]:
        """The link's query parameters that reproduce this origin (for forms and QR codes)."""
        found = {"loc": self.location_code, "ch": self.channel, "ref": self.reference}
        return {key: value for key, value in found.items() if value}


NO_ORIGIN = Origin()


def read_origin(project_id: int, values: Mapping[str, str | None]) -> Origin:
    """Validate ``loc``, ``ch`` and ``ref`` from a link or form; raises Invalid naming the field."""
    code = (values.get("loc") or "").strip()
    channel = (values.get("ch") or "").strip().lower() or None
    reference = (values.get("ref") or "").strip() or None
    errors: dict[str, list[str]] = {}
    location_id = None
    if code:
        location_id = ids_by_code(project_id, [code]).get(code)
        if location_id is None:
            errors["loc"] = [f"The location code {code[:40]} is not a location of this survey."]
    if channel is not None and channel not in CHANNELS:
        errors["ch"] = [f"The channel {channel[:20]} is unknown."]
    if reference is not None and not REFERENCE.match(reference):
        errors["ref"] = ["The reference may have at most 80 letters, digits and - . : / #."]
    if errors:
        raise Invalid("This survey link is not valid.", errors)
    return Origin(location_id, code, channel, reference)
