"""The consultant's setting for results by location."""

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField
from wtforms.validators import DataRequired, NumberRange

from surveyor.forms.base import Form


class MinimumForm(Form):
    min_n = IntegerField(
        _l("Minimum n for a rank"),
        validators=[DataRequired(), NumberRange(min=1, max=100_000)],
        description=_l("Locations and regions with fewer answers are shown, marked, not ranked."),
    )
