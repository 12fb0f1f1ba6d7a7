"""Clients, projects and the customer journey: phases, touchpoints, locations."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from surveyor import labels
from surveyor.forms import choices
from surveyor.forms.base import Form
from surveyor.forms.fields import FiniteFloatField
from surveyor.models.journey import CHANNELS, PHASE_KINDS

CHANNEL_LABELS = labels.CHANNELS
PHASE_LABELS = labels.PHASES


class ClientForm(Form):
    name = StringField(_l("Client name"), validators=[DataRequired(), Length(max=120)])


class ProjectForm(Form):
    name = StringField(_l("Project name"), validators=[DataRequired(), Length(max=120)])
    description = TextAreaField(_l("Description"), validators=[Length(max=5000)])
    language = SelectField(
        _l("Language of invitations and reminders"),
        choices=[("de", "Deutsch"), ("en", "English")],
        default="de",
    )


class PhaseForm(Form):
    name = StringField(_l("Phase name"), validators=[DataRequired(), Length(max=80)])
    name_de = StringField(_l("Phase name in German (optional)"), validators=[Length(max=80)])
    kind = SelectField(_l("Kind"), choices=choices((k, PHASE_LABELS[k]) for k in PHASE_KINDS))


class TouchpointForm(Form):
    name = StringField(_l("Touchpoint name"), validators=[DataRequired(), Length(max=120)])
    name_de = StringField(_l("Touchpoint name in German (optional)"), validators=[Length(max=120)])
    phase_id = SelectField(_l("Journey phase"), coerce=int, validators=[Optional()])
    channel = SelectField(_l("Channel"), choices=choices((c, CHANNEL_LABELS[c]) for c in CHANNELS))
    weight = FiniteFloatField(
        _l("Weight"),
        default=1.0,
        validators=[DataRequired(), NumberRange(min=0.01, max=1000)],
        description=_l("How much this touchpoint counts in the project index."),
    )
    description = TextAreaField(_l("Description"), validators=[Length(max=5000)])


class LocationForm(Form):
    name = StringField(_l("Location name"), validators=[DataRequired(), Length(max=120)])
    city = StringField(_l("City"), validators=[Length(max=80)])
    address = StringField(_l("Address"), validators=[Length(max=200)])
    is_competitor = BooleanField(_l("Competitor location (benchmark)"))
    competitor_name = StringField(_l("Competitor"), validators=[Length(max=120)])
    kind = SelectField(_l("Kind"), choices=choices(labels.LOCATION_KINDS.items()), default="branch")
    code = StringField(
        _l("Code (in survey links and recipient lists)"),
        validators=[Length(max=40)],
        description=_l("Letters, digits, - and _; unique within the project."),
    )
    parent_id = SelectField(_l("Region"), coerce=int, default=0)
