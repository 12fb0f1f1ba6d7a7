"""Creating and changing clients, projects and the journey they map."""

from __future__ import annotations

from flask_babel import force_locale, ngettext
from sqlalchemy import func, select

from surveyor.database import committed
from surveyor.extensions import db
from surveyor.labels import phase_label
from surveyor.models import (
    Client,
    Instrument,
    InstrumentVersion,
    Location,
    Phase,
    Project,
    Response,
    Touchpoint,
    User,
)
from surveyor.services import tenancy
from surveyor.services.errors import Conflict
from surveyor.services.locations.results import set_min_n
from surveyor.services.slugs import unique_slug

DEFAULT_PHASES = ("pre_sales", "purchase", "after_sales")


def clients_for(user: User) -> list[Client]:
    """The clients the user may see (:mod:`~surveyor.services.tenancy`), by name."""
    return list(db.session.scalars(tenancy.visible_clients(user)))


def projects_of(client: Client) -> list[Project]:
    return list(
        db.session.scalars(
            select(Project).where(Project.client_id == client.id).order_by(Project.name)
        )
    )


JourneyObject = Client | Project | Phase | Touchpoint | Location


@committed
def update(target: JourneyObject, fields: dict) -> None:
    """Save the fields a form changed on a client, project, phase, touchpoint or location."""
    for name, value in fields.items():
        setattr(target, name, value)


@committed
def change_project(project: Project, fields: dict) -> None:
    """The API's partial change of a project; the ranking's minimum n under its own rule."""
    fields = dict(fields)
    if "min_location_n" in fields:
        set_min_n(project, fields.pop("min_location_n"))
    for name, value in fields.items():
        setattr(project, name, value.strip() if isinstance(value, str) else value)


@committed
def delete(target: Phase | Touchpoint | Location) -> None:
    """Delete a journey object, unless responses were recorded there (:class:`Conflict`)."""
    recorded = responses_recorded(target)
    if recorded:
        raise Conflict(
            ngettext(
                "%(name)s has %(num)s recorded response and cannot be deleted.",
                "%(name)s has %(num)s recorded responses and cannot be deleted.",
                recorded,
                name=target.name,
            )
        )
    db.session.delete(target)


def create_client(name: str) -> Client:
    client = Client(name=name.strip(), slug=unique_slug(Client, name))
    db.session.add(client)
    return client


def create_project(
    client: Client, name: str, description: str = "", language: str = "en"
) -> Project:
    """A project starts with the three classic journey phases, which consultants may rename.

    They are named in the project's language, like the waves the scheduler opens.
    """
    project = Project(
        client=client,
        name=name.strip(),
        description=description,
        language=language,
        slug=unique_slug(Project, f"{client.slug}-{name}"),
    )
    with force_locale(language):
        project.phases = [
            Phase(name=phase_label(kind), kind=kind, position=index)
            for index, kind in enumerate(DEFAULT_PHASES)
        ]
    db.session.add(project)
    return project


def add_phase(project: Project, name: str, kind: str, name_de: str = "") -> Phase:
    position = _next_position(Phase, project)
    phase = Phase(project=project, name=name, name_de=name_de.strip(), kind=kind, position=position)
    db.session.add(phase)
    return phase


def add_touchpoint(project: Project, **fields) -> Touchpoint:
    touchpoint = Touchpoint(project=project, position=_next_position(Touchpoint, project), **fields)
    db.session.add(touchpoint)
    return touchpoint


def add_location(project: Project, **fields) -> Location:
    location = Location(project=project, **fields)
    db.session.add(location)
    return location


def _next_position(model: type[Phase] | type[Touchpoint], project: Project) -> int:
    if project.id is None:
        return 0
    highest = db.session.scalar(
        select(func.max(model.position)).where(model.project_id == project.id)
    )
    return 0 if highest is None else highest + 1


# The workspace's and the API's "new ...": the building blocks above (which the demo builder
# combines in one transaction), each saved at once.
save_client = committed(create_client)
save_project = committed(create_project)
save_phase = committed(add_phase)
save_touchpoint = committed(add_touchpoint)
save_location = committed(add_location)


def responses_recorded(target: Touchpoint | Location | Phase) -> int:
    """How many responses deleting ``target`` would destroy or orphan.

    Measurements are the product: a touchpoint or location that has collected answers is kept
    (the workspace refuses to delete it and says why) instead of cascading them away.
    """
    if isinstance(target, Touchpoint):
        query = (
            select(func.count())
            .select_from(Response)
            .join(InstrumentVersion, Response.version_id == InstrumentVersion.id)
            .join(Instrument, InstrumentVersion.instrument_id == Instrument.id)
            .where(Instrument.touchpoint_id == target.id)
        )
    elif isinstance(target, Location):
        query = select(func.count()).select_from(Response).where(Response.location_id == target.id)
    else:
        return 0
    return db.session.scalar(query) or 0
