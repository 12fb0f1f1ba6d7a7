"""Administrators manage accounts and which clients each consultant or viewer may see."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from surveyor.forms import choices
from surveyor.forms.users import LocationAccessForm, UserForm
from surveyor.labels import ROLES
from surveyor.services import tenancy
from surveyor.services.accounts import accounts
from surveyor.services.accounts.accounts import AccountError
from surveyor.services.projects import journey

bp = Blueprint("users", __name__, url_prefix="/admin/users")


@bp.get("/")
def index():
    return render_template(
        "users/index.html",
        users=accounts.all_users(),
        role_labels=ROLES,
        limitable=tenancy.may_be_location_limited,
    )


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


@bp.route("/<int:user_id>/locations", methods=["GET", "POST"])
def locations(user_id: int):
    """Client viewers limited to their region or branch (results by location); any other role
    is refused with a page that says why."""
    target = tenancy.get_limitable_user(current_user, user_id)
    grantable = tenancy.grantable_locations(target)
    form = LocationAccessForm(location_ids=sorted(tenancy.granted_location_ids(target)))
    form.location_ids.choices = choices(
        (location.id, f"{location.project.name}: {location.name}") for location in grantable
    )
    if form.validate_on_submit():
        tenancy.set_location_access(current_user, target, form.location_ids.data)
        flash(_("Location access saved."), "success")
        return redirect(url_for("users.index"))
    return render_template(
        "form_page.html", form=form, title=_("Locations of %(email)s", email=target.email)
    )
