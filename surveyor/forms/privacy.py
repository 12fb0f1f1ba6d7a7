"""Forms of the privacy pages: a person's data request, a project's privacy settings."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, IntegerField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional

from surveyor.forms.base import Form


def _stripped(value: str | None) -> str | None:
    """Addresses pasted from a letter or an e-mail often carry spaces around them."""
    return value.strip() if isinstance(value, str) else value


class PersonRequestForm(Form):
    """Sent by POST, so the person's e-mail address never lands in a URL or an access log."""

    email = EmailField(
        _l("E-mail address of the person"),
        validators=[DataRequired(), Email(), Length(max=254)],
        filters=[_stripped],
    )


class ErasureForm(PersonRequestForm):
    confirm = BooleanField(
        _l("I have checked the request; erase this person's data now (this cannot be undone)."),
        validators=[DataRequired(_l("Tick the box to confirm the erasure."))],
    )


class PrivacySettingsForm(Form):
    privacy_controller = StringField(
        _l("Controller (name and address)"), validators=[Length(max=200)]
    )
    privacy_contact = StringField(
        _l("Privacy contact (data protection officer or e-mail)"), validators=[Length(max=200)]
    )
    privacy_purpose_en = TextAreaField(
        _l("Purpose and legal basis (English)"), validators=[Length(max=4000)]
    )
    privacy_purpose_de = TextAreaField(
        _l("Purpose and legal basis (German)"), validators=[Length(max=4000)]
    )
    retention_days = IntegerField(
        _l("Days to keep personal data after a wave closes (empty: keep)"),
        validators=[Optional(), NumberRange(min=0, max=3650)],
    )
