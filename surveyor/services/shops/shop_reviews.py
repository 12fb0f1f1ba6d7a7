"""Reviewing a submitted shop: comment, correct answers (audited), return it, or approve it.

Only approved shops count in results, so review is the gate between what a shopper typed and
what a client reads. A correction never overwrites silently: it writes an
:class:`AnswerCorrection` (who, when, old and new value, reason) and recomputes ``earned`` with
the same :func:`earned_points` the submission used. Refusals are worded in the reviewer's
language (they are shown as they are).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from surveyor.database import committed
from surveyor.extensions import db
from surveyor.models import (
    Answer,
    AnswerCorrection,
    Assignment,
    Item,
    Photo,
    ReviewComment,
    ShopVisit,
    User,
)
from surveyor.models.base import utcnow
from surveyor.scoring.checklist import ItemResult, ShopScore, earned_points, score_shop
from surveyor.services.cases import opening
from surveyor.services.webhooks import events

REVIEWABLE = frozenset({"submitted", "in_review"})
NUMBER_TYPES = frozenset({"yes_no", "scale", "number", "duration"})


class ReviewRefused(ValueError):
    """The action does not fit the shop's status or the value; the message says why."""


@dataclass
class ShopDetail:
    """Everything the review and drill-down pages show for one shop."""

    assignment: Assignment
    items: list[Item]
    answers: dict[int, Answer]
    photos: dict[int, list[Photo]] = field(default_factory=dict)
    comments: dict[int | None, list[ReviewComment]] = field(default_factory=dict)
    corrections: list[AnswerCorrection] = field(default_factory=list)
    visit: ShopVisit | None = None
    score: ShopScore | None = None


def shop_detail(assignment: Assignment) -> ShopDetail:
    response = assignment.response
    if response is None:
        raise ReviewRefused(_("This shop has not been submitted yet."))
    items = list(response.version.items)
    answers = {
        answer.item_id: answer
        for answer in db.session.scalars(select(Answer).where(Answer.response_id == response.id))
    }
    detail = ShopDetail(assignment, items, answers, visit=db.session.get(ShopVisit, response.id))
    for photo in db.session.scalars(
        select(Photo).where(Photo.response_id == response.id).order_by(Photo.id)
    ):
        detail.photos.setdefault(photo.item_id, []).append(photo)
    for comment in db.session.scalars(
        select(ReviewComment)
        .options(selectinload(ReviewComment.author))
        .where(ReviewComment.response_id == response.id)
        .order_by(ReviewComment.id)
    ):
        detail.comments.setdefault(comment.item_id, []).append(comment)
    detail.corrections = db.session.scalars(
        select(AnswerCorrection)
        .options(selectinload(AnswerCorrection.user), selectinload(AnswerCorrection.item))
        .where(AnswerCorrection.response_id == response.id)
        .order_by(AnswerCorrection.id)
    ).all()
    detail.score = score_of(items, answers)
    return detail


def comments_for_shopper(assignment: Assignment) -> dict[int | None, list[str]]:
    """While a shop is returned, the reviewer's comments on the returned submission, by item
    (``None``: on the shop as a whole), so the shopper sees what to fix where."""
    if assignment.status != "returned" or assignment.response_id is None:
        return {}
    found: dict[int | None, list[str]] = {}
    for item_id, text in db.session.execute(
        select(ReviewComment.item_id, ReviewComment.text)
        .where(ReviewComment.response_id == assignment.response_id)
        .order_by(ReviewComment.id)
    ):
        found.setdefault(item_id, []).append(text)
    return found


def score_of(items: list[Item], answers: dict[int, Answer]) -> ShopScore:
    """Score one shop from its stored ``earned`` values (unscored items leave out)."""
    return score_shop(
        ItemResult(item.section, item.kano_tag or "", item.points, answer.earned, item.critical)
        for item in items
        if (answer := answers.get(item.id)) is not None and answer.earned is not None
    )


def _stored_score(response) -> ShopScore:
    answers = {
        answer.item_id: answer
        for answer in db.session.scalars(select(Answer).where(Answer.response_id == response.id))
    }
    return score_of(list(response.version.items), answers)


@committed
def comment(assignment: Assignment, author: User, text: str, item: Item | None = None) -> None:
    _require_reviewable(assignment)
    _require_item_of(assignment, item)
    db.session.add(
        ReviewComment(
            response_id=assignment.response_id, item=item, author=author, text=text.strip()
        )
    )
    _begin_review(assignment)


