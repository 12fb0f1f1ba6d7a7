"""Opening follow-up cases in the transaction of what matched.

A survey submission (:mod:`surveyor.services.surveys.submissions`) and a shop approval
(:mod:`surveyor.services.shops.shop_reviews`) call in here before they commit: the case, its e-mails
(outbox) and its event (:mod:`surveyor.services.webhooks.events`) are stored exactly when the
response or approval is, and a retried submission (a duplicate receipt) opens nothing. Wave-level
findings, a significant Kano drift or drop, are made by the scheduler once a wave has closed.

The customer's contact details arrive with the answers only when they agreed to be contacted;
they are kept on a case and nowhere else, so a response that opens no case keeps none.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime, timedelta

from sqlalchemy import select

from surveyor.extensions import db
from surveyor.models import AlertRule, FollowUpCase, Instrument, Location, Project, User
from surveyor.models.base import utcnow
from surveyor.models.cases import RESPONSE_KINDS, SHOP_KINDS
from surveyor.scoring.alerts import DISLIKE, ResponseFacts, response_finding, shop_finding
from surveyor.scoring.checklist import ShopScore
from surveyor.services import tenancy
from surveyor.services.cases import notices
from surveyor.services.messaging import mail
from surveyor.services.webhooks import events

CONSENT_ITEM = "follow_up"


def active_rules(project_id: int, kinds: Iterable[str]) -> list[AlertRule]:
    return list(
        db.session.scalars(
            select(AlertRule)
            .where(
                AlertRule.project_id == project_id,
                AlertRule.active.is_(True),
                AlertRule.kind.in_(sorted(kinds)),
            )
            .order_by(AlertRule.id)
        )
    )


def facts_of(items: Sequence, answers: Mapping[str, dict]) -> ResponseFacts:
    """The rule-relevant facts of one response's clean answers (``items`` carry the types)."""
    types = {item.key: item.item_type for item in items}
    by_type = {types[key]: value for key, value in answers.items()}
    disliked = [
        key
        for key, value in answers.items()
        if types[key] == "kano_feature" and value.get("functional") == DISLIKE
    ]
    return ResponseFacts(
        nps=(by_type.get("nps") or {}).get("number"),
        csat=(by_type.get("csat") or {}).get("number"),
        disliked=disliked,
    )


def open_for_response(
    project_id: int,
    instrument_id: int,
    wave_id: int,
    response_id: int,
    facts: ResponseFacts,
    contact: tuple[str, str] | None,
    location_id: int | None = None,
) -> list[FollowUpCase]:
    """Open a case per matching response rule; ``contact`` is (name, details) given with consent.

    A project without response rules costs the submission one indexed query.
    """
    rules = active_rules(project_id, RESPONSE_KINDS)
    if not rules:
        return []
    touchpoint_id = db.session.scalar(
        select(Instrument.touchpoint_id).where(Instrument.id == instrument_id)
    )
    opened = []
    for rule in rules:
        if not _applies(rule, touchpoint_id, location_id):
            continue
        finding = response_finding(rule.kind, rule.threshold, facts)
        if finding is None:
            continue
        case = open_case(
            rule,
            f"response:{response_id}",
            finding,
            touchpoint_id=touchpoint_id,
            location_id=location_id,
            wave_id=wave_id,
            response_id=response_id,
        )
        if case is not None and contact is not None:
            case.contact_name, case.contact_details = contact[0][:120], contact[1][:254]
        opened.append(case)
    return [case for case in opened if case is not None]


