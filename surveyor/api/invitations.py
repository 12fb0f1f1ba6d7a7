"""Invitations: single-use survey links for a list of recipients, e.g. after a call in a CRM.

The API returns the personal links; sending them (e-mail, SMS, CRM) is the integration's job.
"""

from __future__ import annotations

from flask import url_for

from surveyor.api import bp
from surveyor.api.errors import ApiError
from surveyor.api.operation import api_user, operation, validation_failed
from surveyor.api.schemas.surveys import InvitationListSchema, InvitationRequestSchema
from surveyor.models import Instrument, Invitation, Wave
from surveyor.services import tenancy
from surveyor.services.errors import NotFound
from surveyor.services.surveys import surveys


@bp.post("/instruments/<int:instrument_id>/invitations")
@operation(
    "Create single-use survey links for recipients",
    tag="surveys",
    description="One personal link per recipient for the wave and respondent group; each link "
    "accepts one submission. A recipient's location_code ties the answer to that branch; an "
    "unknown code or one of another project answers 422 and creates no invitation. Addresses "
    "are compared without regard to capitals: one already invited to this link keeps its "
    "invitation, which is returned again instead of a second one.",
    body=InvitationRequestSchema(),
    response=InvitationListSchema(),
    status=201,
)
def create_invitations(instrument_id: int, data: dict):
    instrument = tenancy.get_instrument(api_user(), instrument_id)
    tenancy.require_editor(api_user())
    wave = wave_of_project(instrument, data["wave_id"])
    if instrument.kind != "kano":
        raise ApiError(422, "Only Kano questionnaires are answered through survey links.")
    link = surveys.ensure_link(instrument, wave, data["respondent_group"])
    recipients = [
        (r["email"].lower(), r["name"].strip(), r["location_code"].strip())
        for r in data["recipients"]
    ]
    try:
        surveys.invite(link, recipients)
    except surveys.RecipientListInvalid as invalid:
        raise validation_failed({"recipients": invalid.errors}) from None
    invitations = surveys.invitations_for(link, [email for email, _, _ in recipients])
    return {"items": [_described(invitation) for invitation in invitations]}


def wave_of_project(instrument: Instrument, wave_id: int) -> Wave:
    """The wave named in a body, which must belong to the instrument's project."""
    try:
        wave = tenancy.get_wave(api_user(), wave_id)
    except NotFound:
        wave = None
    if wave is None or wave.project_id != instrument.touchpoint.project_id:
        raise validation_failed({"wave_id": ["No such wave in this instrument's project."]})
    return wave


def _described(invitation: Invitation) -> dict:
    return {
        "id": invitation.id,
        "email": invitation.email,
        "name": invitation.name,
        "url": url_for("survey.show", token=invitation.token, _external=True),
        "location_code": invitation.location.code if invitation.location else None,
        "used_at": invitation.used_at,
        "created_at": invitation.created_at,
    }
