"""A project in which one person appears everywhere: invited, mailed, and as a shopper."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from surveyor.extensions import db
from surveyor.models import Assignment, OutboxMessage, Photo, ShopVisit, SurveyLink
from tests.factories import _Ref

PERSON = "kim@example.com"


@dataclass
class Scene:
    client: object
    project_id: int
    wave: object
    link: object
    invitation: object
    shopper: object
    assignment: object
    photo_file: Path


def form_token(page: bytes) -> str:
    return re.search(rb'name="form_token" value="([^"]+)"', page).group(1).decode()


def answer_survey(client, token: str):
    """Answer all three Kano features as a respondent does, through the page's own form."""
    page = client.get(f"/s/{token}")
    data = {"form_token": form_token(page.data)}
    for number in (1, 2, 3):
        data[f"f-f{number}"], data[f"d-f{number}"] = "1", "5"
    return client.post(f"/s/{token}", data=data)


def build_scene(app, make, photo_folder: Path) -> Scene:
    """Kim is invited to a survey and answers it, got an e-mail, and shops as a mystery shopper
    (with GPS position and a photo); the shop stands in for the shopper app like other tests."""
    _instrument, wave, link = make.open_survey()
    invitation = make.invitation(link, PERSON)
    with app.app_context():
        found = db.session.get(SurveyLink, link.id)
        project_id = found.wave.project_id
        client_id = found.wave.project.client_id
        db.session.add(
            OutboxMessage(
                project_id=project_id, recipient=PERSON, subject="Your opinion", body="Hello Kim"
            )
        )
        db.session.commit()
    checklist = make.checklist_instrument(make.touchpoint(_Ref(project_id), channel="store"))
    shopper = make.shopper(PERSON, name="Kim Shopper")
    assignment = make.submitted_shop(make.assignment(checklist, shopper=shopper, wave=wave))
    photo_file = photo_folder / "kim.jpg"
    photo_file.write_bytes(b"jpeg")
    with app.app_context():
        shop = db.session.get(Assignment, assignment.id)
        visit = db.session.get(ShopVisit, shop.response_id)
        visit.latitude, visit.longitude, visit.accuracy_m = 52.52, 13.40, 8.0
        item = next(i for i in shop.response.version.items if i.key == "storefront")
        db.session.add(
            Photo(
                response_id=shop.response_id,
                item_id=item.id,
                storage_key="kim.jpg",
                mime="image/jpeg",
                width=1,
                height=1,
                bytes=4,
            )
        )
        db.session.commit()
    return Scene(
        client=_Ref(client_id),
        project_id=project_id,
        wave=wave,
        link=link,
        invitation=invitation,
        shopper=shopper,
        assignment=assignment,
        photo_file=photo_file,
    )
