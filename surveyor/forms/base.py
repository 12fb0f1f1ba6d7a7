"""The base class of every HTML form: Flask-WTF's CSRF, but form data only from the form body.

Flask-WTF fills a form from ``request.files`` merged into ``request.form``, or from a JSON body
when the request says it is JSON. Neither makes sense for our HTML forms, and both let a hostile
request hand a validator a value it cannot handle (a ``FileStorage`` or a number where
``Length()`` expects a string: a 500 instead of a clear 400). Here a form reads text fields from
the urlencoded/multipart body only, and a file only into a field declared as a file field.
"""

from __future__ import annotations

from flask import request
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import FileField

SUBMIT_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# "Read the form data from the request" (Flask-WTF's own marker for this is private).
_AUTO = object()


class Form(FlaskForm):
    """A Flask-WTF form that ignores JSON bodies and files sent under non-file field names."""

    class Meta(FlaskForm.Meta):
        def wrap_formdata(self, form, formdata):
            if formdata is not _AUTO:
                return formdata
            if request.method not in SUBMIT_METHODS:
                return None
            data = MultiDict(request.form)
            for name in _file_field_names(form):
                for upload in request.files.getlist(name):
                    data.add(name, upload)
            return data or None

    def __init__(self, formdata=_AUTO, **kwargs) -> None:
        super().__init__(formdata=formdata, **kwargs)

    @property
    def model_data(self) -> dict:
        """The fields' values without the CSRF token: what a service saves on a model (the
        services own the transaction, so views hand them data instead of ``populate_obj``)."""
        return {name: value for name, value in self.data.items() if name != "csrf_token"}


def _file_field_names(form) -> list[str]:
    """Names as they appear in the request (with the form's prefix, if any)."""
    return [field.name for field in form._fields.values() if isinstance(field, FileField)]
