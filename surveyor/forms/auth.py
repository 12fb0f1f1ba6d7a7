"""Log-in and personal settings."""

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, PasswordField, SelectField
from wtforms.validators import DataRequired, Length

from surveyor.forms import choices
from surveyor.forms.base import Form


class LoginForm(Form):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])


class SettingsForm(Form):
    locale = SelectField(
        _l("Interface language"),
        choices=choices([("", _l("As my browser")), ("en", "English"), ("de", "Deutsch")]),
    )
