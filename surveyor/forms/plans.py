"""A project's measurement plan."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    SelectField,
    StringField,
    ValidationError,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from surveyor.forms import choices
from surveyor.forms.base import Form
from surveyor.forms.fields import FiniteFloatField, MultipleChoiceField
from surveyor.models.plans import ASSIGNMENT_RULES, RECURRENCES
from surveyor.services.waves.periods import InvalidRecurrence, cron_trigger

RECURRENCE_LABELS = {
    "monthly": _l("Monthly"),
    "quarterly": _l("Quarterly"),
    "cron": _l("Cron expression"),
}
RULE_LABELS = {
    "none": _l("No shop assignments"),
    "each_location_once": _l("Each location shopped once per wave, shoppers rotated"),
}


class MultiCheckboxField(MultipleChoiceField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class PlanForm(Form):
    recurrence = SelectField(
        _l("Recurrence"), choices=choices((r, RECURRENCE_LABELS[r]) for r in RECURRENCES)
    )
    cron = StringField(
        _l("Cron expression"),
        validators=[Length(max=120)],
        description=_l("Only for the cron recurrence, in UTC: minute hour day month weekday."),
    )
    starts_at = DateTimeLocalField(
        _l("First period starts, UTC"),
        format="%Y-%m-%dT%H:%M",
        validators=[DataRequired()],
        description=_l(
            "Later periods follow the recurrence from here. In a project without waves the "
            "first period is the baseline."
        ),
    )
    field_days = FiniteFloatField(
        _l("Field period (days)"), default=21, validators=[DataRequired(), NumberRange(0.01, 366)]
    )
    reminder_days = FiniteFloatField(
        _l("Send reminders after (days)"),
        validators=[Optional(), NumberRange(0, 366)],
        description=_l("Leave empty for no reminders."),
    )
    instrument_ids = MultiCheckboxField(
        _l("Instruments"), coerce=int, render_kw={"class": "checkbox-list"}
    )
    location_ids = MultiCheckboxField(
        _l("Locations shopped"), coerce=int, render_kw={"class": "checkbox-list"}
    )
    assignment_rule = SelectField(
        _l("Shop assignments"), choices=choices((r, RULE_LABELS[r]) for r in ASSIGNMENT_RULES)
    )
    active = BooleanField(_l("Active (the scheduler opens and closes waves)"), default=True)

    def validate_cron(self, field) -> None:
        if self.recurrence.data != "cron":
            return
        try:
            cron_trigger(field.data or "")
        except InvalidRecurrence as error:
            raise ValidationError(str(error)) from error

    def validate_reminder_days(self, field) -> None:
        if field.data is not None and self.field_days.data and field.data >= self.field_days.data:
            raise ValidationError(_l("Reminders must go out before the field period ends."))
