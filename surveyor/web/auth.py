"""Signing in and out, and personal settings."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from surveyor.forms.auth import LoginForm, SettingsForm
from surveyor.services.accounts import accounts, passwords
from surveyor.services.accounts.accounts import LoginThrottled, authenticate
from surveyor.web import sessions

bp = Blueprint("auth", __name__)


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = authenticate(form.email.data, form.password.data, request.remote_addr)
        except LoginThrottled:
            abort(429, _("Too many failed log-ins. Please wait 15 minutes and try again."))
        if user is not None:
            target = _safe_next(request.args.get("next"))
            sessions.start(user)
            return redirect(target)
        flash(_("E-mail or password is wrong."), "error")
    return render_template("auth/login.html", form=form), 200 if request.method == "GET" else 422


@bp.post("/logout")
@login_required
def logout():
    """End every session of the account (a copied cookie too) and clear the browser's caches.

    ``Clear-Site-Data: "cache"`` drops cached pages; storage is kept on purpose, because the
    shopper's outbox of unsent shops lives there. The shop's logout form deletes the service
    worker's caches of every version before it submits (static/shop/offline.js).
    """
    passwords.log_out_everywhere(current_user)
    sessions.end()
    response = redirect(url_for("auth.login", logged_out=1))
    response.headers["Clear-Site-Data"] = '"cache"'
    return response


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings():
    form = SettingsForm(locale=current_user.locale or "")
    if form.validate_on_submit():
        accounts.set_locale(current_user, form.locale.data or None)
        flash(_("Settings saved."), "success")
        return redirect(url_for("auth.settings"))
    return render_template("form_page.html", form=form, title=_("Settings"))


def _safe_next(target: str | None) -> str:
    """Follow ``?next=`` only within this site, so the login cannot be used as an open redirect.

    Browsers read ``//host``, ``\\host`` and paths with tabs or newlines removed as other sites, so
    only a single leading slash followed by a path is accepted.
    """
    if (
        target
        and target.startswith("/")
        and not target.startswith("//")
        and not urlsplit(target).netloc
        and "\\" not in target
        and not any(ord(character) < 0x20 for character in target)
    ):
        return target
    return url_for("public.index")
