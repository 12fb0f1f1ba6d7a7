"""Test data: each method creates rows in its own app context and returns them detached.

Returned objects carry their loaded columns (ids, names) but no session, so a test cannot
accidentally read through the identity map instead of through a real request.
"""

from __future__ import annotations

import itertools

from flask import Flask
from sqlalchemy import insert

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
    location_access,
)
from surveyor.services.accounts import accounts
from surveyor.services.instruments import instruments
from surveyor.services.projects import journey
from surveyor.services.surveys import surveys

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

    def limit_to(self, user: User, location: Location) -> None:
        """Limit client staff ``user`` to ``location`` (a branch, or a region with its branches)."""
        with self.app.app_context():
            db.session.execute(
                insert(location_access), {"user_id": user.id, "location_id": location.id}
            )
            db.session.commit()

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

    # Measurement plans and measures (issue 5)
    def plan(self, project: Project, **fields):
        """A measurement plan for ``project``; ``starts_at`` defaults to now."""
        from surveyor.models import MeasurementPlan
        from surveyor.models.base import utcnow

        fields = {"recurrence": "quarterly", "starts_at": utcnow(), **fields}
        return self._create(lambda: _added(MeasurementPlan(project_id=project.id, **fields)))

    def measure(self, touchpoint: Touchpoint, **fields):
        from surveyor.models import Measure

        fields = {"title": f"Measure {next(_sequence)}", "cluster": "operational", **fields}
        return self._create(lambda: _added(Measure(touchpoint_id=touchpoint.id, **fields)))

    # Mystery-shopper checklists (issue 4)
    def checklist_instrument(
        self,
        touchpoint: Touchpoint | None = None,
        publish: bool = True,
        name: str = "Store counter",
        german: bool = False,
    ) -> Instrument:
        """A checklist with one item of every type (keys in CHECKLIST_ITEMS), published;
        ``german`` adds German sections and texts (SECTIONS_DE, "Punkt <key>")."""
        owner = touchpoint or self.touchpoint(channel="store")

        def build() -> Instrument:
            instrument, version = instruments.new_instrument(
                db.session.get(Touchpoint, owner.id), "checklist", name
            )
            for key, item_type, section, points, kano, critical, na, settings in CHECKLIST_ITEMS:
                instruments.add_item(
                    version,
                    key=key,
                    item_type=item_type,
                    section=section,
                    text_en=f"Item {key}",
                    section_de=SECTIONS_DE[section] if german else "",
                    text_de=f"Punkt {key}" if german else "",
                    points=points,
                    kano_tag=kano,
                    critical=critical,
                    na_allowed=na,
                    required=not na,
                    settings=settings,
                )
            if publish:
                instruments.publish(version)
            return instrument

        return self._create(build)

    def shopper(self, email: str | None = None, name: str = "") -> User:
        from surveyor.services.shops.assignments import create_shopper

        return self._create(
            lambda: create_shopper(email or f"shopper{next(_sequence)}@example.com", PASSWORD, name)
        )

    def assignment(
        self,
        instrument: Instrument,
        shopper: User | None = None,
        location: Location | None = None,
        wave: Wave | None = None,
        visit_from=None,
        visit_to=None,
        **fields,
    ):
        """An assignment of ``instrument`` in its project; missing parts are created."""
        from datetime import date, timedelta

        from surveyor.models import Assignment

        with self.app.app_context():
            project_id = db.session.get(Instrument, instrument.id).touchpoint.project_id
        shopper = shopper or self.shopper()
        location = location or self.location(_Ref(project_id))
        wave = wave or self.wave(_Ref(project_id), sequence=next(_sequence))
        visit_from = visit_from or date.today()
        visit_to = visit_to or visit_from + timedelta(days=14)
        return self._create(
            lambda: _added(
                Assignment(
                    shopper_id=shopper.id,
                    location_id=location.id,
                    instrument_id=instrument.id,
                    wave_id=wave.id,
                    visit_from=visit_from,
                    visit_to=visit_to,
                    **fields,
                )
            )
        )

    def submitted_shop(self, assignment, answers: dict | None = None, status: str = "submitted"):
        """Store a shop for ``assignment`` as the submission would (``None`` answer = N/A).

        Stands in for the shopper's submission endpoint so that review and results tests do not
        depend on the mobile checklist.
        """
        import uuid
        from datetime import date

        from surveyor.models import Answer, Assignment, Response, ShopVisit
        from surveyor.models.base import utcnow
        from surveyor.scoring.checklist import earned_points

        answers = {**GOOD_SHOP, **(answers or {})}

        def build():
            found = db.session.get(Assignment, assignment.id)
            version = instruments.published_version(found.instrument)
            response = Response(
                submission_id=uuid.uuid4().hex,
                content_hash="0" * 64,
                version=version,
                wave_id=found.wave_id,
                respondent_group="shopper",
                location_id=found.location_id,
            )
            db.session.add(response)
            db.session.flush()
            for item in version.items:
                value = answers.get(item.key)
                numeric = item.item_type in ("yes_no", "scale", "number", "duration")
                db.session.add(
                    Answer(
                        response_id=response.id,
                        item_id=item.id,
                        number=float(value) if numeric and value is not None else None,
                        text=str(value) if not numeric and value is not None else None,
                        not_applicable=value is None,
                        earned=earned_points(item.item_type, item.settings, item.points, value),
                    )
                )
            db.session.add(ShopVisit(response_id=response.id, visit_date=date(2026, 11, 20)))
            found.response_id = response.id
            found.status = status
            found.submitted_at = utcnow()
            return found

        return self._create(build)

    def approved_shop(self, instrument: Instrument, answers: dict | None = None, **parts):
        """An approved shop of ``instrument`` (parts as for ``assignment``)."""
        return self.submitted_shop(self.assignment(instrument, **parts), answers, status="approved")


class _Ref:
    """Stands in for a detached object where only its id is needed."""

    def __init__(self, object_id: int) -> None:
        self.id = object_id


def _added(obj):
    db.session.add(obj)
    return obj


# Mystery-shopper checklists (issue 4): the items of Factory.checklist_instrument.
SECTIONS_DE = {"Greeting": "Begrüßung", "Advice": "Beratung", "Farewell": "Verabschiedung"}
CHECKLIST_ITEMS = (
    # key, type, section, points, kano, critical, na_allowed, settings
    ("greet", "yes_no", "Greeting", 2, "basic", True, False, {"good": "yes"}),
    ("wait", "duration", "Greeting", 3, "performance", False, True, {"target": 60, "limit": 180}),
    ("friendly", "scale", "Advice", 4, "performance", False, False, {"min": 1, "max": 5}),
    (
        "offer",
        "choice",
        "Advice",
        2,
        "delighter",
        False,
        True,
        {
            "options": [
                {"value": "none", "label_en": "No offer", "points": 0},
                {"value": "one", "label_en": "One offer", "points": 1},
                {"value": "several", "label_en": "Several offers", "points": 2},
            ]
        },
    ),
    ("staff", "number", "Advice", 0, None, False, False, {}),
    ("visited_at", "datetime", "Farewell", 0, None, False, False, {}),
    ("notes", "text", "Farewell", 0, None, False, False, {}),
    ("storefront", "photo", "Farewell", 0, None, False, True, {}),
    ("farewell", "yes_no", "Farewell", 1, "basic", False, True, {"good": "yes"}),
)
GOOD_SHOP = {
    "greet": 1,
    "wait": 45,
    "friendly": 5,
    "offer": "several",
    "staff": 2,
    "visited_at": "2026-11-20T10:15",
    "notes": "All fine.",
    "storefront": None,
    "farewell": 1,
}
