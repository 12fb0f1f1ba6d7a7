"""Forms for alert rules and follow-up cases; the rules themselves are checked by the service."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from surveyor import labels
from surveyor.forms import choices
from surveyor.forms.base import Form
from surveyor.forms.exports import CheckboxesField
from surveyor.forms.fields import FiniteFloatField


class AlertRuleForm(Form):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    name_de = StringField(_l("Name (German)"), validators=[Length(max=120)])
    kind = SelectField(_l("Watch for"), choices=choices(labels.RULE_KINDS.items()))
    threshold = FiniteFloatField(
        _l("Value"),
        validators=[Optional()],
        description=_l("CSAT at or below (1-4), or shop score below (in %)."),
    )
    touchpoint_ids = CheckboxesField(
        _l("Touchpoints"), coerce=int, description=_l("None ticked: every touchpoint.")
    )
    location_ids = CheckboxesField(
        _l("Locations or regions"), coerce=int, description=_l("None ticked: every location.")
    )
    recipient_ids = CheckboxesField(
        _l("Who is told"),
        coerce=int,
        description=_l("The first client staff member ticked owns the cases."),
    )
    due_days = IntegerField(
        _l("Days to follow up"), default=7, validators=[DataRequired(), NumberRange(1, 365)]
    )


class CaseForm(Form):
    status = SelectField(_l("Status"), choices=choices(labels.STATUSES["case"].items()))
    resolution_note = TextAreaField(
        _l("Resolution note"),
        validators=[Length(max=5000)],
        description=_l("Needed to close the case: what was done, or why nothing is needed."),
    )


class AssignForm(Form):
    owner_id = SelectField(_l("Owner"), coerce=int)
