"""Authoring Kano questionnaires: the instrument, its texts, features and survey links."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileAllowed, FileRequired, FileSize
from wtforms import (
    BooleanField,
    FileField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from surveyor import labels
from surveyor.forms import choices
from surveyor.forms.base import Form
from surveyor.forms.fields import MultipleChoiceField

KIND_LABELS = labels.INSTRUMENT_KINDS
GROUP_LABELS = labels.SURVEY_GROUPS
OPTIONAL_ITEM_LABELS = {
    "csat": _l("Overall satisfaction (CSAT, 1-5)"),
    "nps": _l("Likelihood to recommend (NPS, 0-10)"),
    "ces": _l("Effort (CES, 1-7)"),
    "contacts": _l("Contacts until the concern was resolved, with channels"),
    "comment": _l("Free-text comment"),
    "follow_up": _l("May we contact you about your answers? (with contact details)"),
}
TEXT = [Length(max=2000)]


class InstrumentForm(Form):
    kind = SelectField(_l("Kind"), choices=choices(KIND_LABELS.items()))
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])


class VersionTextsForm(Form):
    title_en = StringField(_l("Title (English)"), validators=[Length(max=200)])
    title_de = StringField(_l("Title (German)"), validators=[Length(max=200)])
    intro_en = TextAreaField(_l("Introduction (English)"), validators=[Length(max=5000)])
    intro_de = TextAreaField(_l("Introduction (German)"), validators=[Length(max=5000)])
    optional_items = MultipleChoiceField(
        _l("Touchpoint questions after the features"),
        choices=choices(OPTIONAL_ITEM_LABELS.items()),
        option_widget=CheckboxInput(),
        widget=ListWidget(prefix_label=False),
    )


class FeatureForm(Form):
    text_en = TextAreaField(
        _l("Functional question (English)"),
        validators=TEXT,
        description=_l("e.g. The hotline calls you back within an hour."),
    )
    text_de = TextAreaField(_l("Functional question (German)"), validators=TEXT)
    negative_text_en = TextAreaField(
        _l("Dysfunctional question (English)"),
        validators=TEXT,
        description=_l("e.g. The hotline does not call you back within an hour."),
    )
    negative_text_de = TextAreaField(_l("Dysfunctional question (German)"), validators=TEXT)
    asks_importance = BooleanField(_l("Also ask how important this is (1-9)"))

    def validate_text_en(self, field) -> None:
        if not (field.data or "").strip() and not (self.text_de.data or "").strip():
            raise ValidationError(_l("Give the functional question in English or German."))

    def validate_negative_text_en(self, field) -> None:
        if not (field.data or "").strip() and not (self.negative_text_de.data or "").strip():
            raise ValidationError(_l("Give the dysfunctional question in English or German."))


class SurveyLinkForm(Form):
    wave_id = SelectField(_l("Wave"), coerce=int)
    group = SelectField(_l("Respondents"), choices=choices(GROUP_LABELS.items()))
    anonymous = BooleanField(_l("Anonymous: store answers without a link to the invitation"))
    many_per_device = BooleanField(_l("Counter tablet: many answers from one device"))


class DeviceModeForm(Form):
    """Switches a link between one answer per device and a counter tablet."""

    many_per_device = BooleanField(_l("Counter tablet: many answers from one device"))


class RecipientsForm(Form):
    recipients = FileField(
        _l("Recipient list (.csv or .xlsx with a column 'email')"),
        validators=[
            FileRequired(),
            FileAllowed(["csv", "txt", "xlsx"], _l("Upload a .csv or .xlsx file.")),
            FileSize(max_size=2 * 1024 * 1024, message=_l("The file may have at most 2 MB.")),
        ],
    )
