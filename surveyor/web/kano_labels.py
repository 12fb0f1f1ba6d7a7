"""The names of the Kano categories, one table for every page that shows a category letter.

The wording pairs Kano's term with the everyday one ("Attractive (delighter)"), as the Kano
results page, its chart and the Excel export do, so a drift alert on the trends page names a
category exactly as the results page that explains it (docs/method.md, "Kano evaluation").
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

CATEGORY_LABELS = {
    "A": _l("Attractive (delighter)"),
    "O": _l("One-dimensional (performance)"),
    "M": _l("Must-be (basic)"),
    "I": _l("Indifferent"),
    "R": _l("Reverse"),
    "Q": _l("Questionable"),
}
