"""The domain model; importing this package registers every table with SQLAlchemy."""

from surveyor.models.instruments import Instrument, InstrumentVersion, Item
from surveyor.models.journey import Location, Phase, Project, Touchpoint
from surveyor.models.measures import Measure
from surveyor.models.responses import Answer, KanoAnswer, Response
from surveyor.models.surveys import Invitation, SurveyLink, TokenMiss
from surveyor.models.tenancy import Client, LoginAttempt, User, client_access
from surveyor.models.waves import Wave

__all__ = [
    "Answer",
    "Client",
    "Instrument",
    "InstrumentVersion",
    "Invitation",
    "Item",
    "KanoAnswer",
    "Location",
    "LoginAttempt",
    "Measure",
    "Phase",
    "Project",
    "Response",
    "SurveyLink",
    "TokenMiss",
    "Touchpoint",
    "User",
    "Wave",
    "client_access",
]
