"""Survey links for a wave and respondent group, their QR codes, and personal invitations."""

from __future__ import annotations

import csv
import io

import segno
from flask import Blueprint, Response, flash, redirect, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from surveyor import permissions
from surveyor.export.safety import safe_cell
from surveyor.forms import choices
from surveyor.forms.instruments import DeviceModeForm, RecipientsForm, SurveyLinkForm
from surveyor.permissions import Action
from surveyor.services import tenancy
from surveyor.services.privacy import audit
from surveyor.services.surveys import surveys
from surveyor.web.editing import editable
from surveyor.web.form_pages import form_page

bp = Blueprint("survey_links", __name__)


@bp.post("/instruments/<int:instrument_id>/links")
def create(instrument_id: int):
    instrument = editable(tenancy.get_instrument, instrument_id)
    form = SurveyLinkForm()
    form.wave_id.choices = choices((w.id, w.label) for w in instrument.touchpoint.project.waves)
    if not form.validate_on_submit():
        flash(_("Choose a wave and a group of respondents."), "error")
        return redirect(url_for("instruments.show", instrument_id=instrument.id))
    wave = tenancy.get_wave(current_user, form.wave_id.data)
    try:
        link = surveys.create_link(
            instrument,
            wave,
            form.group.data,
            many_per_device=form.many_per_device.data,
            anonymous=form.anonymous.data,
        )
    except surveys.WaveOver:
        flash(
            _(
                "%(wave)s is closed, so a new link would not accept answers. Open the wave "
                "again on the measurement plan page first.",
                wave=wave.label,
            ),
            "error",
        )
        return redirect(url_for("instruments.show", instrument_id=instrument.id))
    return redirect(url_for("survey_links.show", link_id=link.id))


@bp.post("/links/<int:link_id>/device-mode")
def device_mode(link_id: int):
    """One answer per device, or a counter tablet that takes many answers one after another."""
    link = editable(tenancy.get_survey_link, link_id)
    form = DeviceModeForm()
    if form.validate_on_submit():
        surveys.set_device_mode(link, form.many_per_device.data)
        flash(_("The link's setting was saved."), "success")
    return redirect(url_for("survey_links.show", link_id=link.id))


@bp.get("/links/<int:link_id>")
def show(link_id: int):
    return _link_page(tenancy.get_survey_link(current_user, link_id), RecipientsForm())


def _link_page(link, form: RecipientsForm):
    """The link's page: 200 when shown, 422 when a refused recipient list comes back to it."""
    url = _public_url(link.token)
    return form_page(
        "instruments/link.html",
        form,
        link=link,
        url=url,
        wave_over=surveys.wave_is_over(link.wave),
        device_form=DeviceModeForm(many_per_device=link.many_per_device),
        qr_svg=segno.make(url, error="m").svg_inline(scale=4, title=_("QR code of the survey")),
    )


@bp.post("/links/<int:link_id>/anonymous")
def anonymous(link_id: int):
    link = editable(tenancy.get_survey_link, link_id)
    surveys.make_anonymous(link)
    flash(
        _("From now on, answers to this link are stored without a link to the invitation."),
        "success",
    )
    return redirect(url_for("survey_links.show", link_id=link.id))


@bp.get("/links/<int:link_id>/qr.<any(svg, png):kind>")
def qr_code(link_id: int, kind: str):
    link = tenancy.get_survey_link(current_user, link_id)
    buffer = io.BytesIO()
    segno.make(_public_url(link.token), error="m").save(buffer, kind=kind, scale=10, border=4)
    mimetype = "image/svg+xml" if kind == "svg" else "image/png"
    return Response(
        buffer.getvalue(),
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="survey-{link.id}-qr.{kind}"'},
    )


@bp.post("/links/<int:link_id>/invitations")
def invite(link_id: int):
    link = editable(tenancy.get_survey_link, link_id)
    form = RecipientsForm()
    if form.validate_on_submit():
        upload = form.recipients.data
        try:
            recipients = surveys.read_recipients(upload.filename or "", upload.read())
            created = surveys.invite(link, recipients)
        except surveys.RecipientListInvalid as invalid:
            form.recipients.errors = list(invalid.errors)
        else:
            flash(
                ngettext(
                    "%(num)s invitation created.", "%(num)s invitations created.", len(created)
                ),
                "success",
            )
            if len(created) < len(recipients):
                flash(
                    ngettext(
                        "%(num)s address had been invited to this link already and was skipped.",
                        "%(num)s addresses had been invited to this link already and were skipped.",
                        len(recipients) - len(created),
                    ),
                    "info",
                )
            return redirect(url_for("survey_links.show", link_id=link.id))
    return _link_page(link, form)


@bp.get("/links/<int:link_id>/invitations.csv")
def invitations_csv(link_id: int):
    """Personal links: whoever holds one answers as that customer, so only senders get them."""
    link = tenancy.get_survey_link(current_user, link_id)
    permissions.require(current_user.role, Action.SEND_PERSONAL_LINKS)
    tenancy.refuse_location_limited(current_user, link.wave.project_id)
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow(["email", "name", "url", "answered_at"])
    for invitation in link.invitations:
        writer.writerow(
            [
                safe_cell(invitation.email),
                safe_cell(invitation.name),
                _public_url(invitation.token),
                invitation.used_at.isoformat() if invitation.used_at else "",
            ]
        )
    response = Response(
        output.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="invitations-{link.id}.csv"'},
    )
    audit.record_now(
        "invitations.downloaded",
        current_user,
        target=f"survey link {link.id}",
        client_id=link.wave.project.client_id,
    )
    return response


def _public_url(token: str) -> str:
    return url_for("survey.show", token=token, _external=True)
