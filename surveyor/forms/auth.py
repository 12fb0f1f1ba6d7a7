"""Log-in and personal settings."""

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, PasswordField, SelectField
from wtforms.validators import DataRequired, EqualTo, Length

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


def _new_password() -> PasswordField:
    return PasswordField(_l("New password"), validators=[DataRequired(), Length(min=8, max=200)])


def _confirm() -> PasswordField:
    return PasswordField(
        _l("New password again"),
        validators=[DataRequired(), EqualTo("new_password", _l("The two passwords differ."))],
    )


class PasswordChangeForm(Form):
    current_password = PasswordField(
        _l("Current password"), validators=[DataRequired(), Length(max=200)]
    )
    new_password = _new_password()
    confirm = _confirm()


class NewPasswordForm(Form):
    new_password = _new_password()
    confirm = _confirm()


class ResetRequestForm(Form):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Length(max=254)])
