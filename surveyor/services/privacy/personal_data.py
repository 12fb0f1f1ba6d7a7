"""Access and erasure requests (GDPR Art. 15 and 17): everything stored about one e-mail address.

A person reaches Surveyor's data in three ways: as a respondent invited by e-mail (invitations, the
responses given through them, the messages in the outbox), as a customer who agreed to be contacted
about their answers (the contact details on a follow-up case, found by the address they left or
through their invitation's response) and as a mystery shopper (the account, its assignments, the
shops' visits with GPS positions and photos). Consultants find only what
belongs to their clients (:mod:`surveyor.services.tenancy`); a shopper account is global, so only
administrators erase it.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import selectinload

from surveyor.database import committed
from surveyor.extensions import db
from surveyor.models import (
    Answer,
    Assignment,
    FollowUpCase,
    Invitation,
    Item,
    KanoAnswer,
    OutboxMessage,
    Photo,
    Response,
    ShopVisit,
    SurveyLink,
    User,
)
from surveyor.models.base import utcnow
from surveyor.services import tenancy
from surveyor.services.accounts.accounts import normalise_email
from surveyor.services.locations import wave_cache
from surveyor.services.messaging.addresses import same_address
from surveyor.services.privacy import audit, personal_removal


class NotAnEmailAddress(ValueError):
    """The request names no e-mail address to search for."""


@dataclass
class PersonalData:
    """What is stored about ``email`` within the requesting user's reach."""

    email: str
    invitations: list[Invitation] = field(default_factory=list)
    responses: list[Response] = field(default_factory=list)
    outbox: list[OutboxMessage] = field(default_factory=list)
    cases: list[FollowUpCase] = field(default_factory=list)
    shopper: User | None = None
    assignments: list[Assignment] = field(default_factory=list)
    visits: list[ShopVisit] = field(default_factory=list)
    photos: list[Photo] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (
            self.invitations or self.outbox or self.cases or self.shopper or self.assignments
        )

    @property
    def response_ids(self) -> list[int]:
        return [response.id for response in self.responses]

    @property
    def shop_response_ids(self) -> list[int]:
        return [a.response_id for a in self.assignments if a.response_id is not None]


def find(user: User, email: str) -> PersonalData:
    """Everything stored about ``email`` that ``user`` may see."""
    email = normalise_email(email or "")
    if "@" not in email or len(email) > 254:
        raise NotAnEmailAddress(email)
    found = PersonalData(email=email)
    invitations = (
        tenancy.scoped(user, Invitation)
        .where(same_address(Invitation.email, email))
        .options(
            selectinload(Invitation.link).selectinload(SurveyLink.wave),
            selectinload(Invitation.link).selectinload(SurveyLink.instrument),
        )
        .order_by(Invitation.id)
    )
    found.invitations = list(db.session.scalars(invitations))
    answered = [i.response_id for i in found.invitations if i.response_id is not None]
    if answered:
        found.responses = list(
            db.session.scalars(select(Response).where(Response.id.in_(answered)))
        )
    # messages outside any project (e.g. account mail) are the admins', whom the scope lets see all
    outbox = (
        tenancy.scoped(user, OutboxMessage)
        .where(same_address(OutboxMessage.recipient, email))
        .order_by(OutboxMessage.id)
    )
    found.outbox = list(db.session.scalars(outbox))
    found.cases = _find_cases(user, email, answered)
    _find_shopper(user, found)
    return found


def _find_cases(user: User, email: str, answered: list[int]) -> list[FollowUpCase]:
    """Cases holding contact details the person left: by the address typed into the consent
    question (also within a longer entry such as "Kim, kim@example.com") or, when they answered
    through their invitation, by that response (a phone number left there is theirs too)."""
    left_address = func.lower(FollowUpCase.contact_details).contains(email, autoescape=True)
    theirs = or_(left_address, FollowUpCase.response_id.in_(answered)) if answered else left_address
    cases = (
        tenancy.scoped(user, FollowUpCase)
        .where(theirs)
        .options(selectinload(FollowUpCase.wave), selectinload(FollowUpCase.rule))
        .order_by(FollowUpCase.id)
    )
    return list(db.session.scalars(cases))


def _find_shopper(user: User, found: PersonalData) -> None:
    shopper = db.session.scalar(
        select(User)
        .where(same_address(User.email, found.email), User.role == "shopper")
        .order_by(User.id)
        .limit(1)
    )
    if shopper is None:
        return
    assignments = (
        tenancy.scoped(user, Assignment)
        .where(Assignment.shopper_id == shopper.id)
        .options(selectinload(Assignment.location), selectinload(Assignment.wave))
        .order_by(Assignment.id)
    )
    found.assignments = list(db.session.scalars(assignments))
    if user.is_admin or found.assignments:
        found.shopper = shopper
    shops = found.shop_response_ids
    if shops:
        found.visits = list(
            db.session.scalars(select(ShopVisit).where(ShopVisit.response_id.in_(shops)))
        )
        found.photos = list(
            db.session.scalars(
                select(Photo).where(Photo.response_id.in_(shops)).options(selectinload(Photo.item))
            )
        )


