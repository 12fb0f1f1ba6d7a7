"""A consultant previews a Kano questionnaire as customers will see it, before publishing.

The preview renders the survey's own template (survey/form.html) from the newest version, draft
or published, in a phone-sized frame and in the language the consultant picks, so what is checked
is what respondents get. It is a page of its own rather than an iframe, because every page
forbids framing (surveyor/security.py). Nothing can be sent from it: the form has no method, its
button is disabled, and no form token is issued, without which the survey stores nothing.
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request
from flask_babel import force_locale, get_locale
from flask_login import current_user, login_required

from surveyor.services import instruments, tenancy
from surveyor.services.published_forms import snapshot
from surveyor.web.survey import form_context

bp = Blueprint("instrument_preview", __name__)


@bp.before_request
@login_required
def require_login() -> None:
    """Every page of this blueprint is for signed-in users only."""


@bp.get("/instruments/<int:instrument_id>/preview")
def show(instrument_id: int):
    instrument = tenancy.get_instrument(current_user, instrument_id)
    if instrument.kind != "kano":
        abort(404)
    language = request.args.get("language")
    if language not in current_app.config["LANGUAGES"]:
        language = str(get_locale())
    version = snapshot(instruments.newest_version(instrument))
    with force_locale(language):
        return render_template(
            "survey/form.html",
            **form_context(version, language),
            values={},
            errors={},
            form_token=None,
            preview=instrument,
        )
