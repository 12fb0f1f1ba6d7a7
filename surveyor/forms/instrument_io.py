"""Uploading an instrument definition (JSON or the Excel template)."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileAllowed, FileRequired, FileSize
from wtforms import FileField

from surveyor.forms.base import Form
from surveyor.services.instruments.instrument_template import MAX_XLSX_BYTES

UPLOAD_SUFFIXES = ("json", "xlsx")


class DefinitionUploadForm(Form):
    definition = FileField(
        _l("Definition file (.json or .xlsx)"),
        validators=[
            FileRequired(_l("Choose a file.")),
            FileAllowed(UPLOAD_SUFFIXES, _l("Upload a .json or .xlsx file.")),
            FileSize(max_size=MAX_XLSX_BYTES, message=_l("The file may have at most 2 MB.")),
        ],
    )
