"""Signing in and out, and personal settings."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from surveyor.extensions import db
from surveyor.forms.auth import LoginForm, SettingsForm
from surveyor.models import User
from surveyor.services.accounts import LoginThrottled, authenticate

bp = Blueprint("auth", __name__)


def load_user(user_id: str) -> User | None:
    if not user_id.isdigit():
        return None
    return db.session.get(User, int(user_id))


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = authenticate(form.email.data, form.password.data, request.remote_addr)
        except LoginThrottled:
            abort(429, _("Too many failed log-ins. Please wait 15 minutes and try again."))
        if user is not None:
            login_user(user)
            return redirect(_safe_next(request.args.get("next")))
        flash(_("E-mail or password is wrong."), "error")
    return render_template("auth/login.html", form=form), 200 if request.method == "GET" else 422


@bp.post("/logout")
@login_required
def logout():
    logout_user()
    return redirect(url_for("auth.login"))


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings():
    form = SettingsForm(locale=current_user.locale or "")
    if form.validate_on_submit():
        current_user.locale = form.locale.data or None
        db.session.commit()
        flash(_("Settings saved."), "success")
        return redirect(url_for("auth.settings"))
    return render_template("form_page.html", form=form, title=_("Settings"))


def _safe_next(target: str | None) -> str:
    """Follow ``?next=`` only within this site, so the login cannot be used as an open redirect."""
    if target and target.startswith("/") and not urlsplit(target).netloc and "\\" not in target:
        return target
    return url_for("public.index")
