"""The questionnaire customers and employees fill in: any phone, no JavaScript needed.

Not protected by session CSRF tokens on purpose: the survey grants no ambient authority that a
forged request could abuse, and a cookie-based token would lose answers whenever a phone drops its
cookies. Instead every form carries a signed, server-issued submission id (see forms/survey.py),
which also makes double clicks and retries store exactly one response. A device that answered a
public link is remembered by a signed cookie (web/survey_device.py), so Back and Send again does
not count a customer twice; counter-tablet links take many answers from one device instead.
"""

from __future__ import annotations

import dataclasses
import uuid

from flask import (
    Blueprint,
    abort,
    current_app,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _

from surveyor.extensions import csrf
from surveyor.forms import survey as survey_form
from surveyor.forms.journey import CHANNEL_LABELS
from surveyor.labels import in_language
from surveyor.models.journey import CHANNELS
from surveyor.services.errors import Invalid
from surveyor.services.locations.link_fields import read_origin
from surveyor.services.privacy import privacy_notice
from surveyor.services.surveys import published_forms, submissions, surveys
from surveyor.services.surveys.kano_answers import AnswerProblem, InvalidAnswers, must_answer
from surveyor.services.surveys.published_forms import PublishedForm
from surveyor.web import survey_device

bp = Blueprint("survey", __name__, url_prefix="/s")
csrf.exempt(bp)


@bp.get("/<token>")
def show(token: str):
    target = _resolve(token)
    if target.invitation is not None and target.invitation.used_at is not None:
        raise _Unanswerable("used", 410)
    if survey_device.answered(target) is not None:
        raise _Unanswerable("answered", 200)
    if not surveys.wave_is_open(target.wave):
        raise _Unanswerable("closed", 410)
    version = _version(target)
    submission_id = uuid.uuid4().hex
    return _render_form(target, token, version, submission_id, values={}, errors={})


@bp.post("/<token>")
def submit(token: str):
    issued = survey_form.read_form_token(
        current_app.secret_key, request.form.get("form_token", ""), token
    )
    target = _resolve(token, version_id=None if issued is None else issued[1])
    if issued is None:
        abort(400, "This form is not valid for this survey. Please open the survey link again.")
    submission_id, version_id = issued
    earlier = survey_device.answered(target)
    if earlier is not None and earlier.submission_id != submission_id:
        raise _Unanswerable("answered", 200)  # Back and Send again: counted once
    once_per_device, link_id = survey_device.remembers(target), target.link.id
    try:
        version = submissions.answerable_version(target, version_id)
        raw = survey_form.parse(version.items, request.form)
        receipt = submissions.submit_kano(target, version_id, submission_id, raw)
    except InvalidAnswers as invalid:
        return _render_form(target, token, version, submission_id, raw, invalid.errors), 422
    except (submissions.SurveyClosed, submissions.NoPublishedVersion):
        raise _Unanswerable("closed", 410) from None
    except submissions.InvitationUsed:
        raise _Unanswerable("used", 410) from None
    except submissions.SubmissionRejected as rejected:
        abort(rejected.status, str(rejected))
    response = redirect(
        url_for("survey.thanks", token=token, **target.origin.parameters()), code=303
    )
    if once_per_device:
        survey_device.remember(response, token, link_id, receipt.response_id, submission_id)
    return response


@bp.get("/<token>/thanks")
def thanks(token: str):
    """Counter tablets offer the next person a fresh form; other links say goodbye."""
    target = _resolve(token)
    next_person = target.link.many_per_device and target.invitation is None
    return render_template(
        "survey/message.html",
        kind="thanks_next" if next_person else "thanks",
        next_url=url_for("survey.show", token=token, **request.args) if next_person else None,
    )


class _Unanswerable(Exception):
    """Raised inside the views to show one of the survey's friendly pages."""

    def __init__(self, kind: str, status: int) -> None:
        super().__init__(kind)
        self.kind, self.status = kind, status


@bp.errorhandler(_Unanswerable)
def unanswerable(error: _Unanswerable):
    return render_template("survey/message.html", kind=error.kind), error.status


def _resolve(token: str, version_id: int | None = None) -> surveys.SurveyTarget:
    """The link's target with the hidden fields of its query string (a printed location QR
    code carries ``loc``); a link with an unknown location is refused before anything else."""
    try:
        target = surveys.resolve(token, request.remote_addr, version_id)
    except surveys.TokenThrottled:
        abort(429)
    except surveys.TokenUnknown:
        raise _Unanswerable("unknown", 404) from None
    try:
        origin = read_origin(target.wave.project_id, request.args)
    except Invalid:
        raise _Unanswerable("bad_link", 404) from None
    return dataclasses.replace(target, origin=origin)


def _version(target: surveys.SurveyTarget) -> PublishedForm:
    """The newest published version, which the resolved target carries (410 when none)."""
    version = None
    if target.version_id is not None:
        version = published_forms.published_form(target.version_id, target.published_at)
    if version is None:
        raise _Unanswerable("closed", 410)
    return version


def _render_form(
    target: surveys.SurveyTarget,
    token: str,
    version: PublishedForm,
    submission_id: str,
    values,
    errors,
):
    locale = str(get_locale())
    page = render_template(
        "survey/form.html",
        **form_context(version, str(get_locale()), anonymous=target.link.anonymous),
        values=values,
        errors={key: describe(problem) for key, problem in errors.items()},
        form_token=survey_form.form_token(current_app.secret_key, submission_id, token, version.id),
        anonymous=target.link.anonymous,
        # A counter tablet: the browser must not put the previous person's answers back into
        # the form when someone presses Back (they would read them, and could send them again).
        shared_device=target.link.many_per_device,
        notice=privacy_notice.for_project(target.wave.project, locale),
    )
    response = make_response(page)
    # Never restored from the back/forward cache or shown again from disk: Back after sending
    # asks the server, which knows the device has answered, and on a counter tablet the next
    # person cannot page back to the previous person's answers.
    response.headers["Cache-Control"] = "no-store"
    return response


def form_context(version: PublishedForm, locale: str, anonymous: bool = False) -> dict:
    """What survey/form.html needs to show ``version``: shared by the survey and its preview.

    An anonymous link does not ask for contact details: they would undo its anonymity.
    """
    questions = [item for item in version.items if item.item_type == "kano_feature"]
    extras = [
        item
        for item in version.items
        if item.item_type != "kano_feature" and not (anonymous and item.item_type == "follow_up")
    ]
    return {
        "version": version,
        "locale": locale,
        "questions": questions,
        "extras": extras,
        "number_of": {item.key: n for n, item in enumerate(questions + extras, start=1)},
        "required": {item.key for item in version.items if must_answer(item)},
        "field_name": survey_form.field_name,
        "channels": CHANNELS,
        "channel_labels": CHANNEL_LABELS,
        "importance_options": [(n, str(n)) for n in range(1, 10)],
        "nps_options": [(n, str(n)) for n in range(0, 11)],
        "title": in_language(locale, version.title_en, version.title_de),
        "intro": in_language(locale, version.intro_en, version.intro_de),
    }


def describe(problem: AnswerProblem) -> str:
    """The respondent's own language for what is wrong with an answer."""
    texts = {
        "missing_pair": _("Please answer both questions about this feature."),
        "required": _("Please answer this question."),
        "out_of_range": _(
            "Choose a whole number from %(low)s to %(high)s.", low=problem.low, high=problem.high
        ),
        "too_long": _("Please shorten your answer to %(high)s characters.", high=problem.high),
        "unknown_question": _("This question is not part of the questionnaire."),
        "unknown_channel": _("Choose the channels from the list."),
        "not_answerable": _("This question cannot be answered in a survey."),
        "contact_missing": _("Tell us how we may reach you, or leave the box unticked."),
    }
    return texts[problem.code]
