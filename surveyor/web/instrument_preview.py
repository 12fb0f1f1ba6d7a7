"""A consultant previews an instrument as respondents or shoppers will see it, before publishing.

The preview renders the real template (survey/form.html for a Kano questionnaire,
shop/checklist.html for a checklist) from the newest version, draft or published, in a
phone-sized frame and in the language the consultant picks, so what is checked is what
respondents get. It is a page of its own rather than an iframe, because every page forbids
framing (surveyor/security.py). Nothing can be sent from it: the form has no method and no
target, its button is disabled, no survey form token is issued and the shopper app's script,
which would send a shop, is not loaded.
"""

from __future__ import annotations

from flask import Blueprint, current_app, render_template, request
from flask_babel import force_locale, get_locale
from flask_login import current_user

from surveyor.services import tenancy
from surveyor.services.instruments import instruments
from surveyor.services.surveys.published_forms import snapshot
from surveyor.web.shop import checklist_context
from surveyor.web.survey import form_context

bp = Blueprint("instrument_preview", __name__)


@bp.get("/instruments/<int:instrument_id>/preview")
def show(instrument_id: int):
    instrument = tenancy.get_instrument(current_user, instrument_id)
    language = request.args.get("language")
    if language not in current_app.config["LANGUAGES"]:
        language = str(get_locale())
    version = instruments.newest_version(instrument)
    with force_locale(language):
        if instrument.kind == "checklist":
            return render_template(
                "shop/checklist.html",
                **checklist_context(version, language),
                assignment=None,
                editable=True,
                comments={},
                preview=instrument,
            )
        return render_template(
            "survey/form.html",
            **form_context(snapshot(version), language),
            values={},
            errors={},
            form_token=None,
            preview=instrument,
        )