def open_for_shop(
    project_id: int,
    touchpoint_id: int,
    wave_id: int,
    location_id: int,
    response_id: int,
    score_of_shop: Callable[[], ShopScore],
) -> list[FollowUpCase]:
    """Open a case per matching shop rule for an approved shop (its score as the client sees it)."""
    rules = [
        rule
        for rule in active_rules(project_id, SHOP_KINDS)
        if _applies(rule, touchpoint_id, location_id)
    ]
    if not rules:
        return []
    score = score_of_shop()
    opened = []
    for rule in rules:
        finding = shop_finding(rule.kind, rule.threshold, score.percent, score.critical_failures)
        if finding is not None:
            opened.append(
                open_case(
                    rule,
                    f"shop:{response_id}",
                    finding,
                    touchpoint_id=touchpoint_id,
                    location_id=location_id,
                    wave_id=wave_id,
                    response_id=response_id,
                )
            )
    return [case for case in opened if case is not None]


def open_case(
    rule: AlertRule,
    key: str,
    summary: dict,
    *,
    touchpoint_id: int | None,
    location_id: int | None,
    wave_id: int | None,
    response_id: int | None = None,
    now: datetime | None = None,
) -> FollowUpCase | None:
    """Add the case of ``rule`` for ``key`` unless it exists; tell the recipients; record it.

    Recipients limited to other branches (or to branches at all, for a case without a location)
    are neither told nor made owner: they could not open the case (docs/security.md).
    """
    exists = db.session.scalar(
        select(FollowUpCase.id).where(FollowUpCase.rule_id == rule.id, FollowUpCase.key == key)
    )
    if exists is not None:
        return None
    project = db.session.get(Project, rule.project_id)
    recipients = tenancy.who_see_location(_recipients(project, rule), project.id, location_id)
    opened_at = now or utcnow()
    case = FollowUpCase(
        project_id=project.id,
        rule_id=rule.id,
        key=key,
        kind=rule.kind,
        summary=summary,
        touchpoint_id=touchpoint_id,
        location_id=location_id,
        wave_id=wave_id,
        response_id=response_id,
        owner_id=owner_of(recipients),
        status="open",
        opened_at=opened_at,
        due_at=opened_at + timedelta(days=rule.due_days),
        resolution_note="",
        contact_name="",
        contact_details="",
    )
    db.session.add(case)
    db.session.flush()
    for user in recipients:
        subject, body = notices.opened(user, project, rule, case)
        mail.send(user.email, subject, body, project.id)
    events.record(project.id, "case.opened", event_payload(case))
    return case


def owner_of(recipients: Sequence[User]) -> int | None:
    """The first client staff member among the recipients owns the case, else the first one."""
    staff = [user for user in recipients if user.role == "viewer"]
    chosen = (staff or list(recipients) or [None])[0]
    return chosen.id if chosen is not None else None


def event_payload(case: FollowUpCase) -> dict:
    """What integrations learn about a case: ids and status, no answers or contact details."""
    return {
        "case_id": case.id,
        "rule_id": case.rule_id,
        "kind": case.kind,
        "status": case.status,
        "touchpoint_id": case.touchpoint_id,
        "location_id": case.location_id,
        "wave_id": case.wave_id,
        "due_at": case.due_at.isoformat(),
        "closed_at": case.closed_at.isoformat() if case.closed_at else None,
    }


def _recipients(project: Project, rule: AlertRule) -> list[User]:
    """The rule's recipients who still have access to the project's client, in the rule's order."""
    if not rule.recipient_ids:
        return []
    people = db.session.scalars(
        tenancy.people_of_client(project.client_id).where(User.id.in_(rule.recipient_ids))
    ).all()
    by_id = {user.id: user for user in people}
    return [by_id[user_id] for user_id in rule.recipient_ids if user_id in by_id]


def _applies(rule: AlertRule, touchpoint_id: int | None, location_id: int | None) -> bool:
    """Touchpoint and location limits; a rule naming a region covers its branches."""
    if rule.touchpoint_ids and touchpoint_id not in rule.touchpoint_ids:
        return False
    if not rule.location_ids:
        return True
    if location_id is None:
        return False
    if location_id in rule.location_ids:
        return True
    region = db.session.scalar(select(Location.parent_id).where(Location.id == location_id))
    return region is not None and region in rule.location_ids
