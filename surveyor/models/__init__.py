"""The domain model; importing this package registers every table with SQLAlchemy."""

from surveyor.models.api_tokens import ApiToken
from surveyor.models.audit import AuditEvent
from surveyor.models.cases import AlertRule, FollowUpCase
from surveyor.models.engagement import ClientInterview, EngagementStepNote
from surveyor.models.exports import ExportJob
from surveyor.models.features import FeatureLink
from surveyor.models.instruments import Instrument, InstrumentVersion, Item
from surveyor.models.journey import Location, Phase, Project, Touchpoint, location_access
from surveyor.models.measures import Measure
from surveyor.models.password_resets import PasswordReset
from surveyor.models.plans import MeasurementPlan, OutboxMessage
from surveyor.models.responses import Answer, KanoAnswer, LocationTally, Response, WaveTally
from surveyor.models.shops import AnswerCorrection, Assignment, Photo, ReviewComment, ShopVisit
from surveyor.models.surveys import Invitation, SurveyLink, TokenMiss
from surveyor.models.tenancy import Client, LoginAttempt, User, client_access
from surveyor.models.waves import Wave
from surveyor.models.webhooks import WebhookDelivery, WebhookSubscription
from surveyor.models.workshops import (
    Workshop,
    WorkshopCard,
    WorkshopCause,
    WorkshopCluster,
    WorkshopParticipant,
    WorkshopVote,
)

__all__ = [
    "AlertRule",
    "Answer",
    "AnswerCorrection",
    "ApiToken",
    "Assignment",
    "AuditEvent",
    "Client",
    "ClientInterview",
    "EngagementStepNote",
    "ExportJob",
    "FeatureLink",
    "FollowUpCase",
    "Instrument",
    "InstrumentVersion",
    "Invitation",
    "Item",
    "KanoAnswer",
    "Location",
    "LocationTally",
    "LoginAttempt",
    "Measure",
    "MeasurementPlan",
    "OutboxMessage",
    "PasswordReset",
    "Phase",
    "Photo",
    "Project",
    "Response",
    "ReviewComment",
    "ShopVisit",
    "SurveyLink",
    "TokenMiss",
    "Touchpoint",
    "User",
    "Wave",
    "WaveTally",
    "WebhookDelivery",
    "WebhookSubscription",
    "Workshop",
    "WorkshopCard",
    "WorkshopCause",
    "WorkshopCluster",
    "WorkshopParticipant",
    "WorkshopVote",
    "client_access",
    "location_access",
]
