"""The export form: which waves and touchpoints go into the workbook, and in which language."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectField
from wtforms.widgets import CheckboxInput, ListWidget

from surveyor.forms import choices
from surveyor.forms.base import Form
from surveyor.forms.fields import MultipleChoiceField


class CheckboxesField(MultipleChoiceField):
    """A multiple choice shown as checkboxes, which work without JavaScript on any device."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class ExportForm(Form):
    waves = CheckboxesField(_l("Waves"), coerce=int, description=_l("None ticked: all waves."))
    touchpoints = CheckboxesField(
        _l("Touchpoints"), coerce=int, description=_l("None ticked: all touchpoints.")
    )
    lang = SelectField(
        _l("Language of the workbook"), choices=choices([("en", "English"), ("de", "Deutsch")])
    )
