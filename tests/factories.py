"""Test data: each method creates rows in its own app context and returns them detached.

Returned objects carry their loaded columns (ids, names) but no session, so a test cannot
accidentally read through the identity map instead of through a real request.
"""

from __future__ import annotations

import itertools

from flask import Flask

from surveyor.extensions import db
from surveyor.models import (
    Client,
    Instrument,
    Item,
    Location,
    Project,
    SurveyLink,
    Touchpoint,
    User,
    Wave,
)
from surveyor.services import accounts, instruments, journey, surveys

PASSWORD = "correct horse battery"
_sequence = itertools.count(1)


class Factory:
    def __init__(self, app: Flask) -> None:
        self.app = app

    def client(self, name: str | None = None) -> Client:
        return self._create(lambda: journey.create_client(name or f"Client {next(_sequence)}"))

    def user(
        self,
        role: str = "consultant",
        clients: tuple[Client, ...] = (),
        email: str | None = None,
        password: str = PASSWORD,
        locale: str | None = None,
    ) -> User:
        def build() -> User:
            attached = [db.session.get(Client, client.id) for client in clients]
            return accounts.create_user(
                email or f"user{next(_sequence)}@example.com",
                password,
                role,
                clients=attached,
                locale=locale,
            )

        return self._create(build)

    def project(self, client: Client | None = None, name: str | None = None) -> Project:
        owner = client or self.client()
        return self._create(
            lambda: journey.create_project(
                db.session.get(Client, owner.id), name or f"Project {next(_sequence)}"
            )
        )

    def touchpoint(self, project: Project | None = None, **fields) -> Touchpoint:
        owner = project or self.project()
        fields = {"name": f"Touchpoint {next(_sequence)}", "channel": "phone", **fields}
        return self._create(
            lambda: journey.add_touchpoint(db.session.get(Project, owner.id), **fields)
        )

    def location(self, project: Project | None = None, **fields) -> Location:
        owner = project or self.project()
        fields = {"name": f"Location {next(_sequence)}", **fields}
        return self._create(
            lambda: journey.add_location(db.session.get(Project, owner.id), **fields)
        )

    def wave(self, project: Project, sequence: int = 0, **fields) -> Wave:
        fields = {"label": f"Wave {sequence}", "status": "open", **fields}
        return self._create(
            lambda: _added(Wave(project_id=project.id, sequence=sequence, **fields))
        )

    def kano_instrument(
        self,
        touchpoint: Touchpoint | None = None,
        features: int = 3,
        optional: tuple[str, ...] = (),
        publish: bool = True,
        importance: bool = False,
    ) -> Instrument:
        owner = touchpoint or self.touchpoint()

        def build() -> Instrument:
            instrument, version = instruments.new_instrument(
                db.session.get(Touchpoint, owner.id), "kano", "Hotline expectations"
            )
            version.title_en, version.title_de = "Your call", "Ihr Anruf"
            for number in range(1, features + 1):
                instruments.add_item(
                    version,
                    key=f"f{number}",
                    item_type="kano_feature",
                    text_en=f"Feature {number} is there.",
                    text_de=f"Merkmal {number} ist da.",
                    negative_text_en=f"Feature {number} is missing.",
                    negative_text_de=f"Merkmal {number} fehlt.",
                    asks_importance=importance,
                )
            instruments.set_optional_items(version, set(optional))
            if publish:
                instruments.publish(version)
            return instrument

        return self._create(build)

    def survey_link(
        self, instrument: Instrument, wave: Wave, group: str = "customer"
    ) -> SurveyLink:
        return self._create(
            lambda: surveys.ensure_link(
                db.session.get(Instrument, instrument.id), db.session.get(Wave, wave.id), group
            )
        )

    def invitation(self, link: SurveyLink, email: str = "kim@example.com"):
        return self._create(
            lambda: surveys.add_invitations(db.session.get(SurveyLink, link.id), [(email, "Kim")])[
                0
            ]
        )

    def open_survey(self, **instrument_options) -> tuple[Instrument, Wave, SurveyLink]:
        """A published questionnaire with an open wave and its public customer link."""
        touchpoint = self.touchpoint()
        instrument = self.kano_instrument(touchpoint, **instrument_options)
        with self.app.app_context():
            project_id = db.session.get(Touchpoint, touchpoint.id).project_id
        wave = self.wave(_Ref(project_id))
        return instrument, wave, self.survey_link(instrument, wave)

    def items_of(self, instrument: Instrument) -> list[Item]:
        with self.app.app_context():
            version = instruments.published_version(db.session.get(Instrument, instrument.id))
            found = list(version.items)
            for item in found:
                db.session.expunge(item)
            return found

    def _create(self, build):
        with self.app.app_context():
            created = build()
            db.session.commit()
            db.session.refresh(created)
            db.session.expunge(created)
            return created


class _Ref:
    """Stands in for a detached object where only its id is needed."""

    def __init__(self, object_id: int) -> None:
        self.id = object_id


def _added(obj):
    db.session.add(obj)
    return obj
