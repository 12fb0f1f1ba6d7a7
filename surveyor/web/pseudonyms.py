"""Client staff never learn who shopped: they see a stable pseudonym instead of the shopper.

Mystery shopping only works while the shopped staff cannot recognise the shopper, and the client's
viewers are colleagues of that staff; consultants, who brief and pay the shoppers, see names.
The pseudonym is built from the account id, so "Shopper 3" is the same person on every page and in
every wave without storing anything more.
"""

from __future__ import annotations

from flask import Flask
from flask_babel import gettext as _
from flask_login import current_user

from surveyor.models import User


def shopper_label(shopper: User | None, reader: User | None = None) -> str:
    """The shopper's name (or e-mail) for consultants, ``Shopper <id>`` for everyone else."""
    if shopper is None:
        return "—"
    reader = reader if reader is not None else current_user
    if getattr(reader, "can_edit", False):
        return shopper.name or shopper.email
    return _("Shopper %(number)s", number=shopper.id)


def init_app(app: Flask) -> None:
    app.add_template_global(shopper_label)
