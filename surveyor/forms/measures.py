"""Improvement measures of a touchpoint."""

from flask_babel import lazy_gettext as _l
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from surveyor import labels
from surveyor.forms import choices
from surveyor.forms.base import Form
from surveyor.models.measures import MEASURE_CLUSTERS, MEASURE_STATUSES

CLUSTER_LABELS = labels.MEASURE_CLUSTERS
STATUS_LABELS = labels.STATUSES["measure"]


class MeasureForm(Form):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    title_de = StringField(_l("Title in German (optional)"), validators=[Length(max=200)])
    description = TextAreaField(_l("Description"), validators=[Length(max=5000)])
    cluster = SelectField(
        _l("Cluster"), choices=choices((c, CLUSTER_LABELS[c]) for c in MEASURE_CLUSTERS)
    )
    owner = StringField(_l("Owner"), validators=[Length(max=120)])
    due_date = DateField(_l("Due date"), validators=[Optional()])
    go_live = DateField(
        _l("Go-live date"),
        validators=[Optional()],
        description=_l("Marks the before/after split on the trend charts."),
    )
    status = SelectField(
        _l("Status"), choices=choices((s, STATUS_LABELS[s]) for s in MEASURE_STATUSES)
    )
