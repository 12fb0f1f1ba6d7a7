"""Choosing the pilot locations of a measure."""

from flask_babel import lazy_gettext as _l

from surveyor.forms.base import Form
from surveyor.forms.plans import MultiCheckboxField


class PilotForm(Form):
    location_ids = MultiCheckboxField(
        _l("Pilot locations"),
        coerce=int,
        description=_l(
            "The branches that get the measure first; all other own branches are the comparison."
        ),
    )
