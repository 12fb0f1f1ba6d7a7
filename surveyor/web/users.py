"""Administrators manage accounts and which clients each consultant or viewer may see."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from surveyor.forms import choices
from surveyor.forms.users import UserForm
from surveyor.services import accounts, journey
from surveyor.services.accounts import AccountError

bp = Blueprint("users", __name__, url_prefix="/admin/users")


@bp.before_request
@login_required
def require_admin() -> None:
    """Admins only; the role guard answers everyone else 404."""


@bp.get("/")
def index():
    return render_template("users/index.html", users=accounts.all_users())


@bp.route("/new", methods=["GET", "POST"])
def create():
    form = UserForm()
    clients = journey.clients_for(current_user)
    form.client_ids.choices = choices((client.id, client.name) for client in clients)
    if form.validate_on_submit():
        chosen = [client for client in clients if client.id in form.client_ids.data]
        try:
            accounts.create_account(
                current_user,
                form.email.data,
                form.password.data,
                form.role.data,
                name=form.name.data,
                clients=chosen,
            )
        except AccountError as error:
            form.email.errors.append(str(error))
        else:
            flash(_("User created."), "success")
            return redirect(url_for("users.index"))
    return render_template("form_page.html", form=form, title=_("New user"))
