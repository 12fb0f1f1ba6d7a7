"""Public survey links of a Kano questionnaire, with one URL per branch.

What the workspace's QR sheet prints (surveyor/web/location_links.py) as data: each own branch
with a code gets the wave's public link with ``?loc=CODE``, so answers through it count for
that branch (surveyor/services/locations/link_fields.py validates the code when answered).
An integration turns the URLs into QR codes, kiosk start pages or e-mail buttons.
"""

from __future__ import annotations

from flask import url_for

from surveyor.api import bp
from surveyor.api.invitations import wave_of_project
from surveyor.api.operation import api_user, operation, validation_failed
from surveyor.api.schemas.surveys import (
    SURVEY_LINK_LIST,
    SurveyLinkRequestSchema,
    SurveyLinkSchema,
)
from surveyor.models import Instrument, Location, SurveyLink
from surveyor.services import tenancy
from surveyor.services.locations import directory
from surveyor.services.surveys import surveys


@bp.get("/instruments/<int:instrument_id>/links")
@operation(
    "List a Kano questionnaire's public survey links, each with one URL per branch",
    tag="surveys",
    response=SURVEY_LINK_LIST,
)
def list_links(instrument_id: int):
    instrument = _kano(instrument_id)
    branches = _branches(instrument.touchpoint.project_id)
    found = sorted(surveys.links_of(instrument), key=lambda link: link.id)
    return {"items": [_described(link, branches) for link in found]}


@bp.post("/instruments/<int:instrument_id>/links")
@operation(
    "Get the public survey link of a wave and respondent group, with one URL per branch",
    tag="surveys",
    description="Made once per wave and group: asking again answers the same link. A wave "
    "that is closed or past its field period gets no new link (422), as in the workspace.",
    body=SurveyLinkRequestSchema(),
    response=SurveyLinkSchema(),
)
def create_link(instrument_id: int, data: dict):
    instrument = _kano(instrument_id)
    tenancy.require_editor(api_user())
    wave = wave_of_project(instrument, data["wave_id"])
    group = data["respondent_group"]
    try:
        link = surveys.create_link(instrument, wave, group, None, anonymous=False)
    except surveys.WaveOver:
        message = f"{wave.label} is closed, so a new link would not accept answers."
        raise validation_failed({"wave_id": [message]}) from None
    return _described(link, _branches(wave.project_id))


def _kano(instrument_id: int) -> Instrument:
    instrument = tenancy.get_instrument(api_user(), instrument_id)
    if instrument.kind != "kano":
        raise validation_failed({"_schema": ["Only Kano questionnaires have survey links."]})
    return instrument


def _branches(project_id: int) -> list[Location]:
    """The own branches the user may see, so no URL names another branch."""
    return directory.visible_own_branches(api_user(), project_id)


def _described(link: SurveyLink, branches: list[Location]) -> dict:
    return {
        "id": link.id,
        "wave_id": link.wave_id,
        "respondent_group": link.respondent_group,
        "url": url_for("survey.show", token=link.token, _external=True),
        "many_per_device": link.many_per_device,
        "anonymous": link.anonymous,
        "locations": [
            {
                "location_id": branch.id,
                "name": branch.name,
                "code": branch.code,
                "region_id": branch.parent_id,
                "url": url_for("survey.show", token=link.token, loc=branch.code, _external=True),
            }
            for branch in branches
            if branch.code
        ],
        "branches_without_code": [
            {"location_id": branch.id, "name": branch.name}
            for branch in branches
            if not branch.code
        ],
    }
