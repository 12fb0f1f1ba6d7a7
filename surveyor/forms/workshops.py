"""Forms of the workshop: setting one up, joining it from a phone, a cause becoming a measure."""

from flask_babel import lazy_gettext as _l
from wtforms import DateField, IntegerField, RadioField, SelectField, StringField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from surveyor import labels
from surveyor.forms import choices
from surveyor.forms.base import Form
from surveyor.models.measures import MEASURE_CLUSTERS
from surveyor.models.workshops import PARTICIPANT_ROLES, TITLE_MAX


class WorkshopForm(Form):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=TITLE_MAX)])
    title_de = StringField(_l("Title in German (optional)"), validators=[Length(max=TITLE_MAX)])
    held_on = DateField(_l("Date"), validators=[Optional()])
    card_limit = IntegerField(
        _l("Cards per participant"), default=30, validators=[NumberRange(min=1, max=200)]
    )
    vote_budget = IntegerField(
        _l("Dots per participant"), default=5, validators=[NumberRange(min=1, max=50)]
    )


class JoinForm(Form):
    name = StringField(_l("Your name or a pseudonym"), validators=[DataRequired(), Length(max=60)])
    role = RadioField(
        _l("You take part as"),
        choices=choices((role, labels.PARTICIPANT_ROLES[role]) for role in PARTICIPANT_ROLES),
        validators=[DataRequired()],
    )


class MeasureFromCauseForm(Form):
    touchpoint_id = SelectField(_l("Touchpoint"), coerce=int, validate_choice=True)
    cluster = SelectField(
        _l("Cluster"),
        choices=choices((c, labels.MEASURE_CLUSTERS[c]) for c in MEASURE_CLUSTERS),
    )
    title = StringField(_l("Measure"), validators=[DataRequired(), Length(max=200)])
    title_de = StringField(_l("Title in German (optional)"), validators=[Length(max=200)])
    owner = StringField(_l("Owner"), validators=[Length(max=120)])
