"""Authoring alert rules, with a clear message for a rule that could never match.

A rule can be impossible in two ways: its threshold lies outside the scale (CSAT at most 0, a
shop score below 0 %), or its touchpoints have nothing the rule looks at (a Kano rule where no
touchpoint has a Kano questionnaire with that question, a critical-failure rule where the
checklists have no critical item). Both are refused when the rule is saved, naming the field.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from surveyor.extensions import db
from surveyor.models import AlertRule, Instrument, InstrumentVersion, Item, Project, User
from surveyor.models.cases import RESPONSE_KINDS, RULE_KINDS, SHOP_KINDS
from surveyor.scoring.alerts import threshold_problem
from surveyor.services import tenancy
from surveyor.services.errors import Invalid

ITEM_TYPE_OF = {
    "nps_detractor": ("kano", "nps", None),
    "csat_at_most": ("kano", "csat", None),
    "kano_dislike": ("kano", "kano_feature", None),
    "critical_failure": ("checklist", None, True),
    "shop_score_below": ("checklist", None, None),
    "drift": ("kano", "kano_feature", None),
    "wave_drop": (None, None, None),
}
"""Per kind: the instrument kind, item type and critical flag a touchpoint needs to match."""


@dataclass(frozen=True)
class RuleInput:
    name: str
    kind: str
    threshold: float | None = None
    touchpoint_ids: Sequence[int] = ()
    location_ids: Sequence[int] = ()
    recipient_ids: Sequence[int] = ()
    due_days: int = 7
    name_de: str = ""


def rules_of(project: Project) -> list[AlertRule]:
    return list(
        db.session.scalars(
            select(AlertRule).where(AlertRule.project_id == project.id).order_by(AlertRule.id)
        )
    )


def get_rule(user: User, rule_id: int) -> AlertRule:
    return tenancy.get(user, AlertRule, rule_id)


def add_rule(project: Project, fields: RuleInput) -> AlertRule:
    """Validate and add a rule to ``project`` (the caller commits)."""
    _check(project, fields)
    rule = AlertRule(
        project_id=project.id,
        name=(fields.name or "").strip(),
        name_de=(fields.name_de or "").strip(),
        kind=fields.kind,
        threshold=fields.threshold,
        touchpoint_ids=sorted(set(fields.touchpoint_ids)),
        location_ids=sorted(set(fields.location_ids)),
        recipient_ids=list(dict.fromkeys(fields.recipient_ids)),
        due_days=fields.due_days,
        active=True,
    )
    db.session.add(rule)
    return rule


def save_rule(project: Project, fields: RuleInput) -> AlertRule:
    rule = add_rule(project, fields)
    db.session.commit()
    return rule


def delete_rule(rule: AlertRule) -> None:
    """Cases the rule opened stay (their history counts in the metrics); they lose the link."""
    db.session.delete(rule)
    db.session.commit()


def _check(project: Project, fields: RuleInput) -> None:
    errors: dict[str, list[str]] = {}
    if fields.kind not in RULE_KINDS:
        errors["kind"] = [_("Choose what the rule watches.")]
        raise Invalid(_("The rule cannot be saved."), errors)
    if not (fields.name or "").strip():
        errors["name"] = [_("Give the rule a name.")]
    problem = threshold_problem(fields.kind, fields.threshold)
    if problem:
        errors["threshold"] = [_threshold_message(problem)]
    if not 1 <= fields.due_days <= 365:
        errors["due_days"] = [_("The due date must be 1 to 365 days after the case opens.")]
    touchpoints = {t.id for t in project.touchpoints}
    locations = {loc.id for loc in project.locations}
    if set(fields.touchpoint_ids) - touchpoints:
        errors["touchpoint_ids"] = [_("Choose touchpoints of this project.")]
    elif not _touchpoints_can_match(project, fields):
        errors["touchpoint_ids"] = [_never_message(fields.kind)]
    if set(fields.location_ids) - locations:
        errors["location_ids"] = [_("Choose locations of this project.")]
    elif fields.location_ids and fields.kind not in RESPONSE_KINDS | SHOP_KINDS:
        errors["location_ids"] = [
            _("Wave comparisons are made per touchpoint; leave the locations empty.")
        ]
    if not fields.recipient_ids:
        errors["recipient_ids"] = [_("Name at least one person who is told.")]
    elif any(
        tenancy.get_person_of_client(project.client_id, user_id) is None
        for user_id in fields.recipient_ids
    ):
        errors["recipient_ids"] = [
            _("Recipients must be client staff or consultants with access to this client.")
        ]
    if errors:
        raise Invalid(_("The rule cannot be saved."), errors)


def _touchpoints_can_match(project: Project, fields: RuleInput) -> bool:
    """Whether some chosen touchpoint (all when none chosen) has what the rule looks at."""
    instrument_kind, item_type, critical = ITEM_TYPE_OF[fields.kind]
    if instrument_kind is None:
        return True
    chosen = list(fields.touchpoint_ids) or [t.id for t in project.touchpoints]
    query = (
        select(Item.id)
        .join(InstrumentVersion, Item.version_id == InstrumentVersion.id)
        .join(Instrument, InstrumentVersion.instrument_id == Instrument.id)
        .where(Instrument.touchpoint_id.in_(chosen), Instrument.kind == instrument_kind)
    )
    if item_type is not None:
        query = query.where(Item.item_type == item_type)
    if critical:
        query = query.where(Item.critical.is_(True))
    return db.session.scalar(query.limit(1)) is not None


def _threshold_message(code: str) -> str:
    return {
        "threshold_missing": _("Enter the value the rule compares with."),
        "csat_never": _(
            "CSAT is answered from 1 to 5: a rule for at most this value never matches."
        ),
        "csat_always": _("CSAT is at most 5 in every answer: this rule would match everyone."),
        "score_never": _("No shop scores below 0 %: this rule never matches."),
        "score_always": _("Every shop scores below this value: choose at most 100 %."),
    }[code]


def _never_message(kind: str) -> str:
    never = _("the rule never matches.")
    return (
        {
            "nps_detractor": _("None of these touchpoints asks the NPS question:"),
            "csat_at_most": _("None of these touchpoints asks the CSAT question:"),
            "kano_dislike": _("None of these touchpoints has a Kano questionnaire:"),
            "drift": _("None of these touchpoints has a Kano questionnaire:"),
            "critical_failure": _("No checklist of these touchpoints has a critical item:"),
            "shop_score_below": _("None of these touchpoints has a checklist:"),
        }[kind]
        + " "
        + never
    )


def people_of(project: Project) -> list[User]:
    """Who a rule may name: the client's staff and consultants (and admins)."""
    return list(db.session.scalars(tenancy.people_of_client(project.client_id)))
