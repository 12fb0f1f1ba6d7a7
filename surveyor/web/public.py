"""The entry page and the health check used by load balancers."""

from flask import Blueprint, redirect, url_for
from flask_login import current_user

from surveyor import database

bp = Blueprint("public", __name__)


@bp.get("/")
def index():
    if current_user.is_authenticated:
        home = "shop.index" if current_user.is_shopper else "clients.index"
        return redirect(url_for(home))
    return redirect(url_for("auth.login"))


@bp.get("/healthz")
def health():
    database.ping()
    return {"status": "ok"}
