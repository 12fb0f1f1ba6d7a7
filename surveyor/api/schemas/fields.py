"""Field types shared by the API schemas: bounded text, ids and timezone-aware timestamps.

Bounds match the database columns so that bad input is refused with a field error (422) before
it could reach the database and fail there (PostgreSQL refuses NUL characters, too-long strings
and integers beyond 32 bits).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate

from surveyor.models.base import MAX_ID, as_utc

# Any character but control characters (tab and line breaks are fine). One pattern per field,
# because the OpenAPI document carries only one.
_CHARACTER = r"[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
PRINTABLE = rf"^{_CHARACTER}*$"
PRINTABLE_NONBLANK = rf"^{_CHARACTER}*[^\s\x00-\x1f\x7f]{_CHARACTER}*$"


def _no_lone_surrogates(value: str) -> None:
    """JSON may escape half a UTF-16 pair ("\\ud800"); PostgreSQL cannot store that."""
    if any("\ud800" <= char <= "\udfff" for char in value):
        raise ValidationError("Must be valid Unicode text.")


def text(
    max_length: int, required: bool = False, nonblank: bool | None = None, **kwargs: Any
) -> fields.String:
    """A string of at most ``max_length`` characters; required ones must not be blank."""
    nonblank = required if nonblank is None else nonblank
    pattern = validate.Regexp(
        PRINTABLE_NONBLANK if nonblank else PRINTABLE,
        error="Must not be blank or contain control characters."
        if nonblank
        else "Must not contain control characters.",
    )
    checks = [validate.Length(min=1 if nonblank else 0, max=max_length), pattern]
    checks.append(_no_lone_surrogates)
    return fields.String(required=required, validate=checks, **kwargs)


class Flag(fields.Boolean):
    """JSON true or false only: 0, 1 or "yes" are more likely mistakes than intent."""

    def _deserialize(self, value, attr, data, **kwargs) -> bool:
        if not isinstance(value, bool):
            raise self.make_error("invalid", input=value)
        return value


def flag(**kwargs: Any) -> fields.Boolean:
    return Flag(**kwargs)


def object_id(**kwargs: Any) -> fields.Integer:
    return fields.Integer(strict=True, validate=validate.Range(min=1, max=MAX_ID), **kwargs)


class Timestamp(fields.AwareDateTime):
    """ISO 8601 with offset; naive input is read as UTC, SQLite's naive values are sent as UTC."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(default_timezone=UTC, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs) -> datetime:
        """Stored in UTC: SQLite keeps no offset, so another zone would be misread later."""
        moment = super()._deserialize(value, attr, data, **kwargs)
        try:
            return moment.astimezone(UTC)
        except OverflowError:
            raise ValidationError("Must lie between the years 1 and 9999 in UTC.") from None

    def _serialize(self, value: datetime | None, attr, obj, **kwargs):
        return super()._serialize(as_utc(value), attr, obj, **kwargs)


def list_of(schema: type[Schema], name: str) -> Schema:
    """The envelope of a list answer: ``{"items": [...]}``."""
    return Schema.from_dict(
        {"items": fields.List(fields.Nested(schema), required=True)}, name=name
    )()
