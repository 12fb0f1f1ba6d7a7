"""Participants' side of a workshop: join with a code, add cards from the phone, place dots.

No account: joining with a name or pseudonym and a role sets a signed cookie for this workshop
only (:mod:`surveyor.web.workshop_cookie`). Cards are sent by ``static/workshop/board.js`` from
a queue kept in the phone's storage, each with an id made on the phone, so a card written while
the venue's Wi-Fi is gone is sent when it is back, and stored once however often it is resent.
The card endpoint is exempt from the session CSRF token for that reason (see the cookie module).
"""

from __future__ import annotations

from flask import Blueprint, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _

from surveyor.extensions import csrf
from surveyor.forms.workshops import JoinForm
from surveyor.models.workshops import CARD_TEXT_MAX, WORLDS
from surveyor.services.errors import Forbidden, Invalid
from surveyor.services.workshops import board, cards, participation, setup, votes
from surveyor.services.workshops.convergence import causes_of
from surveyor.web import workshop_cookie
from surveyor.web.form_pages import form_page
from surveyor.web.workshop_polling import conditional_json, cursor

bp = Blueprint("workshop_join", __name__)


@bp.get("/join")
def enter_code():
    code = request.args.get("code", "").strip()
    if code:
        return redirect(url_for("workshop_join.welcome", join_token=setup.normalise_code(code)))
    return render_template("workshops/enter_code.html")


@bp.route("/join/<join_token>", methods=["GET", "POST"])
def welcome(join_token: str):
    workshop = participation.workshop_for_code(join_token)
    form = JoinForm()
    if form.validate_on_submit():
        participant = participation.join(join_token, form.name.data, form.role.data)
        setup.save()
        path = url_for("workshop_join.board_page", board_token=workshop.key)
        response = redirect(path)
        workshop_cookie.remember(response, path, workshop.id, participant.id)
        return response
    return form_page("workshops/join.html", form, workshop=workshop)


@bp.get("/w/<board_token>/")
def board_page(board_token: str):
    participant = _participant(board_token)
    workshop = participation.workshop_by_key(board_token, participant.workshop_id)
    return render_template(
        "workshops/phone.html",
        workshop=workshop,
        participant=participant,
        worlds=WORLDS,
        card_max=CARD_TEXT_MAX,
        causes=[cause for cause in causes_of(workshop) if cause.stage == "cause"],
        my_dots=votes.my_dots(participant),
        dots_left=votes.dots_left(participant, workshop.vote_budget),
    )


@bp.get("/w/<board_token>/board.json")
def board_json(board_token: str):
    workshop_id, _ = _ids(board_token)
    after, revision = cursor()
    return conditional_json(
        board.version(workshop_id, key=board_token),
        lambda: board.state(
            participation.workshop_by_key(board_token, workshop_id), after=after, revision=revision
        ),
    )


@bp.post("/w/<board_token>/cards")
@csrf.exempt
def add_card(board_token: str):
    """A card from a phone; a refusal answers JSON through the web's domain-error handler."""
    if not request.is_json:
        raise Invalid(_("Send the card as JSON."))
    participant = _participant(board_token)
    receipt = cards.add_card(participant, request.get_json(silent=True))
    status = 200 if receipt.duplicate else 201
    return jsonify(status="received", card_id=receipt.card_id, duplicate=receipt.duplicate), status


@bp.post("/w/<board_token>/votes")
def vote(board_token: str):
    participant = _participant(board_token)
    cause_id = request.form.get("cause_id", type=int)
    if request.form.get("action") == "remove":
        votes.withdraw(participant, cause_id)
    else:
        votes.cast(participant, cause_id)
    return redirect(url_for("workshop_join.board_page", board_token=board_token) + "#vote")


def _ids(board_token: str) -> tuple[int, int]:
    ids = workshop_cookie.read()
    if ids is None:
        raise Forbidden(_("Please join the workshop first, with the code on the screen."))
    return ids


def _participant(board_token: str):
    workshop_id, participant_id = _ids(board_token)
    return participation.participant(board_token, workshop_id, participant_id)
