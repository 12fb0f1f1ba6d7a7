"""Personal API tokens in the workspace: create one (its secret is shown once) and revoke it."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from surveyor.forms.api_tokens import ApiTokenForm
from surveyor.services.accounts import api_tokens

bp = Blueprint("api_tokens", __name__, url_prefix="/api-tokens")


@bp.get("/")
def index():
    return _page(ApiTokenForm())


@bp.post("/")
def create():
    # Only the posted form fields: Flask-WTF would otherwise also read files and JSON bodies.
    form = ApiTokenForm(formdata=request.form)
    if not form.validate_on_submit():
        return _page(form), 422
    token, secret = api_tokens.issue_token(current_user, form.name.data)
    response = _page(ApiTokenForm(formdata=None), new_token=token, secret=secret)
    return response, 201, {"Cache-Control": "no-store"}


@bp.post("/<int:token_id>/revoke")
def revoke(token_id: int):
    token = api_tokens.revoke(current_user, token_id)
    flash(_("Token “%(name)s” revoked; it no longer works.", name=token.name), "success")
    return redirect(url_for("api_tokens.index"))


def _page(form: ApiTokenForm, new_token=None, secret: str | None = None) -> str:
    return render_template(
        "api/tokens.html",
        form=form,
        tokens=api_tokens.tokens_of(current_user),
        new_token=new_token,
        secret=secret,
    )
