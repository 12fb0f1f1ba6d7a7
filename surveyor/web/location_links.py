"""One survey link per location: a printable sheet of QR codes, one per branch with its name.

Each code opens the wave's public link with ``?loc=CODE``, so an answer given at the Nordstadt
counter is counted for Nordstadt (surveyor/services/locations/link_fields.py validates it).
The QR codes are SVG made on the server by segno, so the sheet prints sharp at any size and
needs no script in the browser.

Client staff limited to some branches get only those branches' codes: the sheet names branches,
and they read nothing that names another one.
"""

from __future__ import annotations

import segno
from flask import Blueprint, Response, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from surveyor.services import tenancy
from surveyor.services.errors import NotFound
from surveyor.services.locations import directory

bp = Blueprint("location_links", __name__)


@bp.get("/links/<int:link_id>/locations")
def sheet(link_id: int):
    link = tenancy.get_survey_link(current_user, link_id)
    branches = directory.visible_own_branches(current_user, link.wave.project_id)
    cards = []
    for branch in branches:
        if not branch.code:
            continue
        url = location_url(link.token, branch.code)
        title = _("QR code of the survey for %(name)s", name=branch.name)
        cards.append((branch, url, segno.make(url, error="m").svg_inline(scale=4, title=title)))
    return render_template(
        "locations/qr_sheet.html",
        link=link,
        cards=cards,
        uncoded=[branch for branch in branches if not branch.code],
    )


@bp.get("/links/<int:link_id>/locations/<int:location_id>/qr.svg")
def qr_code(link_id: int, location_id: int):
    link = tenancy.get_survey_link(current_user, link_id)
    location = tenancy.get_location_results(current_user, location_id)
    if location.project_id != link.wave.project_id or not location.code:
        raise NotFound("This location has no code in this survey's project.")
    svg = segno.make(location_url(link.token, location.code), error="m").svg_inline(scale=10)
    return Response(
        svg,
        mimetype="image/svg+xml",
        headers={
            "Content-Disposition": f'attachment; filename="survey-{link.id}-{location.code}.svg"'
        },
    )


def location_url(token: str, code: str) -> str:
    """The public survey link that counts answers for the location with ``code``."""
    return url_for("survey.show", token=token, loc=code, _external=True)
