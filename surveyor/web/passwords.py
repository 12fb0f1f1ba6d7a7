"""Changing one's password, and resetting a forgotten one through a link sent by e-mail."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from surveyor.forms.auth import NewPasswordForm, PasswordChangeForm, ResetRequestForm
from surveyor.services.accounts import passwords
from surveyor.services.accounts.accounts import AccountError
from surveyor.web import sessions
from surveyor.web.form_pages import form_page

bp = Blueprint("passwords", __name__, url_prefix="/password")
NO_STORE = {"Cache-Control": "no-store"}  # the reset page's URL is the credential


@bp.route("/", methods=["GET", "POST"])
@login_required
def change():
    form = PasswordChangeForm()
    if form.validate_on_submit():
        try:
            passwords.change_password(
                current_user, form.current_password.data, form.new_password.data
            )
        except AccountError as error:
            form.current_password.errors.append(str(error))
        else:
            sessions.keep(current_user)
            flash(_("Password changed. Your other sessions have been logged out."), "success")
            return redirect(url_for("auth.settings"))
    return form_page("form_page.html", form, title=_("Change password"))


@bp.route("/forgot", methods=["GET", "POST"])
def forgot():
    form = ResetRequestForm()
    if form.validate_on_submit():
        passwords.request_reset(form.email.data)
        flash(
            _(
                "If an account exists for this address, we have sent it a link to reset the "
                "password. The link works once, for one hour."
            ),
            "info",
        )
        return redirect(url_for("auth.login"))
    return render_template("form_page.html", form=form, title=_("Forgot your password?"))


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset(token: str):
    found = passwords.valid_reset(token)
    if found is None:
        message = _("This reset link is invalid, used or expired. Please ask for a new one.")
        return render_template("error.html", code=410, message=message), 410, NO_STORE
    form = NewPasswordForm()
    if form.validate_on_submit():
        try:
            passwords.complete_reset(found, form.new_password.data)
        except AccountError as error:
            form.new_password.errors.append(str(error))
        else:
            flash(_("Your password has been reset. Please log in."), "success")
            return redirect(url_for("auth.login"))
    page, status = form_page("form_page.html", form, title=_("Choose a new password"))
    return page, status, NO_STORE
