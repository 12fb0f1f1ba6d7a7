"""Uploading a client's PowerPoint template for the client deck."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileAllowed, FileRequired, FileSize
from wtforms import FileField

from surveyor.forms.base import Form
from surveyor.services.reports.deck_templates import MAX_TEMPLATE_BYTES


class DeckTemplateForm(Form):
    template = FileField(
        _l("PowerPoint template (.pptx)"),
        validators=[
            FileRequired(_l("Choose a file.")),
            FileAllowed(("pptx",), _l("Upload a .pptx file.")),
            FileSize(max_size=MAX_TEMPLATE_BYTES, message=_l("The file may have at most 10 MB.")),
        ],
    )
