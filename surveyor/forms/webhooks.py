"""A new webhook subscription: where to send, and which events."""

from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import DataRequired, Length, Regexp

from surveyor.forms import choices
from surveyor.forms.base import Form
from surveyor.forms.plans import MultiCheckboxField
from surveyor.labels import WEBHOOK_EVENTS


class WebhookForm(Form):
    name = StringField(
        _l("Name"),
        validators=[
            Length(max=80),
            Regexp(r"^[^\x00-\x1f\x7f]*$", message=_l("Use letters, digits and punctuation only.")),
        ],
        description=_l("Say what receives the events, e.g. 'CRM' or 'Teams channel'."),
    )
    url = StringField(
        _l("Receiver URL"),
        validators=[DataRequired(), Length(max=2000)],
        description=_l("An https:// address on the internet; private networks are refused."),
    )
    events = MultiCheckboxField(
        _l("Events"),
        choices=choices(WEBHOOK_EVENTS.items()),
        validators=[DataRequired(message=_l("Choose at least one event."))],
    )
