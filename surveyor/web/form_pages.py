"""A page with a form, answered 200 when shown and 422 when a submission came back to it.

A view renders its form page only when nothing was saved (a saved form redirects), so a
submitted form on the page means it was refused: 422 tells tests, the fuzzing suite and any
client reading the status that the input was not accepted, although the page itself is fine.
"""

from __future__ import annotations

from flask import render_template
from flask_wtf import FlaskForm


def form_page(template: str, form: FlaskForm, **context) -> tuple[str, int]:
    """``template`` rendered with ``form`` and ``context``, and its status."""
    status = 422 if form.is_submitted() else 200
    return render_template(template, form=form, **context), status
