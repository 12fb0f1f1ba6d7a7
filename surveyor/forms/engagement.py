"""The client interview and the consultant's note on a step of the engagement."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, TextAreaField
from wtforms.validators import Length, Optional

from surveyor.forms.base import Form
from surveyor.services.engagement.interview import TEXT_LIMIT
from surveyor.services.engagement.tracker import NOTE_LIMIT


def _answer(label, description):
    return TextAreaField(label, validators=[Length(max=TEXT_LIMIT)], description=description)


class InterviewForm(Form):
    held_on = DateField(_l("Date of the interview"), validators=[Optional()])
    attendees = TextAreaField(
        _l("Attendees"),
        validators=[Length(max=TEXT_LIMIT)],
        description=_l("Names and roles, one per line."),
    )
    situations = _answer(
        _l("Situations"), _l("What the client currently experiences in customer interaction.")
    )
    challenges = _answer(_l("Challenges"), _l("What stands in the way today."))
    goals = _answer(_l("Goals"), _l("What the client wants to reach, and by when."))
    vision = _answer(
        _l("Vision or mission statement"), _l("In the client's own words, where one exists.")
    )


class StepNoteForm(Form):
    note = TextAreaField(_l("Note"), validators=[Length(max=NOTE_LIMIT)])
    done = BooleanField(_l("This step is done"))
