"""The customer survey's HTML form: field names, and parsing them into raw answers.

The survey's questions come from the instrument, so the form is built from its items rather than
from a fixed WTForms class. Each item's fields are named ``<field>-<item key>``.
"""

from __future__ import annotations

from collections.abc import Sequence

from itsdangerous import BadSignature, URLSafeSerializer
from werkzeug.datastructures import MultiDict

from surveyor.models import Item
from surveyor.models.base import MAX_ID

FIELD_PREFIXES = {
    "functional": "f",
    "dysfunctional": "d",
    "importance": "i",
    "number": "n",
    "text": "t",
    "channels": "c",
    "agreed": "a",
    "name": "p",
    "contact": "k",
}
SALT = "survey-form"


def field_name(field: str, item: Item) -> str:
    return f"{FIELD_PREFIXES[field]}-{item.key}"


def parse(items: Sequence[Item], form: MultiDict) -> dict[str, dict]:
    """Collect each item's raw fields; validation happens in the service, for HTML and API alike."""
    raw: dict[str, dict] = {}
    for item in items:
        fields = {}
        for field in FIELD_PREFIXES:
            name = field_name(field, item)
            if field == "channels":
                values = form.getlist(name)
                if values:
                    fields[field] = values
            elif form.get(name) not in (None, ""):
                fields[field] = form.get(name)
        raw[item.key] = fields
    return raw


def form_token(secret: str, submission_id: str, survey_token: str, version_id: int) -> str:
    """A signed hidden field: the submission id this form was issued for, and for which survey."""
    return URLSafeSerializer(secret, salt=SALT).dumps([submission_id, survey_token, version_id])


def read_form_token(secret: str, value: str, survey_token: str) -> tuple[str, int] | None:
    """The submission id and version id, or None when the field is forged or belongs elsewhere."""
    try:
        submission_id, token, version_id = URLSafeSerializer(secret, salt=SALT).loads(value)
    except (BadSignature, ValueError, TypeError):
        return None
    if token != survey_token or not isinstance(version_id, int):
        return None
    if not 1 <= version_id <= MAX_ID:  # a database INTEGER; only a leaked key could sign more
        return None
    return submission_id, version_id
