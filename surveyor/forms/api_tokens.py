"""Naming a new personal API token."""

from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import DataRequired, Length, Regexp

from surveyor.forms.base import Form


class ApiTokenForm(Form):
    name = StringField(
        _l("Token name"),
        validators=[
            DataRequired(),
            Length(max=80),
            Regexp(r"^[^\x00-\x1f\x7f]*$", message=_l("Use letters, digits and punctuation only.")),
        ],
        description=_l("Say where it is used, e.g. 'CRM' or 'Kiosk entrance hall'."),
    )
