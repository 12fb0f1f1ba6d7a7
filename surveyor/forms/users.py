"""Administration of user accounts."""

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length

from surveyor.forms import choices
from surveyor.forms.base import Form
from surveyor.forms.fields import MultipleChoiceField
from surveyor.labels import ROLES


class UserForm(Form):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=254)])
    name = StringField(_l("Name"), validators=[Length(max=120)])
    role = SelectField(_l("Role"), choices=choices(ROLES.items()))
    password = PasswordField(
        _l("Initial password"), validators=[DataRequired(), Length(min=8, max=200)]
    )
    client_ids = MultipleChoiceField(
        _l("Clients"),
        coerce=int,
        description=_l(
            "Consultants and viewers see these clients' results. Shoppers see no results: they "
            "join these clients' shopper pool, from which measurement plans assign shops."
        ),
    )


class LocationAccessForm(Form):
    location_ids = MultipleChoiceField(
        _l("Locations"),
        coerce=int,
        description=_l(
            "Limit this person to the results of these regions and branches (a region includes "
            "its branches). Choose none to show the whole client."
        ),
    )
