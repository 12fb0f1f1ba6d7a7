"""Form fields whose values every database column can hold, with messages in the reader's language.

WTForms' ``FloatField`` accepts ``nan``, ``inf`` and ``1e400`` (Python's ``float()`` does), and
``NumberRange`` lets NaN through because every comparison with NaN is false. PostgreSQL then
fails the insert (a 500) and SQLite stores NaN, which ``definition.json`` cannot express.

WTForms' German catalogue leaves its message for a multiple choice outside the list untranslated
(the entry is fuzzy), so a German consultant read "'17' is not a valid choice for this field."
when a branch was deleted while the pilot or access form was open: :class:`MultipleChoiceField`
says it in our catalogue.
"""

from __future__ import annotations

import math

from flask_babel import gettext as _
from wtforms import FloatField, SelectMultipleField

FLOAT_LIMIT = 1e15


class FiniteFloatField(FloatField):
    """A float field that refuses NaN, infinities and absurdly large numbers as invalid input."""

    def process_formdata(self, valuelist: list) -> None:
        super().process_formdata(valuelist)
        if self.data is not None and not (
            math.isfinite(self.data) and abs(self.data) <= FLOAT_LIMIT
        ):
            self.data = None
            raise ValueError(self.gettext("Not a valid float value."))


class MultipleChoiceField(SelectMultipleField):
    """A multiple choice that refuses values outside its choices in the reader's language."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("invalid_choice_message", _gone)
        super().__init__(*args, **kwargs)


def _gone(count: int) -> str:
    """The refusal of ``count`` chosen values no longer (or never) on the list."""
    return _("One of the chosen entries is no longer available. Reload the page and choose again.")