def as_document(data: PersonalData) -> dict:
    """The Art. 15 copy: plain JSON-ready values, the same the workbook shows."""
    return {
        "email": data.email,
        "exported_at": utcnow().isoformat(),
        "invitations": [
            {
                "name": invitation.name,
                "email": invitation.email,
                "survey": invitation.link.instrument.name,
                "wave": invitation.link.wave.label,
                "anonymous": invitation.link.anonymous,
                "invited_at": _iso(invitation.created_at),
                "answered_at": _iso(invitation.used_at),
            }
            for invitation in data.invitations
        ],
        "responses": [_response(response) for response in data.responses],
        "messages": [
            {
                "subject": message.subject,
                "body": message.body,
                "created_at": _iso(message.created_at),
                "delivered_at": _iso(message.delivered_at),
            }
            for message in data.outbox
        ],
        "cases": [
            {
                "opened_at": _iso(case.opened_at),
                "wave": case.wave.label if case.wave is not None else None,
                "status": case.status,
                "contact_name": case.contact_name,
                "contact_details": case.contact_details,
                "resolution_note": case.resolution_note,
                "closed_at": _iso(case.closed_at),
            }
            for case in data.cases
        ],
        "shopper": None
        if data.shopper is None
        else {
            "email": data.shopper.email,
            "name": data.shopper.name,
            "created_at": _iso(data.shopper.created_at),
            "active": data.shopper.active,
        },
        "assignments": [
            {
                "location": assignment.location.name,
                "wave": assignment.wave.label,
                "visit_from": assignment.visit_from.isoformat(),
                "visit_to": assignment.visit_to.isoformat(),
                "status": assignment.status,
            }
            for assignment in data.assignments
        ],
        "visits": [
            {
                "visit_date": visit.visit_date.isoformat(),
                "latitude": visit.latitude,
                "longitude": visit.longitude,
                "accuracy_m": visit.accuracy_m,
            }
            for visit in data.visits
        ],
        "photos": [
            {"id": photo.id, "taken_for": photo.item.key, "uploaded_at": _iso(photo.created_at)}
            for photo in data.photos
        ],
    }


def _response(response: Response) -> dict:
    answers = db.session.execute(
        select(Item.key, Answer.number, Answer.text)
        .join(Item, Answer.item_id == Item.id)
        .where(Answer.response_id == response.id)
        .order_by(Item.position, Item.id)
    ).all()
    kano = db.session.execute(
        select(Item.key, KanoAnswer.functional, KanoAnswer.dysfunctional, KanoAnswer.importance)
        .join(Item, KanoAnswer.item_id == Item.id)
        .where(KanoAnswer.response_id == response.id)
        .order_by(Item.position, Item.id)
    ).all()
    return {
        "submitted_at": _iso(response.submitted_at),
        "answers": {key: text if text is not None else number for key, number, text in answers},
        "kano": {
            key: {"functional": f, "dysfunctional": d, "importance": i} for key, f, d, i in kano
        },
    }


@committed
def erase(actor: User, data: PersonalData) -> None:
    """Erase what ``find`` found and record that an erasure happened, but not whose.

    Responses given through an invitation are deleted with their answers: they are the person's.
    Follow-up cases lose their contact details and notes but stay, counted by the loop metrics.
    A shopper's shops stay as results of the locations (the account becomes anonymous, their
    photos, GPS positions and free texts go); only administrators erase the account itself.
    """
    shops = data.shop_response_ids
    personal_removal.delete_photos(shops)
    personal_removal.clear_positions(shops)
    personal_removal.clear_free_texts(shops)
    invitation_ids = [invitation.id for invitation in data.invitations]
    if invitation_ids:
        db.session.execute(delete(Invitation).where(Invitation.id.in_(invitation_ids)))
    if data.response_ids:
        wave_cache.forget(data.response_ids)
        db.session.execute(delete(Response).where(Response.id.in_(data.response_ids)))
    message_ids = [message.id for message in data.outbox]
    if message_ids:
        db.session.execute(delete(OutboxMessage).where(OutboxMessage.id.in_(message_ids)))
    _forget_contacts([case.id for case in data.cases])
    if data.shopper is not None and actor.is_admin:
        _anonymise_account(data.shopper)
    audit.record("person.erased", actor)


def _forget_contacts(case_ids: list[int]) -> None:
    """Blank what names or reaches the person; the case stays (status, rule, dates) so the
    follow-up loop's figures still count it, as after retention."""
    if case_ids:
        db.session.execute(
            update(FollowUpCase)
            .where(FollowUpCase.id.in_(case_ids))
            .values(contact_name="", contact_details="", resolution_note="")
            .execution_options(synchronize_session=False)
        )


def _anonymise_account(user: User) -> None:
    """Keep the row (assignments point at it) but nothing that names the person."""
    user.email = f"erased-{user.id}@erased.invalid"
    user.name = ""
    user.locale = None
    user.active = False
    user.set_password(secrets.token_urlsafe(32))


def _iso(moment) -> str | None:
    return moment.isoformat() if moment is not None else None