@committed
def correct_answer(
    assignment: Assignment,
    user: User,
    item: Item,
    raw: str,
    not_applicable: bool,
    reason: str,
) -> AnswerCorrection:
    """Replace one answer, keep the old one in the audit trail, recompute its points."""
    _require_reviewable(assignment)
    _require_item_of(assignment, item)
    if item.item_type == "photo":
        raise ReviewRefused(_("Photos cannot be corrected; comment on them instead."))
    if not reason.strip():
        raise ReviewRefused(_("Give a reason for the correction."))
    if not_applicable and not item.na_allowed:
        raise ReviewRefused(_("This item does not allow N/A."))
    number, text = (None, None) if not_applicable else parse_value(item, raw)
    answer = db.session.get(Answer, (assignment.response_id, item.id))
    if answer is None:
        answer = Answer(response_id=assignment.response_id, item_id=item.id)
        db.session.add(answer)
    old = _value_of(answer)
    old_earned = answer.earned
    answer.number, answer.text, answer.not_applicable = number, text, not_applicable
    value = None if not_applicable else (number if item.item_type in NUMBER_TYPES else text)
    answer.earned = earned_points(item.item_type, item.settings, item.points, value)
    correction = AnswerCorrection(
        response_id=assignment.response_id,
        item_id=item.id,
        user=user,
        old_value=old,
        new_value=_value_of(answer),
        old_earned=old_earned,
        new_earned=answer.earned,
        reason=reason.strip(),
    )
    db.session.add(correction)
    _begin_review(assignment)
    return correction


@committed
def return_to_shopper(assignment: Assignment, user: User, text: str) -> None:
    _require_reviewable(assignment)
    if not text.strip():
        raise ReviewRefused(_("Tell the shopper what to fix."))
    assignment.status = "returned"
    assignment.return_comment = text.strip()
    _reviewed(assignment, user)


def approve_shop(assignment: Assignment, user: User) -> None:
    """Approve the shop: the client sees it from now on, so in the same transaction the cases
    its score calls for are opened and ``shop.approved`` is recorded for the webhooks."""
    _require_reviewable(assignment)
    assignment.status = "approved"
    _reviewed(assignment, user)
    score = _stored_score(assignment.response)
    opening.open_for_shop(
        assignment.wave.project_id,
        assignment.instrument.touchpoint_id,
        assignment.wave_id,
        assignment.location_id,
        assignment.response_id,
        lambda: score,
    )
    events.record(
        assignment.wave.project_id,
        "shop.approved",
        {
            "assignment_id": assignment.id,
            "response_id": assignment.response_id,
            "wave_id": assignment.wave_id,
            "location_id": assignment.location_id,
            "instrument_id": assignment.instrument_id,
            "score_percent": score.percent,
            "critical_failures": score.critical_failures,
        },
    )


approve = committed(approve_shop)
"""The review page's "approve": :func:`approve_shop`, saved at once."""


def parse_value(item: Item, raw: str) -> tuple[float | None, str | None]:
    """A reviewer's typed value as the ``(number, text)`` an Answer stores, or ReviewRefused."""
    raw = (raw or "").strip()
    if not raw:
        raise ReviewRefused(_("Enter a value or tick N/A."))
    settings = item.settings or {}
    if item.item_type == "yes_no":
        word = raw.lower()
        if word in {"yes", "ja", "1", "true"}:
            return 1.0, None
        if word in {"no", "nein", "0", "false"}:
            return 0.0, None
        raise ReviewRefused(_("Answer yes or no."))
    if item.item_type == "choice":
        values = {str(option["value"]) for option in settings.get("options", ())}
        labels = {
            option.get("label_en", ""): option["value"] for option in settings.get("options", ())
        }
        chosen = raw if raw in values else labels.get(raw)
        if chosen is None:
            raise ReviewRefused(_("Choose one of: %(choices)s.", choices=", ".join(sorted(labels))))
        return None, str(chosen)
    if item.item_type in NUMBER_TYPES:
        return _number(item.item_type, settings, raw), None
    if item.item_type == "datetime":
        try:
            return None, datetime.fromisoformat(raw).isoformat(timespec="minutes")
        except ValueError:
            raise ReviewRefused(_("Enter a date and time as YYYY-MM-DD HH:MM.")) from None
    return None, raw[:2000]


def _number(item_type: str, settings: dict, raw: str) -> float:
    try:
        number = float(raw.replace(",", "."))
    except ValueError:
        raise ReviewRefused(_("Enter a number.")) from None
    low = settings.get("min", 1 if item_type == "scale" else 0 if item_type == "duration" else None)
    high = settings.get("max", 5 if item_type == "scale" else None)
    if (low is not None and number < low) or (high is not None and number > high):
        raise ReviewRefused(
            _(
                "Enter a value from %(low)s to %(high)s.",
                low=low if low is not None else "…",
                high=high if high is not None else "…",
            )
        )
    if item_type == "scale" and not number.is_integer():
        raise ReviewRefused(_("Enter a whole number."))
    return number


def _value_of(answer: Answer) -> dict:
    return {
        "number": answer.number,
        "text": answer.text,
        "not_applicable": bool(answer.not_applicable),
    }


def _require_reviewable(assignment: Assignment) -> None:
    if assignment.status not in REVIEWABLE or assignment.response_id is None:
        raise ReviewRefused(_("Only submitted shops can be reviewed."))


def _require_item_of(assignment: Assignment, item: Item | None) -> None:
    if item is not None and item.version_id != assignment.response.version_id:
        raise ReviewRefused(_("This item does not belong to the shop's checklist."))


def _begin_review(assignment: Assignment) -> None:
    if assignment.status == "submitted":
        assignment.status = "in_review"


def _reviewed(assignment: Assignment, user: User) -> None:
    assignment.reviewed_at = utcnow()
    assignment.reviewed_by = user
