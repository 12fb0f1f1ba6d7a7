"""Linking a checklist item to the Kano feature it observes."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectField

from surveyor.forms.base import Form


class FeatureLinkForm(Form):
    checklist_item = SelectField(_l("Checklist item"))
    kano_feature = SelectField(
        _l("Observes the Kano feature"),
        description=_l("The feature customers rated that this checklist item checks in the shop."),
    )
