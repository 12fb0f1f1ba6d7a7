"""One shop: its answers, photos and score; consultants comment, correct, return or approve it."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from surveyor.forms.checklists import STATUS_LABELS, CommentForm, CorrectionForm, ReturnForm
from surveyor.models import Assignment, Item
from surveyor.services import tenancy
from surveyor.services.shops import assignments, shop_reviews
from surveyor.web import checklist_display
from surveyor.web.editing import editable

bp = Blueprint("shop_reviews", __name__)
bp.context_processor(checklist_display.helpers)


@bp.get("/shops/<int:assignment_id>")
def show(assignment_id: int):
    assignment = _visible(assignment_id)
    try:
        detail = shop_reviews.shop_detail(assignment)
    except shop_reviews.ReviewRefused:
        abort(404)
    return render_template(
        "checklists/shop.html",
        detail=detail,
        assignment=assignment,
        status_labels=STATUS_LABELS,
        reviewable=current_user.can_edit and assignment.status in shop_reviews.REVIEWABLE,
        location_limited=tenancy.is_location_limited(current_user),
        comment_form=CommentForm(),
        correction_form=CorrectionForm(),
        return_form=ReturnForm(),
    )


@bp.post("/shops/<int:assignment_id>/comments")
def comment(assignment_id: int):
    assignment = _editable(assignment_id)
    form = CommentForm()
    if not form.validate():
        return _refused(assignment, _("Write a comment."))
    item = _item_or_none(form.item_id.data)
    return _act(
        assignment, lambda: shop_reviews.comment(assignment, current_user, form.text.data, item)
    )


@bp.post("/shops/<int:assignment_id>/corrections")
def correct(assignment_id: int):
    assignment = _editable(assignment_id)
    form = CorrectionForm()
    if not form.validate():
        return _refused(assignment, _("Name the item and give a reason for the correction."))
    item = _item_or_none(form.item_id.data)
    return _act(
        assignment,
        lambda: shop_reviews.correct_answer(
            assignment,
            current_user,
            item,
            form.value.data or "",
            form.not_applicable.data,
            form.reason.data,
        ),
        _("Answer corrected."),
    )


@bp.post("/shops/<int:assignment_id>/return")
def return_shop(assignment_id: int):
    assignment = _editable(assignment_id)
    form = ReturnForm()
    if not form.validate():
        return _refused(assignment, _("Tell the shopper what to fix."))
    return _act(
        assignment,
        lambda: shop_reviews.return_to_shopper(assignment, current_user, form.comment.data),
        _("Returned to the shopper."),
    )


@bp.post("/shops/<int:assignment_id>/approve")
def approve(assignment_id: int):
    assignment = _editable(assignment_id)
    return _act(
        assignment,
        lambda: shop_reviews.approve(assignment, current_user),
        _("Approved. The shop now counts in the results."),
    )


def _act(assignment: Assignment, action, message: str | None = None):
    try:
        action()
    except shop_reviews.ReviewRefused as refused:
        return _refused(assignment, str(refused))
    if message:
        flash(message, "success")
    return redirect(url_for("shop_reviews.show", assignment_id=assignment.id))


def _refused(assignment: Assignment, message: str):
    """A 422 answer that says why; the page link takes the reviewer back."""
    flash(message, "error")
    page = render_template("checklists/refused.html", assignment=assignment, message=message)
    return page, 422


def _item_or_none(item_id: int | None) -> Item | None:
    if item_id is None:
        return None
    return tenancy.get_item(current_user, item_id)


def _visible(assignment_id: int) -> Assignment:
    assignment = assignments.get_assignment(current_user, assignment_id)
    if not current_user.may("see_unapproved_shops") and assignment.status != "approved":
        abort(404)
    return assignment


def _editable(assignment_id: int) -> Assignment:
    return editable(assignments.get_assignment, assignment_id)
