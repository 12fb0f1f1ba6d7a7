"""Mystery-shopper checklists: items, shoppers, assignments and the review of a shop."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileAllowed, FileRequired, FileSize
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    FileField,
    IntegerField,
    PasswordField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional, ValidationError

from surveyor import labels
from surveyor.forms import choices
from surveyor.forms.base import Form
from surveyor.forms.fields import FiniteFloatField
from surveyor.models.base import MAX_ID
from surveyor.models.instruments import CHECKLIST_ITEM_TYPES

ITEM_TYPE_LABELS = {code: labels.ITEM_TYPES[code] for code in CHECKLIST_ITEM_TYPES}
KANO_TAG_LABELS = labels.KANO_TAGS
STATUS_LABELS = labels.STATUSES["assignment"]
TEXT = [Length(max=2000)]


class ChecklistItemForm(Form):
    section = StringField(_l("Section"), validators=[DataRequired(), Length(max=120)])
    section_de = StringField(_l("Section in German (optional)"), validators=[Length(max=120)])
    item_type = SelectField(_l("Type"), choices=choices(ITEM_TYPE_LABELS.items()))
    text_en = TextAreaField(_l("Item (English)"), validators=TEXT)
    text_de = TextAreaField(_l("Item (German)"), validators=TEXT)
    instructions = TextAreaField(_l("Instructions for the shopper"), validators=TEXT)
    points = FiniteFloatField(
        _l("Points"),
        default=1.0,
        validators=[Optional(), NumberRange(min=0, max=1000)],
        description=_l("For single choice: the highest option's points are used."),
    )
    kano_tag = SelectField(_l("Kano tag"), choices=choices(KANO_TAG_LABELS.items()), default="")
    critical = BooleanField(_l("Critical: a failure flags the whole shop"))
    na_allowed = BooleanField(_l("N/A allowed"))
    required = BooleanField(_l("Required"), default=True)
    good_answer = SelectField(
        _l("Yes/no: the answer that earns the points"),
        choices=choices((("yes", _l("Yes")), ("no", _l("No")))),
        default="yes",
    )
    scale_min = IntegerField(_l("Scale: lowest value"), default=1, validators=[Optional()])
    scale_max = IntegerField(_l("Scale: highest value"), default=5, validators=[Optional()])
    options = TextAreaField(
        _l("Single choice: one option per line as 'label | points'"),
        validators=[Length(max=5000)],
        description=_l("e.g. Greets warmly | 2"),
    )
    target = FiniteFloatField(
        _l("Number/duration: target (seconds for durations)"), validators=[Optional()]
    )
    direction = SelectField(
        _l("Number/duration: the target is"),
        choices=choices((("at_most", _l("a maximum")), ("at_least", _l("a minimum")))),
        default="at_most",
    )
    limit = FiniteFloatField(
        _l("Number/duration: no points from (optional, linear in between)"),
        validators=[Optional()],
    )

    def validate_text_en(self, field) -> None:
        if not (field.data or "").strip() and not (self.text_de.data or "").strip():
            raise ValidationError(_l("Give the item in English or German."))


class ShopperForm(Form):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=254)])
    name = StringField(_l("Name"), validators=[Length(max=120)])
    password = PasswordField(
        _l("Initial password"), validators=[DataRequired(), Length(min=8, max=200)]
    )


class AssignmentForm(Form):
    shopper_id = SelectField(_l("Shopper"), coerce=int)
    location_id = SelectField(_l("Location"), coerce=int)
    instrument_id = SelectField(_l("Checklist"), coerce=int)
    wave_id = SelectField(_l("Wave"), coerce=int)
    visit_from = DateField(_l("Visit from"), validators=[DataRequired()])
    visit_to = DateField(_l("Visit until"), validators=[DataRequired()])

    def validate_visit_to(self, field) -> None:
        if self.visit_from.data and field.data and field.data < self.visit_from.data:
            raise ValidationError(_l("The visit window ends before it starts."))


class AssignmentUploadForm(Form):
    sheet = FileField(
        _l("Assignments (.csv or .xlsx)"),
        description=_l(
            "Columns: shopper (e-mail), location, checklist, wave, visit_from, visit_to "
            "(dates as YYYY-MM-DD)."
        ),
        validators=[
            FileRequired(),
            FileAllowed(["csv", "txt", "xlsx"], _l("Upload a .csv or .xlsx file.")),
            FileSize(max_size=2 * 1024 * 1024, message=_l("The file may have at most 2 MB.")),
        ],
    )


class CommentForm(Form):
    item_id = IntegerField(validators=[Optional(), NumberRange(min=1, max=MAX_ID)])
    text = TextAreaField(_l("Comment"), validators=[DataRequired(), Length(max=2000)])


class CorrectionForm(Form):
    item_id = IntegerField(validators=[DataRequired(), NumberRange(min=1, max=MAX_ID)])
    value = StringField(_l("New value"), validators=[Length(max=2000)])
    not_applicable = BooleanField(_l("N/A"))
    reason = TextAreaField(_l("Reason"), validators=[DataRequired(), Length(max=2000)])


class ReturnForm(Form):
    comment = TextAreaField(
        _l("What should the shopper fix?"), validators=[DataRequired(), Length(max=2000)]
    )
