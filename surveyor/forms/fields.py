"""Form fields whose values every database column can hold.

WTForms' ``FloatField`` accepts ``nan``, ``inf`` and ``1e400`` (Python's ``float()`` does), and
``NumberRange`` lets NaN through because every comparison with NaN is false. PostgreSQL then
fails the insert (a 500) and SQLite stores NaN, which ``definition.json`` cannot express.
"""

from __future__ import annotations

import math

from wtforms import FloatField

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
